#!/bin/bash
# make demo: a guest that serves two LVM volumes and a nullio disk with
# ietd, and shows what the kernel made of ietd.conf.
set -eu -o pipefail
. "$IET_TOP/tests/vm/lib.sh"

desk01=$(lv_setup desk01 256M)
desk02=$(lv_setup desk02 256M)
insmod "$IET_TOP/build/$(uname -r)/iscsi_trgt.ko"
cat >/etc/iet/ietd.conf <<EOT
Target iqn.2026-11.org.example:desk01
	Lun 0 Path=$desk01,Type=blockio
Target iqn.2026-11.org.example:desk02
	Lun 0 Path=$desk02,Type=blockio,ScsiSN=desk02
Target iqn.2026-11.org.example:scratch
	Lun 0 Type=nullio,BlockSize=4096
EOT
"$IET_TOP/usr/ietd" -c /etc/iet/ietd.conf
wait_for "$IET_TOP/usr/ietadm --op show --tid=3 >/dev/null 2>&1" 20
echo "### /etc/iet/ietd.conf"
cat /etc/iet/ietd.conf
echo "### /proc/net/iet/volume"
cat /proc/net/iet/volume
echo "### ietadm --op show --tid=1"
"$IET_TOP/usr/ietadm" --op show --tid=1
kill -TERM "$(cat /run/ietd.pid)"
