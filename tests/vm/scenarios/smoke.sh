#!/bin/bash
# Proves the VM harness: shared root, writable places, on-demand module
# loading, an LV on a loop file, and the way back to the host.
#   smoke.sh        must pass
#   smoke.sh fail   exits 3: the harness must report FAIL
#   smoke.sh warn   puts a "WARNING:" line in the kernel log via /dev/kmsg
#                   (Debian builds no LKDTM to raise a real WARN)
#   smoke.sh trace  a real kernel stack dump (sysrq l: "Call Trace")
# The last three must be reported as failures by tests/vm/run.
set -euo pipefail
. "$IET_TOP/tests/vm/lib.sh"

case ${1:-} in
fail)
	echo "smoke: failing on purpose"
	exit 3
	;;
warn)
	echo "WARNING: smoke.sh injected this line" >/dev/kmsg
	exit 0
	;;
trace)
	echo l >/proc/sysrq-trigger
	exit 0
	;;
"") ;;
*) die "unknown mode $1" ;;
esac

log "kernel $(uname -r), $(nproc) CPUs, cwd $PWD"
[[ $(findmnt -n -o FSTYPE /) == 9p ]] || die "/ is not the 9p share"
[[ -x $IET_TOP/tests/vm/run ]] || die "repository not visible at $IET_TOP"
! touch "$IET_TOP/.ro-check" 2>/dev/null || die "host root is writable"
for d in /tmp /run/lock /var/lib/iscsi /etc/iet /etc/iscsi /etc/lvm /root; do
	touch "$d/.w" || die "$d is not writable"
done
[[ -s /etc/iscsi/iscsid.conf ]] || die "host /etc/iscsi content missing"

# request_module() goes through the chrooting wrapper in the initramfs.
ip link add iet-dummy0 type dummy || die "on-demand loading of dummy failed"
grep -q '^dummy ' /proc/modules || die "dummy not loaded"
ip link del iet-dummy0

lv=$(lv_setup smoke 128M)
log "LV $lv: $(lvm_ lvs --noheadings -o lv_size "$lv" | tr -d ' ')"
head -c 32M /dev/urandom >/tmp/pattern
dd if=/tmp/pattern of="$lv" bs=1M oflag=direct conv=fsync status=none
dd if="$lv" of=/tmp/back bs=1M count=32 iflag=direct status=none
cmp /tmp/pattern /tmp/back || die "LV read back differs"

wait_for "test -b $lv" 5 || die "wait_for broken"
! wait_for false 1 2>/dev/null || die "wait_for false succeeded"

uname -r >"$IET_OUT/smoke.txt"
log "smoke ok"
