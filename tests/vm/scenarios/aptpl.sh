#!/bin/bash
# Persistent reservations that outlive a power loss (APTPL), from
# sg_persist over open-iscsi: the keys and the reservation come back after
# ietd and the module are restarted (a reboot, for the target), a save cut
# short falls back to the one before, APTPL 0 lets the state go, and
# without a state directory APTPL is refused.
set -eu -o pipefail
. "$IET_TOP/tests/vm/lib.sh"

t=iqn.2026-11.org.example:aptpl
lv=$(lv_setup aptpl 16M)
cat >/etc/iet/ietd.conf <<EOT
Target $t
	Lun 0 Path=$lv,Type=blockio
EOT
prdir=/var/lib/iet/pr

login() {
	iscsiadm -m discovery -t st -p 127.0.0.1 >/dev/null
	iscsiadm -m node -T "$t" -p 127.0.0.1 --login >/dev/null
	disk=$(iscsi_disk "$t")
	# The new nexus's unit attention, out of sg_persist's way.
	sg_turs "$disk" >/dev/null 2>&1 || true
}

logout() {
	iscsiadm -m node -T "$t" -p 127.0.0.1 --logout >/dev/null
}

# reboot [IETD ARGS]: what a power cycle does to the target: ietd and the
# module go, and come back.
reboot() {
	logout
	kill "$(cat /run/ietd.pid)"
	wait_for "! test -e /run/ietd.pid" 10 || die "ietd did not stop"
	rmmod iscsi_trgt || die "rmmod failed"
	iet_load
	"$IET_TOP/usr/ietd" -f -c /etc/iet/ietd.conf -d 1 \
		--pidfile /run/ietd.pid "$@" >/tmp/ietd.log 2>&1 &
	wait_for "$IET_TOP/usr/ietadm --op show --tid=1" 20 ||
		die "ietd does not answer: $(cat /tmp/ietd.log)"
	login
}

# has WHAT TEXT: sg_persist --in --WHAT shows TEXT (all of it is logged).
has() {
	sg_persist --in "--$1" "$disk" >/tmp/prin || die "sg_persist --$1 failed"
	cat /tmp/prin
	grep -q "$2" /tmp/prin
}

iet_start /etc/iet/ietd.conf
initiator_start iqn.2026-11.org.example:aptpl-host
login

step "REGISTER with APTPL, RESERVE: PTPL_A, and two files in $prdir"
has report-capabilities "Persist Through Power Loss Capable(PTPL_C): 1" ||
	die "PTPL_C not reported"
sg_persist --out --register --param-sark=0xa1 --param-aptpl "$disk" ||
	die "REGISTER with APTPL refused"
sg_persist --out --reserve --param-rk=0xa1 --prout-type=1 "$disk" ||
	die "RESERVE refused"
has report-capabilities "Persist Through Power Loss Active(PTPL_A): 1" ||
	die "PTPL_A not set"
ls -l "$prdir"
[ "$(ls "$prdir" | wc -l)" = 2 ] || die "want two files in $prdir"
head -n 20 "$prdir"/*

step "after a target reboot: the key and the reservation are back"
reboot
has read-keys 0xa1 || die "the key did not survive"
has read-reservation Key=0xa1 || die "the reservation did not survive"
grep -q "Write Exclusive$" /tmp/prin || die "wrong reservation type"
dmesg | grep -q "persistent reservations restored" ||
	die "no restore in the kernel log"

step "a save cut short: the one before it is used"
newest=$(grep -l "^reservation " "$prdir"/*)
truncate -s 40 "$newest"
reboot
has read-keys 0xa1 || die "the key from the older file is lost"
has read-reservation "there is NO reservation held" ||
	die "the cut file's reservation came back"

step "REGISTER with APTPL 0: the state ends with the next power loss"
# open-iscsi's ISID changes with each login: this is a new nexus.
sg_persist --out --register-ignore --param-sark=0xa2 "$disk" ||
	die "REGISTER AND IGNORE EXISTING KEY (APTPL 0) refused"
has report-capabilities "Persist Through Power Loss Active(PTPL_A): 0" ||
	die "PTPL_A still set"
reboot
has read-keys "there are NO registered reservation keys" ||
	die "keys survived with APTPL 0"

step "no state directory: APTPL refused, the LUN works"
reboot --state-dir /proc/iet-nowhere
grep "APTPL refused" /tmp/ietd.log || die "ietd did not warn"
has report-capabilities "Persist Through Power Loss Capable(PTPL_C): 0" ||
	die "PTPL_C reported without a directory"
if sg_persist --out --register --param-sark=0xb1 --param-aptpl "$disk"; then
	die "APTPL taken without a directory"
fi
sg_persist --out --register --param-sark=0xb1 "$disk" ||
	die "REGISTER without APTPL refused"
logout
echo "aptpl: all steps passed"
