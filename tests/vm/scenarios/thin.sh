#!/bin/bash
# Thin provisioning end to end: a thin LV from an LVM thin pool served by
# blockio passes libiscsi's UNMAP, WRITE SAME and GET LBA STATUS families,
# and fstrim on an ext4 mounted from it over open-iscsi gives the pool its
# blocks back (lvs data_percent drops).
set -eu -o pipefail
. "$IET_TOP/tests/vm/lib.sh"
. "$IET_TOP/tests/vm/cu.sh"

data_percent() {
	lvm_thin lvs --noheadings -o data_percent "$IET_VG/$1" | tr -d ' '
}

t=iqn.2026-11.org.example:thin
lv=$(thin_setup thin 96M)
cat >/etc/iet/ietd.conf <<EOT
Target $t
	Lun 0 Path=$lv,Type=blockio
EOT
iet_start /etc/iet/ietd.conf
url=iscsi://127.0.0.1/$t/0

step "a thin LV discards: LBPME; dm-thin does not promise zeroes: no LBPRZ"
iscsi-readcapacity16 "$url" | tee /tmp/rc16
grep -q "LBPME:1 LBPRZ:0" /tmp/rc16 || die "thin LV: want LBPME, no LBPRZ"

step "iscsi-test-cu on the thin LV"
for f in Inquiry Unmap WriteSame10 WriteSame16 GetLBAStatus CompareAndWrite; do
	cu_family "$f" "$url"
done
[ "$(cu_skipped Unmap "$url")" = 0 ] || die "Unmap skipped tests"

step "fstrim over open-iscsi gives the pool its blocks back"
initiator_start
iscsiadm -m discovery -t st -p 127.0.0.1 >/dev/null
iscsiadm -m node -T "$t" -p 127.0.0.1 --login >/dev/null
disk=$(iscsi_disk "$t")
grep . "/sys/block/${disk#/dev/}/queue/discard_max_bytes"
mkfs.ext4 -F -q -E nodiscard,lazy_itable_init=0,lazy_journal_init=0 "$disk"
mkdir -p /tmp/thinmnt
mount "$disk" /tmp/thinmnt
dd if=/dev/urandom of=/tmp/thinmnt/fill bs=1M count=40 status=none
sync
full=$(data_percent thin)
rm /tmp/thinmnt/fill
sync
fstrim -v /tmp/thinmnt
trimmed=$(data_percent thin)
echo "data_percent: $full with the file, $trimmed after fstrim"
awk -v a="$full" -v b="$trimmed" 'BEGIN { exit !(b + 20 < a) }' ||
	die "fstrim did not give blocks back: $full -> $trimmed"
umount /tmp/thinmnt
iscsiadm -m node -T "$t" -p 127.0.0.1 --logout >/dev/null
echo "thin: all steps passed"
