#!/bin/bash
# First light with libiscsi: its tools, and the conformance families of
# iscsi-test-cu that the SCSI emulation covers so far, with the iSCSI
# families (CmdSN, DataSN, residuals, task management).
set -eu -o pipefail
. "$IET_TOP/tests/vm/lib.sh"

t1=iqn.2026-11.org.example:desk01
t2=iqn.2026-11.org.example:files
lv=$(lv_setup desk01 128M)
truncate -s 64M /tmp/wb.img
truncate -s 64M /tmp/wt.img
cat >/etc/iet/ietd.conf <<EOT
Target $t1
	Lun 0 Path=$lv,Type=blockio
Target $t2
	Lun 0 Path=/tmp/wb.img,Type=fileio,IOMode=wb
	Lun 1 Path=/tmp/wt.img,Type=fileio
EOT
iet_start /etc/iet/ietd.conf
url=iscsi://127.0.0.1/$t1/0

step "iscsi-ls, iscsi-inq, iscsi-readcapacity16"
iscsi-ls -s iscsi://127.0.0.1 | tee /tmp/ls
grep -q "$t1" /tmp/ls || die "iscsi-ls misses $t1"
iscsi-inq "$url" | tee /tmp/inq
grep -q "VIRTUAL-DISK" /tmp/inq || die "iscsi-inq: no product"
iscsi-inq -e 1 -c 0x83 "$url" || die "iscsi-inq page 0x83 failed"
iscsi-readcapacity16 "$url" | tee /tmp/rc16
grep -q "LOGICAL BLOCK LENGTH IN BYTES:512" /tmp/rc16 &&
	grep -q "RETURNED LOGICAL BLOCK ADDRESS:262143" /tmp/rc16 || die "readcapacity16"

# run_family FAMILY [URL]: CUnit's summary line is
# "tests TOTAL RAN PASSED FAILED INACTIVE"; a family must run and not fail.
run_family() {
	local family=$1 u=${2:-$url} out

	out=$(iscsi-test-cu --dataloss --test="ALL.$family" "$u" 2>&1) || true
	echo "$out" | grep -E '^ +(Test|Suite).*(FAILED|Failed)' || true
	summary=$(echo "$out" | grep -E '^ +tests ' | head -n 1)
	echo "$family: $summary"
	echo "$out" >"$IET_OUT/$family-${u//[^a-z0-9]/_}.txt"
	ran=$(echo "$summary" | awk '{ print $3 }')
	failed=$(echo "$summary" | awk '{ print $5 }')
	[ "${ran:-0}" -gt 0 ] || die "iscsi-test-cu $family ran no test"
	[ "${failed:-1}" = 0 ] ||
		die "iscsi-test-cu $family: $summary"
}

step "iscsi-test-cu: SCSI families"
for f in Mandatory TestUnitReady Inquiry ReadCapacity10 ReadCapacity16 \
	Read6 Read10 Read12 Read16 Write10 Write12 Write16 ModeSense6 \
	StartStopUnit; do
	run_family "$f"
done

step "iscsi-test-cu on fileio, write-back and write-through"
for u in "iscsi://127.0.0.1/$t2/0" "iscsi://127.0.0.1/$t2/1"; do
	for f in Read10 Write10 Write16 ModeSense6; do
		run_family "$f" "$u"
	done
done

step "iscsi-test-cu: iSCSI families"
for f in iSCSIcmdsn iSCSIdatasn iSCSIResiduals iSCSITMF; do
	run_family "$f"
done
echo "libiscsi: all steps passed"
