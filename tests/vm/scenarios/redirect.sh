#!/bin/bash
# Login redirection: `ietadm --redirect` sends logins to a target to
# another portal (here tgtd, serving the same target name on port 3261),
# which open-iscsi follows; discovery still lists the first portal; an
# empty --redirect brings the logins back.
set -eu -o pipefail
. "$IET_TOP/tests/vm/lib.sh"

t1=iqn.2026-11.org.example:desk01
ini=iqn.2026-11.org.example:guest
ietadm=$IET_TOP/usr/ietadm

lv=$(lv_setup desk01 64M)
cat >/etc/iet/ietd.conf <<EOT
Target $t1
	Lun 0 Path=$lv,Type=blockio
EOT
iet_start /etc/iet/ietd.conf
initiator_start "$ini"

step "tgtd serves $t1 on 127.0.0.1:3261"
truncate -s 64M /tmp/tgt.img
tgtd -f --iscsi portal=127.0.0.1:3261 >/tmp/tgtd.log 2>&1 &
wait_for "tgtadm --lld iscsi --op show --mode target" 20 ||
	die "tgtd did not start: $(cat /tmp/tgtd.log)"
tgtadm --lld iscsi --op new --mode target --tid 1 -T "$t1"
tgtadm --lld iscsi --op new --mode logicalunit --tid 1 --lun 1 -b /tmp/tgt.img
tgtadm --lld iscsi --op bind --mode target --tid 1 -I ALL

step "ietadm --redirect; a wrong address is refused"
"$ietadm" --op update --tid=1 --redirect=127.0.0.1:3261
rc=0
"$ietadm" --op update --tid=1 --redirect=127.0.0.1:70000 2>/tmp/err || rc=$?
cat /tmp/err
[ $rc = 234 ] || die "a bad --redirect: exit $rc, want 234 (-EINVAL)"
grep -q "port is not a number from 1 to 65535" /tmp/err ||
	die "a bad --redirect is not explained"

step "discovery is not redirected"
iscsiadm -m discovery -t st -p 127.0.0.1 | tee /tmp/disc
grep -qx "127.0.0.1:3260,1 $t1" /tmp/disc || die "discovery changed"

step "open-iscsi follows the redirection to tgtd"
iscsiadm -m node -T "$t1" -p 127.0.0.1 --login
iscsiadm -m session -P 3 | tee /tmp/sess | grep -E "Portal|Target:"
grep -q "Current Portal: 127.0.0.1:3261" /tmp/sess ||
	die "the session is not on the redirected portal"
grep -q "Persistent Portal: 127.0.0.1:3260" /tmp/sess ||
	die "the session forgot its first portal"
! grep -q "sid:" /proc/net/iet/session ||
	die "iet has a session though it redirected: $(cat /proc/net/iet/session)"
tgtadm --lld iscsi --op show --mode target | grep -q "Initiator: $ini" ||
	die "tgtd has no session of $ini"
grep -q "refused: target moved temporarily (0x0101): redirected to 127.0.0.1:3261" \
	/tmp/ietd.log || die "the redirection is not logged"
iscsiadm -m node -T "$t1" -p 127.0.0.1 --logout

step "an empty --redirect brings logins back"
"$ietadm" --op update --tid=1 --redirect=
iscsiadm -m node -T "$t1" -p 127.0.0.1 --login
grep -q "sid:" /proc/net/iet/session ||
	die "no iet session after the redirection was cleared"
disk=$(iscsi_disk "$t1")
dd if="$disk" of=/dev/null bs=1M count=4 iflag=direct status=none
iscsiadm -m node -T "$t1" -p 127.0.0.1 --logout
tgtadm --lld iscsi --op delete --mode target --tid 1 --force || true
kill %1 2>/dev/null || true
echo "redirect: all steps passed"
