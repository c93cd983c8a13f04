#!/bin/bash
# NOPInterval and NOPTimeout in the kernel: open-iscsi, which answers the
# target's NOP-Ins, stays logged in across idle time; raw initiators that
# answer, ignore or never read them are kept, closed or dropped in time;
# NOPInterval 0 sends none, and a change reaches live connections.
set -eu -o pipefail
. "$IET_TOP/tests/vm/lib.sh"

t1=iqn.2026-11.org.example:keepalive
t2=iqn.2026-11.org.example:quiet
ini=iqn.2026-11.org.example:guest
raw=iqn.2026-11.org.example:session-client
client="python3 $IET_TOP/tests/vm/session_client.py"
ietadm=$IET_TOP/usr/ietadm

lv=$(lv_setup keepalive 64M)
cat >/etc/iet/ietd.conf <<EOT
Target $t1
	NOPInterval 2
	NOPTimeout 2
	MaxRecvDataSegmentLength 65536
	InitialR2T No
	Lun 0 Path=$lv,Type=blockio
Target $t2
	MaxRecvDataSegmentLength 65536
	InitialR2T No
	Lun 0 Type=nullio
EOT
iet_start /etc/iet/ietd.conf
initiator_start "$ini"

# segs DIR: TCP data segments the target's side of the connection has
# sent (out) or received (in).
segs() {
	ss -tinH state established '( sport = :3260 )' |
		sed -n "s/.*data_segs_$1:\([0-9]*\).*/\1/p" | head -n 1
}

# closings: the keepalive's log lines so far.
closings() { dmesg | grep -c 'iscsi_trgt: .*, closing$' || true; }

step "open-iscsi, its own NOP-Outs off, idles 12 s and stays"
iscsiadm -m discovery -t st -p 127.0.0.1 >/dev/null
node() { iscsiadm -m node -T "$t1" -p 127.0.0.1 "$@"; }
node -o update -n 'node.conn[0].timeo.noop_out_interval' -v 0
node -o update -n 'node.conn[0].timeo.noop_out_timeout' -v 0
node --login
disk=$(iscsi_disk "$t1")
sid=$(sed -n "s/^\tsid:\([0-9]*\) initiator:$ini\$/\1/p" /proc/net/iet/session)
[ -n "$sid" ] || die "no session of $ini"
out=$(segs out) in=$(segs in)
sleep 12
out=$(($(segs out) - out)) in=$(($(segs in) - in))
echo "in 12 s idle the target sent $out segments and received $in"
{ [ "$out" -ge 3 ] && [ "$in" -ge 3 ]; } ||
	die "no NOP-In and NOP-Out exchange while idle"
grep -q "sid:$sid initiator:$ini" /proc/net/iet/session ||
	die "open-iscsi's session is gone: $(cat /proc/net/iet/session)"
dd if="$disk" of=/dev/null bs=1M count=16 iflag=direct status=none ||
	die "no I/O after the idle time"
! dmesg | grep -E 'connection[0-9]+:[0-9]+: (detected conn error|ping timeout)' ||
	die "open-iscsi saw a connection error"
[ "$(closings)" -eq 0 ] || die "the target closed a connection"
$ietadm --op show | tee /tmp/show
grep -qx "		connection 0 from 127.0.0.1, active" /tmp/show ||
	die "ietadm does not show the connection"
node --logout

step "a raw initiator answers every NOP-In for 10 s"
$client nop-answer "$t1" 10 --interval 2 || die "nop-answer failed"

step "a raw initiator reads NOP-Ins but never answers: closed in time"
$client nop-ignore "$t1" --min 3 --max 8 || die "nop-ignore failed"
wait_for "! grep -q 'initiator:$raw\$' /proc/net/iet/session" 5 ||
	die "the silent session stays: $(cat /proc/net/iet/session)"

step "a raw initiator reads nothing: its session goes"
$client nop-deaf "$t1" --min 3 --max 9 || die "nop-deaf failed"
[ "$(closings)" -eq 2 ] || die "not one log line per closed connection"
dmesg | grep 'iscsi_trgt: .*, closing$'

step "NOPInterval 0: no NOP-In in 5 s"
$client nop-none "$t2" 5 || die "nop-none failed"

step "NOPInterval set on a live connection applies to it"
$client nop-ignore "$t2" --min 0.5 --max 10 &
pid=$!
sleep 1
$ietadm --op update --tid=2 --params NOPInterval=1,NOPTimeout=1
wait "$pid" || die "the live connection did not follow NOPInterval 1"
$ietadm --op update --tid=2 --params NOPInterval=0
$client nop-none "$t2" 3 || die "NOPInterval 0 again: still pinged"
[ "$(closings)" -eq 3 ] || die "not one log line per closed connection"
wait_for "! grep -q sid: /proc/net/iet/session" 5 ||
	die "sessions stay: $(cat /proc/net/iet/session)"
echo "keepalive: all steps passed"
