# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# What a leak grows, counted before and after a fault scenario:
#   counts > FILE; ...; counts_back FILE [MEM_KIB]
# Source after lib.sh.

# counts: one "name value" line each: objects of the module's slab caches
# and of the TCP sockets' (slub_debug keeps caches unmerged and exact),
# kernel threads that are not kworkers (those come and go by themselves),
# the module's threads, and ietd's open files.
counts() {
	local pid

	awk '$1 ~ /^(iet_|TCP)/ { print "slab:" $1, $2 }' /proc/slabinfo
	echo "kthreads $(ps -eo ppid=,comm= |
		awk '$1 == 2 && $2 !~ /^kworker/' | wc -l)"
	echo "iet_threads $(pgrep -c '^iet')"
	pid=$(cat /run/ietd.pid 2>/dev/null) &&
		echo "ietd_fds $(find "/proc/$pid/fd" -mindepth 1 | wc -l)"
	return 0
}

# mem_available: MemAvailable in KiB once the page cache is dropped, with
# the free pages that wait on per-CPU lists (/proc/zoneinfo's "count:" of
# each CPU's pageset): they are free, but MemAvailable leaves them out, and
# 6.1 keeps megabytes there after a busy stretch.
mem_available() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
	awk '$1 == "count:" { pcp += $2 } $1 == "MemAvailable:" { kib = $2 }
		END { print kib + pcp * 4 }' /proc/zoneinfo /proc/meminfo
}

# counts_back FILE: waits up to 15 s for counts to equal FILE's (sockets
# and threads go away a little after a logout); shows what differs.
counts_back() {
	if ! wait_for "counts | cmp -s - $1" 15; then
		counts | diff "$1" - >&2
		return 1
	fi
}

# mem_back KIB TOLERANCE: whether MemAvailable comes back to at most
# TOLERANCE KiB below KIB within 20 s (tasks, stacks and sockets are freed
# after an RCU grace period or from a work item, a while after the logout).
mem_back() {
	local now end=$((SECONDS + 20))

	while now=$(mem_available) && ((now + $2 < $1 && SECONDS < end)); do
		sleep 1
	done
	echo "MemAvailable $1 KiB before, $now KiB after"
	((now + $2 >= $1))
}

# slab_bytes: bytes in use per slab cache, "name bytes" lines.
slab_bytes() { awk 'NR > 2 { print $1, $2 * $4 }' /proc/slabinfo; }

# slab_growth FILE: the ten caches that grew most since slab_bytes > FILE.
slab_growth() {
	slab_bytes | awk 'NR == FNR { was[$1] = $2; next }
		{ d = $2 - was[$1]; if (d > 0) print d, $1 }' "$1" - |
		sort -rn | head -n 10
}

# mem_growth FILE: the /proc/meminfo fields that changed since a copy of it
# in FILE, in KiB (where the memory went when MemAvailable dropped).
mem_growth() {
	awk 'NR == FNR { was[$1] = $2; next }
		$2 != was[$1] { print $1, was[$1], "->", $2, $2 - was[$1] }' \
		"$1" /proc/meminfo
}
