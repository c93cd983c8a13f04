#!/bin/bash
# make demo: a guest serves two LVM volumes and a nullio disk with ietd,
# open-iscsi logs in to one, and the guest shows what the target sees.
set -eu -o pipefail
. "$IET_TOP/tests/vm/lib.sh"

desk01=$(lv_setup desk01 256M)
desk02=$(lv_setup desk02 256M)
cat >/etc/iet/ietd.conf <<EOT
Target iqn.2026-11.org.example:desk01
	Lun 0 Path=$desk01,Type=blockio
Target iqn.2026-11.org.example:desk02
	Lun 0 Path=$desk02,Type=blockio,ScsiSN=desk02
Target iqn.2026-11.org.example:scratch
	Lun 0 Type=nullio,BlockSize=4096
EOT
iet_start /etc/iet/ietd.conf
initiator_start iqn.2026-11.org.example:demo-client

echo "### /etc/iet/ietd.conf"
cat /etc/iet/ietd.conf
echo "### /proc/net/iet/volume"
cat /proc/net/iet/volume
echo "### ietadm --op show --tid=1"
"$IET_TOP/usr/ietadm" --op show --tid=1
echo "### iscsiadm -m discovery -t st -p 127.0.0.1"
iscsiadm -m discovery -t st -p 127.0.0.1
iscsiadm -m node -T iqn.2026-11.org.example:desk01 -p 127.0.0.1 --login
disk=$(iscsi_disk iqn.2026-11.org.example:desk01)
echo "### the client's new disk"
lsblk -o NAME,SIZE,VENDOR,MODEL,SERIAL "$disk"
mkfs.ext4 -q -F "$disk"
echo "### /proc/net/iet/session"
cat /proc/net/iet/session
iscsiadm -m node --logout >/dev/null
