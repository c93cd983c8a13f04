#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# ietd and ietadm end to end: the real programs, with ietd linked against
# the in-memory kernel of fake_kernel.c. Runs in a private network
# namespace, where the abstract control socket is ours alone.

. "$(dirname "$0")/e2e_lib.sh"
e2e_netns e2e_ietd "$0" "$@"

cd "$(dirname "$0")" || exit 1
IETD=$PWD/test_ietd_fake
IETADM=$PWD/test_ietadm
dir=$(mktemp -d /tmp/iet-test-ietd.XXXXXX)
export IET_FAKE_STATE=$dir/state
# Sessions: none are made here, but ietadm may ask about them.
export IET_FAKE_CONN=1
pidfile=$dir/ietd.pid

cleanup() {
	if [ -s "$pidfile" ]; then
		kill "$(cat "$pidfile")" 2>/dev/null
	fi
	rm -rf "$dir"
}
trap cleanup EXIT

# expect NAME STATUS STDOUT STDERR -- COMMAND...
expect() {
	local name=$1 status=$2 out=$3 err=$4 got_status
	shift 5
	"$@" >"$dir/out" 2>"$dir/err"
	got_status=$?
	if [ "$got_status" != "$status" ]; then
		bad "$name: status $got_status, want $status"
	elif [ "$(cat "$dir/out")" != "$out" ]; then
		bad "$name: stdout '$(cat "$dir/out")', want '$out'"
	elif [ "$(cat "$dir/err")" != "$err" ]; then
		bad "$name: stderr '$(cat "$dir/err")', want '$err'"
	else
		ok
	fi
}

wait_gone() {
	for _ in $(seq 50); do
		kill -0 "$1" 2>/dev/null || return 0
		sleep 0.1
	done
	return 1
}

conf=$dir/ietd.conf
disk=$dir/disk.img
truncate -s 1M "$disk"
show_default="Wthreads=8
Type=0
QueuedCommands=32
NOPInterval=0
NOPTimeout=0"

# ---- ietadm on its own ----
expect "no ietd" 145 "" "ietadm: cannot reach ietd: Connection refused" -- \
	"$IETADM" --op show --tid=1
expect "unknown op" 234 "" \
	"ietadm: unknown --op 'foo': use new, delete, update or show" -- \
	"$IETADM" --op foo --tid=1
expect "tid not a number" 234 "" "ietadm: --tid: 'abc' is not a number" -- \
	"$IETADM" --op show --tid=abc
expect "missing tid" 234 "" "ietadm: --op update needs --tid" -- \
	"$IETADM" --op update --params Wthreads=2
expect "bad value" 234 "" "ietadm: Wthreads: 0 is below the minimum 1" -- \
	"$IETADM" --op update --tid=1 --params Wthreads=0
expect "unknown key" 234 "" "ietadm: unknown parameter 'Foo'" -- \
	"$IETADM" -o update -t 1 -p Foo=1
expect "bad lun" 234 "" "ietadm: --lun: LUN 16384 is above the maximum 16383" -- \
	"$IETADM" --op delete --tid=1 --lun=16384
expect "extra argument" 234 "" "ietadm: unexpected argument 'x'" -- \
	"$IETADM" --op show --tid=1 x
expect "version" 0 "ietadm version 0.1.0" \
	"ietadm: cannot reach ietd: Connection refused" -- "$IETADM" --version

# ---- ietd refuses bad configurations, touching nothing ----
printf 'Target iqn.2026-11.org.example:a\n\tLun 0 Type=nullio\n\tFoo 1\n' >"$conf"
expect "config error" 1 "" "$conf:3: unknown key 'Foo'" -- \
	"$IETD" -f -c "$conf" --pidfile "$pidfile"
printf 'Target iqn.2026-11.org.example:a\n\tLun 0 Path=/nonexistent/disk\n' >"$conf"
expect "missing path" 1 "" \
	"$conf:2: Lun 0: /nonexistent/disk: No such file or directory" -- \
	"$IETD" -f -c "$conf" --pidfile "$pidfile"
expect "missing config" 1 "" "$dir/none: No such file or directory" -- \
	"$IETD" -f -c "$dir/none" --pidfile "$pidfile"
holds "the kernel was touched" test ! -e "$IET_FAKE_STATE"
: >"$conf"
expect "no module" 1 "" \
	"ietd: kernel module iscsi_trgt is not loaded (no generic netlink family 'iet')" -- \
	env IET_FAKE_NO_MODULE=1 "$IETD" -f -c "$conf" --pidfile "$pidfile"
expect "bad option" 1 "" "ietd: --port '0': not a port
Try 'ietd --help' for more information." -- "$IETD" -p 0

# ---- ietd as a daemon ----
cat >"$conf" <<CONF
# two targets
Target iqn.2026-11.org.example:a
	Wthreads 4
	Lun 0 Path=$disk
	Lun 1 Type=nullio
Target iqn.2026-11.org.example:b
	Lun 0 Type=nullio,\\
	      Blocks=1000
CONF
expect "start" 0 "" "" -- "$IETD" -c "$conf" --pidfile "$pidfile"
pid=$(cat "$pidfile")
holds "ietd is not running" kill -0 "$pid"
expect "second ietd" 1 "" \
	"ietd: another ietd (pid $pid) is running: $pidfile is locked" -- \
	"$IETD" -f -c "$conf" --pidfile "$pidfile"
expect "show a" 0 "Wthreads=4
Type=0
QueuedCommands=32
NOPInterval=0
NOPTimeout=0" "" -- "$IETADM" --op show --tid=1
expect "show b" 0 "$show_default" "" -- "$IETADM" --op show --tid=2
expect "show missing" 254 "" "ietadm: tid 9: no such target" -- \
	"$IETADM" --op show --tid=9

expect "new target" 0 "" "" -- \
	"$IETADM" --op new --tid=0 --params Name=iqn.2026-11.org.example:c
expect "new target again" 234 "" \
	"ietadm: target iqn.2026-11.org.example:c already exists with tid 3" -- \
	"$IETADM" --op new --tid=0 --params Name=iqn.2026-11.org.example:c
expect "tid in use" 239 "" "ietadm: tid 3 is already in use" -- \
	"$IETADM" --op new --tid=3 --params Name=iqn.2026-11.org.example:d
expect "update" 0 "" "" -- \
	"$IETADM" --op update --tid=3 --params=Wthreads=16,NOPInterval=5
expect "show updated" 0 "Wthreads=16
Type=0
QueuedCommands=32
NOPInterval=5
NOPTimeout=0" "" -- "$IETADM" --op show --tid=3
expect "session key" 0 "" "" -- \
	"$IETADM" --op update --tid=3 --params MaxBurstLength=4096
"$IETADM" --op show --tid=3 --sid=0 >"$dir/sess"
holds "session key not kept" grep -qx MaxBurstLength=4096 "$dir/sess"
expect "unknown key" 234 "" "ietadm: unknown parameter 'Colour'" -- \
	"$IETADM" --op update --tid=3 --params Colour=blue
expect "no session" 254 "" "ietadm: tid 3: no session 5" -- \
	"$IETADM" --op show --tid=3 --sid=5
expect "sid not a number" 234 "" "ietadm: --sid: 'x1' is not a number" -- \
	"$IETADM" --op show --tid=3 --sid=x1
expect "cid, no sid" 234 "" "ietadm: --sid is required here" -- \
	"$IETADM" --op delete --tid=3 --cid=0
expect "new account" 0 "" "" -- "$IETADM" --op new --tid=3 --user \
	--params=IncomingUser=joe,Password=secretsecret
expect "account again" 239 "" "ietadm: tid 3: IncomingUser joe already exists" -- \
	"$IETADM" --op new --tid=3 --user \
	--params=IncomingUser=joe,Password=other
expect "discovery account" 0 "" "" -- "$IETADM" --op new --user \
	--params=OutgoingUser=tgt,Password=pw
expect "list accounts" 0 "IncomingUser joe" "" -- \
	"$IETADM" --op show --tid=3 --user
expect "show account" 0 "IncomingUser joe secretsecret" "" -- \
	"$IETADM" --op show --tid=3 --user --params=IncomingUser=joe
expect "discovery accounts" 0 "OutgoingUser tgt" "" -- \
	"$IETADM" --op show --user
expect "delete account" 0 "" "" -- \
	"$IETADM" --op delete --tid=3 --user --params=IncomingUser=joe
expect "delete account again" 254 "" "ietadm: tid 3: no IncomingUser joe" -- \
	"$IETADM" --op delete --tid=3 --user --params=IncomingUser=joe
expect "account, no password" 234 "" "ietadm: a new account needs a Password" -- \
	"$IETADM" --op new --tid=3 --user --params=IncomingUser=joe
expect "account, bad tid" 254 "" "ietadm: tid 8: no such target" -- \
	"$IETADM" --op show --tid=8 --user
expect "new lun" 0 "" "" -- \
	"$IETADM" --op new --tid=3 --lun=0 --params "Path=$disk,Type=fileio"
expect "lun again" 239 "" "ietadm: tid 3: Lun 0 already exists" -- \
	"$IETADM" --op new --tid=3 --lun=0 --params Type=nullio
expect "lun path" 254 "" \
	"ietadm: Lun 1: /nonexistent: No such file or directory" -- \
	"$IETADM" --op new --tid=3 --lun=1 --params Path=/nonexistent
expect "force on show" 234 "" \
	"ietadm: --force goes with --op delete --tid=N [--lun=L]" -- \
	"$IETADM" --op show --tid=3 --force
expect "delete lun" 0 "" "" -- "$IETADM" --op delete --tid=3 --lun=0 --force
expect "delete lun again" 254 "" "ietadm: tid 3: no Lun 0" -- \
	"$IETADM" --op delete --tid=3 --lun=0
"$IETADM" --op show >"$dir/all"
holds "show all: $(cat "$dir/all")" grep -qx "target 3 iqn.2026-11.org.example:c" "$dir/all"
"$IETADM" --version >"$dir/version"
holds "version: $(cat "$dir/version")" grep -q "^iscsi_trgt version " "$dir/version"
expect "nobody shows" 0 "$show_default" "" -- \
	setpriv --reuid=65534 --regid=65534 --clear-groups \
	"$IETADM" --op show --tid=2
expect "nobody changes" 255 "" \
	"ietadm: only root may change the target configuration" -- \
	setpriv --reuid=65534 --regid=65534 --clear-groups \
	"$IETADM" --op delete --tid=3
expect "delete target" 0 "" "" -- "$IETADM" --op delete --tid=3

# SIGTERM: exit, remove the pid file, leave the kernel alone.
before=$(cat "$IET_FAKE_STATE")
kill -TERM "$pid"
holds "ietd did not exit on SIGTERM" wait_gone "$pid"
holds "the pid file is still there" test ! -e "$pidfile"
holds "exiting changed the kernel" test "$(cat "$IET_FAKE_STATE")" = "$before"
holds "targets lost" test "$(grep -c '^T ' "$IET_FAKE_STATE")" = 2

# ---- restart: same file, nothing new, nothing said ----
"$IETD" -f -c "$conf" --pidfile "$pidfile" 2>"$dir/err" &
pid=$!
for _ in $(seq 50); do
	"$IETADM" --op show --tid=1 >/dev/null 2>&1 && break
	sleep 0.1
done
expect "show after restart" 0 "Wthreads=4
Type=0
QueuedCommands=32
NOPInterval=0
NOPTimeout=0" "" -- "$IETADM" --op show --tid=1
holds "the restart changed the kernel" \
	test "$(cat "$IET_FAKE_STATE")" = "$before"
kill -INT "$pid"
wait "$pid"
status=$?
holds "ietd -f exited with $status on SIGINT" test "$status" = 0
holds "the restart printed: $(cat "$dir/err")" test ! -s "$dir/err"

# ---- a failure halfway is undone ----
touch "$dir/fail"
cat >"$conf" <<CONF
Target iqn.2026-11.org.example:a
	Wthreads 2
	Lun 0 Path=$disk
	Lun 1 Type=nullio
	Lun 2 Type=nullio
Target iqn.2026-11.org.example:new
	Lun 0 Type=nullio
	Lun 1 Path=$dir/fail
CONF
expect "undo" 1 "" \
	"$conf:8: Lun 1: $dir/fail: Input/output error: injected failure" -- \
	"$IETD" -f -c "$conf" --pidfile "$pidfile"
holds "the failed run left changes" \
	test "$(cat "$IET_FAKE_STATE")" = "$before"

# ---- ietd -t: check, touch nothing ----
before=$(cat "$IET_FAKE_STATE")
printf 'Target iqn.2026-11.org.example:t\n\tLun 0 Type=nullio\n' >"$dir/t.conf"
expect "test good" 0 "$dir/t.conf: ok, 1 target" "" -- \
	"$IETD" -t -c "$dir/t.conf"
printf 'Target iqn.2026-11.org.example:t\n\tLun 0 Path=/nonexistent\n' >"$dir/t.conf"
expect "test bad path" 1 "" \
	"$dir/t.conf:2: Lun 0: /nonexistent: No such file or directory" -- \
	"$IETD" -t -c "$dir/t.conf"
printf 'Target iqn.2026-11.org.example:t\n\tFoo 1\n' >"$dir/t.conf"
expect "test bad key" 1 "" "$dir/t.conf:2: unknown key 'Foo'" -- \
	"$IETD" -t -c "$dir/t.conf"
holds "ietd -t changed the kernel" \
	test "$(cat "$IET_FAKE_STATE")" = "$before"

# ---- SIGHUP: the difference between the old file and the new ----
ip link set lo up
log=$dir/log
ex=iqn.2026-11.org.example
cat >"$conf" <<CONF
Target $ex:a
	Wthreads 4
	Lun 0 Path=$disk
	Lun 1 Type=nullio
Target $ex:b
	Lun 0 Type=nullio
CONF
"$IETD" -f -d 1 -c "$conf" --pidfile "$pidfile" >>"$log" 2>&1 &
pid=$!
for _ in $(seq 50); do
	"$IETADM" --op show --tid=1 >/dev/null 2>&1 && break
	sleep 0.1
done

# hup: SIGHUP, then wait for the reload's last word; its lines in $dir/hup.
hup() {
	local n

	n=$(wc -l <"$log")
	kill -HUP "$pid"
	for _ in $(seq 50); do
		tail -n +$((n + 1)) "$log" >"$dir/hup"
		grep -qE "reload: (nothing changed|[0-9]+ targets? added|.*: no change|.* not applied)" \
			"$dir/hup" && return 0
		sleep 0.1
	done
	bad "no end of the reload in: $(cat "$dir/hup")"
	return 1
}

# said LINE: the last reload logged LINE.
said() {
	grep -qxF -- "$1" "$dir/hup"
}

state() {
	sort "$IET_FAKE_STATE"
}

before=$(state)
hup
holds "same file: $(cat "$dir/hup")" said "ietd: reload: $conf: no change"
holds "the same file changed the kernel" test "$(state)" = "$before"

cp "$conf" "$dir/good.conf"
printf '\tFoo 1\n' >>"$conf"
hup
holds "a mistake was not located: $(cat "$dir/hup")" \
	said "$conf:7: unknown key 'Foo'"
holds "a mistake changed something" said "ietd: reload: nothing changed"
holds "a mistake changed the kernel" test "$(state)" = "$before"
printf 'Target %s:c\n\tLun 0 Path=/nonexistent\n' "$ex" >"$conf"
hup
holds "a missing path was not located: $(cat "$dir/hup")" \
	said "$conf:2: Lun 0: /nonexistent: No such file or directory"
holds "a missing path changed the kernel" test "$(state)" = "$before"
mv "$conf" "$dir/moved.conf"
hup
holds "a missing file was not said: $(cat "$dir/hup")" \
	said "$conf: No such file or directory"
holds "a missing file changed the kernel" test "$(state)" = "$before"

# The kernel fails the last addition: a's keys, b's new LUN and c are
# undone.
cat "$dir/good.conf" - >"$conf" <<CONF
	Lun 2 Type=nullio
Target $ex:c
	Lun 0 Type=nullio
	Lun 1 Path=$dir/fail
CONF
sed -i 's/Wthreads 4/Wthreads 2/' "$conf"
hup
holds "a kernel failure was not located: $(cat "$dir/hup")" \
	said "$conf:10: Lun 1: $dir/fail: Input/output error: injected failure"
holds "a kernel failure was applied" \
	grep -q "reload: $conf not applied" "$dir/hup"
holds "a kernel failure left changes: $(state)" test "$(state)" = "$before"

# A session on a; b goes, c comes (tid 4: the kernel gave 3 to the c
# undone above), a changes under its session.
client=
if command -v python3 >/dev/null; then
	client="python3 $PWD/iscsi_client.py"
	holds "login to a" $client normal $ex:a --stays >/dev/null
fi
cat >"$conf" <<CONF
Target $ex:a
	Wthreads 6
	MaxSessions 1
	Lun 0 Path=$disk
	Lun 2 Type=nullio
Target $ex:c
	IncomingUser ann annsecret1234
	Lun 0 Type=nullio
CONF
hup
holds "summary: $(cat "$dir/hup")" \
	said "ietd: reload: 1 target added, 1 removed, 1 changed, 0 refused; 2 LUNs added, 1 removed, 0 replaced; 1 account added, 0 removed, 0 changed; 0 failed"
holds "no line for c" said "ietd: reload: target 4 $ex:c added"
holds "no line for b" said "ietd: reload: target 2 $ex:b removed"
holds "no line for a's LUN" said "ietd: reload: target 1 $ex:a: Lun 1 removed"
expect "a's keys" 0 "Wthreads=6
Type=0
QueuedCommands=32
NOPInterval=0
NOPTimeout=0" "" -- "$IETADM" --op show --tid=1
expect "c's account" 0 "IncomingUser ann" "" -- \
	"$IETADM" --op show --tid=4 --user
printf '%s\n' "T 1 $ex:a 6 32 0 0" "T 4 $ex:c 8 32 0 0" "L 1 0 0 $disk" \
	"L 1 2 2 -" "L 4 0 2 -" | sort >"$dir/want"
holds "the kernel after the reload: $(state)" \
	test "$(state)" = "$(cat "$dir/want")"
if [ -n "$client" ]; then
	"$IETADM" --op show >"$dir/all"
	holds "a's session went: $(cat "$dir/all")" grep -q "session" "$dir/all"
	# MaxSessions 1, from the new file, holds for new logins.
	holds "MaxSessions of the new file" $client normal $ex:a \
		--isid 000000000002 --expect 0302
fi

# a leaves the file but has a session: refused. ietadm's target stays.
expect "ietadm's target" 0 "" "" -- \
	"$IETADM" --op new --tid=0 --params Name=$ex:adm
printf 'Target %s:c\n\tIncomingUser ann annsecret1234\n\tLun 0 Type=nullio\n' \
	"$ex" >"$conf"
hup
if [ -n "$client" ]; then
	holds "a was not refused: $(cat "$dir/hup")" \
		said "ietd: reload: target 1 $ex:a has sessions: not removed; it stays until ietadm deletes it"
	holds "summary: $(cat "$dir/hup")" \
		said "ietd: reload: 0 targets added, 0 removed, 0 changed, 1 refused; 0 LUNs added, 0 removed, 0 replaced; 0 accounts added, 0 removed, 0 changed; 0 failed"
	holds "a went" grep -q "^T 1 $ex:a " "$IET_FAKE_STATE"
fi
holds "ietadm's target went" grep -q "^T 5 $ex:adm " "$IET_FAKE_STATE"
kill -TERM "$pid"
wait "$pid"

# ---- stop everything ----
"$IETD" -f -c /dev/null --pidfile "$pidfile" 2>"$dir/err" &
pid=$!
for _ in $(seq 50); do
	"$IETADM" --op show >/dev/null 2>&1 && break
	sleep 0.1
done
expect "delete everything" 0 "" "" -- "$IETADM" --op delete
expect "nothing left" 0 "no targets" "" -- "$IETADM" --op show
kill -TERM "$pid"
wait "$pid"

e2e_end e2e_ietd
