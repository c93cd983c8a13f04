#!/bin/bash
# CRC32C header and data digests on the kernel's data path: open-iscsi with
# both keeps a filesystem and fio's data intact across logout and login,
# and bad digests from a raw initiator end its connection (the write they
# carry never runs) while open-iscsi's session goes on.
set -eu -o pipefail
. "$IET_TOP/tests/vm/lib.sh"

t1=iqn.2026-11.org.example:digests
t2=iqn.2026-11.org.example:raw
ini=iqn.2026-11.org.example:guest

lv=$(lv_setup digests 384M)
lv2=$(lv_setup raw 16M)
cat >/etc/iet/ietd.conf <<EOT
Target $t1
	HeaderDigest CRC32C
	DataDigest CRC32C
	Lun 0 Path=$lv,Type=blockio
Target $t2
	HeaderDigest CRC32C
	DataDigest CRC32C
	Lun 0 Path=$lv2,Type=blockio
EOT
iet_start /etc/iet/ietd.conf
initiator_start "$ini"

node() { iscsiadm -m node -T "$t1" -p 127.0.0.1 "$@"; }

# digest_errors: the kernel's digest error lines so far.
digest_errors() { dmesg | grep -c 'iscsi_trgt: .* digest error' || true; }

step "open-iscsi asks for CRC32C only, and gets it"
iscsiadm -m discovery -t st -p 127.0.0.1
node -o update -n 'node.conn[0].iscsi.HeaderDigest' -v CRC32C
node -o update -n 'node.conn[0].iscsi.DataDigest' -v CRC32C
node --login
disk=$(iscsi_disk "$t1")
echo "disk $disk"
cat /proc/net/iet/session
grep -qx "		cid:0 ip:127.0.0.1 state:active hd:crc32c dd:crc32c" \
	/proc/net/iet/session || die "no crc32c in /proc/net/iet/session"
iscsiadm -m session -P 2 | tee /tmp/session.txt | grep -i digest
grep -q 'HeaderDigest: CRC32C' /tmp/session.txt &&
	grep -q 'DataDigest: CRC32C' /tmp/session.txt ||
	die "open-iscsi does not report CRC32C digests"

step "mkfs, 128 MiB of files with their sums"
mkfs.ext4 -q -F "$disk"
mkdir -p /tmp/mnt
mount "$disk" /tmp/mnt
for i in $(seq 1 8); do
	head -c 16M /dev/urandom >/tmp/mnt/f$i
done
(cd /tmp/mnt && sha256sum f*) >/tmp/sums
umount /tmp/mnt
node --logout
wait_for "! grep -q sid: /proc/net/iet/session" 10 ||
	die "the session outlived its logout"

step "login again, every sum matches, e2fsck is clean"
node --login
disk=$(iscsi_disk "$t1")
e2fsck -fn "$disk"
mount "$disk" /tmp/mnt
(cd /tmp/mnt && sha256sum -c --quiet /tmp/sums) || die "a sum differs"
umount /tmp/mnt

# The kernel's default is one of the two: spliced or copied Data-In.
step "every sum matches with Data-In sent the other way"
zc=/sys/module/iscsi_trgt/parameters/zerocopy
was=$(cat "$zc")
if [ "$was" = Y ]; then echo N >"$zc"; else echo Y >"$zc"; fi
mount "$disk" /tmp/mnt
(cd /tmp/mnt && sha256sum -c --quiet /tmp/sums) || die "a sum differs"
umount /tmp/mnt
echo "$was" >"$zc"

step "bad digests from a raw initiator end its connection only"
sid=$(sed -n 's/^\tsid:\([0-9]*\) initiator:.*/\1/p' /proc/net/iet/session)
before=$(digest_errors)
python3 "$IET_TOP/tests/vm/digest_client.py" "$t2" ||
	die "digest_client failed"
dmesg | grep 'iscsi_trgt: .* digest error' || true
[ $(($(digest_errors) - before)) -eq 3 ] ||
	die "not one log line for each of the 3 bad digests"
grep -q "sid:$sid initiator:$ini" /proc/net/iet/session ||
	die "open-iscsi's session did not survive: $(cat /proc/net/iet/session)"
grep -qx "		cid:0 ip:127.0.0.1 state:active hd:crc32c dd:crc32c" \
	/proc/net/iet/session || die "open-iscsi's connection is not active"

step "fio --verify=crc32c on the raw disk, four jobs, 4k-1M, queue depth 16"
cd /tmp
fio --name=verify --filename="$disk" --direct=1 --ioengine=libaio \
	--rw=randrw --bsrange=4k-1M --iodepth=16 --numjobs=4 \
	--size=32M --offset_increment=96M --verify=crc32c --verify_fatal=1 \
	--group_reporting --output=/tmp/fio.out || {
	cat /tmp/fio.out
	die "fio failed"
}
grep -E 'READ:|WRITE:' /tmp/fio.out
node --logout

step "neither side saw a digest error of open-iscsi's"
[ "$(digest_errors)" -eq 3 ] || die "the target saw more digest errors"
! dmesg | grep -E 'connection[0-9]+:[0-9]+: detected conn error' ||
	die "open-iscsi saw a connection error"
echo "digests: all steps passed"
