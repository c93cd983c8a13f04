#!/bin/bash
# Login and discovery: ietd with two targets on the module. open-iscsi and
# libiscsi discover them over IPv4 and IPv6; a login to an unknown target
# is refused; normal logins reach the handoff to the kernel; a raw client
# sends malformed logins and discovery still works after them.
set -eu -o pipefail
. "$IET_TOP/tests/vm/lib.sh"

# Whether iscsi_trgt takes logged-in connections (IET_CMD_NEW_CONN). With
# 0, ietd must log the kernel's refusal and close; with 1, the kernel must
# answer on the connection and list the session.
kernel_takes_conns=${IET_KERNEL_TAKES_CONNS:-1}

ietd=$IET_TOP/usr/ietd
ietadm=$IET_TOP/usr/ietadm
client="python3 $IET_TOP/tests/unit/iscsi_client.py"
t1=iqn.2026-11.org.example:login1
t2=iqn.2026-11.org.example:login2
ini=iqn.2026-11.org.example:vm-initiator
iet_log=/tmp/ietd.log

step() { echo "== $*"; }

logged() {
	grep -qF -- "$1" "$iet_log" || die "ietd did not log '$1'"
}

# discover PORTAL: open-iscsi's SendTargets through PORTAL lists both
# targets, each at PORTAL:3260 with portal group 1.
discover() {
	local out

	out=$(iscsiadm -m discovery -t st -p "$1")
	echo "$out"
	for t in $t1 $t2; do
		grep -qxF "$1:3260,1 $t" <<<"$out" ||
			die "discovery through $1 lacks '$1:3260,1 $t'"
	done
	[ "$(wc -l <<<"$out")" -eq 2 ] || die "discovery found too much"
}

step "module and ietd, two targets"
iet_load
cat >/etc/iet/ietd.conf <<EOT
Target $t1
	Lun 0 Type=nullio
Target $t2
	Alias second
	Lun 0 Type=nullio,Blocks=2048
EOT
"$ietd" -f -d 1 >"$iet_log" 2>&1 &
ietd_pid=$!
wait_for "$ietadm --op show --tid=2" 20 || die "ietd: $(cat "$iet_log")"

step "open-iscsi: SendTargets over 127.0.0.1 and [::1]"
modprobe sd_mod
echo "InitiatorName=$ini" >/etc/iscsi/initiatorname.iscsi
# In the foreground, for its log, which says why a login failed; in a
# session of its own, since its exit signals its whole process group.
setsid iscsid -f >/tmp/iscsid.log 2>&1 &
iscsid_pid=$!
wait_for 'iscsiadm -m session; rc=$?; [ $rc -eq 0 ] || [ $rc -eq 21 ]' 20 ||
	die "iscsid does not answer"
discover 127.0.0.1
discover '[::1]'

step "libiscsi: iscsi-ls over 127.0.0.1 and [::1]"
for portal in 127.0.0.1 '[::1]'; do
	out=$(iscsi-ls "iscsi://$portal")
	echo "$out"
	for t in $t1 $t2; do
		grep -qxF "Target:$t Portal:$portal:3260,1" <<<"$out" ||
			die "iscsi-ls through $portal lacks $t"
	done
done

step "open-iscsi: a login to an unknown target is refused"
nowhere=iqn.2026-11.org.example:nowhere
iscsiadm -m node -o new -T "$nowhere" -p 127.0.0.1 >/dev/null
rc=0
out=$(iscsiadm -m node -T "$nowhere" -p 127.0.0.1 --login 2>&1) || rc=$?
echo "$out (exit status $rc)"
# 19: ISCSI_ERR_FATAL_LOGIN, a login the target refused for good.
[ $rc -eq 19 ] || die "the login to $nowhere: exit status $rc, not 19"
grep -i "not found" /tmp/iscsid.log || die "iscsid did not say 'not found'"
logged "($ini) refused: target not found (0x0203): no target $nowhere"
iscsiadm -m node -o delete -T "$nowhere" -p 127.0.0.1

step "raw client: malformed logins, each rule, discovery after them"
$client suite $t1 $t2
$client -H ::1 suite $t1 $t2

step "raw client: a normal login up to the handoff"
if [ "$kernel_takes_conns" = 1 ]; then
	out=$($client normal $t2 --kernel)
else
	out=$($client normal $t2)
fi
echo "$out"
sid=$(awk '{ print $2 }' <<<"$out")
logged "login: handing tid 2 sid $sid cid 5 to the kernel"
if [ "$kernel_takes_conns" = 1 ]; then
	wait_for "! grep -q 'sid:$sid ' /proc/net/iet/session" 10 ||
		die "session $sid outlived its connection"
else
	logged "login: the kernel refused tid 2 sid $sid cid 5"
fi

if [ "$kernel_takes_conns" = 1 ]; then
	step "raw client: a login with the ISID of a live session replaces it"
	out=$($client reinstate $t1 --kernel)
	echo "$out"
	old=$(awk '{ print $2 }' <<<"$out")
	new=$(awk '{ print $4 }' <<<"$out")
	logged "reinstates session $old of target 1"
	logged "login: handing tid 1 sid $new cid 1 to the kernel"
	wait_for "! grep -q sid: /proc/net/iet/session" 10 ||
		die "a session outlived its connection"
fi

step "open-iscsi: a normal login to $t1"
rc=0
timeout 60 iscsiadm -m node -T "$t1" -p 127.0.0.1 --login || rc=$?
logged "login: handing tid 1 sid "
grep -F "login: handing tid 1 " "$iet_log" | grep -qF "(initiator $ini, target $t1" ||
	die "no handoff of $ini to $t1 in the log"
if [ "$kernel_takes_conns" = 1 ]; then
	[ $rc -eq 0 ] || die "iscsiadm --login failed: $rc"
	cat /proc/net/iet/session
	grep -q "initiator:$ini" /proc/net/iet/session ||
		die "no session of $ini in /proc/net/iet/session"
	iscsiadm -m session
else
	logged "login: the kernel refused tid 1 sid "
fi
iscsiadm -m node -T "$t1" -p 127.0.0.1 --logout || true
wait_for "! grep -q sid: /proc/net/iet/session" 20 ||
	die "a session outlived its logout"

step "discovery still works, and 120 more targets come in pieces"
discover 127.0.0.1
for i in $(seq 1 120); do
	"$ietadm" --op new --tid=0 --params "Name=$t1-$i"
done
# About 9 KB of answer. libiscsi reads only single-PDU answers, and says
# it takes 256 KiB per PDU: it gets one.
n=$(iscsi-ls "iscsi://[::1]" | grep -c "^Target:$t1-") || true
[ "$n" -eq 120 ] || die "iscsi-ls listed $n of 120 added targets"
# open-iscsi, told to take 4096 bytes per PDU, gets three pieces.
iscsiadm -m discoverydb -t st -p 127.0.0.1 -o new >/dev/null
iscsiadm -m discoverydb -t st -p 127.0.0.1 -o update \
	-n discovery.sendtargets.iscsi.MaxRecvDataSegmentLength -v 4096
n=$(iscsiadm -m discoverydb -t st -p 127.0.0.1 --discover |
	grep -c ",1 $t1-") || true
[ "$n" -eq 120 ] || die "open-iscsi discovered $n of 120 added targets"
logged "from 127.0.0.1:"
grep -q "discovery session of $ini from 127.0.0.1:.* (MaxRecvDataSegmentLength 4096)" \
	"$iet_log" || die "open-iscsi did not take 4096 bytes per PDU"
iscsiadm -m discoverydb -t st -p 127.0.0.1 -o delete
iscsiadm -m node -o delete >/dev/null
for tid in $(seq 3 122); do
	"$ietadm" --op delete --tid="$tid"
done

step "ietd ends cleanly"
kill -TERM "$ietd_pid"
rc=0
wait "$ietd_pid" || rc=$?
[ $rc -eq 0 ] || die "ietd exited $rc"
kill -TERM "$iscsid_pid"
wait "$iscsid_pid" || true
rmmod iscsi_trgt
echo "ietd's log:"
cat "$iet_log"
echo "login: all steps passed"
