#!/bin/bash
# One kernel's benchmark, in a guest (tests/bench runs it):
#   tests/vm/run -m 4G tests/bench/guest.sh [SECONDS [ROUNDS [TARGETS [JOBS [perf]]]]]
# The same 1 GiB LV is exported in turn by iet, LIO and tgt; each round
# runs every job against each target, the order of the targets rotating
# from round to round. $IET_OUT/results.txt gets one line per run:
#   ROUND TARGET JOB VALUE UNIT BYTES CPU_SECONDS
# VALUE is MB/s (10^6) or IOPS; BYTES what the job moved; CPU_SECONDS the
# guest's busy time during the job (/proc/stat: initiator and target
# alike, so differences between targets are the targets'). With "perf",
# each job also leaves a system-wide profile in $IET_OUT/perf-TARGET-JOB.txt.
# With "net", the TCP counters that moved during each job (nstat) and the
# sockets' state sampled every 2 s (ss -tmi) in $IET_OUT/net-TARGET-JOB.txt.
set -eu -o pipefail
. "$IET_TOP/tests/vm/lib.sh"
. "$IET_TOP/tests/bench/targets.sh"

secs=${1:-15}
rounds=${2:-3}
read -ra targets <<<"${3:-iet lio tgt}"
read -ra jobs <<<"${4:-seqread seqwrite randread randwrite storm mixed perfseq perfrand}"
profile=
net=
for opt in "${@:5}"; do
	case $opt in
	perf) profile=1 ;;
	net) net=1 ;;
	*) die "unknown option $opt" ;;
	esac
done
results=$IET_OUT/results.txt
: >"$results"

# Busy jiffies of all CPUs: user nice system irq softirq steal.
busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }

# disks LUN: the block devices of LUN in every session.
disks() {
	ls -d /sys/class/iscsi_session/session*/device/target*/*:*:*:"$1"/block/* 2>/dev/null
}

# logins N: N sessions to the target, each from its own initiator name
# (N PCs), through open-iscsi ifaces b1..bN; prints their disks.
logins() {
	local n=$1 lun=$2 i ifs=() s d

	for ((i = 1; i <= n; i++)); do
		iscsiadm -m iface -I "b$i" -o new >/dev/null 2>&1 || true
		iscsiadm -m iface -I "b$i" -o update -n iface.initiatorname \
			-v "iqn.2026-11.org.example:pc$i" >/dev/null
		ifs+=(-I "b$i")
	done
	iscsiadm -m discovery -t st -p 127.0.0.1 "${ifs[@]}" >/dev/null
	iscsiadm -m node -T "$BENCH_IQN" --login >/dev/null ||
		die "login failed"
	wait_for "[ \$(disks $lun | wc -l) -eq $n ]" 30 ||
		die "$n disks did not show up"
	for d in $(disks "$lun"); do
		d=$(basename "$d")
		wait_for "test -b /dev/$d" 10 || die "/dev/$d missing"
		# The same elevator (none) for every target: fio's queue depth
		# reaches the target as it is.
		echo none >"/sys/block/$d/queue/scheduler"
		echo "/dev/$d"
	done
}

logouts() {
	iscsiadm -m node --logoutall=all >/dev/null 2>&1 || true
	iscsiadm -m node -o delete >/dev/null 2>&1 || true
	iscsiadm -m discoverydb -t st -p 127.0.0.1 -o delete >/dev/null 2>&1 || true
	wait_for "! ls /sys/class/iscsi_session/ | grep -q session" 30 ||
		die "sessions outlived their logout"
}

# fio_run ARGS...: one fio job (ARGS: its rw, bs, depth and files);
# prints "MB/s IOPS BYTES".
fio_run() {
	fio --output-format=json --output=/tmp/fio.json --ioengine=libaio \
		--direct=1 --time_based --runtime="$secs" --ramp_time=1 \
		--randrepeat=0 --norandommap --group_reporting "$@" >/dev/null ||
		die "fio failed: $(cat /tmp/fio.json)"
	python3 - /tmp/fio.json <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))["jobs"][0]
r, w = j["read"], j["write"]
print(f'{(r["bw_bytes"] + w["bw_bytes"]) / 1e6:.1f}',
      f'{r["iops"] + w["iops"]:.0f}', r["io_bytes"] + w["io_bytes"])
PY
}

# perf_run LUN BLOCKS DEPTH [-r]: libiscsi's iscsi-perf (a session of its
# own, reads only); prints "MB/s IOPS BYTES".
perf_run() {
	local url=iscsi://127.0.0.1/$BENCH_IQN/$1 bs=$(($2 * 512)) out iops

	out=$(iscsi-perf -i iqn.2026-11.org.example:perf -m "$3" -b "$2" \
		-t "$secs" ${4:-} "$url" | tr '\r' '\n') ||
		die "iscsi-perf failed: $out"
	iops=$(sed -n 's/^iops average \([0-9]*\) .*/\1/p' <<<"$out" | tail -n 1)
	[ -n "$iops" ] || die "no figure from iscsi-perf: $out"
	echo "$((iops * bs / 1000000)) $iops $((iops * bs * secs))"
}

# job NAME LUN DISK: runs one job; prints "VALUE UNIT BYTES".
job() {
	local name=$1 lun=$2 disk=$3 f

	case $name in
	seqread) set -- $(fio_run --name=j --filename="$disk" --rw=read --bs=1M --iodepth=16) && echo "$1 MB/s $3" ;;
	seqwrite) set -- $(fio_run --name=j --filename="$disk" --rw=write --bs=1M --iodepth=16) && echo "$1 MB/s $3" ;;
	randread) set -- $(fio_run --name=j --filename="$disk" --rw=randread --bs=4k --iodepth=32) && echo "$2 IOPS $3" ;;
	randwrite) set -- $(fio_run --name=j --filename="$disk" --rw=randwrite --bs=4k --iodepth=32) && echo "$2 IOPS $3" ;;
	mixed) set -- $(fio_run --name=j --filename="$disk" --rw=randrw --rwmixread=70 --bs=64k --iodepth=16) && echo "$1 MB/s $3" ;;
	storm)
		# Eight PCs booting: eight sessions, four reads in flight each.
		logouts
		local args=()
		for f in $(logins 8 "$lun"); do
			args+=(--name="$(basename "$f")" --filename="$f")
		done
		set -- $(fio_run --rw=randread --bs=4k --iodepth=4 "${args[@]}")
		echo "$2 IOPS $3"
		logouts
		;;
	perfseq) set -- $(perf_run "$lun" 2048 16) && echo "$1 MB/s $3" ;;
	perfrand) set -- $(perf_run "$lun" 8 32 -r) && echo "$2 IOPS $3" ;;
	*) die "unknown job $name" ;;
	esac
}

# Samples of the iSCSI sockets while a job runs; net_stop writes them
# after the TCP counters the job moved.
net_start() {
	nstat -n
	while sleep 2; do
		date +%T
		ss -tmi '( sport = :3260 or dport = :3260 )'
	done >/tmp/ss.txt 2>&1 &
	NET_PID=$!
}

net_stop() {
	kill "$NET_PID"
	wait "$NET_PID" 2>/dev/null || true
	{
		nstat
		cat /tmp/ss.txt
	} >"$IET_OUT/net-$1.txt" 2>&1 || true
}

# The profile of one job: every CPU, kernel and user, with call chains.
# (Debian's perf, built with 6.1, reads any kernel's events.)
profile_start() {
	perf record -q -a -g -e cpu-clock -F 499 -o /tmp/perf.data \
		>/tmp/perf.log 2>&1 &
	PERF_PID=$!
	# perf takes seconds to start under TCG; the job must not share them.
	sleep 5
}

profile_stop() {
	kill -INT "$PERF_PID"
	wait "$PERF_PID" || true
	{
		perf report -i /tmp/perf.data --stdio --no-children \
			--sort comm -g none --percent-limit 0.5
		perf report -i /tmp/perf.data --stdio --no-children \
			--sort sym -g none --percent-limit 0.5
		perf report -i /tmp/perf.data --stdio --no-children \
			--sort comm,sym -g none --percent-limit 0.2
	} >"$IET_OUT/perf-$1.txt" 2>/dev/null || true
}

lv=$(lv_setup bench 1G)
# Written once, so that every read is of allocated blocks.
dd if=/dev/zero of="$lv" bs=1M count=1024 oflag=direct status=none
initiator_start iqn.2026-11.org.example:pc1
log "kernel $(uname -r), $(nproc) CPUs, $secs s per job, $rounds rounds"

for ((r = 1; r <= rounds; r++)); do
	for ((i = 0; i < ${#targets[@]}; i++)); do
		t=${targets[$(((i + r - 1) % ${#targets[@]}))]}
		step "round $r: $t"
		lun=$("${t}_up" "$lv")
		disk=$(logins 1 "$lun")
		iscsiadm -m session -P 2 | grep -E 'Max|Burst|R2T|Immediate' |
			tr -s '\t ' ' ' | paste -sd, >"$IET_OUT/params-$t.txt"
		for j in "${jobs[@]}"; do
			[ -z "$profile" ] || profile_start
			[ -z "$net" ] || net_start
			before=$(busy)
			set -- $(job "$j" "$lun" "$disk")
			[ -z "$net" ] || net_stop "$t-$j"
			[ -z "$profile" ] || profile_stop "$t-$j"
			cpu=$(awk -v a="$before" -v b="$(busy)" 'BEGIN { printf "%.2f", (b - a) / 100 }')
			echo "$r $t $j $1 $2 $3 $cpu" | tee -a "$results"
			[ "$j" != storm ] || disk=$(logins 1 "$lun")
		done
		logouts
		"${t}_down"
	done
done
