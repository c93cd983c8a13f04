#!/bin/bash
# The block commands beyond READ and WRITE (SBC-3): UNMAP, WRITE SAME,
# GET LBA STATUS, COMPARE AND WRITE, VERIFY, WRITE AND VERIFY, PRE-FETCH,
# with the pages that advertise them, on blockio over a plain LV and on
# fileio over a file (tmpfs punches holes).  thin.sh does a thin LV.
set -eu -o pipefail
. "$IET_TOP/tests/vm/lib.sh"
. "$IET_TOP/tests/vm/cu.sh"

t=iqn.2026-11.org.example:sbc
lv=$(lv_setup plain 64M)
truncate -s 64M /tmp/file.img
cat >/etc/iet/ietd.conf <<EOT
Target $t
	Lun 0 Path=$lv,Type=blockio
	Lun 1 Path=/tmp/file.img,Type=fileio,IOMode=wb
EOT
iet_start /etc/iet/ietd.conf
block=iscsi://127.0.0.1/$t/0
file=iscsi://127.0.0.1/$t/1

step "what each LU advertises"
# A loop device on tmpfs discards, so a plain LV on it does too; LBPRZ is
# promised only by fileio, whose holes read back as zeroes.
iscsi-readcapacity16 "$block" | tee /tmp/rc16
grep -q "LBPME:1 LBPRZ:0" /tmp/rc16 || die "blockio: want LBPME, no LBPRZ"
iscsi-readcapacity16 "$file" | tee /tmp/rc16
grep -q "LBPME:1 LBPRZ:1" /tmp/rc16 || die "fileio: want LBPME and LBPRZ"

step "iscsi-test-cu on blockio"
for f in Inquiry ReadCapacity16 Unmap WriteSame10 WriteSame16 GetLBAStatus \
	CompareAndWrite OrWrite Verify10 Verify12 Verify16 WriteVerify10 \
	WriteVerify12 WriteVerify16 Prefetch10 Prefetch16; do
	cu_family "$f" "$block"
done

step "iscsi-test-cu on fileio"
for f in Inquiry Unmap WriteSame10 WriteSame16 GetLBAStatus \
	CompareAndWrite Verify16 WriteVerify16; do
	cu_family "$f" "$file"
done

step "the thin-provisioning tests ran rather than skipped themselves"
for u in "$block" "$file"; do
	n=$(cu_skipped Unmap "$u")
	[ "$n" = 0 ] || die "Unmap skipped $n tests on $u"
done
echo "sbc: all steps passed"
