# shellcheck shell=bash
# Helpers for scenarios run by tests/vm/run.  Source it from bash:
#   . "$IET_TOP/tests/vm/lib.sh"

IET_VG=ietvg
# No udevd in the guest: libdevmapper makes the nodes itself
# (DM_DISABLE_UDEV=1) and LVM must neither wait for udev nor ask it for
# devices.  Stated here so that a changed host lvm.conf does not matter.
IET_LVM_CONFIG='devices{obtain_device_list_from_udev=0 use_devicesfile=0 external_device_info_source="none"} activation{udev_sync=0 udev_rules=0 monitoring=0}'
export DM_DISABLE_UDEV=1

log() { echo "[$(date +%T)] $*"; }

die() {
	echo "FAIL: $*" >&2
	exit 1
}

# wait_for CMD TIMEOUT: polls the shell command CMD until it succeeds;
# returns 1 after TIMEOUT seconds (default 30).
wait_for() {
	local cmd=$1 end=$((SECONDS + ${2:-30}))
	until eval "$cmd" >/dev/null 2>&1; do
		if ((SECONDS >= end)); then
			echo "timed out after ${2:-30}s waiting for: $cmd" >&2
			return 1
		fi
		sleep 0.2
	done
}

lvm_() { lvm "$@" --config "$IET_LVM_CONFIG"; }

# lv_setup NAME SIZE: makes a logical volume NAME of SIZE (IEC, as in 256M or
# 1G) in VG $IET_VG, on a loop file of its own in /tmp (the VG grows by one
# PV per call), and prints its device path.
lv_setup() {
	local name=$1 size=$2 bytes file dev
	bytes=$(numfmt --from=iec "${size^^}") ||
		die "lv_setup: bad size $size"
	modprobe loop
	modprobe dm_mod
	file=$(mktemp "/tmp/$IET_VG-$name.XXXXXX")
	# Room for the PV label, metadata and extent rounding.  The file starts
	# as zeros, so lvcreate need not wipe or zero (a loop on tmpfs would log
	# a failed WRITE_ZEROES).
	truncate -s $((bytes + (16 << 20))) "$file"
	dev=$(losetup --find --show "$file") || die "lv_setup: losetup failed"
	{
		lvm_ pvcreate -q -y "$dev" &&
			if lvm_ vgs "$IET_VG" >/dev/null 2>&1; then
				lvm_ vgextend -q "$IET_VG" "$dev"
			else
				lvm_ vgcreate -q "$IET_VG" "$dev"
			fi &&
			lvm_ lvcreate -q -y -Wn -Zn -n "$name" -L "${bytes}b" "$IET_VG" "$dev"
	} >&2 || die "lv_setup: LVM failed for $name"
	[[ -b /dev/$IET_VG/$name ]] || die "lv_setup: /dev/$IET_VG/$name missing"
	echo "/dev/$IET_VG/$name"
}

# No thin_check in the guest; a new pool has nothing to check anyway.
lvm_thin() {
	lvm "$@" --config "$IET_LVM_CONFIG global{thin_check_executable=\"\"}"
}

# thin_setup NAME SIZE: a thin LV NAME of SIZE in a pool of the same size.
thin_setup() {
	local name=$1 size=$2

	modprobe dm_thin_pool
	lv_setup "${name}pv" "$size" >/dev/null
	lvm_ lvremove -q -y "$IET_VG/${name}pv" >&2
	lvm_thin lvcreate -q -y --type thin-pool \
		--poolmetadataspare n -L "$size" -n pool "$IET_VG" >&2 ||
		die "thin_setup: no thin pool"
	lvm_thin lvcreate -q -y -V "$size" -T "$IET_VG/pool" \
		-n "$name" >&2 || die "thin_setup: no thin LV"
	[[ -b /dev/$IET_VG/$name ]] || die "thin_setup: /dev/$IET_VG/$name missing"
	echo "/dev/$IET_VG/$name"
}

# iet_load: the module built for this kernel, and what it needs (insmod,
# unlike modprobe, loads no dependency).
iet_load() {
	modprobe libcrc32c || die "no libcrc32c"
	grep -q '^iscsi_trgt ' /proc/modules ||
		insmod "$IET_TOP/build/$(uname -r)/iscsi_trgt.ko" ||
		die "insmod failed"
}

# iet_start CONF: loads the module and starts ietd on CONF, its log in
# /tmp/ietd.log; returns once ietd answers ietadm (CONF applied, listening).
iet_start() {
	iet_load
	# In the foreground: the guest has no syslog for a daemon's log.
	"$IET_TOP/usr/ietd" -f -c "$1" -d 1 --pidfile /run/ietd.pid \
		>/tmp/ietd.log 2>&1 &
	wait_for "$IET_TOP/usr/ietadm --op show --tid=1" 20 ||
		die "ietd does not answer: $(cat /tmp/ietd.log)"
}

# initiator_start [IQN]: open-iscsi's iscsid with initiator name IQN.
initiator_start() {
	# No udevd to load the disk drivers when a LUN shows up.
	modprobe sd_mod
	modprobe sg
	echo "InitiatorName=${1:-iqn.2026-11.org.example:guest}" \
		>/etc/iscsi/initiatorname.iscsi
	iscsid || die "iscsid did not start"
	# 21: no sessions, the answer of a running iscsid.
	wait_for 'iscsiadm -m session; rc=$?; [ $rc -eq 0 ] || [ $rc -eq 21 ]' 20 ||
		die "iscsid does not answer"
}

# iscsi_disk TARGET [LUN]: the /dev/sdX of a logged-in TARGET's LUN (0).
iscsi_disk() {
	local lun=${2:-0} dev

	# No grep -q: under pipefail, ls would die of SIGPIPE with two
	# sessions to the target. Their first disk is the one.
	wait_for "[ -n \"\$(_iscsi_disk $1 $lun)\" ]" 30 ||
		die "no disk for $1"
	dev=$(_iscsi_disk "$1" "$lun" | sed -n 1p)
	wait_for "test -b /dev/$dev" 10 || die "/dev/$dev missing"
	echo "/dev/$dev"
}

_iscsi_disk() {
	local s

	for s in /sys/class/iscsi_session/session*; do
		[ "$(cat "$s/targetname" 2>/dev/null)" = "$1" ] || continue
		ls "$s"/device/target*/*:*:*:"$2"/block 2>/dev/null
	done
}

# Every step's output goes to the console log; this marks where each starts.
step() { echo "== $*"; }
