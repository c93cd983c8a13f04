# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# What the e2e_*.sh scripts share. Each sources it first, then calls
# e2e_netns, and keeps its scratch files in $dir, ietd's log in $dir/log:
#
#   . "$(dirname "$0")/e2e_lib.sh"
#   e2e_netns e2e_NAME "$0" "$@"
#   e2e_needs e2e_NAME python3 curl
#   e2e_setup NAME

# e2e_netns NAME SCRIPT [ARGS]: run SCRIPT again in a private network
# namespace, where ietd's ports and the abstract control socket are ours
# alone; or skip it, where that takes a root we are not.
e2e_netns() {
	local name=$1

	shift
	[ -z "${IET_IN_NETNS:-}" ] || return 0
	if ! unshare -n true 2>/dev/null; then
		echo "$name: SKIPPED (needs unshare -n, that is root)"
		exit 0
	fi
	IET_IN_NETNS=1 exec unshare -n "$@"
}

# e2e_needs NAME TOOL...: skip the test without each TOOL.
e2e_needs() {
	local name=$1 tool

	shift
	for tool in "$@"; do
		if ! command -v "$tool" >/dev/null; then
			echo "$name: SKIPPED (needs $tool)"
			exit 0
		fi
	done
}

# e2e_setup NAME: in the script's directory, with the loopback up, ietd and
# ietadm at hand ($IETD, $IETADM), a new $dir for the fake kernel's state
# and the rest, removed at the end.
e2e_setup() {
	cd "$(dirname "$0")" || exit 1
	ip link set lo up || exit 1
	IETD=$PWD/test_ietd_fake
	# shellcheck disable=SC2034 # the scripts' that use it
	IETADM=$PWD/test_ietadm
	dir=$(mktemp -d "/tmp/iet-test-$1.XXXXXX")
	export IET_FAKE_STATE=$dir/state
	trap e2e_cleanup EXIT
}

passed=0
failed=0

ok() {
	passed=$((passed + 1))
}

bad() {
	failed=$((failed + 1))
	echo "FAIL: $*"
}

# holds MESSAGE COMMAND...: COMMAND must succeed, else MESSAGE is a failure.
holds() {
	local msg=$1

	shift
	if "$@"; then
		ok
	else
		bad "$msg"
	fi
}

fails() {
	! "$@"
}

# logged TEXT: ietd's log has TEXT.
logged() {
	grep -qsF -- "$1" "$dir/log"
}

pid=

# The EXIT trap: ietd goes, and so does $dir.
e2e_cleanup() {
	[ -z "$pid" ] || kill "$pid" 2>/dev/null
	rm -rf "$dir"
}

# ietd_start [ARGS]: $IETD in the foreground at debug level 1 on $dir/conf,
# its log in $dir/log, until ietd_ready (the script's) says it serves.
ietd_start() {
	"$IETD" -f -d 1 -c "$dir/conf" --pidfile "$dir/pid" "$@" \
		>>"$dir/log" 2>&1 &
	pid=$!
	for _ in $(seq 50); do
		ietd_ready && return 0
		sleep 0.1
	done
	bad "ietd did not come up: $(cat "$dir/log")"
	return 1
}

ietd_stop() {
	kill "$pid"
	wait "$pid"
	pid=
}

# e2e_end NAME: the count; fails if a check did.
e2e_end() {
	echo "$1: $passed passed, $failed failed"
	[ "$failed" = 0 ]
}
