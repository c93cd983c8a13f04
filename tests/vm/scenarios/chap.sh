#!/bin/bash
# CHAP against the real initiators: open-iscsi with MD5, SHA-1, SHA-256
# and SHA3-256, mutual CHAP, discovery CHAP; a wrong secret refused while
# another session runs fio without error; libiscsi with CHAP in the URL
# and its iSCSI test families.
set -eu -o pipefail
. "$IET_TOP/tests/vm/lib.sh"

t1=iqn.2026-11.org.example:desk01
t2=iqn.2026-11.org.example:open
ini=iqn.2026-11.org.example:guest
p=127.0.0.1

lv1=$(lv_setup desk01 256M)
lv2=$(lv_setup open 256M)
cat >/etc/iet/ietd.conf <<EOT
IncomingUser dee dee-secret-0123
OutgoingUser dtgt dtgt-secret-456
Target $t1
	IncomingUser ann ann-secret-0123
	OutgoingUser tgt tgt-secret-4567
	Lun 0 Path=$lv1,Type=blockio
Target $t2
	Lun 0 Path=$lv2,Type=blockio
EOT
iet_start /etc/iet/ietd.conf
initiator_start "$ini"

# node_set TARGET KEY=VALUE...: node settings, one iscsiadm call each.
node_set() {
	local t=$1 kv

	shift
	for kv in "$@"; do
		iscsiadm -m node -T "$t" -p $p -o update -n "${kv%%=*}" \
			-v "${kv#*=}" >/dev/null
	done
}

# login_rc TARGET: iscsiadm's exit status of a login (24: auth failure).
login_rc() {
	local rc=0

	iscsiadm -m node -T "$1" -p $p --login >/tmp/login.out 2>&1 || rc=$?
	cat /tmp/login.out >&2
	echo $rc
}

step "discovery without CHAP is refused"
rc=0
iscsiadm -m discovery -t st -p $p >/tmp/disc.out 2>&1 || rc=$?
cat /tmp/disc.out
[ $rc -ne 0 ] || die "discovery without CHAP succeeded"
grep -q "refused: authentication failed (0x0201): CHAP is required" \
	/tmp/ietd.log || die "the refused discovery is not logged"

step "discovery with mutual CHAP"
iscsiadm -m discoverydb -t st -p $p -o new >/dev/null
for kv in authmethod=CHAP username=dee password=dee-secret-0123 \
	username_in=dtgt password_in=dtgt-secret-456; do
	iscsiadm -m discoverydb -t st -p $p -o update \
		-n "discovery.sendtargets.auth.${kv%%=*}" -v "${kv#*=}"
done
iscsiadm -m discoverydb -t st -p $p --discover | tee /tmp/disc.out
grep -q "$t1" /tmp/disc.out && grep -q "$t2" /tmp/disc.out ||
	die "discovery with CHAP misses a target"

step "a session without CHAP runs fio in the background"
iscsiadm -m node -T "$t2" -p $p --login
disk2=$(iscsi_disk "$t2")
fio --name=bg --filename="$disk2" --rw=randrw --bs=16k --size=64M \
	--direct=1 --ioengine=libaio --iodepth=8 --time_based --runtime=20 \
	--verify=crc32c --verify_fatal=1 --do_verify=1 \
	--eta=never --output=/tmp/fio.out &
fio_pid=$!

step "a wrong secret gets an authentication failure"
node_set "$t1" node.session.auth.authmethod=CHAP \
	node.session.auth.username=ann node.session.auth.password=wrong-secret-0 \
	node.session.auth.chap_algs=MD5
rc=$(login_rc "$t1")
[ "$rc" = 24 ] || die "a wrong secret: iscsiadm exit $rc, want 24 (auth failed)"
grep -q "($ini) refused: authentication failed (0x0201): wrong CHAP_R for user ann" \
	/tmp/ietd.log || die "the wrong secret is not logged"
iscsiadm -m node -T "$t1" -p $p --logout >/dev/null 2>&1 || true

step "CHAP with every algorithm"
node_set "$t1" node.session.auth.password=ann-secret-0123
for alg in MD5 SHA1 SHA256 SHA3-256; do
	node_set "$t1" node.session.auth.chap_algs=$alg
	rc=$(login_rc "$t1")
	[ "$rc" = 0 ] || die "CHAP $alg: iscsiadm exit $rc"
	disk1=$(iscsi_disk "$t1")
	dd if=/dev/urandom of=/tmp/blk bs=64k count=16 status=none
	dd if=/tmp/blk of="$disk1" bs=64k oflag=direct status=none
	dd if="$disk1" of=/tmp/blk.back bs=64k count=16 iflag=direct status=none
	cmp /tmp/blk /tmp/blk.back || die "CHAP $alg: data differs"
	iscsiadm -m node -T "$t1" -p $p --logout >/dev/null
	want=$(case $alg in SHA1) echo SHA-1 ;; SHA256) echo SHA-256 ;;
		*) echo $alg ;; esac)
	grep "login: handing tid 1 " /tmp/ietd.log | tail -n 1 |
		grep -qF "CHAP $want)" || die "CHAP $alg: not in the log"
	echo "CHAP $alg: ok"
done

step "mutual CHAP, and a target answer the initiator does not accept"
node_set "$t1" node.session.auth.chap_algs=SHA256,MD5 \
	node.session.auth.username_in=tgt \
	node.session.auth.password_in=tgt-secret-4567
rc=$(login_rc "$t1")
[ "$rc" = 0 ] || die "mutual CHAP: iscsiadm exit $rc"
iscsiadm -m node -T "$t1" -p $p --logout >/dev/null
node_set "$t1" node.session.auth.password_in=not-the-target
rc=$(login_rc "$t1")
[ "$rc" != 0 ] || die "the initiator accepted a target with the wrong secret"
iscsiadm -m node -T "$t1" -p $p --logout >/dev/null 2>&1 || true

step "the fio session went on without error"
wait "$fio_pid" || die "fio failed: $(cat /tmp/fio.out)"
grep -E "err= *0" /tmp/fio.out >/dev/null || die "fio: $(cat /tmp/fio.out)"
grep -E "READ:|WRITE:" /tmp/fio.out
iscsiadm -m node -T "$t2" -p $p --logout

step "libiscsi: CHAP in the URL"
url="iscsi://ann%ann-secret-0123@$p/$t1/0"
iscsi-inq "$url" | grep -q VIRTUAL-DISK || die "iscsi-inq with CHAP failed"
rc=0
iscsi-inq "iscsi://ann%wrong-secret-0@$p/$t1/0" >/dev/null 2>&1 || rc=$?
[ $rc -ne 0 ] || die "iscsi-inq with a wrong secret succeeded"
for f in iSCSIcmdsn iSCSIdatasn iSCSIResiduals iSCSITMF; do
	out=$(iscsi-test-cu --dataloss --test="ALL.$f" "$url" 2>&1) || true
	summary=$(echo "$out" | grep -E '^ +tests ' | head -n 1)
	echo "$f with CHAP: $summary"
	echo "$out" >"$IET_OUT/chap-$f.txt"
	ran=$(echo "$summary" | awk '{ print $3 }')
	failed=$(echo "$summary" | awk '{ print $5 }')
	[ "${ran:-0}" -gt 0 ] && [ "${failed:-1}" = 0 ] ||
		die "iscsi-test-cu $f with CHAP: $summary"
done
echo "chap: all steps passed"
