#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Daemon restart: ietd dies by SIGKILL while fio writes and verifies through
# two open-iscsi sessions. Writes reach both LVs while no ietd runs; a new
# ietd adopts the sessions from the kernel (the session list stays as it
# was), a new initiator logs in beside them, and fio ends without an error.
# Nothing the sessions or ietd hold grows from the first count to the last.
set -eu -o pipefail
. "$IET_TOP/tests/vm/lib.sh"
. "$IET_TOP/tests/vm/counts.sh"
. "$IET_TOP/tests/vm/sessions.sh"

case ${IET_FAULTS:-quick} in
# fio runs for runtime seconds: long enough for every kill (a restart takes
# a few seconds under TCG while fio keeps the CPUs busy) and some I/O after.
full) kills=10 runtime=120 ;;
*) kills=2 runtime=16 ;;
esac
ta=iqn.2026-11.org.example:restart-a
tb=iqn.2026-11.org.example:restart-b
pre=iqn.2026-11.org.example

# writes LV: writes completed on the LV's device-mapper disk.
writes() {
	local d=/sys/dev/block/$((0x$(stat -Lc %t "$1"))):$((0x$(stat -Lc %T "$1")))

	awk '{ print $5 }' "$d/stat"
}

lva=$(lv_setup ra 64M)
lvb=$(lv_setup rb 64M)
cat >/etc/iet/ietd.conf <<EOT
Target $ta
	Lun 0 Path=$lva,Type=blockio
Target $tb
	Lun 0 Path=$lvb,Type=blockio
EOT
iet_start /etc/iet/ietd.conf
initiator_start "$pre:guest"
ifaces "ia:$pre:ini-a" "ib:$pre:ini-b" "ic:$pre:ini-c"
login "$ta" ia
login "$tb" ib
da=$(iscsi_disk "$ta")
db=$(iscsi_disk "$tb")
tee /tmp/sessions </proc/net/iet/session
[ "$(grep -c sid: /tmp/sessions)" -eq 2 ] || die "not two sessions"
counts >/tmp/counts.before

step "fio verifies on $da and $db; ietd is killed $kills times"
# Options before the first --name are every job's; its state files go to
# the cwd.
cd /tmp
fio --direct=1 --ioengine=libaio --rw=randwrite --bsrange=4k-128k \
	--iodepth=8 --size=48M --time_based --runtime="$runtime" \
	--verify=crc32c --verify_backlog=64 --verify_fatal=1 \
	--group_reporting --eta=never --output=/tmp/fio.out \
	--name=a --filename="$da" --name=b --filename="$db" &
fio=$!
runs=0
for i in $(seq 1 "$kills"); do
	sleep 1
	kill -0 "$fio" 2>/dev/null || die "fio ended before kill $i"
	pid=$(cat /run/ietd.pid)
	kill -9 "$pid"
	wait_for "gone $pid" 10 || die "ietd ($pid) outlived SIGKILL"
	a=$(writes "$lva") b=$(writes "$lvb")
	sleep 1
	runs=$((runs + 1))
	if [ "$(writes "$lva")" -le "$a" ] || [ "$(writes "$lvb")" -le "$b" ]; then
		die "kill $i: I/O stopped while ietd was down"
	fi
	ietd_start
	sessions_same ||
		die "kill $i: the sessions changed across the restart"
	if [ "$i" -eq 1 ]; then
		# A TSIH of an adopted session handed out again would clash.
		login "$ta" ic
		[ "$(grep -c sid: /proc/net/iet/session)" -eq 3 ] ||
			die "the new initiator has no session of its own"
		iscsiadm -m node -T "$ta" -p 127.0.0.1 -I ic --logout >/dev/null
		wait_for sessions_same 10 ||
			die "after the new session's logout: $(diff /tmp/sessions /proc/net/iet/session)"
	fi
done
wait "$fio" || {
	cat /tmp/fio.out
	die "fio failed"
}
grep -E 'WRITE:|READ:' /tmp/fio.out
sessions_same ||
	die "the sessions changed during the run"
counts_back /tmp/counts.before || die "something grew"
printf 'runs %s\nfailures 0\nlost 0\n' "$runs" >>"$IET_OUT/summary"

step "logout; rmmod"
iscsiadm -m node --logoutall=all >/dev/null
wait_for "! grep -q sid: /proc/net/iet/session" 10 ||
	die "sessions outlived their logout"
kill "$(cat /run/ietd.pid)"
wait_for "! pgrep -x ietd" 10 || die "ietd did not stop"
rmmod iscsi_trgt
echo "restart: $runs kills of ietd under fio, no error"
