#!/bin/bash
# First light with open-iscsi: discovery over IPv4 and IPv6, a filesystem
# on an LV that keeps every byte across logout and login, fio with verify,
# SYNCHRONIZE CACHE reaching the disk under the LV, and the session file.
set -eu -o pipefail
. "$IET_TOP/tests/vm/lib.sh"

t1=iqn.2026-11.org.example:desk01
t2=iqn.2026-11.org.example:scratch
ini=iqn.2026-11.org.example:guest

lv=$(lv_setup desk01 512M)
cat >/etc/iet/ietd.conf <<EOT
Target $t1
	Lun 0 Path=$lv,Type=blockio,ScsiSN=desk01sn
Target $t2
	Lun 0 Type=nullio,Blocks=262144
	Lun 3 Type=nullio,BlockSize=4096
EOT
iet_start /etc/iet/ietd.conf
initiator_start "$ini"

step "discovery over 127.0.0.1 and [::1]"
for portal in 127.0.0.1 '[::1]'; do
	out=$(iscsiadm -m discovery -t st -p "$portal")
	echo "$out"
	grep -q "$t1" <<<"$out" && grep -q "$t2" <<<"$out" ||
		die "discovery over $portal misses a target"
done

step "login, mkfs, 256 MiB of files with their sums"
iscsiadm -m node -T "$t1" -p 127.0.0.1 --login
disk=$(iscsi_disk "$t1")
echo "disk $disk"
mkfs.ext4 -q -F "$disk"
mkdir -p /tmp/mnt
mount "$disk" /tmp/mnt
for i in $(seq 1 16); do
	head -c 16M /dev/urandom >/tmp/mnt/f$i
done
(cd /tmp/mnt && sha256sum f*) >/tmp/sums
umount /tmp/mnt

step "/proc/net/iet/session while logged in"
cat /proc/net/iet/session
sid=$(sed -n 's/^\tsid:\([0-9]*\) initiator:.*/\1/p' /proc/net/iet/session)
printf '%s\n' "tid:1 name:$t1" "	sid:$sid initiator:$ini" \
	"		cid:0 ip:127.0.0.1 state:active hd:none dd:none" \
	"tid:2 name:$t2" >/tmp/session.expected
cat /proc/net/iet/session | cmp - /tmp/session.expected ||
	die "/proc/net/iet/session is not as expected"
[ $((sid >> 48)) -ne 0 ] || die "sid $sid has no TSIH"

step "ietd restarts under the live session, which goes on"
kill -9 "$(cat /run/ietd.pid)"
"$IET_TOP/usr/ietd" -f -c /etc/iet/ietd.conf -d 1 --pidfile /run/ietd.pid \
	>>/tmp/ietd.log 2>&1 &
wait_for "$IET_TOP/usr/ietadm --op show --tid=1" 20 || die "ietd did not restart"
cat /proc/net/iet/session | cmp - /tmp/session.expected ||
	die "the session changed across the restart"
dd if="$disk" of=/dev/null bs=1M count=16 iflag=direct status=none ||
	die "no I/O after the restart"
iscsiadm -m node -T "$t1" -p 127.0.0.1 --logout
wait_for "! grep -q sid: /proc/net/iet/session" 10 ||
	die "the session outlived its logout"

step "login again, every sum matches, e2fsck is clean"
iscsiadm -m node -T "$t1" -p 127.0.0.1 --login
disk=$(iscsi_disk "$t1")
e2fsck -fn "$disk"
mount "$disk" /tmp/mnt
(cd /tmp/mnt && sha256sum -c --quiet /tmp/sums) || die "a sum differs"
umount /tmp/mnt

step "the same over [::1]"
iscsiadm -m node -T "$t1" -p 127.0.0.1 --logout
iscsiadm -m node -T "$t1" -p '[::1]' --login
disk=$(iscsi_disk "$t1")
grep -qx "		cid:0 ip:\[0000:0000:0000:0000:0000:0000:0000:0001\] state:active hd:none dd:none" \
	/proc/net/iet/session || die "no IPv6 connection in: $(cat /proc/net/iet/session)"
mount "$disk" /tmp/mnt
for i in $(seq 17 20); do
	head -c 16M /dev/urandom >/tmp/mnt/f$i
done
(cd /tmp/mnt && sha256sum f*) >/tmp/sums
umount /tmp/mnt
iscsiadm -m node -T "$t1" -p '[::1]' --logout
iscsiadm -m node -T "$t1" -p '[::1]' --login
disk=$(iscsi_disk "$t1")
e2fsck -fn "$disk"
mount "$disk" /tmp/mnt
(cd /tmp/mnt && sha256sum -c --quiet /tmp/sums) || die "a sum differs over [::1]"
umount /tmp/mnt

step "SYNCHRONIZE CACHE reaches the disk under the LV"
pv=$(lvm_ lvs --noheadings -o devices "$lv" | sed 's/(.*//; s/ //g')
pvname=$(basename "$pv")
flushes() { awk '{ print $16 }' "/sys/block/$pvname/stat"; }
before=$(flushes)
sg_sync "$disk"
after=$(flushes)
echo "flushes of $pvname: $before -> $after"
[ "$after" -gt "$before" ] || die "sg_sync did not flush $pvname"

step "sg_luns and sg_vpd"
sg_luns "$disk"
sg_vpd -p di "$disk" | tee /tmp/vpd
grep -qi 'vendor specific\|T10 vendor' /tmp/vpd || die "no designator"

step "fio --verify=crc32c, four jobs, 4k-1M, queue depth 16"
cd /tmp
fio --name=verify --filename="$disk" --direct=1 --ioengine=libaio \
	--rw=randrw --bsrange=4k-1M --iodepth=16 --numjobs=4 \
	--size=64M --offset_increment=96M --verify=crc32c --verify_fatal=1 \
	--group_reporting --output=/tmp/fio.out || {
	cat /tmp/fio.out
	die "fio failed"
}
grep -E 'READ:|WRITE:' /tmp/fio.out

step "a second initiator name gives a second session"
iscsiadm -m iface -I second -o new >/dev/null
iscsiadm -m iface -I second -o update -n iface.initiatorname \
	-v iqn.2026-11.org.example:second >/dev/null
iscsiadm -m discovery -t st -p 127.0.0.1 -I second >/dev/null
iscsiadm -m node -T "$t2" -p 127.0.0.1 -I second --login
[ "$(grep -c 'sid:' /proc/net/iet/session)" -eq 2 ] ||
	die "not two sessions"
grep -q "initiator:iqn.2026-11.org.example:second" /proc/net/iet/session ||
	die "the second initiator name is missing"

step "a connection that dies without logout is gone soon"
# iscsid dies and one connection is cut as a cable pull would: the other
# session must live on.
pkill -9 iscsid
port=$(ss -tnH state established dst 127.0.0.1:3260 |
	awk '{ sub(/.*:/, "", $3); print $3 }' | head -n 1)
[ -n "$port" ] || die "no initiator connection to cut"
ss -K state established dst 127.0.0.1:3260 sport = :"$port" >/dev/null
wait_for '[ "$(grep -c sid: /proc/net/iet/session)" -eq 1 ]' 30 ||
	die "the cut session stays: $(cat /proc/net/iet/session)"

step "rmmod ends the live session"
rmmod iscsi_trgt
[ ! -e /proc/net/iet ] || die "/proc/net/iet outlived rmmod"
echo "openiscsi: all steps passed"
