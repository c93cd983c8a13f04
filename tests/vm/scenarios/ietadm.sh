#!/bin/bash
# ietadm as OpenStack Cinder's IET driver uses it: targets and LUNs made at
# run time, tid read back from /proc, a CHAP account, a session dropped by
# its connection before the target goes, and the exit statuses Cinder reads
# (234, 239). Then every other operation, each with a wrong argument.
set -eu -o pipefail
. "$IET_TOP/tests/vm/lib.sh"

ietadm=$IET_TOP/usr/ietadm
t1=iqn.2010-10.org.openstack:volume-0001
t2=iqn.2010-10.org.openstack:volume-0002
ini=iqn.2026-11.org.example:compute

# expect STATUS STDERR CMD...: CMD exits with STATUS, saying STDERR.
expect() {
	local status=$1 err=$2 got
	shift 2
	got=0
	"$@" 2>/tmp/err || got=$?
	[ "$got" = "$status" ] ||
		die "$*: status $got, want $status ($(cat /tmp/err))"
	[ "$(cat /tmp/err)" = "$err" ] ||
		die "$*: says '$(cat /tmp/err)', want '$err'"
}

# The tid of target $1, as Cinder finds it.
tid_of() {
	sed -n "s/^tid:\([0-9]*\) name:$1\$/\1/p" /proc/net/iet/volume
}

lv=$(lv_setup volume-0001 64M)
iet_load
: >/etc/iet/ietd.conf
"$IET_TOP/usr/ietd" -f -c /etc/iet/ietd.conf -d 1 --pidfile /run/ietd.pid \
	>/tmp/ietd.log 2>&1 &
ietd_pid=$!
wait_for "$ietadm --op show" 20 || die "ietd does not answer: $(cat /tmp/ietd.log)"

step "Cinder: create_iscsi_target"
expect 0 "" "$ietadm" --op new --tid=0 --params "Name=$t1"
tid=$(tid_of "$t1")
[ -n "$tid" ] || die "no tid for $t1 in: $(cat /proc/net/iet/volume)"
expect 0 "" "$ietadm" --op new --tid="$tid" --lun=0 \
	--params "Path=$lv,Type=blockio"
cat /proc/net/iet/volume
grep -q "^	lun:0 state:0 iotype:blockio iomode:wt blocks:131072 blocksize:512 path:$lv\$" \
	/proc/net/iet/volume || die "LUN 0 is not in /proc/net/iet/volume"
expect 234 "ietadm: target $t1 already exists with tid $tid" \
	"$ietadm" --op new --tid=0 --params "Name=$t1"
expect 239 "ietadm: tid $tid: Lun 0 already exists" \
	"$ietadm" --op new --tid="$tid" --lun=0 --params "Path=$lv,Type=blockio"

step "an initiator logs in, then Cinder adds its CHAP account"
initiator_start "$ini"
iscsiadm -m discovery -t st -p 127.0.0.1 >/dev/null
iscsiadm -m node -T "$t1" -p 127.0.0.1 --login
iscsi_disk "$t1" >/dev/null
expect 0 "" "$ietadm" --op new --tid="$tid" --user \
	--params=IncomingUser=cinder,Password=verysecret12
expect 239 "ietadm: tid $tid: IncomingUser cinder already exists" \
	"$ietadm" --op new --tid="$tid" --user \
	--params=IncomingUser=cinder,Password=other
[ "$("$ietadm" --op show --tid="$tid" --user)" = "IncomingUser cinder" ] ||
	die "account list: $("$ietadm" --op show --tid="$tid" --user)"
[ "$("$ietadm" --op show --tid="$tid" --user --params=IncomingUser=cinder)" = \
	"IncomingUser cinder verysecret12" ] || die "account not shown"

step "the session's parameters"
cat /proc/net/iet/session
# Cinder's own parsing: split on ^tid:, then its regular expression.
ids=$(python3 -c '
import re, sys
text = open("/proc/net/iet/session").read()
for t in re.split("^tid:", text, flags=re.MULTILINE):
    m = re.match(r"(\d+) name:(\S+)\s+sid:(\d+).+\s+cid:(\d+)", t, re.DOTALL)
    if m and m.group(1) == sys.argv[1]:
        print(m.group(3), m.group(4))
' "$tid")
read -r sid cid <<<"$ids" || true
{ [ -n "$sid" ] && [ -n "$cid" ]; } || die "no sid and cid in /proc/net/iet/session"
echo "sid $sid cid $cid"
"$ietadm" --op show --tid="$tid" --sid="$sid" | tee /tmp/params
[ "$(cut -d= -f1 /tmp/params | tr '\n' ' ')" = "InitialR2T ImmediateData MaxConnections MaxRecvDataSegmentLength MaxXmitDataSegmentLength MaxBurstLength FirstBurstLength DefaultTime2Wait DefaultTime2Retain MaxOutstandingR2T DataPDUInOrder DataSequenceInOrder ErrorRecoveryLevel HeaderDigest DataDigest OFMarker IFMarker OFMarkInt IFMarkInt " ] ||
	die "session keys not in IET's order"
grep -qx HeaderDigest=None /tmp/params || die "HeaderDigest is not None"
expect 254 "ietadm: tid $tid: no session 12345" \
	"$ietadm" --op show --tid="$tid" --sid=12345
expect 234 "ietadm: --sid: '12a' is not a number" \
	"$ietadm" --op show --tid="$tid" --sid=12a

step "Cinder: remove_iscsi_target drops the connection, then the target"
expect 254 "ietadm: tid $tid session $sid cid 99: no such connection" \
	"$ietadm" --op delete --tid="$tid" --sid="$sid" --cid=99
expect 234 "ietadm: --sid is required here" \
	"$ietadm" --op delete --tid="$tid" --cid="$cid"
expect 240 "ietadm: tid $tid: the target has sessions; delete them first (--sid, --cid) or add --force" \
	"$ietadm" --op delete --tid="$tid"
expect 0 "" "$ietadm" --op delete --tid="$tid" --sid="$sid" --cid="$cid"
wait_for "! grep -q sid:$sid /proc/net/iet/session" 10 ||
	die "the session outlived its connection: $(cat /proc/net/iet/session)"
# iscsid logs in again; with an IncomingUser the target wants CHAP.
sleep 3
! grep -q 'sid:' /proc/net/iet/session ||
	die "a login without CHAP got in: $(cat /proc/net/iet/session)"
iscsiadm -m node -T "$t1" -p 127.0.0.1 --logout >/dev/null 2>&1 || true
iscsiadm -m node -T "$t1" -p 127.0.0.1 -o delete >/dev/null 2>&1 || true
expect 0 "" "$ietadm" --op delete --tid="$tid" --user \
	--params=IncomingUser=cinder
expect 254 "ietadm: tid $tid: no IncomingUser cinder" \
	"$ietadm" --op delete --tid="$tid" --user --params=IncomingUser=cinder
expect 0 "" "$ietadm" --op delete --tid="$tid" --lun=0
expect 254 "ietadm: tid $tid: no Lun 0" \
	"$ietadm" --op delete --tid="$tid" --lun=0
expect 0 "" "$ietadm" --op delete --tid="$tid"
! grep -q "name:$t1" /proc/net/iet/volume || die "$t1 is still there"
expect 254 "ietadm: tid $tid: no such target" "$ietadm" --op delete --tid="$tid"

step "session keys set by ietadm reach the next login"
expect 0 "" "$ietadm" --op new --tid=0 --params "Name=$t2"
tid=$(tid_of "$t2")
expect 0 "" "$ietadm" --op new --tid="$tid" --lun=0 --params Type=nullio
expect 0 "" "$ietadm" --op update --tid="$tid" \
	--params MaxRecvDataSegmentLength=65536,Wthreads=4
"$ietadm" --op show --tid="$tid" --sid=0 | grep -qx MaxRecvDataSegmentLength=65536 ||
	die "--sid=0 does not show the new value"
"$ietadm" --op show --tid="$tid" | grep -qx Wthreads=4 || die "Wthreads not set"
expect 234 "ietadm: unknown parameter 'Colour'" \
	"$ietadm" --op update --tid="$tid" --params Colour=blue
expect 234 "ietadm: MaxRecvDataSegmentLength: 1 is below the minimum 512" \
	"$ietadm" --op update --tid="$tid" --params MaxRecvDataSegmentLength=1
expect 234 "ietadm: --op update needs --tid" \
	"$ietadm" --op update --params Wthreads=2
iscsiadm -m discovery -t st -p 127.0.0.1 >/dev/null
iscsiadm -m node -T "$t2" -p 127.0.0.1 --login
iscsi_disk "$t2" >/dev/null
sid=$(sed -n 's/^\tsid:\([0-9]*\) .*/\1/p' /proc/net/iet/session)
"$ietadm" --op show --tid="$tid" --sid="$sid" |
	grep -qx MaxRecvDataSegmentLength=65536 ||
	die "the login did not offer MaxRecvDataSegmentLength=65536"

step "--op show, --version"
"$ietadm" --op show | tee /tmp/all
grep -qx "target $tid $t2" /tmp/all || die "--op show misses $t2"
grep -q "^	session $sid from $ini\$" /tmp/all || die "--op show misses the session"
"$ietadm" --version | tee /tmp/version
grep -q '^iscsi_trgt version ' /tmp/version || die "no module version"

step "accounts: discovery, OutgoingUser, wrong arguments"
expect 0 "" "$ietadm" --op new --user --params=IncomingUser=disc,Password=discsecret12
expect 0 "" "$ietadm" --op new --user --params=OutgoingUser=tgt,Password=tgtsecret123
[ "$("$ietadm" --op show --user | tr '\n' ' ')" = "IncomingUser disc OutgoingUser tgt " ] ||
	die "discovery accounts: $("$ietadm" --op show --user)"
expect 239 "ietadm: discovery: there is an OutgoingUser already" \
	"$ietadm" --op new --user --params=OutgoingUser=t2,Password=x
expect 234 "ietadm: a new account needs a Password" \
	"$ietadm" --op new --user --params=IncomingUser=x
expect 234 "ietadm: unknown account parameter 'User': use IncomingUser, OutgoingUser or Password" \
	"$ietadm" --op new --user --params=User=x,Password=y
expect 254 "ietadm: tid 99: no such target" \
	"$ietadm" --op show --tid=99 --user
expect 0 "" "$ietadm" --op delete --user --params=IncomingUser=disc
expect 0 "" "$ietadm" --op delete --user --params=OutgoingUser=tgt

step "wrong arguments elsewhere"
expect 234 "ietadm: --op new needs --tid" "$ietadm" --op new --params Name=x
expect 234 "ietadm: --tid: 'one' is not a number" "$ietadm" --op show --tid=one
expect 254 "ietadm: tid 99: no such target" "$ietadm" --op show --tid=99
expect 254 "ietadm: tid 99: no such target" "$ietadm" --op show --tid=99 --sid=0
expect 234 "ietadm: unknown --op 'list': use new, delete, update or show" \
	"$ietadm" --op list
expect 234 "ietadm: Lun 1: Type 'disk' is not blockio, fileio or nullio" \
	"$ietadm" --op new --tid="$tid" --lun=1 --params Type=disk
expect 254 "ietadm: tid $tid: no session 1" \
	"$ietadm" --op delete --tid="$tid" --sid=1
expect 255 "ietadm: only root may change the target configuration" \
	setpriv --reuid=65534 --regid=65534 --clear-groups \
	"$ietadm" --op delete

step "deleting one session, then everything"
expect 0 "" "$ietadm" --op delete --tid="$tid" --sid="$sid"
wait_for "! grep -q sid:$sid /proc/net/iet/session" 10 ||
	die "the session outlived --op delete --sid"
iscsiadm -m node -T "$t2" -p 127.0.0.1 --logout >/dev/null 2>&1 || true
iscsiadm -m node -T "$t2" -p 127.0.0.1 --login
iscsi_disk "$t2" >/dev/null
expect 0 "" "$ietadm" --op new --tid=0 --params "Name=$t1"
expect 0 "" "$ietadm" --op delete
[ ! -s /proc/net/iet/volume ] || die "targets left: $(cat /proc/net/iet/volume)"
[ "$("$ietadm" --op show)" = "no targets" ] || die "ietadm still shows targets"
iscsiadm -m node -T "$t2" -p 127.0.0.1 --logout >/dev/null 2>&1 || true
kill -TERM "$ietd_pid"
wait "$ietd_pid" || true
echo "ietadm: all steps passed"
