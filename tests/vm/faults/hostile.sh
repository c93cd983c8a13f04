#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Hostile initiator: open-iscsi runs fio with verification on one target
# the whole time, while tests/tools/iscsi_hostile logs in to the other and
# sends every malformed PDU it knows, then PDUs mutated at random (3,000
# quick, 100,000 full). Each must cost only its own connection: fio ends
# without an error, its session is the one it started with, and once the
# hostile connections are gone nothing is left of them: iet_* slab objects,
# rx threads, ietd's descriptors, memory. rmmod is clean at the end.
#   hostile.sh [quick|full]	(default: $IET_FAULTS, else quick)
set -eu -o pipefail
. "$IET_TOP/tests/vm/lib.sh"

size=${1:-${IET_FAULTS:-quick}}
case $size in
quick) pdus=3000 ;;
full) pdus=100000 ;;
*) die "size $size: quick or full" ;;
esac
seed=${IET_HOSTILE_SEED:-$(date +%s)}
hostile=$IET_TOP/tests/tools/iscsi_hostile
tf=iqn.2026-11.org.example:fio
th=iqn.2026-11.org.example:hostile
mem_slack=32768		# kB of MemAvailable the run may cost
slab_slack=2048		# kB of unreclaimable slab

[ -x "$hostile" ] || die "no $hostile: make -C tests/tools"

# counts FILE: what a connection could leak, after dropping what the
# kernel may drop: iet_* slab objects in use, rx threads, ietd's fds.
counts() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
	{
		awk '$1 ~ /^iet_/ { print $1, $2 }' /proc/slabinfo
		echo "rx_threads $(ps -e -o comm= | grep -c '^iet_rx' || true)"
		echo "ietd_fds $(ls "/proc/$(cat /run/ietd.pid)/fd" | wc -l)"
	} >"$1"
	cat /proc/slabinfo >"$1.slab"
	# The LVs' loop files are in tmpfs: what fio writes there is Shmem,
	# gone from MemAvailable but no leak.
	awk '{ m[$1] = $2 } END { print "MemAvailable+Shmem:",
		m["MemAvailable:"] + m["Shmem:"]; print "SUnreclaim:",
		m["SUnreclaim:"] }' /proc/meminfo >"$1.mem"
}

# mem FILE FIELD: a /proc/meminfo figure of a count, in kB.
mem() { awk -v f="$2:" '$1 == f { print $2 }' "$1.mem"; }

# sessions TID: the sids of target TID in /proc/net/iet/session.
sessions() {
	awk -v t="tid:$1" '/^tid:/ { on = $1 == t }
		on && /^\tsid:/ { sub(/^sid:/, "", $1); print $1 }' \
		/proc/net/iet/session
}

# The writer: fio rounds of 5 s with verification until told to stop.
fio_loop() {
	local i=0

	while [ "$i" -eq 0 ] || [ ! -e /tmp/fio.stop ]; do
		i=$((i + 1))
		fio --name=verify --filename="$disk" --direct=1 \
			--ioengine=libaio --rw=randwrite --bsrange=4k-128k \
			--iodepth=8 --size=64M --time_based --runtime=5 \
			--verify=crc32c --verify_backlog=32 --verify_fatal=1 \
			--verify_state_save=0 --eta=never \
			--output=/tmp/fio.out || {
			cat /tmp/fio.out
			echo "fio round $i failed"
			return 1
		}
	done
	echo "fio: $i rounds"
}

lvf=$(lv_setup fio 128M)
lvh=$(lv_setup hostile 64M)
cat >/etc/iet/ietd.conf <<EOT
Target $tf
	Lun 0 Path=$lvf,Type=blockio
Target $th
	Lun 0 Path=$lvh,Type=blockio
	HeaderDigest CRC32C,None
	DataDigest CRC32C,None
EOT
iet_start /etc/iet/ietd.conf
initiator_start iqn.2026-11.org.example:guest
iscsiadm -m discovery -t st -p 127.0.0.1 >/dev/null
iscsiadm -m node -T "$tf" -p 127.0.0.1 --login >/dev/null
disk=$(iscsi_disk "$tf")
sid=$(sessions 1)
[ -n "$sid" ] || die "no session of open-iscsi"
counts /tmp/before
marks=$(dmesg | wc -l)

step "fio verifies on $disk while iscsi_hostile attacks $th (seed $seed)"
fio_loop &
fio=$!
start=$SECONDS
rc=0
timeout 1800 "$hostile" -s "$seed" -n "$pdus" "$th" all mutate \
	>/tmp/hostile.out 2>&1 || rc=$?
cat /tmp/hostile.out
took=$((SECONDS - start))
touch /tmp/fio.stop
frc=0
wait "$fio" || frc=$?
cases=$(grep -c '^ok ' /tmp/hostile.out || true)
sent=$(sed -n 's/^mutate: .*: \([0-9]*\) PDUs sent.*/\1/p' /tmp/hostile.out)
{
	echo "runs $((cases + ${sent:-0}))"
	echo "failures $(grep -c '^FAIL' /tmp/hostile.out || true)"
	echo "lost $((frc != 0))"
} >"$IET_OUT/summary"
echo "hostile: $cases cases, ${sent:-0} mutated PDUs in $took s"
[ "$rc" -eq 0 ] || die "iscsi_hostile failed ($rc)"
[ "$frc" -eq 0 ] || die "fio failed beside the hostile initiator"

step "open-iscsi's session is the one it started with"
[ "$(sessions 1)" = "$sid" ] ||
	die "the fio session changed: $sid -> $(sessions 1)"
iscsiadm -m session -P 1 | grep -q 'iSCSI Session State: LOGGED_IN' ||
	die "open-iscsi's session is not logged in"
! dmesg | tail -n +"$((marks + 1))" |
	grep -E 'detected conn error|target 1:' ||
	die "the fio session saw an error"

step "the hostile connections leave nothing behind"
wait_for '[ -z "$(sessions 2)" ]' 30 ||
	die "hostile sessions stay: $(cat /proc/net/iet/session)"
counts /tmp/after
diff -u /tmp/before /tmp/after || die "slab objects, threads or fds left"
echo "caches that grew most (kB of objects in use):"
awk 'NR == FNR { if (FNR > 2) b[$1] = $2 * $4; next }
     FNR > 2 { d = ($2 * $4 - b[$1]) / 1024; if (d > 0) printf "  %s %+.1f\n", $1, d }' \
	/tmp/before.slab /tmp/after.slab | sort -k2 -g -r | head -n 5
for f in MemAvailable+Shmem SUnreclaim; do
	echo "$f: $(mem /tmp/before $f) -> $(mem /tmp/after $f) kB"
done
[ $(($(mem /tmp/before MemAvailable+Shmem) - \
	$(mem /tmp/after MemAvailable+Shmem))) -le "$mem_slack" ] ||
	die "MemAvailable+Shmem fell by more than $mem_slack kB"
# Closed connections wait in TIME_WAIT for a minute: no leak of ours.
tw=$(awk 'NR == FNR { if ($1 ~ /^tw_sock_TCP/) b += $2 * $4; next }
	$1 ~ /^tw_sock_TCP/ { a += $2 * $4 } END { print int((a - b) / 1024) }' \
	/tmp/before.slab /tmp/after.slab)
[ $(($(mem /tmp/after SUnreclaim) - $(mem /tmp/before SUnreclaim) - tw)) \
	-le "$slab_slack" ] ||
	die "SUnreclaim grew by more than $slab_slack kB besides TIME_WAIT"

step "rmmod"
iscsiadm -m node -T "$tf" -p 127.0.0.1 --logout >/dev/null
kill "$(cat /run/ietd.pid)"
wait_for '! pgrep -x ietd' 10 || die "ietd does not stop"
rmmod iscsi_trgt || die "rmmod failed"
! grep -q '^iet_' /proc/slabinfo || die "an iet_ cache outlived rmmod"
echo "hostile: all steps passed"
