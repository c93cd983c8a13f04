#!/bin/bash
# SIGHUP reloads ietd.conf under a running session: open-iscsi writes and
# verifies target A with fio while the file drops A and B and adds C. B
# goes, C comes, A (in use) is refused and keeps serving; then a broken
# file changes nothing and ietd says where the mistake is.
set -eu -o pipefail
. "$IET_TOP/tests/vm/lib.sh"

ta=iqn.2026-11.org.example:a
tb=iqn.2026-11.org.example:b
tc=iqn.2026-11.org.example:c
conf=/etc/iet/ietd.conf

# reloaded: SIGHUP, then wait for the reload's last line; its lines in
# /tmp/hup.
reloaded() {
	local n

	n=$(wc -l </tmp/ietd.log)
	kill -HUP "$(cat /run/ietd.pid)"
	wait_for "tail -n +$((n + 1)) /tmp/ietd.log | grep -qE 'reload: ([0-9]+ targets? added|nothing changed|.* not applied)'" 20 ||
		die "no end of the reload in: $(tail -n +$((n + 1)) /tmp/ietd.log)"
	tail -n +$((n + 1)) /tmp/ietd.log | tee /tmp/hup
}

lva=$(lv_setup a 256M)
lvb=$(lv_setup b 32M)
# C on a file: one LV fewer to make saves a tenth of the run under TCG.
img=/tmp/c.img
truncate -s 32M "$img"
cat >"$conf" <<EOT
Target $ta
	Lun 0 Path=$lva,Type=blockio
Target $tb
	Lun 0 Path=$lvb,Type=blockio
EOT
iet_start "$conf"
initiator_start iqn.2026-11.org.example:guest
iscsiadm -m discovery -t st -p 127.0.0.1 >/dev/null
iscsiadm -m node -T "$ta" -p 127.0.0.1 --login
disk=$(iscsi_disk "$ta")
cat /proc/net/iet/volume

step "fio --verify on A in the background"
cd /tmp
fio --name=reload --filename="$disk" --direct=1 --ioengine=libaio \
	--rw=randwrite --bs=64k --iodepth=8 --size=96M --verify=crc32c \
	--verify_fatal=1 --eta=never --output=/tmp/fio.out &
fio_pid=$!
# Writes flowing through the session before the file changes.
wait_for "[ \$(awk '\$3 == \"${disk#/dev/}\" { print \$8 }' /proc/diskstats) -gt 64 ]" 30 ||
	die "fio does not write"

step "SIGHUP: C added, B removed, A refused (it has a session)"
cat >"$conf" <<EOT
Target $tc
	Lun 0 Path=$img,Type=fileio
EOT
reloaded
kill -0 "$fio_pid" 2>/dev/null ||
	echo "note: fio was done before the reload ended"
grep -qx "ietd: reload: target 1 $ta has sessions: not removed; it stays until ietadm deletes it" \
	/tmp/hup || die "A's removal was not refused"
grep -qx "ietd: reload: target 2 $tb removed" /tmp/hup || die "B not removed"
grep -qx "ietd: reload: 1 target added, 1 removed, 0 changed, 1 refused; 1 LUN added, 0 removed, 0 replaced; 0 accounts added, 0 removed, 0 changed; 0 failed" \
	/tmp/hup || die "not the summary expected"
cat /proc/net/iet/volume
grep -q "^tid:[0-9]* name:$tc\$" /proc/net/iet/volume || die "no C"
! grep -q "name:$tb\$" /proc/net/iet/volume || die "B is still there"
grep -q "^tid:1 name:$ta\$" /proc/net/iet/volume || die "A is gone"
grep -q "^	lun:0 state:0 iotype:fileio iomode:wt blocks:65536 blocksize:512 path:$img\$" \
	/proc/net/iet/volume || die "C has no LUN 0"

step "fio on A completes and verifies"
wait "$fio_pid" || {
	cat /tmp/fio.out
	die "fio failed"
}
grep -E 'WRITE:|err=' /tmp/fio.out
grep -q 'err= 0' /tmp/fio.out || die "fio reports errors"

step "discovery lists A and C"
iscsiadm -m discovery -t st -p 127.0.0.1 | tee /tmp/disc
grep -q " $ta\$" /tmp/disc || die "discovery misses A"
grep -q " $tc\$" /tmp/disc || die "discovery misses C"
! grep -q " $tb\$" /tmp/disc || die "discovery lists B"
iscsiadm -m node -T "$tc" -p 127.0.0.1 --login
dd if="$(iscsi_disk "$tc")" of=/dev/null bs=1M count=8 iflag=direct \
	status=none || die "no I/O on C"

step "a broken file changes nothing and is located"
cp /proc/net/iet/volume /tmp/volume.before
printf 'Target %s\n\tLun 0 Path=%s,Type=fileio\n\tMaxSesions 2\n' "$tc" \
	"$img" >"$conf"
reloaded
grep -qx "$conf:3: unknown key 'MaxSesions'" /tmp/hup ||
	die "the mistake was not located"
grep -qx "ietd: reload: nothing changed" /tmp/hup || die "no 'nothing changed'"
cmp /proc/net/iet/volume /tmp/volume.before || die "the broken file changed the kernel"
grep -c 'sid:' /proc/net/iet/session | grep -qx 2 ||
	die "sessions lost: $(cat /proc/net/iet/session)"

iscsiadm -m node -T "$tc" -p 127.0.0.1 --logout
iscsiadm -m node -T "$ta" -p 127.0.0.1 --logout
kill -TERM "$(cat /run/ietd.pid)"
echo "reload: all steps passed"
