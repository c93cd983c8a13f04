#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Churn: many logins and logouts (a raw client, and some with open-iscsi),
# then many ietd restarts (SIGKILL and SIGTERM in turn) while two open-iscsi
# sessions stay logged in and read. Afterwards the module's slab objects,
# TCP sockets, kernel threads, ietd's open files and MemAvailable are back
# at their first counts, and the module unloads.
set -eu -o pipefail
. "$IET_TOP/tests/vm/lib.sh"
. "$IET_TOP/tests/vm/counts.sh"
. "$IET_TOP/tests/vm/sessions.sh"

case ${IET_FAULTS:-quick} in
full) raw_cycles=1000 iscsi_cycles=20 restarts=100 ;;
*) raw_cycles=200 iscsi_cycles=1 restarts=4 ;;
esac
t1=iqn.2026-11.org.example:churn-lv
t2=iqn.2026-11.org.example:churn-null
pre=iqn.2026-11.org.example
client="python3 $IET_TOP/tests/vm/session_client.py"
# MemAvailable (with the per-CPU free pages, mem_available) may drop this
# much (KiB) without a leak: slab per-CPU caches, page tables of the new ietd.
mem_slack=8192

# restart SIGNAL: stops ietd with SIGNAL and starts a new one.
restart() {
	local pid

	pid=$(cat /run/ietd.pid)
	kill "-$1" "$pid"
	wait_for "gone $pid" 10 || die "ietd ($pid) did not stop"
	ietd_start
}

lv=$(lv_setup churn 64M)
cat >/etc/iet/ietd.conf <<EOT
Target $t1
	Lun 0 Path=$lv,Type=blockio
Target $t2
	MaxRecvDataSegmentLength 65536
	InitialR2T No
	Lun 0 Type=nullio
EOT
iet_start /etc/iet/ietd.conf
initiator_start "$pre:guest"
ifaces "ia:$pre:churn-a" "ib:$pre:churn-b" "ic:$pre:churn-c"
login "$t1" ia
# Before the second session: with two, iscsi_disk would name two disks.
disk=$(iscsi_disk "$t1")
login "$t1" ib
# Once, so that what a first login sets up for good is in the counts.
login "$t2" ic
logout "$t2" ic
$client churn "$t2" --cycles 1 >/dev/null || die "the raw client fails"
tee /tmp/sessions </proc/net/iet/session
counts >/tmp/counts.before
mem=$(mem_available)
slab_bytes >/tmp/slab.before
cp /proc/meminfo /tmp/meminfo.before

step "$raw_cycles raw logins and logouts, $iscsi_cycles with open-iscsi"
$client churn "$t2" --cycles "$raw_cycles" || die "raw churn failed"
for i in $(seq 1 "$iscsi_cycles"); do
	login "$t2" ic
	logout "$t2" ic
done
wait_for sessions_same 10 ||
	die "sessions left: $(cat /proc/net/iet/session)"

step "$restarts ietd restarts with two sessions live"
for i in $(seq 1 "$restarts"); do
	if ((i % 2)); then restart KILL; else restart TERM; fi
	sessions_same ||
		die "restart $i: the sessions changed: $(cat /proc/net/iet/session)"
	dd if="$disk" of=/dev/null bs=64k count=4 skip=$((i % 256)) \
		iflag=direct status=none || die "restart $i: no I/O"
done
# After the restarts: a login still works.
$client churn "$t2" --cycles 1 >/dev/null || die "no login after the restarts"

step "counts as before"
counts_back /tmp/counts.before || die "something grew"
cat /tmp/counts.before
mem_growth /tmp/meminfo.before
mem_back "$mem" "$mem_slack" || {
	slab_growth /tmp/slab.before
	die "MemAvailable dropped"
}
{
	echo "runs $((raw_cycles + iscsi_cycles + restarts))"
	echo "failures 0"
	echo "lost 0"
} >>"$IET_OUT/summary"

step "logout, ietd stops, rmmod"
iscsiadm -m node --logoutall=all >/dev/null
wait_for "! grep -q sid: /proc/net/iet/session" 10 ||
	die "sessions outlived their logout"
kill "$(cat /run/ietd.pid)"
wait_for "! pgrep -x ietd" 10 || die "ietd did not stop"
rmmod iscsi_trgt
! grep -q '^iet_' /proc/slabinfo || die "a slab cache outlived rmmod"
echo "churn: $raw_cycles + $iscsi_cycles logins, $restarts restarts, no leak"
