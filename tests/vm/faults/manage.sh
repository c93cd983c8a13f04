#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Management under load: open-iscsi has a session to each of two targets
# and fio writes and verifies both, passes after passes, while the admin
# tries what IET refused: deleting a LUN or a target with sessions (EBUSY,
# and ietadm says why), lvremove of an exported LV (it stays). Then
# --force: a LUN of B goes while B's session carries on; target A is
# deleted under its session, which ends (the initiator sees it), is added
# again and open-iscsi logs back in, with no splat and no acknowledged
# write lost; in full size 20 times. Then rmmod under the same load, which
# must refuse or tear down cleanly within a time limit, and the module,
# ietd and the sessions come back. Slab, kernel threads, ietd's fds and
# memory are compared before and after; rmmod is clean at the end.
set -eu -o pipefail
. "$IET_TOP/tests/vm/lib.sh"

# Each step with the guest's uptime: where the seconds go.
step() { echo "== [$(cut -d" " -f1 /proc/uptime)] $*"; }

ta=iqn.2026-11.org.example:manage-a
tb=iqn.2026-11.org.example:manage-b
ini=iqn.2026-11.org.example:guest
ietadm=$IET_TOP/usr/ietadm
conf=/etc/iet/ietd.conf
p=127.0.0.1
if [ "${IET_FAULTS:-quick}" = full ]; then
	rounds=20
	fio_mb=64
else
	rounds=1
	fio_mb=16
fi
# Seconds a forced delete, and rmmod, may take: the commands to drain
# are a few 64 KiB writes to a loop device.
force_limit=10
rmmod_limit=30
# MemAvailable may move this much (kB): page cache, per-CPU lists.
mem_slack=65536
runs=0
failures=0
lost=0

summary() {
	printf 'runs %s\nfailures %s\nlost %s\n' "$runs" "$failures" "$lost" \
		>"$IET_OUT/summary"
}
trap 'rc=$?; [ $rc -eq 0 ] || failures=$((failures + 1)); summary' EXIT

now() { date +%s.%N; }
elapsed() { echo "$(now) - $1" | bc; }

# expect STATUS STDERR CMD...: CMD exits with STATUS, saying STDERR.
expect() {
	local status=$1 err=$2 got=0

	shift 2
	"$@" 2>/tmp/err || got=$?
	[ "$got" = "$status" ] ||
		die "$*: status $got, want $status ($(cat /tmp/err))"
	[ "$(cat /tmp/err)" = "$err" ] ||
		die "$*: says '$(cat /tmp/err)', want '$err'"
}

tid_of() {
	sed -n "s/^tid:\([0-9]*\) name:$1\$/\1/p" /proc/net/iet/volume
}

# The sids of target $1's sessions, as /proc/net/iet/session lists them.
sids_of() {
	awk -v t="$1" '/^tid:/ { on = ($2 == "name:" t) }
		on && /^\tsid:/ { sub("sid:", "", $1); print $1 }' \
		/proc/net/iet/session
}

# open-iscsi's sysfs directory of the session to target $1.
isess() {
	local s

	for s in /sys/class/iscsi_session/session*; do
		[ "$(cat "$s/targetname")" = "$1" ] && echo "$s" && return
	done
}

istate() { cat "$(isess "$1")/state"; }

writes() { awk -v d="${1#/dev/}" '$3 == d { print $8 }' /proc/diskstats; }

# flowing DISK: waits until DISK has completed 16 more writes.
flowing() {
	local n

	n=$(writes "$1")
	wait_for "[ \$(writes $1) -gt $((n + 16)) ]" 30 ||
		die "no writes reach $1"
}

# fio_loop: write-then-verify passes on both disks until /tmp/stop shows
# up, each with new data (randrepeat=0), so that a write lost in one pass
# cannot hide behind the same data of the pass before. One fio for both:
# under TCG starting one takes seconds.
fio_loop() {
	local i=0

	while [ $i -eq 0 ] || [ ! -e /tmp/stop ]; do
		i=$((i + 1))
		fio --direct=1 --ioengine=libaio --rw=randwrite --bs=64k \
			--iodepth=8 --size=${fio_mb}M --randrepeat=0 \
			--verify=crc32c --verify_fatal=0 --eta=never \
			--name=a --filename="$da" --name=b --filename="$db" \
			>"/tmp/fio.pass.$i" 2>&1 ||
			echo "pass $i" >>/tmp/fio.failed
	done
	echo "$i" >/tmp/fio.passes
}

fio_start() {
	rm -f /tmp/stop /tmp/fio.failed /tmp/fio.pass.*
	fio_loop &
	fio_pid=$!
	flowing "$da"
	flowing "$db"
}

# fio_stop: ends the loop after its current pass; each block the verify
# found missing or wrong counts as data lost.
fio_stop() {
	local bad

	touch /tmp/stop
	wait "$fio_pid"
	bad=$(cat /tmp/fio.pass.* | grep -cE '^verify: bad|verify failed' || true)
	lost=$((lost + bad))
	if [ -s /tmp/fio.failed ]; then
		grep -hE 'err=|verify|error' /tmp/fio.pass.* | head -n 20
		die "fio failed: $(tr '\n' ' ' </tmp/fio.failed), $bad blocks bad"
	fi
	echo "fio: $(cat /tmp/fio.passes) passes on each disk, all verified"
}

fds() { ls "/proc/$(cat /run/ietd.pid)/fd" | wc -l; }

# snapshot NAME: what must come back once the load and faults are over.
# iet_cmd objects left behind at rmmod would also fail the run: SLUB
# reports them when the cache goes.
snapshot() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
	{
		awk '/^iet_/ { print "slab", $1, $2 }' /proc/slabinfo
		echo "threads $(ps -e -o comm= | grep -c '^iet_rx/')"
		echo "ietd-fds $(fds)"
		awk '$1 == "MemAvailable:" { print "mem", $2 }' /proc/meminfo
	} >"/tmp/$1.snap"
	cat "/tmp/$1.snap"
}

compare() {
	local mem0 mem1

	grep -v '^mem' /tmp/before.snap >/tmp/before.cmp
	grep -v '^mem' /tmp/after.snap >/tmp/after.cmp
	diff /tmp/before.cmp /tmp/after.cmp ||
		die "slab, threads or ietd's fds differ after the faults"
	mem0=$(awk '$1 == "mem" { print $2 }' /tmp/before.snap)
	mem1=$(awk '$1 == "mem" { print $2 }' /tmp/after.snap)
	[ $((mem0 - mem1)) -le $mem_slack ] ||
		die "MemAvailable fell by $((mem0 - mem1)) kB"
}

step "two targets: A on an LV, B on a file; written once so that tmpfs holds them"
lva=$(lv_setup manage-a 64M)
# B on a file: one LV fewer saves seconds under TCG.
imgb=/tmp/manage-b.img
truncate -s 64M "$imgb"
dd if=/dev/zero of="$lva" bs=1M count=$fio_mb oflag=direct status=none
dd if=/dev/zero of="$imgb" bs=1M count=$fio_mb conv=notrunc status=none
cat >"$conf" <<EOT
Target $ta
	Lun 0 Path=$lva,Type=blockio
Target $tb
	Lun 0 Path=$imgb,Type=fileio
EOT
iet_start "$conf"
expect 0 "" "$ietadm" --op new --tid=2 --lun=1 --params Type=nullio
# Long enough to add a deleted target again, short enough to end.
sed -i 's/^\(node.session.timeo.replacement_timeout\) = .*/\1 = 60/' \
	/etc/iscsi/iscsid.conf
initiator_start "$ini"
iscsiadm -m discovery -t st -p $p >/dev/null
iscsiadm -m node -p $p --login >/dev/null
da=$(iscsi_disk "$ta")
db=$(iscsi_disk "$tb")
sa=$(sids_of "$ta")
sb=$(sids_of "$tb")
[ -n "$sa" ] && [ -n "$sb" ] || die "no sessions: $(cat /proc/net/iet/session)"
snapshot before

step "fio writes and verifies A ($da) and B ($db)"
fio_start

step "EBUSY for a LUN or a target with sessions, as IET"
expect 240 "ietadm: tid 1: Lun 0: the target has sessions; delete them first (--sid, --cid) or add --force" \
	"$ietadm" --op delete --tid=1 --lun=0
expect 240 "ietadm: tid 1: the target has sessions; delete them first (--sid, --cid) or add --force" \
	"$ietadm" --op delete --tid=1
expect 234 "ietadm: --force goes with --op delete --tid=N [--lun=L]" \
	"$ietadm" --op show --tid=1 --force
grep -q "^	lun:0 state:0 iotype:blockio .* path:$lva\$" /proc/net/iet/volume ||
	die "A's LUN 0 is gone: $(cat /proc/net/iet/volume)"

step "lvremove of an exported LV fails, the LV stays"
# Only the loop devices: scanning the busy iSCSI disks takes seconds. No
# retries of the open count (5 s by default): it stays open anyway.
lvm_loop() {
	lvm "$@" --config "$IET_LVM_CONFIG devices{global_filter=[\"a|^/dev/loop|\",\"r|.*|\"]} activation{retry_deactivation=0}"
}
rc=0
lvm_loop lvremove -f "$lva" >/tmp/lvremove.out 2>&1 || rc=$?
cat /tmp/lvremove.out
[ $rc -ne 0 ] || die "lvremove removed the exported $lva"
grep -q 'in use' /tmp/lvremove.out || die "lvremove does not say the LV is in use"
# Its mapping is there and open (LVM commands take seconds under load).
[ -b "$lva" ] && [ "$(dmsetup info -c --noheadings -o open ietvg-manage--a)" -ge 1 ] ||
	die "$lva is gone or closed: $(dmsetup info ietvg-manage--a 2>&1)"
[ "$(sids_of "$ta")" = "$sa" ] && [ "$(sids_of "$tb")" = "$sb" ] ||
	die "the refusals touched the sessions: $(cat /proc/net/iet/session)"
flowing "$da"

step "--force: B's LUN 1 goes under its session, which stays"
t0=$(now)
expect 0 "" "$ietadm" --op delete --tid=2 --lun=1 --force
echo "forced LUN delete took $(elapsed "$t0") s"
! grep -q '^	lun:1 ' /proc/net/iet/volume || die "LUN 1 of B is still there"
[ "$(sids_of "$tb")" = "$sb" ] || die "B's session did not stay"
flowing "$db"
runs=$((runs + 1))

# force_round N: target A deleted under its session and fio, then added
# again; open-iscsi logs back in and the writes resume.
force_round() {
	local t0 took tid

	tid=$(tid_of "$ta")
	t0=$(now)
	expect 0 "" "$ietadm" --op delete --tid="$tid" --force
	took=$(elapsed "$t0")
	echo "round $1: forced delete of tid $tid took $took s"
	(($(echo "$took < $force_limit" | bc))) ||
		die "a forced delete took $took s"
	[ -z "$(tid_of "$ta")" ] || die "A is still in /proc/net/iet/volume"
	[ -z "$(sids_of "$ta")" ] || die "A's session outlived its target"
	wait_for "[ \"\$(istate $ta)\" = FAILED ]" 20 ||
		die "the initiator did not see the session end ($(istate "$ta"))"
	[ "$(sids_of "$tb")" = "$sb" ] || die "B's session did not stay"
	expect 0 "" "$ietadm" --op new --tid=0 --params "Name=$ta"
	tid=$(tid_of "$ta")
	expect 0 "" "$ietadm" --op new --tid="$tid" --lun=0 \
		--params "Path=$lva,Type=blockio"
	wait_for "[ \"\$(istate $ta)\" = LOGGED_IN ]" 40 ||
		die "open-iscsi did not log in again ($(istate "$ta"))"
	[ -n "$(sids_of "$ta")" ] || die "no new session of A"
	flowing "$da"
	runs=$((runs + 1))
}

step "--force: target A deleted under its session, $rounds time(s)"
errs0=$(dmesg | grep -c 'detected conn error' || true)
for i in $(seq "$rounds"); do
	force_round "$i"
done
errs=$(($(dmesg | grep -c 'detected conn error' || true) - errs0))
echo "connection errors open-iscsi logged: $errs"
[ "$errs" -ge "$rounds" ] || die "open-iscsi logged $errs connection errors"

[ "$(fds)" = "$(awk '$1 == "ietd-fds" { print $2 }' /tmp/before.snap)" ] ||
	die "ietd has $(fds) fds, not as before: $(ls -l "/proc/$(cat /run/ietd.pid)/fd")"

step "rmmod under the same load refuses or tears down within ${rmmod_limit}s"
sa=$(sids_of "$ta")
t0=$(now)
rmmod iscsi_trgt >/tmp/rmmod.out 2>&1 &
rm_pid=$!
wait_for "! kill -0 $rm_pid" $rmmod_limit || die "rmmod hangs"
rc=0
wait "$rm_pid" || rc=$?
echo "rmmod: status $rc after $(elapsed "$t0") s: $(cat /tmp/rmmod.out)"
runs=$((runs + 1))
if [ $rc -ne 0 ]; then
	grep -q 'in use' /tmp/rmmod.out || die "rmmod refused without saying why"
	[ "$(sids_of "$ta")" = "$sa" ] || die "a refused rmmod touched A"
else
	[ ! -e /proc/net/iet ] || die "/proc/net/iet outlived rmmod"
	! grep -q '^iscsi_trgt ' /proc/modules || die "the module is still listed"
	! grep -q '^iet_' /proc/slabinfo || die "iet_ caches outlived rmmod"
	wait_for "[ \"\$(istate $ta)\" = FAILED ] && [ \"\$(istate $tb)\" = FAILED ]" 20 ||
		die "the initiator did not see the sessions end"
	kill "$(cat /run/ietd.pid)"
	wait_for "! pgrep -x ietd" 10 || die "ietd does not stop"
	iet_start "$conf"
	wait_for "[ \"\$(istate $ta)\" = LOGGED_IN ] && [ \"\$(istate $tb)\" = LOGGED_IN ]" 40 ||
		die "open-iscsi did not log in again"
fi
flowing "$da"
flowing "$db"

step "fio completes and verifies on both; what was taken came back"
fio_stop
snapshot after
compare

step "log out, stop ietd, rmmod"
iscsiadm -m node --logoutall=all >/dev/null
kill "$(cat /run/ietd.pid)"
wait_for "! pgrep -x ietd" 10 || die "ietd does not stop"
rmmod iscsi_trgt || die "rmmod failed without sessions"
[ ! -e /proc/net/iet ] || die "/proc/net/iet outlived rmmod"
! grep -q '^iet_' /proc/slabinfo || die "iet_ caches outlived rmmod"
echo "manage: $runs faults, all passed"
