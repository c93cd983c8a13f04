#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# ietd's HTTP server end to end: the real daemon, linked against the
# in-memory kernel of fake_kernel.c, in a private network namespace, asked
# by curl for the iPXE menu of two clients and for files, and abused by
# http_abuse.py while curl still gets its menu.

. "$(dirname "$0")/e2e_lib.sh"
e2e_netns e2e_http "$0" "$@"
e2e_needs e2e_http curl python3
e2e_setup http
ABUSE="python3 $PWD/http_abuse.py"
ex=iqn.2026-11.org.example
url=http://127.0.0.1:8080

# has FILE TEXT: FILE holds the line TEXT.
has() {
	grep -qxF -- "$2" "$1"
}

lacks() {
	! grep -qF -- "$2" "$1"
}

# code URL [CURL ARGS]: the status curl gets.
code() {
	local u=$1
	shift
	curl -s -o /dev/null -w '%{http_code}' "$@" "$u"
}

mkdir "$dir/root" "$dir/root/sub"
head -c 100000 /dev/urandom >"$dir/root/big.img"
echo '#!ipxe' >"$dir/root/sub/x.ipxe"
echo secret >"$dir/outside"
ln -s ../outside "$dir/root/out"
ln -s sub/x.ipxe "$dir/root/in"

cat >"$dir/conf" <<CONF
HTTPListen *:8080
HTTPRoot $dir/root
MenuTitle Room 42 \${evil}
MenuTimeout 7
BootClient 52:54:00:00:00:01 Target=$ex:desk01,InitiatorName=$ex:pc1,\\
	User=joe,Timeout=3
BootClient pc2 Target=$ex:desk02,Lun=1,InitiatorName=$ex:pc2
BootClient 52:54:00:00:00:03 Default=shell
Target $ex:desk01
	Alias Desk one
	IncomingUser joe secretsecret12
	OutgoingUser tgt tgt-secret-4567
	Lun 0 Type=nullio
Target $ex:desk02
	Alias injected || shell
	Lun 0 Type=nullio
CONF
"$IETD" -f -d 1 -c "$dir/conf" --pidfile "$dir/pid" >>"$dir/log" 2>&1 &
pid=$!
for _ in $(seq 50); do
	curl -s -o /dev/null "$url/boot.ipxe" && break
	sleep 0.1
done
# LUNs the kernel has but ietd.conf does not: the menu is live.
"$IETADM" --op new --tid=2 --lun=1 --params Type=nullio ||
	bad "ietadm LUN 1"
"$IETADM" --op new --tid=0 --params "Name=$ex:added" || bad "ietadm target"
"$IETADM" --op new --tid=3 --lun=0 --params Type=nullio || bad "ietadm LUN"

# ---- the menu for two clients ----
curl -s -o "$dir/m1" "$url/boot.ipxe?mac=52%3A54%3A00%3A00%3A00%3A01&hostname=pc1"
curl -s -o "$dir/m2" "$url/boot.ipxe?mac=52:54:00:00:00:02&hostname=PC2"
curl -s -o "$dir/m0" "$url/"
holds "menu starts with #!ipxe" test "$(head -1 "$dir/m1")" = '#!ipxe'
holds "pc1's initiator" has "$dir/m1" "set initiator-iqn $ex:pc1"
holds "pc1's CHAP" has "$dir/m1" "set password secretsecret12"
holds "pc1's mutual CHAP" has "$dir/m1" "set reverse-password tgt-secret-4567"
holds "pc1's default and timeout" \
	has "$dir/m1" "choose --default t1l0 --timeout 3000 choice || goto shell"
holds "pc2's initiator" has "$dir/m2" "set initiator-iqn $ex:pc2"
holds "no CHAP for pc2" lacks "$dir/m2" "password"
holds "pc2's default and timeout" \
	has "$dir/m2" "choose --default t2l1 --timeout 7000 choice || goto shell"
holds "no CHAP for an unknown client" lacks "$dir/m0" "password"
holds "unknown client: local disk" \
	has "$dir/m0" "choose --default local --timeout 7000 choice || goto shell"
holds "sanboot item" \
	has "$dir/m0" "sanboot iscsi:127.0.0.1::3260:0:$ex:desk01 || goto failed"
holds "a LUN added with ietadm, in hex" \
	has "$dir/m0" "sanboot iscsi:127.0.0.1::3260:1:$ex:desk02 || goto failed"
holds "a target added with ietadm" \
	has "$dir/m0" "sanboot iscsi:127.0.0.1::3260:0:$ex:added || goto failed"
holds "local disk item" \
	has "$dir/m0" "sanboot --no-describe --drive 0x80 || goto failed"
holds "shell item" has "$dir/m0" "item shell iPXE shell"
holds "alias escaped" has "$dir/m0" "item t2l0 $ex:desk02 LUN 0 (injected __ shell)"
holds "title escaped" has "$dir/m0" "menu Room 42 __evil_"
# shellcheck disable=SC2016 # a literal ${
holds "only our \${...}" test "$(grep -c '\${' "$dir/m0")" = 1
curl -s -o "$dir/m6" "http://[::1]:8080/boot.ipxe"
holds "IPv6 server in brackets" \
	has "$dir/m6" "sanboot iscsi:[::1]::3260:0:$ex:desk01 || goto failed"
holds "bad MAC: 400" test "$(code "$url/boot.ipxe?mac=52:54:00")" = 400
holds "bad hostname: 400" \
	test "$(code "$url/boot.ipxe?hostname=a%24%7Bx%7D")" = 400

# ---- HEAD, Range, keep-alive ----
curl -s -I "$url/boot.ipxe" >"$dir/head"
holds "HEAD: 200" grep -q '^HTTP/1.1 200' "$dir/head"
holds "HEAD: Content-Length of the menu" \
	grep -qi "^Content-Length: $(wc -c <"$dir/m0")" "$dir/head"
curl -s -r 1000-1999 -D "$dir/rh" -o "$dir/part" "$url/big.img"
holds "Range: 206" grep -q '^HTTP/1.1 206' "$dir/rh"
holds "Range: Content-Range" \
	grep -qi '^Content-Range: bytes 1000-1999/100000' "$dir/rh"
holds "Range: the bytes" \
	cmp -s "$dir/part" <(tail -c +1001 "$dir/root/big.img" | head -c 1000)
curl -s -r -500 -o "$dir/tail" "$url/big.img"
holds "suffix Range" cmp -s "$dir/tail" <(tail -c 500 "$dir/root/big.img")
holds "416" test "$(code "$url/big.img" -r 100000-)" = 416
curl -s -o "$dir/whole" "$url/big.img"
holds "whole file" cmp -s "$dir/whole" "$dir/root/big.img"
curl -sv -o /dev/null -o /dev/null "$url/boot.ipxe" "$url/sub/x.ipxe" \
	2>"$dir/ka"
holds "keep-alive" grep -q "Re-using existing connection" "$dir/ka"
curl -sv -o /dev/null -o /dev/null -H 'Connection: close' \
	"$url/boot.ipxe" "$url/sub/x.ipxe" 2>"$dir/ka2"
holds "Connection: close" lacks "$dir/ka2" "Re-using existing connection"
curl -sv --http1.0 -H 'Connection: keep-alive' -o /dev/null -o /dev/null \
	"$url/boot.ipxe" "$url/sub/x.ipxe" 2>"$dir/ka3"
holds "HTTP/1.0 keep-alive" grep -q "Re-using existing connection" "$dir/ka3"
curl -sv --http1.0 -o /dev/null -o /dev/null \
	"$url/boot.ipxe" "$url/sub/x.ipxe" 2>"$dir/ka4"
holds "HTTP/1.0 closes" lacks "$dir/ka4" "Re-using existing connection"

# ---- refusals ----
holds "404" test "$(code "$url/nothing")" = 404
holds "405" test "$(code "$url/boot.ipxe" -X POST)" = 405
holds "a link inside the root" test "$(code "$url/in")" = 200
holds "a link out of the root" test "$(code "$url/out")" = 403
holds ".. refused" test "$(code "$url/../outside" --path-as-is)" = 403
holds "%2e%2e refused" \
	test "$(code "$url/sub/%2e%2e/%2e%2e/outside" --path-as-is)" = 403
holds "a directory is no file" test "$(code "$url/sub")" = 404

# ---- abuse while a client boots ----
$ABUSE 127.0.0.1 8080 idle >"$dir/idle" &
idle=$!
for c in headers field line garbage; do
	$ABUSE 127.0.0.1 8080 $c &
	eval "abuse_$c=\$!"
done
sleep 0.2
holds "menu during abuse" \
	test "$(code "$url/boot.ipxe?mac=52:54:00:00:00:01" -m 10)" = 200
for c in headers field line garbage; do
	eval "holds \"refused: $c\" wait \$abuse_$c"
done
holds "idle connection dropped" wait $idle
holds "ietd still running" kill -0 "$pid"

# ---- connection caps: 16 from one address, 64 in all ----
# until_held FILE...: each holder has opened its connections.
until_held() {
	local f
	for _ in $(seq 200); do
		for f in "$@"; do
			grep -q held "$f" 2>/dev/null || continue 2
		done
		return 0
	done
	return 1
}

$ABUSE 127.0.0.1 8080 hold 30 127.0.0.2 "$dir/go1" >"$dir/hold1" &
h=$!
until_held "$dir/hold1"
holds "menu beside a greedy address" \
	test "$(code "$url/boot.ipxe" -m 5)" = 200
touch "$dir/go1"
wait $h
holds "16 kept from one address: $(tail -1 "$dir/hold1")" \
	test "$(tail -1 "$dir/hold1")" = 16
for i in 3 4 5 6 7; do
	$ABUSE 127.0.0.1 8080 hold 16 127.0.0.$i "$dir/go" >"$dir/hold$i" &
	eval "h$i=\$!"
done
until_held "$dir"/hold[3-7]
holds "menu while 80 idle connections wait" \
	test "$(code "$url/boot.ipxe" -m 5)" = 200
# Connections the listen queue held back are accepted, and evict, later.
sleep 2
touch "$dir/go"
for i in 3 4 5 6 7; do
	eval "wait \$h$i"
done
held=$(for i in 3 4 5 6 7; do tail -1 "$dir/hold$i"; done | paste -sd+ | bc)
holds "at most 64 held in all: $held" test "$held" -le 64

# ---- SIGHUP: the menu keys change, HTTPListen waits for a restart ----
sed -i 's/^MenuTimeout 7$/MenuTimeout 9/; s/^HTTPListen .*/HTTPListen *:8081/' \
	"$dir/conf"
kill -HUP "$pid"
for _ in $(seq 50); do
	grep -q "HTTPListen changes at the next start" "$dir/log" && break
	sleep 0.1
done
holds "HTTPListen change logged" \
	grep -q "HTTPListen changes at the next start" "$dir/log"
curl -s -o "$dir/m9" "$url/boot.ipxe"
holds "MenuTimeout reloaded" \
	has "$dir/m9" "choose --default local --timeout 9000 choice || goto shell"

kill "$pid"
wait "$pid"
pid=
if [ "$failed" != 0 ]; then
	echo "--- ietd log:"
	tail -30 "$dir/log"
fi
e2e_end e2e_http
