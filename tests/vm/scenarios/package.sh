#!/bin/bash
# The Debian packages as an admin installs them: build/deb/ (make deb, on
# the host) holds iet-dkms and ietd. In a root of its own (an overlay with
# its writes in memory over the read-only host root), dpkg -i installs
# both, DKMS builds the module for the running kernel, ietd runs the way
# ietd.service runs it (no systemd here: its ExecStartPre, ExecStart and
# ExecReload lines are run as written), serves an LV to open-iscsi and
# iPXE's files over TFTP, keeps the session across a restart, and dpkg -r
# takes the module away and leaves the admin's /etc/iet.
set -eu -o pipefail
. "$IET_TOP/tests/vm/lib.sh"

ver=$(sed -n 's/^#define IET_VERSION[^"]*"\(.*\)"/\1/p' \
	"$IET_TOP/include/iet_genl.h")
kver=$(uname -r)
tgt=iqn.2026-11.org.example:pkg
ini=iqn.2026-11.org.example:guest
base=/run/pkgroot
root=$base/root
times=$IET_OUT/times

# Commands in the new root, with the environment a unit gets.
root_env=(/usr/bin/env -i
	PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
	LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive)
in_root() {
	chroot "$root" "${root_env[@]}" "$@"
}

# timed NAME CMD...: runs CMD and notes its seconds in $IET_OUT/times.
timed() {
	local name=$1 start=$SECONDS

	shift
	"$@"
	echo "$name $((SECONDS - start))" | tee -a "$times"
}

# The host root below, writes to a tmpfs; /dev shared so that LVs and
# iSCSI disks made out here are seen in there.
make_root() {
	mkdir -p "$base"
	mount -t tmpfs -o size=1200M,mode=755 tmpfs "$base"
	mkdir -p "$base/upper" "$base/work" "$root"
	mount -t overlay overlay \
		-o "lowerdir=/,upperdir=$base/upper,workdir=$base/work" "$root"
	mount --rbind /dev "$root/dev"
	mount -t proc proc "$root/proc"
	mount -t sysfs sysfs "$root/sys"
	mount -t tmpfs -o mode=755 tmpfs "$root/run"
	mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
	mkdir -p "$root/run/lock"
	# What udev makes on a real system; dkms and bash's <(...) need it.
	[ -e /dev/fd ] || ln -s /proc/self/fd /dev/fd
	# man-db's trigger would index every page on the host, a minute of
	# TCG; the pages are tests/docs' business.
	rm -f "$root/var/lib/man-db/auto-update"
}

# unit_line KEY: the unit's KEY= command, without systemd's prefixes
# (-, @, +, !, :) and with $MAINPID given.
unit_line() {
	local v

	v=$(sed -n "s/^$1=//p" "$root/lib/systemd/system/ietd.service")
	[ -n "$v" ] || die "ietd.service has no $1"
	v=${v##[-@+!:]}
	echo "${v//\$MAINPID/${ietd_pid:-}}"
}

# unit_run KEY: runs the unit's KEY= command in the root.
unit_run() {
	local cmd

	read -ra cmd <<<"$(unit_line "$1")"
	in_root "${cmd[@]}"
}

# The unit's ExecStart, in the background as systemd keeps it.
unit_start() {
	local cmd

	unit_run ExecStartPre
	read -ra cmd <<<"$(unit_line ExecStart)"
	# Not through in_root: a function would run in a subshell of its own,
	# and $! must be ietd itself (chroot and env exec it), as MAINPID is.
	chroot "$root" "${root_env[@]}" "${cmd[@]}" >>/tmp/ietd.log 2>&1 &
	ietd_pid=$!
	wait_for "in_root ietadm --op show" 20 ||
		die "ietd does not answer: $(cat /tmp/ietd.log)"
}

# systemctl stop: SIGTERM to the main process, then wait for it.
unit_stop() {
	kill -TERM "$ietd_pid"
	wait "$ietd_pid" || die "ietd exited $? on SIGTERM"
	ietd_pid=
}

step "the packages: build/deb/"
names=("iet-dkms_${ver}_all.deb" "ietd_${ver}_amd64.deb")
for n in "${names[@]}"; do
	[ -f "$IET_TOP/build/deb/$n" ] || die "no build/deb/$n: make deb"
done
make_root
debs=()
for n in "${names[@]}"; do
	cp "$IET_TOP/build/deb/$n" "$root/root/"
	debs+=("/root/$n")
done
lv=$(lv_setup pkg 64M)
head -c 1M /dev/urandom >/tmp/block
dd if=/tmp/block of="$lv" bs=1M oflag=direct status=none

step "dpkg -i: DKMS builds and installs the module"
timed "dpkg-install" in_root dpkg -i "${debs[@]}"
in_root dkms status -m iet -v "$ver"
in_root dkms status -m iet -v "$ver" -k "$kver" | grep -q ': installed' ||
	die "DKMS did not install iet for $kver"
ko=$(find "$root/lib/modules/$kver/updates/dkms" -name 'iscsi_trgt.ko*')
[ -n "$ko" ] || die "no iscsi_trgt in /lib/modules/$kver/updates/dkms"
# What Documentation/install.md has the admin enroll for Secure Boot.
[ -f "$root/var/lib/dkms/mok.pub" ] || die "DKMS made no MOK certificate"
signer=$(in_root modinfo -F signer iscsi_trgt)
[ "$signer" = "DKMS module signing key" ] ||
	die "the module is signed by '$signer', not by DKMS's MOK key"
for f in ietd.conf initiators.allow targets.allow; do
	[ -f "$root/etc/iet/$f" ] || die "no /etc/iet/$f"
done
for f in undionly.kpxe snponly.efi ipxe.efi; do
	cmp "/usr/lib/ipxe/$f" "$root/var/lib/iet/tftp/$f" ||
		die "/var/lib/iet/tftp/$f is not ipxe's"
done

step "one version everywhere"
got=$(in_root modinfo -F version iscsi_trgt)
[ "$got" = "$ver" ] || die "modinfo says $got, not $ver"
[ "$(in_root ietd --version)" = "ietd version $ver" ] || die "ietd --version"
for p in iet-dkms ietd; do
	# shellcheck disable=SC2016 # dpkg-query's field, not the shell's
	[ "$(in_root dpkg-query -W -f '${Version}' "$p")" = "$ver" ] ||
		die "$p's package version"
done

step "ietd.service's way: modprobe, then ietd -f with the samples"
unit_run ExecStartPre
grep -q '^iscsi_trgt ' /proc/modules || die "modprobe did not load iscsi_trgt"
[ "$(cat /sys/module/iscsi_trgt/version)" = "$ver" ] ||
	die "the loaded module is not $ver"
unit_start
! in_root ietadm --op show --tid=1 >/dev/null 2>&1 ||
	die "the sample ietd.conf made a target"
in_root ietadm --version

step "the admin adds a target and the boot files; systemctl reload"
cat >>"$root/etc/iet/ietd.conf" <<EOT

# the admin's
TFTPRoot   /var/lib/iet/tftp
TFTPListen 127.0.0.1:6969
Target $tgt
	Lun 0 Path=$lv,Type=blockio,ScsiSN=pkg
EOT
cp "$root/etc/iet/ietd.conf" /tmp/ietd.conf.admin
echo "#!ipxe" >"$root/var/lib/iet/http/admin.ipxe"
unit_run ExecReload
wait_for "in_root ietadm --op show --tid=1" 20 ||
	die "the reload did not add the target: $(cat /tmp/ietd.log)"

step "open-iscsi logs in over 127.0.0.1 and reads the LV"
initiator_start "$ini"
iscsiadm -m discovery -t st -p 127.0.0.1 | grep -q "$tgt" ||
	die "discovery misses $tgt"
iscsiadm -m node -T "$tgt" -p 127.0.0.1 --login
disk=$(iscsi_disk "$tgt")
cmp <(dd if="$disk" bs=1M count=1 iflag=direct status=none) /tmp/block ||
	die "the LUN does not read back what the LV holds"

step "systemctl restart: the session goes on; TFTP serves iPXE"
unit_stop
grep -q 'sid:' /proc/net/iet/session || die "the session ended with ietd"
unit_start
grep -q 'sid:' /proc/net/iet/session || die "the session is gone"
cmp <(dd if="$disk" bs=1M count=1 iflag=direct status=none) /tmp/block ||
	die "no I/O after the restart"
curl -sS -o /tmp/undionly.kpxe tftp://127.0.0.1:6969/undionly.kpxe
cmp /tmp/undionly.kpxe /usr/lib/ipxe/undionly.kpxe ||
	die "TFTP did not serve ipxe's undionly.kpxe"

step "log out, systemctl stop, unload"
iscsiadm -m node -T "$tgt" -p 127.0.0.1 --logout
unit_stop
rmmod iscsi_trgt

step "dpkg -r: the module goes, the admin's /etc/iet stays"
timed "dpkg-remove" in_root dpkg -r ietd iet-dkms
# updates/dkms may be gone with its last module.
ko=$(find "$root/lib/modules/$kver/updates" -name 'iscsi_trgt.ko*' 2>/dev/null || true)
[ -z "$ko" ] || die "still there after dpkg -r: $ko"
! in_root modinfo iscsi_trgt >/dev/null 2>&1 || die "modinfo still finds iscsi_trgt"
[ ! -e "$root/usr/sbin/ietd" ] || die "/usr/sbin/ietd outlived dpkg -r"
cmp "$root/etc/iet/ietd.conf" /tmp/ietd.conf.admin ||
	die "the admin's ietd.conf changed on dpkg -r"
[ -f "$root/etc/iet/initiators.allow" ] || die "initiators.allow is gone"

step "dpkg -P: iPXE's copies go, the admin's boot files stay"
in_root dpkg -P ietd iet-dkms
for f in undionly.kpxe snponly.efi ipxe.efi; do
	[ ! -e "$root/var/lib/iet/tftp/$f" ] || die "/var/lib/iet/tftp/$f stays"
done
[ -f "$root/var/lib/iet/http/admin.ipxe" ] || die "the admin's file is gone"
! in_root dpkg-query -W ietd iet-dkms >/dev/null 2>&1 ||
	die "dpkg still knows a package"
[ ! -e "$root/usr/src/iet-$ver" ] || die "/usr/src/iet-$ver outlived dpkg -P"
echo "package: all steps passed"
