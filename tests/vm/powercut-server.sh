#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The server guest of tests/vm/faults/powercut: an LV on the disk the host
# gives it (/dev/vda, a file on the host), exported by iet on eth0, which
# QEMU's user network forwards to from the host.  The first boot makes the
# PV, VG and LV; every later one activates them again.  Writes the LV's
# byte offset in the disk to $IET_OUT/offset and then $IET_OUT/ready, and
# serves until the host kills the guest.
#
#   powercut-server.sh blockio|fileio   fileio: IOMode=wb (the guest's
#                                       page cache holds plain writes)
set -eu -o pipefail
. "$IET_TOP/tests/vm/lib.sh"

t=iqn.2026-11.org.example:powercut
vg=pcvg

modprobe virtio_blk
modprobe virtio_net
modprobe dm_mod
wait_for "test -b /dev/vda" 10 || die "no /dev/vda"
ip link set eth0 up
ip addr add 10.0.2.15/24 dev eth0

if lvm_ vgs "$vg" >/dev/null 2>&1; then
	lvm_ vgchange -q -ay "$vg"
else
	step "first boot: PV, VG and LV"
	lvm_ pvcreate -q -y /dev/vda
	lvm_ vgcreate -q -s 4m "$vg" /dev/vda
	lvm_ lvcreate -q -y -Wn -Zn -n rec -L 32M "$vg"
fi
[ -b /dev/$vg/rec ] || die "no /dev/$vg/rec"

# The LV's first byte in the disk: the PV's data area plus its first
# extent; it must be one segment, or the host would read the wrong bytes.
pe_start=$(lvm_ pvs --noheadings --units b --nosuffix -o pe_start /dev/vda)
ext=$(lvm_ vgs --noheadings --units b --nosuffix -o vg_extent_size "$vg")
ranges=$(lvm_ lvs --noheadings -o seg_pe_ranges "$vg/rec" | tr -d ' ')
[[ $ranges =~ ^/dev/vda:([0-9]+)-[0-9]+$ ]] ||
	die "the LV is not one run of extents: $ranges"
echo $((pe_start + BASH_REMATCH[1] * ext)) >"$IET_OUT/offset"

type=blockio
[ "$1" != fileio ] || type=fileio,IOMode=wb
cat >/etc/iet/ietd.conf <<EOT
Target $t
	MaxRecvDataSegmentLength 65536
	InitialR2T No
	Lun 0 Path=/dev/$vg/rec,Type=$type
EOT
iet_start /etc/iet/ietd.conf
touch "$IET_OUT/ready"
echo "powercut-server: ready, $type, LV at byte $(cat "$IET_OUT/offset")"
# The host's kill ends this; the limit only keeps a lost host from
# leaving a guest behind.
sleep 300
