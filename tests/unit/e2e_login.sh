#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# ietd's logins and discovery end to end: the real daemon, linked against
# the in-memory kernel of fake_kernel.c, in a private network namespace
# with its own loopback, driven by iscsi_client.py and, if installed,
# libiscsi's iscsi-ls.

. "$(dirname "$0")/e2e_lib.sh"
e2e_netns e2e_login "$0" "$@"
e2e_needs e2e_login python3
e2e_setup login
CLIENT="python3 $PWD/iscsi_client.py"
ex=iqn.2026-11.org.example

ietd_ready() {
	"$IETADM" --op show --tid=1 >/dev/null 2>&1
}

cat >"$dir/conf" <<CONF
Target $ex:a
	Lun 0 Type=nullio
Target $ex:b
	Alias bee
	Lun 0 Type=nullio
Target $ex:chap
	IncomingUser joe secretsecret12
	IncomingUser ann ann-secret-0123
	OutgoingUser tgt tgt-secret-4567
Target $ex:crc
	HeaderDigest CRC32C
	MaxBurstLength 65536
	MaxSessions 1
CONF
ietd_start || exit 1

# Targets ietadm adds are listed too, enough for an answer over 8192 bytes.
names="$ex:a $ex:b $ex:chap $ex:crc"
for i in $(seq 1 120); do
	"$IETADM" --op new --tid=0 --params "Name=$ex:many-$i" || bad "ietadm $i"
	names="$names $ex:many-$i"
done

# ---- the raw protocol ----
# shellcheck disable=SC2086
holds "iscsi_client suite" $CLIENT suite $names
holds "iscsi_client suite over IPv6" $CLIENT -H ::1 suite $names
holds "iscsi_client special" $CLIENT special

# ---- libiscsi ----
if command -v iscsi-ls >/dev/null; then
	for portal in 127.0.0.1 '[::1]'; do
		out=$(timeout 20 iscsi-ls "iscsi://$portal" 2>&1)
		n=$(grep -cF " Portal:$portal:3260,1" <<<"$out")
		holds "iscsi-ls $portal listed $n of 124: $out" test "$n" = 124
	done
else
	echo "e2e_login: iscsi-ls not installed, skipped"
fi

# ---- one client stalls, the others go on ----
$CLIENT stall 30 &
stall=$!
sleep 0.3
holds "discovery behind a stalled client" \
	timeout 20 $CLIENT suite $names >/dev/null
holds "the stalled client was dropped before its time" kill "$stall"
wait "$stall"

# ---- a flood of half-open connections from many addresses ----
$CLIENT flood 150 6 >"$dir/flood" &
flood=$!
sleep 1
# shellcheck disable=SC2086
holds "discovery during a flood" timeout 20 $CLIENT suite $names >/dev/null
wait "$flood"
holds "the flood was capped: $(cat "$dir/flood")" \
	grep -qE "flood: ([0-9]|[1-5][0-9]|6[0-4]) of 150 still open" "$dir/flood"
holds "the flood was logged" logged "too many connections in login (in all)"

# ---- a normal login goes up to the handoff, which the kernel refuses ----
out=$($CLIENT normal $ex:b) || bad "normal login: $out"
sid=$(awk '{ print $2 }' <<<"$out")
holds "the handoff of sid $sid was not logged" \
	logged "login: handing tid 2 sid $sid cid 5 to the kernel"
holds "the refusal of sid $sid was not logged" \
	logged "login: the kernel refused tid 2 sid $sid cid 5"
holds "a refused login was not logged" \
	logged "refused: target not found (0x0203): no target $ex:nowhere"
holds "a refusal for CHAP was not explained" \
	logged "refused: authentication failed (0x0201): CHAP is required, and the initiator offers AuthMethod=None"

# ---- CHAP: every algorithm, both encodings, mutual, and refusals ----
for algs in 5 6 7 8 "8,7,6,5" "9,7"; do
	out=$($CLIENT chap $ex:chap joe secretsecret12 --algs "$algs" 2>&1)
	holds "CHAP with CHAP_A=$algs: $out" \
		test "$out" = "CHAP_A=${algs%%,*}" -o "$algs" = "9,7" -a "$out" = CHAP_A=7
done
holds "CHAP_R in base64" \
	$CLIENT chap $ex:chap ann ann-secret-0123 --algs 7 --base64
holds "mutual CHAP" $CLIENT chap $ex:chap ann ann-secret-0123 --algs 7 \
	--mutual tgt:tgt-secret-4567
holds "a wrong secret gets 0201" \
	$CLIENT chap $ex:chap joe secretsecret13 --expect 0201
holds "a wrong secret is logged with the initiator" \
	logged "($ex:raw-client) refused: authentication failed (0x0201): wrong CHAP_R for user joe"
holds "an unknown user gets 0201" \
	$CLIENT chap $ex:chap zoe secretsecret12 --expect 0201
holds "a reflected challenge gets 0201" \
	$CLIENT chap $ex:chap ann ann-secret-0123 --mutual x:y --reflect \
	--expect 0201
holds "the reflection is logged" \
	logged "the initiator sent back the target's own CHAP_C"
holds "no algorithm in common gets 0201" \
	$CLIENT chap $ex:chap joe secretsecret12 --algs 1,2 --expect 0201

# ---- redirection: logins go elsewhere, discovery does not ----
holds "ietadm --redirect" "$IETADM" --op update --tid=1 --redirect=10.1.2.3:3261
out=$($CLIENT redirected $ex:a 2>&1)
holds "redirected to 10.1.2.3:3261: $out" test "$out" = "TargetAddress=10.1.2.3:3261"
holds "the redirection is logged" \
	logged "refused: target moved temporarily (0x0101): redirected to 10.1.2.3:3261"
# shellcheck disable=SC2086
holds "discovery is not redirected" $CLIENT suite $names
"$IETADM" --op update --tid=1 --redirect='[fd00::7]'
out=$($CLIENT redirected $ex:a 2>&1)
holds "redirected to [fd00::7]:3260: $out" test "$out" = "TargetAddress=[fd00::7]:3260"
holds "--redirect with a bad port" fails "$IETADM" --op update --tid=1 --redirect=10.1.2.3:99999
holds "--redirect= clears it" "$IETADM" --op update --tid=1 --redirect=
out=$($CLIENT normal $ex:a 2>&1)
holds "a login after the redirection is cleared: $out" grep -q "^sid " <<<"$out"

# ---- discovery CHAP: a global account makes discovery need it ----
holds "ietadm adds a discovery account" \
	"$IETADM" --op new --user --params IncomingUser=dee,Password=dee-secret-0123
holds "discovery with CHAP" $CLIENT chap - dee dee-secret-0123 --algs 6
holds "discovery with a wrong secret" \
	$CLIENT chap - dee dee-secret-0124 --expect 0201
holds "discovery without CHAP is refused" fails $CLIENT suite $names
holds "ietadm deletes the discovery account" \
	"$IETADM" --op delete --user --params IncomingUser=dee
holds "discovery without CHAP again" $CLIENT suite $names
ietd_stop

# ---- a kernel that takes connections: reinstatement, MaxSessions ----
export IET_FAKE_CONN=1
ietd_start || exit 1
out1=$($CLIENT normal $ex:crc --header-digest CRC32C,None --stays --isid 000102030405 2>&1) ||
	bad "first session: $out1"
sid1=$(awk '{ print $2 }' <<<"$out1")
holds "NEW_CONN of sid $sid1 not seen" logged "fake: NEW_CONN tid 4 sid $sid1 cid 5"
holds "MaxSessions 1 let a second session in" \
	$CLIENT normal $ex:crc --header-digest CRC32C --isid 0a0b0c0d0e0f \
	--expect 0302
out2=$($CLIENT normal $ex:crc --header-digest CRC32C,None --stays --isid 000102030405 2>&1) ||
	bad "reinstatement: $out2"
sid2=$(awk '{ print $2 }' <<<"$out2")
holds "the old session $sid1 was not deleted" \
	logged "fake: DEL_SESSION tid 4 sid $sid1"
holds "reinstatement reused the TSIH" test "$sid1" != "$sid2"
holds "NEW_CONN of sid $sid2 not seen" logged "fake: NEW_CONN tid 4 sid $sid2 cid 5"
holds "the digest of sid $sid2" grep -q "sid $sid2 cid 5 .* hd 1 dd 0" "$dir/log"
out=$($CLIENT reinstate $ex:a 2>&1) || bad "reinstate: $out"
old=$(awk '{ print $2 }' <<<"$out")
holds "reinstatement did not delete $old" \
	logged "fake: DEL_SESSION tid 1 sid $old"
ietd_stop
unset IET_FAKE_CONN

# ---- one address only ----
ietd_start -a ::1 -p 3261 || exit 1
holds "-a ::1: no discovery on [::1]:3261" \
	$CLIENT -H ::1 -p 3261 suite $names
holds "-a ::1 also listens on 127.0.0.1" \
	fails $CLIENT -p 3261 normal $ex:a 2>/dev/null
ietd_stop

[ "$failed" = 0 ] || { echo "---- ietd's log"; cat "$dir/log"; }
e2e_end e2e_login
