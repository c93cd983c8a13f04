#!/bin/bash
# The server of the diskless boot test, run by tests/vm/run with a NIC on the
# private L2 (tests/vm/diskless passes it in IET_VM_QEMU_ARGS):
#
#   server.sh DISK_IMAGE CLIENT_MAC [WAIT_SECONDS [proxy|site]]
#
# proxy (the default): ietd's proxyDHCP hands out the boot files. site: the
# site's DHCP server does, as an OpenWrt router's dnsmasq is set up for a
# boot server (a tag on option 175, next-server ietd), and ietd serves only
# TFTP, HTTP and iSCSI.
#
# eth0 gets 10.77.0.1/24 and serves the LV holding DISK_IMAGE with ietd's
# proxyDHCP, TFTP, HTTP menu and iSCSI.  The site's router (plain DHCP from
# dnsmasq, no boot options, no DNS) lives in a network namespace of its own
# on a macvlan of eth0 at 10.77.0.254, so that both own UDP port 67.
# Prints IET-DISKLESS-READY when all listens (and writes $IET_OUT/ready),
# then, while the client boots, sends ietd malformed DHCP, TFTP and HTTP
# traffic (boot/noise.py) until boot-done comes from the host, or
# WAIT_SECONDS (default 240); then checks that the client's initiator had
# a session and that ietd is still there.
set -eu -o pipefail
. "$IET_TOP/tests/vm/lib.sh"

(($# >= 2)) || die "usage: server.sh DISK_IMAGE CLIENT_MAC [WAIT_SECONDS]"
image=$1
mac=$2
wait_s=${3:-240}
mode=${4:-proxy}
[[ $mode == proxy || $mode == site ]] || die "mode $mode: proxy or site"
[[ -f $image ]] || die "no disk image $image"

TARGET=iqn.2026-11.org.example:diskless
CLIENT_IQN=iqn.2026-11.org.example:diskless-client
ADDR=10.77.0.1
ROUTER=10.77.0.254
DONE_HOST=$IET_TOP/build/vm/boot-done
DONE_OUT=$IET_OUT/boot-done

step "network"
modprobe e1000
modprobe macvlan
wait_for 'test -e /sys/class/net/eth0' 10 || die "no eth0"
ip link set eth0 up
ip addr add "$ADDR/24" dev eth0
ip -br addr show eth0

step "router: dnsmasq in netns router at $ROUTER ($mode)"
boot_opts=()
if [[ $mode == site ]]; then
	# The seed's router: iPXE (option 175) gets the menu, BIOS PXE
	# undionly.kpxe, the rest snponly.efi, all from ietd at $ADDR.
	boot_opts=("--dhcp-match=set:ipxe,175"
		"--dhcp-vendorclass=set:bios,PXEClient:Arch:00000"
		"--dhcp-boot=tag:!ipxe,tag:bios,undionly.kpxe,,$ADDR"
		"--dhcp-boot=tag:!ipxe,tag:!bios,snponly.efi,,$ADDR"
		"--dhcp-boot=tag:ipxe,http://$ADDR/boot.ipxe?mac=\${net0/mac}")
fi
ip netns add router
ip link add link eth0 name rt0 type macvlan mode bridge
ip link set rt0 netns router
ip -n router link set lo up
ip -n router link set rt0 up
ip -n router addr add "$ROUTER/24" dev rt0
ip -n router addr add fd77::fe/64 dev rt0 nodad
# Router advertisements (router lifetime 0) spare iPXE its wait for IPv6
# autoconfiguration on each DHCP round.
ip netns exec router dnsmasq --conf-file=/dev/null --keep-in-foreground \
	--port=0 --user=root --group=root --interface=rt0 --bind-interfaces \
	--dhcp-range=10.77.0.100,10.77.0.150,255.255.255.0,1h \
	--enable-ra --dhcp-range=fd77::,ra-only,64 --ra-param=rt0,10,0 \
	--dhcp-leasefile=/tmp/dnsmasq.leases --pid-file=/run/dnsmasq.pid \
	--log-dhcp --log-facility="$IET_OUT/dnsmasq.log" "${boot_opts[@]}" &
wait_for 'test -s /run/dnsmasq.pid' 10 || die "dnsmasq did not start"

step "LV with the disk image"
lv=$(lv_setup diskless 96M)
dd if="$image" of="$lv" bs=1M conv=fsync status=none
sfdisk -l "$lv" | sed -n '/^Device/,$p'

step "ietd: proxyDHCP, TFTP, HTTP menu, target"
tftp=/tmp/iet-tftp
mkdir -p "$tftp"
cp /usr/lib/ipxe/undionly.kpxe /usr/lib/ipxe/snponly.efi "$tftp/"
cat >/etc/iet/ietd.conf <<EOF
TFTPRoot $tftp
HTTPListen $ADDR:80
$([[ $mode == site ]] || printf '%s\n' \
	"# Every interface: noise.py's packets come in on lo and must reach" \
	"# the parser (an address here would keep proxyDHCP to eth0)." \
	"ProxyDHCPListen *")
MenuTitle Diskless boot test
MenuTimeout 1
BootClient $mac Target=$TARGET,Default=san,Timeout=1,\\
	InitiatorName=$CLIENT_IQN

Target $TARGET
	Lun 0 Path=$lv,Type=blockio,ScsiSN=diskless
EOF
cat /etc/iet/ietd.conf
iet_load
# The log goes to the shared directory, where the host reads it live.
"$IET_TOP/usr/ietd" -f -c /etc/iet/ietd.conf -d 2 --pidfile /run/ietd.pid \
	>>"$IET_OUT/ietd.log" 2>&1 &
wait_for "$IET_TOP/usr/ietadm --op show --tid=1" 20 ||
	die "ietd does not answer: $(cat "$IET_OUT/ietd.log")"
[[ $mode == site ]] ||
	wait_for "grep -q proxyDHCP $(printf %q "$IET_OUT/ietd.log")" 10 ||
	die "no proxyDHCP: $(cat "$IET_OUT/ietd.log")"
cat /proc/net/iet/volume

step "self-check: menu and TFTP (from this host; a macvlan cannot reach its lower device)"
curl -sS --max-time 10 \
	"http://$ADDR/boot.ipxe?mac=$mac" >/tmp/menu.ipxe ||
	die "no menu over HTTP"
cat /tmp/menu.ipxe
grep -q "sanboot .*iscsi:$ADDR:.*:$TARGET" /tmp/menu.ipxe ||
	die "the menu has no sanboot of $TARGET"
(cd /tmp && busybox tftp -g -r undionly.kpxe -l /tmp/undionly.kpxe "$ADDR") ||
	die "TFTP failed"
cmp "$tftp/undionly.kpxe" /tmp/undionly.kpxe || die "TFTP gave another file"
log "TFTP and HTTP answer"
# The self-check's lines are not the client's.
echo "---- client from here" >>"$IET_OUT/ietd.log"

echo "IET-DISKLESS-READY $ADDR"
date +%s.%N >"$IET_OUT/ready"
python3 "$IET_TOP/tests/vm/boot/noise.py" "$ADDR" /tmp/noise.stop "$wait_s" \
	>"$IET_OUT/noise.log" 2>&1 &
noise=$!

step "serving until the host says boot-done (at most ${wait_s}s)"
end=$((SECONDS + wait_s))
: >"$IET_OUT/sessions"
while [[ ! -e $DONE_OUT && ! -e $DONE_HOST ]] && ((SECONDS < end)); do
	# Sessions come and go (iPXE's, then Linux's): keep what was seen.
	awk -v iqn="$CLIENT_IQN" '/^tid:/ { t = $0 } $0 ~ "initiator:" iqn { print t; print }' \
		/proc/net/iet/session >>"$IET_OUT/sessions"
	sleep 0.5
done
if [[ -e $DONE_OUT ]]; then
	log "boot-done from the host (out share)"
elif [[ -e $DONE_HOST ]]; then
	log "boot-done from the host ($DONE_HOST)"
else
	log "no boot-done after ${wait_s}s"
fi

step "the noise during the boot, and ietd after it"
touch /tmp/noise.stop
noise_rc=0
wait "$noise" || noise_rc=$?
cat "$IET_OUT/noise.log"
[[ $noise_rc == 0 ]] || die "malformed traffic was not refused as it should be"
kill -0 "$(cat /run/ietd.pid)" || die "ietd is gone"
curl -sS --max-time 10 -o /dev/null "http://$ADDR/boot.ipxe?mac=$mac" ||
	die "no menu after the noise"

step "what the target saw"
sort -u "$IET_OUT/sessions"
cat /proc/net/iet/session
grep -q "initiator:$CLIENT_IQN" "$IET_OUT/sessions" ||
	die "no session of $CLIENT_IQN"
[[ -e $DONE_OUT || -e $DONE_HOST ]] || die "the client did not finish"
kill "$(cat /run/dnsmasq.pid)" 2>/dev/null || true
log "server done"
