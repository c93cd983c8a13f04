# shellcheck shell=bash
# The three targets the benchmark compares, each exporting one block device
# as $BENCH_IQN with defaults and no access control:
#   <name>_up DEV    exports DEV, prints the LUN the disk is at
#   <name>_down      takes it away, leaving DEV free for the next
# Sourced by guest.sh after tests/vm/lib.sh.

BENCH_IQN=iqn.2026-11.org.example:bench

iet_up() {
	cat >/tmp/bench-ietd.conf <<EOT
Target $BENCH_IQN
	Lun 0 Path=$1,Type=blockio
EOT
	iet_start /tmp/bench-ietd.conf >&2
	echo 0
}

# iet with Data-In spliced from the read's pages, or copied, whatever the
# kernel's default (BENCH_TARGETS="iet ietsplice ietcopy" compares them).
ietsplice_up() {
	iet_up "$1"
	echo Y >/sys/module/iscsi_trgt/parameters/zerocopy
}

ietcopy_up() {
	iet_up "$1"
	echo N >/sys/module/iscsi_trgt/parameters/zerocopy
}

ietsplice_down() { iet_down; }
ietcopy_down() { iet_down; }

iet_down() {
	local pid

	pid=$(cat /run/ietd.pid)
	kill "$pid"
	wait_for "! kill -0 $pid" 10 || die "ietd does not stop"
	rmmod iscsi_trgt || die "iscsi_trgt does not unload"
}

# LIO through targetcli, as its users set it up: an iblock backstore,
# demo mode (generated ACLs), no authentication.
lio_up() {
	local tpg=/iscsi/$BENCH_IQN/tpg1

	pgrep -x dbus-daemon >/dev/null || {
		mkdir -p /run/dbus
		dbus-daemon --system --fork
	}
	modprobe target_core_iblock
	modprobe iscsi_target_mod
	targetcli <<EOT >&2 || die "targetcli failed"
/backstores/block create name=bench dev=$1
/iscsi create $BENCH_IQN
$tpg/luns create /backstores/block/bench
$tpg set attribute authentication=0 generate_node_acls=1 demo_mode_write_protect=0 cache_dynamic_acls=1
EOT
	echo 0
}

lio_down() {
	targetcli clearconfig confirm=True >&2 || die "targetcli clearconfig failed"
}

# tgt with its default backing store (rdwr: pread/pwrite on the device);
# its LUN 0 is its own controller, so the disk is LUN 1.
tgt_up() {
	tgtd -f >/tmp/tgtd.log 2>&1 &
	wait_for "tgtadm --lld iscsi --op show --mode sys" 10 ||
		die "tgtd does not answer"
	tgtadm --lld iscsi --op new --mode target --tid 1 -T "$BENCH_IQN" &&
		tgtadm --lld iscsi --op new --mode logicalunit --tid 1 --lun 1 \
			--bstype rdwr -b "$1" &&
		tgtadm --lld iscsi --op bind --mode target --tid 1 -I ALL ||
		die "tgtadm failed"
	echo 1
}

tgt_down() {
	tgtadm --lld iscsi --op delete --mode target --tid 1 --force >&2 || true
	tgtadm --op delete --mode system >&2 || pkill -x tgtd || true
	wait_for "! pgrep -x tgtd" 10 || die "tgtd does not stop"
}
