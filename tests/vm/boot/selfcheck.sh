#!/bin/bash
# selfcheck.sh [-e] KERNEL_RELEASE: boots the diskless client's disk image
# from an iSCSI LUN with one guest only, to check the image without the
# server guest.  The LUN comes from tgtd on the host (userspace, no module),
# the network is QEMU's user network, whose TFTP server hands the client's
# iPXE option ROM a script that sanboots the LUN.  -e: UEFI (OVMF with the
# ROM's EFI iPXE, GRUB from the ESP) instead of BIOS (SeaBIOS, syslinux).
# Exits 0 when the client prints the marker.
set -euo pipefail
shopt -s inherit_errexit

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd -P)
HERE=$TOP/tests/vm/boot
PORT=${IET_SELFCHECK_PORT:-3261}
CTL=${IET_SELFCHECK_CTL:-77}
IQN=iqn.2026-11.org.example:selfcheck
MAC=52:54:00:77:00:42

die() {
	echo "selfcheck.sh: $*" >&2
	exit 1
}

efi=()
if [[ ${1:-} == -e ]]; then
	efi=(-e -r)
	shift
fi
(($# == 1)) || { echo "usage: tests/vm/boot/selfcheck.sh [-e] KERNEL_RELEASE" >&2; exit 2; }
rel=$1
command -v tgtd >/dev/null || die "no tgtd (package tgt)"

work=$TOP/build/boot/$rel/selfcheck
rm -rf "$work"
mkdir -p "$work/tftp"
"$HERE/mkdisk.sh" "$rel" "$work/disk.img"

tgt() { tgtadm -C "$CTL" --lld iscsi "$@"; }
# tgtd does not stop on SIGTERM while it has targets: ask it to.
TGTPID=
# shellcheck disable=SC2317 # run by the EXIT trap
cleanup() {
	[[ -n $TGTPID ]] || return 0
	tgt --op delete --mode target --tid 1 --force >/dev/null 2>&1 || true
	tgtadm -C "$CTL" --op delete --mode system --force >/dev/null 2>&1 ||
		kill "$TGTPID" 2>/dev/null || true
	wait "$TGTPID" 2>/dev/null || true
}
trap cleanup EXIT

nice -n 19 tgtd -f -C "$CTL" --iscsi "portal=127.0.0.1:$PORT" >"$work/tgtd.log" 2>&1 &
TGTPID=$!
for _ in $(seq 50); do
	tgt --op show --mode target >/dev/null 2>&1 && break
	sleep 0.1
done
tgt --op new --mode target --tid 1 -T "$IQN"
# LUN 0 of tgt is its controller; the disk is LUN 1.
tgt --op new --mode logicalunit --tid 1 --lun 1 -b "$work/disk.img"
tgt --op bind --mode target --tid 1 -I ALL

# 10.0.2.2 is the host in QEMU's user network.
cat >"$work/tftp/boot.ipxe" <<EOF
#!ipxe
set initiator-iqn $IQN-client
sanboot iscsi:10.0.2.2::$PORT:1:$IQN
EOF

start=$SECONDS
rc=0
"$HERE/client.sh" "${efi[@]}" -t 170 \
	-N "user,id=n0,tftp=$work/tftp,bootfile=boot.ipxe" 0 "$MAC" "$work/client.log" || rc=$?
grep -a 'IET-BOOT\|IET-DISKLESS' "$work/client.log" || true
if ((rc == 0)); then
	echo "PASS selfcheck${efi:+ UEFI} (kernel $rel, $((SECONDS - start)) s)"
else
	echo "FAIL selfcheck${efi:+ UEFI} (kernel $rel): client.sh exited $rc; log $work/client.log"
fi
exit $rc
