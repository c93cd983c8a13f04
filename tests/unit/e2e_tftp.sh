#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# ietd's TFTP server end to end: the real daemon, linked against the
# in-memory kernel of fake_kernel.c, in a private network namespace with
# its own loopback, read by real clients (curl, atftp, tftp-hpa's tftp)
# and by tftp_client.py, which also sends malformed packets, loses ACKs
# and never answers.

. "$(dirname "$0")/e2e_lib.sh"
e2e_netns e2e_tftp "$0" "$@"
e2e_needs e2e_tftp python3 curl
e2e_setup tftp
CLIENT=(python3 "$PWD/tftp_client.py")
root=$dir/root
out=$dir/out

ietd_ready() {
	logged "tftp: serving"
}

# same NAME: the copy in $out is the file in $root.
same() {
	cmp -s "$root/$1" "$out/$2"
}

mkdir -p "$root/sub" "$out" "$dir/outside"
: >"$root/empty"
head -c 512 /dev/urandom >"$root/one"
head -c 1048576 /dev/urandom >"$root/rand1m"
# Over 65535 blocks of 512 bytes: the block number wraps to 0.
head -c $((33 * 1048576 + 100)) /dev/urandom >"$root/big"
printf 'line one\nline two\r\nbare cr\r\n\n' >"$root/text"
cp "$root/one" "$root/sub/inside"
echo secret >"$dir/outside/secret"
ln -s "$dir/outside/secret" "$root/escape"
ln -s ../../outside/secret "$root/sub/up"
ln -s ../one "$root/sub/link"

cat >"$dir/conf" <<CONF
TFTPRoot $root
CONF
ietd_start || exit 1

# ---- curl: default blksize (512) and 1428, refused paths ----
for f in empty one rand1m big sub/inside sub/link; do
	n=${f//\//_}
	holds "curl $f" curl -sS -o "$out/c-$n" "tftp://127.0.0.1/$f"
	holds "curl $f differs" same "$f" "c-$n"
done
holds "curl blksize 1428" \
	curl -sS --tftp-blksize 1428 -o "$out/c-1428" tftp://127.0.0.1/rand1m
holds "curl blksize 1428 differs" same rand1m c-1428
holds "curl blksize 65464" \
	curl -sS --tftp-blksize 65464 -o "$out/c-max" tftp://127.0.0.1/big
holds "curl blksize 65464 differs" same big c-max
holds "curl over IPv6" curl -sS -o "$out/c-v6" "tftp://[::1]/rand1m"
holds "curl over IPv6 differs" same rand1m c-v6
curl -s -o "$out/x" tftp://127.0.0.1/nonexistent
holds "curl: a missing file is not 'not found' (68): $?" test $? = 68
# curl drops a literal "..", not an encoded one.
for f in escape sub/up %2e%2e/rand1m sub/%2e%2e/%2e%2e/outside/secret; do
	curl -s -o "$out/x" "tftp://127.0.0.1/$f"
	rc=$?
	holds "curl: $f is not refused (69): $rc" test $rc = 69
done
holds "a refusal was not logged" logged "tftp: refused escape: access denied"
holds "curl upload is not refused" \
	fails curl -s -T "$root/one" tftp://127.0.0.1/upload
holds "an upload was written" test ! -e "$root/upload"

# ---- atftp: blksize, tsize, windowsize ----
if command -v atftp >/dev/null; then
	for f in empty one rand1m big; do
		holds "atftp $f" atftp --option "blksize 1428" \
			--option "tsize 0" --option "windowsize 8" \
			-g -r "$f" -l "$out/a-$f" 127.0.0.1 >/dev/null 2>&1
		holds "atftp $f differs" same "$f" "a-$f"
	done
	holds "atftp windowsize 64" atftp --option "blksize 512" \
		--option "windowsize 64" -g -r big -l "$out/a-w64" \
		127.0.0.1 >/dev/null 2>&1
	holds "atftp windowsize 64 differs" same big a-w64
	holds "the windowsize was not logged" \
		logged "sent big to 127.0.0.1"
else
	echo "e2e_tftp: atftp not installed, skipped"
fi

# ---- tftp-hpa: octet over IPv4 and IPv6, netascii ----
if command -v tftp >/dev/null; then
	holds "tftp-hpa" tftp 127.0.0.1 -m octet -c get rand1m "$out/h-rand"
	holds "tftp-hpa differs" same rand1m h-rand
	# netascii both ways gives the file back as it was.
	holds "tftp-hpa netascii" tftp 127.0.0.1 -m netascii -c get text \
		"$out/h-text"
	holds "tftp-hpa netascii differs" same text h-text
	# tftp-hpa asks for AI_ADDRCONFIG: IPv6 beyond ::1, for a while.
	ip addr add fd00::69/128 dev lo
	holds "tftp-hpa over IPv6" tftp -6 fd00::69 -m octet -c get one \
		"$out/h-v6"
	holds "tftp-hpa over IPv6 differs" same one h-v6
	ip addr del fd00::69/128 dev lo
else
	echo "e2e_tftp: tftp-hpa not installed, skipped"
fi

# ---- the raw protocol: options, netascii on the wire ----
holds "raw get" "${CLIENT[@]}" get rand1m "$out/r-1" --blksize 1432 --tsize \
	--window 16 --timeout 3
holds "raw get differs" same rand1m r-1
holds "raw get, asked twice" "${CLIENT[@]}" get rand1m "$out/r-3" --twice \
	--blksize 1024 --tsize
holds "raw get, asked twice, differs" same rand1m r-3
holds "raw get blksize over the top" "${CLIENT[@]}" get one "$out/r-2" \
	--blksize 70000 --tsize
holds "raw netascii" "${CLIENT[@]}" get text "$out/r-text" --mode netascii
wire='line one\r\nline two\r\0\r\nbare cr\r\0\r\n\r\n'
# shellcheck disable=SC2059
holds "raw netascii is not CR LF and CR NUL" \
	cmp -s "$out/r-text" <(printf "$wire")
holds "raw refusals" "${CLIENT[@]}" refused

# ---- several clients at once, beside malformed packets and losses ----
"${CLIENT[@]}" giveup one >"$dir/giveup" 2>&1 &
giveup=$!
pids=()
for i in 1 2 3 4; do
	curl -sS -o "$out/m-c$i" tftp://127.0.0.1/rand1m & pids+=($!)
	"${CLIENT[@]}" get big "$out/m-r$i" --blksize 1024 --window $((i * 4)) &
	pids+=($!)
done
"${CLIENT[@]}" malformed rand1m "$root/rand1m" >"$dir/malformed" 2>&1 &
pids+=($!)
"${CLIENT[@]}" lost rand1m "$root/rand1m" >"$dir/lost" 2>&1 &
pids+=($!)
for p in "${pids[@]}"; do
	wait "$p" || bad "a client at once failed"
done
for i in 1 2 3 4; do
	holds "curl at once $i differs" same rand1m "m-c$i"
	holds "raw at once $i differs" same big "m-r$i"
done
holds "malformed: $(cat "$dir/malformed")" test ! -s "$dir/malformed"
holds "lost ACKs: $(cat "$dir/lost")" test ! -s "$dir/lost"

wait "$giveup"
holds "give-up: $(cat "$dir/giveup")" \
	grep -q "^giveup: [4-6] sends" "$dir/giveup"
holds "the give-up was not logged" logged "ended: timed out"

# ---- the cap on transfers ----
holds "cap" "${CLIENT[@]}" cap 140 one >"$dir/cap"
holds "the cap did not hold: $(cat "$dir/cap")" \
	grep -qx "taken 128 of 140" "$dir/cap"
holds "the cap was not logged" logged "tftp: 128 transfers at once"
holds "a transfer after the cap" curl -sS -o "$out/after" \
	tftp://127.0.0.1/one
holds "a transfer after the cap differs" same one after
ietd_stop

# ---- TFTPListen ----
cat >"$dir/conf" <<CONF
TFTPRoot $root
TFTPListen [::1]:6969
CONF
ietd_start || exit 1
holds "TFTPListen [::1]:6969" curl -sS -o "$out/l-1" "tftp://[::1]:6969/one"
holds "TFTPListen [::1]:6969 differs" same one l-1
holds "IPv4 was listened on" fails curl -s --max-time 3 -o "$out/l-2" \
	tftp://127.0.0.1:6969/one
# A reload keeps the listeners of the start, and says so.
sed -i 's/6969/7070/' "$dir/conf"
kill -HUP "$pid"
for _ in $(seq 30); do
	logged "take effect at the next start" && break
	sleep 0.1
done
holds "a changed TFTPListen was not warned about" \
	logged "TFTPRoot and TFTPListen changes take effect at the next start"
holds "TFTPListen after a reload" curl -sS -o "$out/l-3" \
	"tftp://[::1]:6969/one"
ietd_stop

printf 'TFTPRoot %s\nTFTPListen 10.0.0.1:0\n' "$root" >"$dir/conf"
holds "a bad TFTPListen was taken" fails "$IETD" -f -c "$dir/conf" \
	--pidfile "$dir/pid" 2>"$dir/err"
holds "a bad TFTPListen: $(cat "$dir/err")" \
	grep -qF "$dir/conf:2: TFTPListen '10.0.0.1:0' is not ADDR[:PORT]" \
	"$dir/err"
printf 'TFTPRoot %s/none\n' "$root" >"$dir/conf"
holds "a missing TFTPRoot was taken" fails "$IETD" -f -c "$dir/conf" \
	--pidfile "$dir/pid" 2>"$dir/err"
holds "a missing TFTPRoot: $(cat "$dir/err")" \
	grep -qF "$dir/conf:1: TFTPRoot $root/none: No such file" "$dir/err"

e2e_end e2e_tftp
