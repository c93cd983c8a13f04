#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# ietd's proxyDHCP end to end: the real daemon, linked against the
# in-memory kernel of fake_kernel.c, in a private network namespace, asked
# by dhcp_client.py as PXE ROMs, UEFI ROMs and iPXE ask, on the loopback
# and, as a ROM without an address does, by broadcast over a veth pair;
# and sent malformed packets, which must change nothing.

. "$(dirname "$0")/e2e_lib.sh"
e2e_netns e2e_dhcp "$0" "$@"
e2e_needs e2e_dhcp python3
e2e_setup dhcp
CLIENT=(python3 "$PWD/dhcp_client.py")

ietd_ready() {
	logged "dhcp: proxyDHCP on ports"
}

# A ROM without an address on v1; ietd's side, v0, is 10.9.0.1.
veth=
if ip link add v0 type veth peer name v1 2>/dev/null; then
	ip addr add 10.9.0.1/24 dev v0
	ip link set v0 up
	ip link set v1 up
	veth=1
else
	echo "e2e_dhcp: no veth, broadcasts not tried"
fi

# ---- every address, the menu's URL from HTTPListen ----
# iPXE fills in the MAC.
# shellcheck disable=SC2016
menu='http://127.0.0.1:8080/boot.ipxe?mac=${netX/mac}'
cat >"$dir/conf" <<CONF
ProxyDHCPListen *
HTTPListen *:8080
CONF
ietd_start || exit 1
holds "ietd -t took the keys" "$IETD" -t -c "$dir/conf" >/dev/null
holds "unicast" "${CLIENT[@]}" unicast \
	--ipxe "$menu"
holds "an OFFER was not logged" \
	logged "dhcp: offered undionly.kpxe to 52:54:00:12:34:56 (arch 0)"
holds "an ACK was not logged" \
	logged "dhcp: acked snponly.efi to 52:54:00:12:34:56 (arch 7)"
holds "an ignored packet was not logged" logged "dhcp: ignored a packet"
if [ -n "$veth" ]; then
	# The veth comes up in the background: try for a while.
	for _ in 1 2 3 4 5; do
		"${CLIENT[@]}" -H 10.9.0.1 broadcast v1 undionly.kpxe \
			>"$dir/bc" 2>&1 && break
		sleep 0.5
	done
	holds "broadcast: $(cat "$dir/bc")" test ! -s "$dir/bc"
fi
# A reload takes new files at once, the sockets at the next start.
printf 'ProxyDHCPListen *:6767\nBootFileBIOS bios/ipxe.pxe\n' >"$dir/conf"
kill -HUP "$pid"
for _ in $(seq 100); do
	logged "take effect at the next start" && break
	sleep 0.1
done
holds "a changed ProxyDHCPListen was not warned about" \
	logged "ProxyDHCPListen and ProxyDHCPPXEPort changes take effect at the next start"
# HTTPListen too waits for the next start: the menu is still there.
holds "unicast after a reload" "${CLIENT[@]}" unicast --bios bios/ipxe.pxe \
	--ipxe "$menu"
ietd_stop

# ---- one interface, other ports, other files, no HTTP ----
cat >"$dir/conf" <<CONF
ProxyDHCPListen 127.0.0.1:6767
ProxyDHCPPXEPort 6768
BootFileEFI ipxe.efi
BootFileIPXE tftp://127.0.0.1/menu.ipxe
CONF
ietd_start || exit 1
holds "unicast on other ports" "${CLIENT[@]}" -p 6767 -x 6768 unicast \
	--efi ipxe.efi --ipxe tftp://127.0.0.1/menu.ipxe
holds "port 67 answered" "${CLIENT[@]}" silent
if [ -n "$veth" ]; then
	holds "another interface answered" "${CLIENT[@]}" -H 10.9.0.1 \
		-p 6767 silent
fi
ietd_stop

# ---- iPXE clients with no menu and no file: not answered ----
printf 'ProxyDHCPListen *\n' >"$dir/conf"
ietd_start || exit 1
holds "unicast, no menu" "${CLIENT[@]}" unicast --ipxe -
holds "an iPXE client without a file was not logged" \
	logged "no BootFileIPXE and no HTTPListen for iPXE clients"
ietd_stop

# ---- mistakes: FILE:LINE, and a port taken ----
check_conf() {
	local conf=$1 want=$2

	printf '%b' "$conf" >"$dir/conf"
	holds "ietd -t took: $conf" fails "$IETD" -t -c "$dir/conf" \
		2>"$dir/err"
	holds "ietd -t: $(cat "$dir/err"), not $want" \
		grep -qF "$dir/conf:$want" "$dir/err"
}
check_conf 'ProxyDHCPListen [::1]\n' \
	"1: ProxyDHCPListen '[::1]' is not an IPv4 ADDR[:PORT]"
check_conf '# x\nProxyDHCPListen 10.0.0.1:0\n' \
	"2: ProxyDHCPListen '10.0.0.1:0' is not an IPv4 ADDR[:PORT]"
check_conf 'ProxyDHCPPXEPort 70000\n' \
	"1: ProxyDHCPPXEPort '70000' is not a port"
check_conf 'BootFileBIOS a\nBootFileBIOS b\n' \
	"2: BootFileBIOS is already given on line 1"
check_conf "BootFileEFI $(printf 'x%.0s' $(seq 128))\n" \
	"1: BootFileEFI: 'xxx"
check_conf 'BootFileIPXE\n' "1: BootFileIPXE takes one value"
check_conf 'Target iqn.2026-11.org.example:a\nBootFileBIOS a\n' \
	"2: BootFileBIOS belongs to the global section"

printf 'ProxyDHCPListen 10.11.12.13\n' >"$dir/conf"
holds "an address of no interface was taken" fails "$IETD" -f \
	-c "$dir/conf" --pidfile "$dir/pid" 2>"$dir/err"
holds "an address of no interface: $(cat "$dir/err")" grep -qF \
	"$dir/conf:1: ProxyDHCPListen: no interface has the address 10.11.12.13" \
	"$dir/err"
# taken PORT WANT: with PORT held, ietd does not start and says WANT.
# The holder says when it holds the port (a loaded machine may take long
# to start it); an ietd that wrongly starts is stopped after 10 s.
taken() {
	local holder

	rm -f "$dir/held"
	python3 -c 'import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("0.0.0.0", int(sys.argv[1])))
open(sys.argv[2], "w").close()
time.sleep(60)' "$1" "$dir/held" &
	holder=$!
	for _ in $(seq 100); do
		[ -e "$dir/held" ] && break
		sleep 0.1
	done
	holds "a taken port $1 was not refused" fails timeout 10 "$IETD" -f \
		-c "$dir/conf" --pidfile "$dir/pid" 2>"$dir/err"
	holds "a taken port $1: $(cat "$dir/err")" grep -qF "$dir/conf:$2" \
		"$dir/err"
	kill "$holder" 2>/dev/null
	wait "$holder" 2>/dev/null
}
printf 'ProxyDHCPListen *\nProxyDHCPPXEPort 4012\n' >"$dir/conf"
taken 67 "1: ProxyDHCPListen: UDP port 67 is taken"
taken 4012 "2: proxyDHCP: cannot bind UDP port 4012: Address already in use"

e2e_end e2e_dhcp
