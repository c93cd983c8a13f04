#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vm-disk: 64M cache=writeback
#
# SYNCHRONIZE CACHE and FUA writes reach the disk under the LV as flushes,
# plain writes do not: a virtio disk with a volatile write cache (QEMU
# cache=writeback), two LVs on it, one exported with blockio and one with
# fileio (IOMode=wb), and the flush I/O counter of the disk (field 16 of
# /sys/block/vda/stat, Documentation/block/stat.rst) read around each
# command of a raw session.  virtio-blk has no FUA, so the block layer
# turns a FUA write into write + flush and the counter sees it too.
#
#   flush.sh [nocache|wt]   break it on purpose: the disk in write-through
#                           mode (no flush reaches it), or fileio IOMode=wt
#                           (every write flushes); either must fail
set -eu -o pipefail
. "$IET_TOP/tests/vm/lib.sh"

brk=${1:-}
client="python3 $IET_TOP/tests/vm/durable_client.py"
stat=/sys/block/vda/stat
t1=iqn.2026-11.org.example:flush-blockio
t2=iqn.2026-11.org.example:flush-fileio
# Each command alone, plain writes between the others, both CDB sizes.
ops="write10 write16 sync10 write10 sync16 write10-fua write16 write16-fua
write10 sync10"

step "a disk with a volatile write cache"
modprobe virtio_blk
modprobe dm_mod
wait_for "test -b /dev/vda" 10 || die "no /dev/vda"
wc=$(cat /sys/block/vda/queue/write_cache)
echo "vda: write_cache '$wc', fua $(cat /sys/block/vda/queue/fua 2>/dev/null)"
[ "$wc" = "write back" ] || die "vda's write cache is '$wc', not write back"
lvm_ pvcreate -q -y /dev/vda
lvm_ vgcreate -q flushvg /dev/vda
lvm_ lvcreate -q -y -Wn -Zn -n blk -L 16M flushvg
lvm_ lvcreate -q -y -Wn -Zn -n file -L 16M flushvg
iomode=wb
[ "$brk" != wt ] || iomode=wt
cat >/etc/iet/ietd.conf <<EOT
Target $t1
	MaxRecvDataSegmentLength 65536
	InitialR2T No
	Lun 0 Path=/dev/flushvg/blk,Type=blockio
Target $t2
	MaxRecvDataSegmentLength 65536
	InitialR2T No
	Lun 0 Path=/dev/flushvg/file,Type=fileio,IOMode=$iomode
EOT
iet_start /etc/iet/ietd.conf
fds=$(ls /proc/"$(cat /run/ietd.pid)"/fd | wc -l)
[ "$brk" != nocache ] || echo "write through" >/sys/block/vda/queue/write_cache

runs=0
# blockio sends each write down before it answers; fileio (wb) may keep
# a plain one in the page cache.
for t in "$t1" "$t2"; do
	step "$t: each command and the flushes it causes"
	through=
	[ "$t" != "$t1" ] || through=--through
	# shellcheck disable=SC2086
	$client flushes "$t" "$stat" $ops $through || die "$t: wrong flushes"
	runs=$((runs + $(wc -w <<<"$ops")))
done

step "no leak, clean unload"
now=$(ls /proc/"$(cat /run/ietd.pid)"/fd | wc -l)
[ "$now" -eq "$fds" ] || die "ietd's open files went from $fds to $now"
wait_for "! grep -q sid: /proc/net/iet/session" 10 ||
	die "sessions stay: $(cat /proc/net/iet/session)"
kill "$(cat /run/ietd.pid)"
wait_for "! test -e /run/ietd.pid" 10 || die "ietd did not stop"
rmmod iscsi_trgt || die "rmmod failed"
printf 'runs %s\nfailures 0\nlost 0\n' "$runs" >"$IET_OUT/summary"
echo "flush: $runs commands, each flushed as it should"
