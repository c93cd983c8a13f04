#!/bin/bash
# mkdisk.sh KERNEL_RELEASE OUT.img: builds the disk a diskless client boots
# from an iSCSI LUN.  No loop device and no mount: each file system is made
# in a file of its own and written into the image at its partition's offset.
#
#   MBR, partition 1 (FAT, type ef, active): syslinux for BIOS,
#        \EFI\BOOT\BOOTX64.EFI (GRUB with its grub.cfg inside) for UEFI,
#        Debian's kernel for KERNEL_RELEASE and an initramfs built here that
#        logs in to the target the iBFT names and mounts partition 2;
#   partition 2 (ext4): busybox-static and an /sbin/init that prints the
#        marker and powers off.
#
# The image is cached in build/boot/REL/ under a key of every input; OUT is
# a copy of it.  Run as root (the initramfs holds device nodes).
set -euo pipefail
shopt -s inherit_errexit

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd -P)
SELF=$TOP/tests/vm/boot/mkdisk.sh
# The line the client prints when its root came from the LUN.
MARKER='IET-DISKLESS-MARKER root-on-iscsi ok'
# Modules the initramfs loads, dependencies first (modprobe adds them).
MODULES="e1000 virtio_pci virtio_net iscsi_ibft iscsi_tcp sd_mod ext4"
# FAT volume id, also how GRUB finds its partition.
FATID=1ee7b007
FATUUID=1EE7-B007
ROOTUUID=6f1a0c2e-0d3b-4c8e-9e55-1e7b0071e700
FAT_MIB=56
ROOT_MIB=16
# Kernel command line: panic=-1 ends a failed boot (QEMU -no-reboot).
APPEND="console=ttyS0,115200 panic=-1 iet.root=2"
# Timestamps inside the images (files, cpio, file systems).
EPOCH=1767225600
export SOURCE_DATE_EPOCH=$EPOCH

die() {
	echo "mkdisk.sh: $*" >&2
	exit 1
}

usage() {
	echo "usage: tests/vm/boot/mkdisk.sh KERNEL_RELEASE OUT.img" >&2
	exit 2
}

need() {
	local c

	for c in "$@"; do
		command -v "$c" >/dev/null || die "$c missing (scripts/deps installs it)"
	done
}

# The files of a module and its dependencies, in load order, once each.
module_files() {
	local rel=$1 m

	for m in $MODULES; do
		modprobe -S "$rel" --show-depends "$m" || die "no module $m for $rel"
	done | awk '$1 == "insmod" && !seen[$2]++ { print $2 }'
}

unpack_module() {
	case $1 in
	*.ko.xz) xz -dc "$1" >"$2" ;;
	*.ko.zst) zstd -qdc "$1" >"$2" ;;
	*.ko.gz) gzip -dc "$1" >"$2" ;;
	*) cp "$1" "$2" ;;
	esac
}

# A program and the shared objects it needs, at the same paths under $2.
copy_program() {
	local prog=$1 dst=$2 lib

	install -D -m 755 "$prog" "$dst$prog"
	for lib in $(ldd "$prog" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'); do
		[[ -e $dst$lib ]] || install -D -m 755 "$(readlink -f "$lib")" "$dst$lib"
	done
}

busybox_tree() {
	local dst=$1 a

	mkdir -p "$dst/bin" "$dst/sbin"
	install -m 755 /bin/busybox "$dst/bin/busybox"
	for a in $(/bin/busybox --list); do
		[[ $a == busybox ]] || ln -sf busybox "$dst/bin/$a"
	done
}

# cpio archive of a directory, sorted, owned by root, one timestamp.
pack_cpio() {
	(
		cd "$1"
		find . -exec touch -h -d "@$EPOCH" {} +
		find . -print0 | LC_ALL=C sort -z |
			cpio --null -o -H newc -R 0:0 --quiet --reproducible
	)
}

write_initrd() {
	local rel=$1 st=$2 out=$3 f n

	busybox_tree "$st"
	mkdir -p "$st"/{dev,proc,sys,run,newroot,etc/iscsi,var/lib/iscsi,lib/modules}
	mknod "$st/dev/console" c 5 1
	mknod "$st/dev/null" c 1 3
	install -m 755 "$TOP/tests/vm/boot/initrd-init" "$st/init"
	copy_program /usr/sbin/iscsistart "$st"
	while read -r f; do
		n=$(basename "$f")
		n=${n%.ko*}.ko
		unpack_module "$f" "$st/lib/modules/$n"
		echo "$n" >>"$st/modules"
	done < <(module_files "$rel")
	pack_cpio "$st" | gzip -n -9 >"$out"
}

write_root() {
	local st=$1 out=$2

	busybox_tree "$st"
	mkdir -p "$st"/{dev,proc,sys,run,tmp,etc}
	install -m 755 "$TOP/tests/vm/boot/root-init" "$st/sbin/init"
	printf '%s\n' "$MARKER" >"$st/etc/iet-marker"
	echo "iet-diskless" >"$st/etc/hostname"
	find "$st" -exec touch -h -d "@$EPOCH" {} +
	rm -f "$out"
	E2FSPROGS_FAKE_TIME=$EPOCH mke2fs -q -F -t ext4 -L ietroot \
		-U "$ROOTUUID" -E "hash_seed=$ROOTUUID,root_owner=0:0" \
		-O ^has_journal -d "$st" "$out" "${ROOT_MIB}M" >/dev/null
	# mke2fs -d takes each inode's ctime from the file here, which is now.
	(cd "$st" && find . -printf '%P\n') | LC_ALL=C sort |
		sed "s|^|set_inode_field /|; s|\$| ctime @$EPOCH|" |
		E2FSPROGS_FAKE_TIME=$EPOCH debugfs -w -f - "$out" >/dev/null 2>&1
}

syslinux_cfg() {
	cat <<EOF
SERIAL 0 115200
DEFAULT linux
PROMPT 0
TIMEOUT 0
LABEL linux
	KERNEL /vmlinuz
	INITRD /initrd.img
	APPEND $APPEND iet.fw=bios
EOF
}

grub_cfg() {
	cat <<EOF
serial --unit=0 --speed=115200
terminal_input serial console
terminal_output serial
set timeout=0
search --no-floppy --fs-uuid --set=root $FATUUID
echo "grub: loading Linux from (\$root)"
linux /vmlinuz $APPEND iet.fw=efi
initrd /initrd.img
boot
EOF
}

write_fat() {
	local rel=$1 tmp=$2 out=$3 start=$4
	local -a mt=(-i "$out")

	rm -f "$out"
	# -h: the partition's start, which the boot sector must know.  No
	# label: its directory entry would carry the time of the build.
	mkfs.vfat -C -F 32 -i "$FATID" -h "$start" \
		"$out" $((FAT_MIB * 1024)) >/dev/null
	syslinux_cfg >"$tmp/syslinux.cfg"
	grub_cfg >"$tmp/grub.cfg"
	# GRUB with its modules and configuration inside (an early config that
	# boots on its own): nothing is read from a prefix directory.
	grub-mkimage -O x86_64-efi -o "$tmp/BOOTX64.EFI" -c "$tmp/grub.cfg" \
		-p /EFI/BOOT part_msdos fat search search_fs_uuid linux boot \
		echo serial terminal normal
	# One tree, one timestamp, copied in one go (mmd would date the
	# directories now).
	mkdir -p "$tmp/esp/EFI/BOOT"
	cp "$tmp/syslinux.cfg" "$tmp/initrd.img" "$tmp/esp/"
	cp "/boot/vmlinuz-$rel" "$tmp/esp/vmlinuz"
	cp "$tmp/BOOTX64.EFI" "$tmp/esp/EFI/BOOT/"
	find "$tmp/esp" -exec touch -h -d "@$EPOCH" {} +
	export MTOOLS_SKIP_CHECK=1
	mcopy "${mt[@]}" -s -m -Q "$tmp/esp/"* ::/
	# syslinux (the mtools installer) writes ldlinux.sys, ldlinux.c32 and
	# the boot sector into the FAT image itself.
	syslinux --install "$out"
}

key_of() {
	local rel=$1

	{
		echo v1
		sha256sum "$SELF" "$TOP/tests/vm/boot/initrd-init" "$TOP/tests/vm/boot/root-init"
		stat -Lc '%n %s %Y' "/boot/vmlinuz-$rel" /bin/busybox /usr/sbin/iscsistart \
			/usr/bin/syslinux /usr/lib/syslinux/mbr/mbr.bin /usr/bin/grub-mkimage \
			/usr/lib/grub/x86_64-efi/kernel.img
		module_files "$rel" | xargs -r stat -Lc '%n %s %Y'
	} | sha256sum | cut -d' ' -f1
}

build() {
	local rel=$1 img=$2 tmp fat_start root_start total

	tmp=$(mktemp -d "$(dirname "$img")/mkdisk.XXXXXX")
	# shellcheck disable=SC2064 # expand now: tmp is local
	trap "rm -rf '$tmp'" EXIT
	fat_start=2048
	root_start=$((fat_start + FAT_MIB * 2048))
	total=$(((root_start + ROOT_MIB * 2048 + 2048) * 512))

	mkdir "$tmp/initrd" "$tmp/root"
	write_initrd "$rel" "$tmp/initrd" "$tmp/initrd.img"
	write_root "$tmp/root" "$tmp/root.img"
	write_fat "$rel" "$tmp" "$tmp/fat.img" "$fat_start"

	rm -f "$tmp/disk.img"
	truncate -s "$total" "$tmp/disk.img"
	sfdisk -q --no-reread --no-tell-kernel "$tmp/disk.img" <<EOF
label: dos
label-id: 0x1ee7b007
unit: sectors

start=$fat_start, size=$((FAT_MIB * 2048)), type=ef, bootable
start=$root_start, size=$((ROOT_MIB * 2048)), type=83
EOF
	# Boot code only: the partition table after byte 440 stays.
	dd if=/usr/lib/syslinux/mbr/mbr.bin of="$tmp/disk.img" bs=440 count=1 \
		conv=notrunc status=none
	dd if="$tmp/fat.img" of="$tmp/disk.img" bs=512 seek="$fat_start" \
		conv=notrunc,sparse status=none
	dd if="$tmp/root.img" of="$tmp/disk.img" bs=512 seek="$root_start" \
		conv=notrunc,sparse status=none
	mv "$tmp/disk.img" "$img"
	rm -rf "$tmp"
	trap - EXIT
}

main() {
	(($# == 2)) || usage
	local rel=$1 out=$2 dir key img
	[[ -f /boot/vmlinuz-$rel ]] || die "no /boot/vmlinuz-$rel"
	[[ -d /lib/modules/$rel ]] || die "no /lib/modules/$rel"
	need sfdisk mkfs.vfat mcopy syslinux grub-mkimage mke2fs debugfs cpio xz
	[[ -x /usr/sbin/iscsistart ]] || die "no iscsistart (package open-iscsi)"
	[[ -f /usr/lib/syslinux/mbr/mbr.bin ]] || die "no mbr.bin (package syslinux-common)"
	((EUID == 0)) || die "run as root (the initramfs holds device nodes)"

	dir=$TOP/build/boot/$rel
	img=$dir/disk.img
	mkdir -p "$dir"
	key=$(key_of "$rel")
	if [[ ! -f $img || $(cat "$dir/disk.key" 2>/dev/null) != "$key" ]]; then
		rm -f "$dir/disk.key"
		build "$rel" "$img"
		echo "$key" >"$dir/disk.key"
	fi
	[[ $(realpath -m "$out") == "$img" ]] || cp --sparse=always "$img" "$out"
}

main "$@"
