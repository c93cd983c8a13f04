#!/bin/bash
# Foundation: ietd.conf reaches the kernel, /proc/net/iet/volume shows it in
# IET's exact format, state survives ietd restarts, only CAP_NET_ADMIN may
# configure the module, a bad config touches nothing, and rmmod is clean.
set -eu -o pipefail
. "$IET_TOP/tests/vm/lib.sh"

ietd=$IET_TOP/usr/ietd
ietadm=$IET_TOP/usr/ietadm
ietnl=$IET_TOP/tests/tools/ietnl
conf=/etc/iet/ietd.conf
t1=iqn.2026-11.org.example:desk01
t2=iqn.2026-11.org.example:null

# Waits until ietd answers ietadm, i.e. has applied its config.
ietd_start() {
	"$ietd" -f "$@" >>/tmp/ietd.log 2>&1 &
	ietd_pid=$!
	wait_for "$ietadm --op show --tid=1 >/dev/null 2>&1" 20 ||
		die "ietd did not come up: $(cat /tmp/ietd.log)"
}

# Through cat: cmp trusts st_size, and a /proc file's size is 0.
volume_is() {
	if ! cat /proc/net/iet/volume | cmp -s - "$1"; then
		diff -u "$1" /proc/net/iet/volume || true
		die "/proc/net/iet/volume differs from $1"
	fi
}

step "module loads"
lv=$(lv_setup desk01 64M)
truncate -s 32M /tmp/lun1.img
iet_load
[ -f /proc/net/iet/volume ] && [ -f /proc/net/iet/session ] ||
	die "no /proc/net/iet"
[ ! -s /proc/net/iet/volume ] || die "volume not empty at load"

step "ietd applies ietd.conf"
cat >"$conf" <<EOT
# two targets, three backends
Target $t1
	Lun 0 Path=$lv,Type=blockio
	Lun 1 Path=/tmp/lun1.img,Type=fileio,IOMode=wb
Target $t2
	Wthreads 4
	QueuedCommands 64
	Lun 0 Type=nullio,BlockSize=4096
EOT
printf '%s\n' \
	"tid:1 name:$t1" \
	"	lun:0 state:0 iotype:blockio iomode:wt blocks:131072 blocksize:512 path:$lv" \
	"	lun:1 state:0 iotype:fileio iomode:wb blocks:65536 blocksize:512 path:/tmp/lun1.img" \
	"tid:2 name:$t2" \
	"	lun:0 state:0 iotype:nullio iomode:wt blocks:16777216 blocksize:4096" \
	>/tmp/volume.expected
printf '%s\n' "tid:1 name:$t1" "tid:2 name:$t2" >/tmp/session.expected
ietd_start
volume_is /tmp/volume.expected
cat /proc/net/iet/session | cmp - /tmp/session.expected || die "session file differs"

step "ietadm shows target parameters"
printf '%s\n' Wthreads=8 Type=0 QueuedCommands=32 NOPInterval=0 \
	NOPTimeout=0 >/tmp/show1.expected
"$ietadm" --op show --tid=1 | cmp - /tmp/show1.expected ||
	die "ietadm --op show --tid=1 differs"
"$ietadm" --op show --tid=2 | grep -qx Wthreads=4 || die "Wthreads not 4"
"$ietadm" --op show --tid=2 | grep -qx QueuedCommands=64 ||
	die "QueuedCommands not 64"
rc=0; "$ietadm" --op show --tid=9 2>/tmp/err || rc=$?
[ $rc -eq 254 ] || die "show of a missing target gave $rc, not 254"
rc=0; "$ietadm" --op show --tid=x 2>/tmp/err || rc=$?
[ $rc -eq 234 ] && [ -s /tmp/err ] || die "--tid=x gave $rc, not 234"

step "kill -9 ietd keeps the targets; a restart adds no duplicates"
kill -9 "$ietd_pid"
wait "$ietd_pid" 2>/dev/null || true
volume_is /tmp/volume.expected
: >/tmp/ietd.log
ietd_start
volume_is /tmp/volume.expected
if grep -i 'error\|fail' /tmp/ietd.log; then
	die "restarted ietd complained"
fi

step "SIGTERM ends ietd cleanly, the daemon mode writes a pid file"
kill -TERM "$ietd_pid"
rc=0; wait "$ietd_pid" || rc=$?
[ $rc -eq 0 ] || die "ietd exited $rc on SIGTERM"
"$ietd" -c "$conf" --pidfile /run/ietd.pid
wait_for "test -s /run/ietd.pid" 10 || die "no pid file"
pid=$(cat /run/ietd.pid)
kill -0 "$pid" || die "daemon not running"
kill -TERM "$pid"
wait_for "! kill -0 $pid 2>/dev/null" 10 || die "daemon ignored SIGTERM"
[ ! -e /run/ietd.pid ] || die "pid file left behind"
volume_is /tmp/volume.expected

step "unprivileged users get EPERM from every command"
# Each command as it exists: a request, a dump, or both (GET_TARGET).
for cmd in get-version new-target del-target set-target get-target \
	get-target:dump new-lun del-lun get-lun:dump; do
	mode=
	[ "${cmd%:dump}" = "$cmd" ] || mode=dump
	out=$(setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$ietnl" "${cmd%:dump}" $mode 2>&1 || true)
	[ "$out" = "-1 Operation not permitted" ] ||
		die "command $cmd as nobody: $out"
done

step "strict attribute validation"
expect_nl() {
	local want=$1 out

	shift
	out=$("$ietnl" "$@" 2>&1 || true)
	[ "${out%% *}" = "$want" ] || die "ietnl $*: got '$out', want $want"
}
expect_nl -95 99					# no such command
expect_nl -22 new-target				# NEW_TARGET without a name
expect_nl -22 new-target name=iqn.x 99=1		# an attribute the family lacks
expect_nl -22 new-target name=iqn.x version=0.1	# a reply-only attribute
expect_nl -22 new-target name=iqn.x 11=1		# a u32 where a u8 belongs
expect_nl -34 new-target name=iqn.x wthreads=0	# out of range (ERANGE)
expect_nl -34 new-target name=iqn.x queued=257
expect_nl -17 new-target name=$t1			# the name exists
expect_nl -17 new-target name=IQN.2026-11.ORG.EXAMPLE:DESK01	# names ignore case
expect_nl -17 new-target name=iqn.x tid=1		# the tid exists
expect_nl -2 del-target tid=77			# no such target
expect_nl -2 new-lun tid=77 lun=0 type=2	# a LUN of no target
expect_nl -17 new-lun tid=2 lun=0 type=2	# the LUN exists
expect_nl -22 new-lun tid=2 lun=1 type=2 path=/x	# nullio with a path
expect_nl -22 new-lun tid=2 lun=1 type=1	# blockio without a path
expect_nl -34 new-lun tid=2 lun=1 type=3	# no such type
expect_nl -34 new-lun tid=2 lun=16384 type=2	# LUN out of range
expect_nl -34 new-lun tid=2 lun=1 type=2 blocksize=8192
expect_nl -22 new-lun tid=2 lun=1 type=2 blocksize=1536	# not a power of two
expect_nl -16 new-lun tid=2 lun=1 type=1 path=$lv	# the LV already backs a LUN
expect_nl -15 new-lun tid=2 lun=1 type=1 path=/tmp/lun1.img	# not a block device
expect_nl -2 new-lun tid=2 lun=1 type=0 path=/nowhere	# fileio on nothing
expect_nl -9 new-lun tid=2 lun=1 type=2 30=999	# LUN_PR_DIR: no such fd
expect_nl -20 new-lun tid=2 lun=1 type=2 30=0	# LUN_PR_DIR: stdin, no directory
expect_nl -2 del-lun tid=2 lun=9			# DEL_LUN of no LUN
expect_nl 0 new-lun tid=2 lun=1 type=2 blocks=1000	# and the positive case
grep -q "lun:1 state:0 iotype:nullio iomode:wt blocks:1000 blocksize:512" \
	/proc/net/iet/volume || die "NEW_LUN did not show"
expect_nl 0 del-lun tid=2 lun=1
volume_is /tmp/volume.expected

step "a bad config names file and line and touches nothing"
cp "$conf" /tmp/good.conf
bad_config() {
	local line=$1 out rc=0

	out=$("$ietd" -f -c /tmp/bad.conf --pidfile /tmp/bad.pid 2>&1) || rc=$?
	[ $rc -ne 0 ] || die "ietd accepted a bad config"
	grep -q "^/tmp/bad.conf:$line: " <<<"$out" ||
		die "error does not name /tmp/bad.conf:$line: $out"
	echo "   $out"
	volume_is /tmp/volume.expected
}
printf 'Target iqn.2026-11.org.example:new\n\tWthreads 500\n' >/tmp/bad.conf
bad_config 2
printf 'Target iqn.2026-11.org.example:new\n\tLun 0 Type=nullio\n\tLun 1 Path=/dev/nowhere,Type=blockio\n' >/tmp/bad.conf
bad_config 3
printf 'Target iqn.2026-11.org.example:new\n\tLun 0 Type=nullio\nTarget iqn.2026-11.org.example:new2\n\tLun 0 Path=/tmp,Type=fileio\n' >/tmp/bad.conf
bad_config 4
printf 'Target iqn.2026-11.org.example:new\n\tLun 0 Type=tape\n' >/tmp/bad.conf
bad_config 2
# The kernel refuses the last LUN (its LV is taken): the rest is undone.
printf 'Target iqn.2026-11.org.example:new\n\tLun 0 Type=nullio\nTarget iqn.2026-11.org.example:new2\n\tLun 0 Path=%s,Type=blockio\n' "$lv" >/tmp/bad.conf
bad_config 4

step "rmmod tears the targets down"
rmmod iscsi_trgt
[ ! -e /proc/net/iet ] || die "/proc/net/iet left behind"
rc=0; out=$("$ietd" -f -c "$conf" --pidfile /tmp/x.pid 2>&1) || rc=$?
[ $rc -ne 0 ] || die "ietd ran without the module"
grep -q iscsi_trgt <<<"$out" || die "ietd without the module said: $out"
echo "foundation: all steps passed"
