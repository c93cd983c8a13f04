#!/bin/bash
# SPC-4 beyond the basics, on a blockio LV and a fileio file: unit
# attentions (a raw client with two nexuses, and libiscsi's MultipathIO
# LUN reset over two sessions), task attributes (a raw client), REPORT SUPPORTED OPERATION CODES (libiscsi,
# and sg_opcodes through open-iscsi), persistent reservations and
# RESERVE(6) (libiscsi, two initiators), and MODE SELECT of the caching
# page as Linux's sd sends it: fileio switches its write cache, blockio
# cannot.
set -eu -o pipefail
. "$IET_TOP/tests/vm/lib.sh"
. "$IET_TOP/tests/vm/cu.sh"

t1=iqn.2026-11.org.example:spc
lv=$(lv_setup spc 64M)
truncate -s 32M /tmp/wb.img
cat >/etc/iet/ietd.conf <<EOT
Target $t1
	MaxRecvDataSegmentLength 65536
	InitialR2T No
	Lun 0 Path=$lv,Type=blockio
	Lun 1 Path=/tmp/wb.img,Type=fileio,IOMode=wb
EOT
# The raw client's sessions want 64 KiB segments and InitialR2T=No.
iet_start /etc/iet/ietd.conf
url=iscsi://127.0.0.1/$t1/0

# cu_paths FAMILY URL URL: a family over two sessions (MultipathIO), as
# cu_family runs one.
cu_paths() {
	local out summary
	out=$(iscsi-test-cu --dataloss --test="ALL.$1" "$2" "$3" 2>&1) || true
	echo "$out" >"$IET_OUT/$1-paths.txt"
	echo "$out" | grep -E '^ +(Test|Suite).*(FAILED|Failed)' || true
	summary=$(echo "$out" | grep -E '^ +tests ' | head -n 1)
	echo "$1: $summary"
	[ "$(echo "$summary" | awk '{ print $3 }')" -gt 0 ] 2>/dev/null ||
		die "iscsi-test-cu $1 ran no test"
	[ "$(echo "$summary" | awk '{ print $5 }')" = 0 ] ||
		die "iscsi-test-cu $1: $summary"
}

step "raw: unit attentions, RESERVATION CONFLICT, PREEMPT, capacity"
python3 "$IET_TOP/tests/vm/ua_client.py" \
	--grow "lvm lvextend -q -L +4M $IET_VG/spc --config '$IET_LVM_CONFIG'" \
	"$t1" "$IET_TOP/usr/ietadm" 1 || die "ua_client failed"

step "raw: task attributes SIMPLE, ORDERED, HEAD OF QUEUE; abort of a held one"
python3 "$IET_TOP/tests/vm/order_client.py" "$t1" || die "order_client failed"

step "iscsi-test-cu: ReportSupportedOpcodes, MultipathIO (two sessions)"
cu_family ReportSupportedOpcodes "$url"
cu_family ReportSupportedOpcodes "iscsi://127.0.0.1/$t1/1"
cu_paths MultipathIO.Simple "$url" "$url"
cu_paths MultipathIO.Reset "$url" "$url"

step "iscsi-test-cu: persistent reservations, RESERVE(6)"
for f in PrinReadKeys PrinServiceactionRange PrinReportCapabilities \
	ProutRegister ProutReserve ProutClear ProutPreempt Reserve6; do
	cu_family "$f" "$url"
done

step "open-iscsi: sg_opcodes, MODE SELECT of WCE through sd's cache_type"
initiator_start
iscsiadm -m discovery -t st -p 127.0.0.1 >/dev/null
iscsiadm -m node -T "$t1" -p 127.0.0.1 --login
bdisk=$(iscsi_disk "$t1" 0)
fdisk=$(iscsi_disk "$t1" 1)
sg_opcodes "$bdisk" | tee /tmp/opcodes
grep -q "Report supported operation codes" /tmp/opcodes ||
	die "sg_opcodes does not list REPORT SUPPORTED OPERATION CODES"
sg_opcodes -o 0x28 "$bdisk" | tee /tmp/read10
grep -qi "usage data: *28 f8 ff ff ff ff 00 ff ff 05" /tmp/read10 ||
	die "sg_opcodes READ(10): wrong usage data"

cache_type() { cat /sys/block/"${1#/dev/}"/device/scsi_disk/*/cache_type; }
echo "fileio wb: $(cache_type "$fdisk"), blockio: $(cache_type "$bdisk")"
[ "$(cache_type "$fdisk")" = "write back" ] || die "fileio wb is not write back"
echo "write through" >/sys/block/"${fdisk#/dev/}"/device/scsi_disk/*/cache_type ||
	die "MODE SELECT of WCE=0 on fileio refused"
[ "$(cache_type "$fdisk")" = "write through" ] || die "cache_type unchanged"
dmesg | grep -q "lun 1: write cache off by MODE SELECT" ||
	die "the module did not switch the write cache"
echo "write back" >/sys/block/"${fdisk#/dev/}"/device/scsi_disk/*/cache_type ||
	die "MODE SELECT of WCE=1 on fileio refused"
[ "$(cache_type "$fdisk")" = "write back" ] || die "cache_type not back"
if echo "write back" >/sys/block/"${bdisk#/dev/}"/device/scsi_disk/*/cache_type 2>/dev/null; then
	die "blockio took a MODE SELECT of WCE=1"
fi
[ "$(cache_type "$bdisk")" = "write through" ] || die "blockio cache_type changed"
iscsiadm -m node -T "$t1" -p 127.0.0.1 --logout
echo "spc: all steps passed"
