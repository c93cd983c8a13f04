#!/bin/bash
# Session reinstatement under I/O: a raw initiator replaces its own session
# 100 times, each time with commands left in every state on a blockio LUN
# (writes waiting for R2T, writes and reads at the LV, Data-In nobody
# reads, a Data-Out cut in half); then it takes over open-iscsi's session.
# Every new login must succeed, every old connection be closed, one
# session be left, and the memory come back: no command left in the
# module's cache, the slab within a tolerance, rmmod clean.
set -eu -o pipefail
. "$IET_TOP/tests/vm/lib.sh"

t=iqn.2026-11.org.example:reinstate
ini=iqn.2026-11.org.example:guest
client="python3 $IET_TOP/tests/vm/session_client.py"
ietadm=$IET_TOP/usr/ietadm
rounds=${REINSTATE_ROUNDS:-100}
# Unreclaimable slab that may stay after the rounds, in kB: the per-CPU
# and per-socket caches of the kernel move by a few hundred kB anyway; one
# leaked connection, session and command set per round would be more.
slab_slack=2048

lv=$(lv_setup reinstate 256M)
cat >/etc/iet/ietd.conf <<EOT
Target $t
	MaxRecvDataSegmentLength 65536
	InitialR2T No
	ImmediateData Yes
	FirstBurstLength 65536
	MaxBurstLength 262144
	Lun 0 Path=$lv,Type=blockio
EOT
iet_start /etc/iet/ietd.conf

# snapshot NAME: slab and memory figures, after the caches that can be
# dropped are.
snapshot() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
	cat /proc/slabinfo >"/tmp/$1.slab"
	grep -E '^(MemAvailable|Slab|SUnreclaim):' /proc/meminfo >"/tmp/$1.mem"
}

# active NAME CACHE: the objects in use of CACHE in snapshot NAME.
active() { awk -v c="$2" '$1 == c { print $2 }' "/tmp/$1.slab"; }

# mem NAME FIELD: a /proc/meminfo figure of snapshot NAME, in kB.
mem() { awk -v f="$2:" '$1 == f { print $2 }' "/tmp/$1.mem"; }

no_sessions() {
	wait_for "! grep -q sid: /proc/net/iet/session" 10 ||
		die "sessions stay: $(cat /proc/net/iet/session)"
}

step "warm-up: 2 reinstatements"
$client reinstate "$t" --rounds 2 --seed 0 || die "warm-up failed"
no_sessions
snapshot before

step "$rounds reinstatements under I/O"
start=$SECONDS
$client reinstate "$t" --rounds "$rounds" --seed 1 ||
	die "reinstatement failed"
took=$((SECONDS - start))
no_sessions
snapshot after
ended=$(dmesg | grep -c "iscsi_trgt: target 1: session .* ended" || true)
echo "sessions ended: $ended"
[ "$ended" -ge "$((rounds + 3))" ] || die "not every session ended"

step "figures"
cmds=$(active after iet_cmd)
echo "rounds $rounds in $took s"
echo "iet_cmd objects in use: before $(active before iet_cmd), after $cmds"
for f in Slab SUnreclaim MemAvailable; do
	echo "$f: before $(mem before $f) kB, after $(mem after $f) kB," \
		"delta $(($(mem after $f) - $(mem before $f))) kB"
done
echo "caches that grew most (kB of objects in use):"
awk 'NR == FNR { if (FNR > 2) b[$1] = $2 * $4; next }
     FNR > 2 { d = ($2 * $4 - b[$1]) / 1024; if (d > 0) printf "  %s %+.1f\n", $1, d }' \
	/tmp/before.slab /tmp/after.slab | sort -k2 -g -r | head -n 5
[ -n "$cmds" ] || die "no iet_cmd cache in /proc/slabinfo"
[ "$cmds" -eq 0 ] || die "$cmds commands left in iet_cmd"
grow=$(($(mem after SUnreclaim) - $(mem before SUnreclaim)))
[ "$grow" -le "$slab_slack" ] ||
	die "unreclaimable slab grew by $grow kB, more than $slab_slack"

step "open-iscsi's session, under reads, taken over by its ISID"
initiator_start "$ini"
iscsiadm -m discovery -t st -p 127.0.0.1 >/dev/null
node() { iscsiadm -m node -T "$t" -p 127.0.0.1 "$@"; }
# Its I/O fails soon once the session is gone, rather than waiting.
node -o update -n node.session.timeo.replacement_timeout -v 5
node --login
disk=$(iscsi_disk "$t")
sid=$(sed -n "s/^\tsid:\([0-9]*\) initiator:$ini\$/\1/p" /proc/net/iet/session)
[ -n "$sid" ] || die "no session of $ini"
isid=$(python3 -c "print(($sid & (1 << 48) - 1).to_bytes(6, 'little').hex())")
while dd if="$disk" of=/dev/null bs=1M count=64 iflag=direct status=none; do
	:
done &
reads=$!
sleep 1
# iscsid must not log in again meanwhile: that would reinstate in turn.
pkill -STOP -x iscsid
$client reinstate "$t" --rounds 3 --seed 2 --initiator "$ini" --isid "$isid" \
	--takeover || die "the takeover failed"
pkill -CONT -x iscsid
node --logout || true
kill "$reads" 2>/dev/null || true
wait "$reads" || true
no_sessions

step "the target goes, ietd stops, the module unloads"
$ietadm --op delete --tid=1 || die "ietadm cannot delete the target"
kill "$(cat /run/ietd.pid)"
wait_for "! pgrep -x ietd" 10 || die "ietd does not stop"
rmmod iscsi_trgt || die "rmmod failed"
[ ! -e /proc/net/iet ] || die "/proc/net/iet outlived rmmod"
! grep -q '^iet_cmd ' /proc/slabinfo || die "iet_cmd outlived rmmod"
echo "reinstate: all steps passed"
