#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Initiator vanishes: an initiator sits in a network namespace of its own
# behind a veth pair, and its link goes down while it writes numbered
# records in batches, each flushed (vanish_client.py: open-iscsi cannot
# leave the first namespace, whose NETLINK_ISCSI is the only one). The
# target's NOP-In goes unanswered, so it closes the connection, ends the
# commands in flight and frees the session in bounded time; the link comes
# back, the initiator logs in again (a new session) and writes on, and every
# record a flush acknowledged is on the LV. Slabs, threads and sockets are
# back to their first counts at the end.
set -eu -o pipefail
. "$IET_TOP/tests/vm/lib.sh"
. "$IET_TOP/tests/vm/counts.sh"

case ${IET_FAULTS:-quick} in
full) rounds=5 ;;
*) rounds=2 ;;
esac
t=iqn.2026-11.org.example:vanish
ns=ini
tip=10.99.0.1
iip=10.99.0.2
records="python3 $IET_TOP/tests/vm/records.py"
client="python3 $IET_TOP/tests/vm/vanish_client.py"
slots=4096
# The target gives up NOPInterval + NOPTimeout after the last sign of life.
nop_interval=1
nop_timeout=2
bound=$((nop_interval + nop_timeout + 5))

in_ns() { ip netns exec "$ns" "$@"; }

net_setup() {
	modprobe veth
	ip netns add "$ns"
	ip link add veth-t type veth peer name veth-i
	ip link set veth-i netns "$ns"
	ip addr add "$tip/24" dev veth-t
	ip link set veth-t up
	in_ns ip link set lo up
	in_ns ip addr add "$iip/24" dev veth-i
	in_ns ip link set veth-i up
}

sid() { sed -n 's/^\tsid:\([0-9]*\) initiator:.*/\1/p' /proc/net/iet/session; }
acked() { awk '$1 == "acked" { n = $2 } END { print n + 0 }' /tmp/records.log; }

# writer_progress N: waits for the writer to get N records past now.
writer_progress() {
	local want=$(($(acked) + $1))

	wait_for "[ \$(acked) -ge $want ]" "${2:-30}"
}

lv=$(lv_setup vanish 64M)
cat >/etc/iet/ietd.conf <<EOT
Target $t
	NOPInterval $nop_interval
	NOPTimeout $nop_timeout
	MaxRecvDataSegmentLength 65536
	InitialR2T No
	Lun 0 Path=$lv,Type=blockio
EOT
iet_start /etc/iet/ietd.conf
net_setup
counts >/tmp/counts.before
: >/tmp/records.log
# ip netns exec may stay the parent: the writer's own pid is what to stop.
# shellcheck disable=SC2086 # $client is a command and its script
in_ns sh -c 'echo $$ >/tmp/writer.pid; exec "$@"' - $client -H "$tip" "$t" \
	/tmp/records.log --slots $slots >/tmp/writer.out 2>&1 &
writer=$!

runs=0 lost=0
for r in $(seq 1 "$rounds"); do
	step "round $r: the link goes down under the writer"
	writer_progress 64 || die "the writer does not write: $(cat /tmp/writer.out)"
	old=$(sid)
	grep -q "ip:$iip " /proc/net/iet/session || die "no session over the veth"
	in_ns ip link set veth-i down
	t0=$SECONDS
	runs=$((runs + 1))
	wait_for "! grep -q sid: /proc/net/iet/session" "$bound" ||
		die "the session outlived the link by ${bound}s"
	echo "session gone after $((SECONDS - t0)) s"
	dmesg | grep -q "session $old .*no answer to a NOP-In" ||
		die "the target did not close the connection for the silence"
	in_ns ip link set veth-i up
	wait_for "grep -q sid: /proc/net/iet/session" 30 ||
		die "the initiator did not log in again"
	[ "$(sid)" != "$old" ] || die "the old session came back"
	writer_progress 64 || die "the writer is stuck after the login"
done
kill "$(cat /tmp/writer.pid)"
wait "$writer" || die "the writer failed: $(cat /tmp/writer.out)"
cat /tmp/writer.out
out=$($records check "$lv" /tmp/records.log --slots $slots) || true
echo "$out"
n=$(sed -n 's/^lost //p' <<<"$out")
lost=${n:-$slots}
{
	echo "runs $runs"
	echo "lost $lost"
	echo "failures $((lost > 0))"
} >>"$IET_OUT/summary"
[ "$lost" -eq 0 ] || die "$lost acknowledged records lost"

step "the writer is gone: slabs, threads and sockets as before"
wait_for "! grep -q sid: /proc/net/iet/session" 10 ||
	die "the session outlived its initiator"
counts_back /tmp/counts.before || die "something grew"
kill "$(cat /run/ietd.pid)"
wait_for "! pgrep -x ietd" 10 || die "ietd did not stop"
rmmod iscsi_trgt
echo "vanish: $runs link losses, no acknowledged record lost"
