#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Privilege: every operation the kernel lists for the netlink family needs
# CAP_NET_ADMIN, and user nobody, or root without that capability, gets
# EPERM from each, requests and dumps alike (foundation.sh sends the
# commands by name; this takes the kernel's own list). ietadm as nobody
# gets EPERM and a sentence saying why for every change and for showing
# accounts. /proc/net/iet files are read-only for everyone. Then CHAP
# accounts, incoming and outgoing, for discovery and a target, from
# ietd.conf and from ietadm, a login with the right secret and one with a
# wrong one, and no secret anywhere it must not be: ietd's log at its
# highest debug level, the kernel log, /proc/net/iet, ietd's cmdline and
# environment, ietadm's shows, the netlink dumps. Only root's explicit
# show of one account prints its secret.
set -eu -o pipefail
. "$IET_TOP/tests/vm/lib.sh"

# Each step with the guest's uptime: where the seconds go.
step() { echo "== [$(cut -d" " -f1 /proc/uptime)] $*"; }

t=iqn.2026-11.org.example:priv
ini=iqn.2026-11.org.example:guest
ietd=$IET_TOP/usr/ietd
ietadm=$IET_TOP/usr/ietadm
ietnl=$IET_TOP/tests/tools/ietnl
conf=/etc/iet/ietd.conf
p=127.0.0.1
nobody="setpriv --reuid=65534 --regid=65534 --clear-groups"
nocap="setpriv --bounding-set=-net_admin --inh-caps=-net_admin"
runs=0

summary() {
	local failures=0

	[ "$1" -eq 0 ] || failures=1
	printf 'runs %s\nfailures %s\nlost 0\n' "$runs" "$failures" \
		>"$IET_OUT/summary"
}
trap 'summary $?' EXIT

# Secrets of every kind, each its own: a leak names the account.
sec_disc_in=DiscIn-7f3a91c2
sec_disc_out=DiscOut-52be0d47
sec_tgt_in=TgtIn-c81e66a9
sec_tgt_out=TgtOut-0d2f7b35
sec_adm_in=AdmIn-94a7e1f0
sec_adm_disc=AdmDisc-3b6c58de
sec_wrong=Wrong-1e9d4a77
printf '%s\n' "$sec_disc_in" "$sec_disc_out" "$sec_tgt_in" "$sec_tgt_out" \
	"$sec_adm_in" "$sec_adm_disc" "$sec_wrong" >/tmp/secrets

# no_secret WHAT FILE: FILE (text or bytes) holds none of the secrets.
no_secret() {
	if grep -a -o -F -f /tmp/secrets "$2" >/tmp/found; then
		die "$1 shows secrets: $(sort -u /tmp/found | tr '\n' ' ')"
	fi
	runs=$((runs + 1))
}

lv=$(lv_setup priv 32M)
cat >"$conf" <<EOT
IncomingUser disc $sec_disc_in
OutgoingUser dtgt $sec_disc_out
Target $t
	IncomingUser ann $sec_tgt_in
	OutgoingUser tgt $sec_tgt_out
	Lun 0 Path=$lv,Type=blockio
EOT
chmod 600 "$conf"
iet_load
# In the foreground at the highest debug level: everything it would say.
"$ietd" -f -c "$conf" -d 100 --pidfile /run/ietd.pid >/tmp/ietd.log 2>&1 &
wait_for "$ietadm --op show --tid=1" 20 || die "ietd: $(cat /tmp/ietd.log)"

step "every operation of the family needs CAP_NET_ADMIN"
"$ietnl" ops | tee /tmp/ops
[ "$(wc -l </tmp/ops)" -ge 12 ] || die "the family lists too few operations"
while read -r id name forms; do
	[ "$name" != unknown ] || die "operation $id is not one ietnl knows"
	case " $forms " in
	*" admin "*) ;;
	*) die "$name ($id) lacks GENL_ADMIN_PERM" ;;
	esac
	for form in "do" dump; do
		case " $forms " in *" $form "*) ;; *) continue ;; esac
		mode=
		[ "$form" = "do" ] || mode=dump
		for who in "$nobody" "$nocap"; do
			out=$($who "$ietnl" "$id" $mode 2>&1 || true)
			[ "$out" = "-1 Operation not permitted" ] ||
				die "$name $form as '$who': $out"
			runs=$((runs + 1))
		done
	done
done </tmp/ops
# The control: root with the capability gets past the check.
[ "$("$ietnl" get-version)" = 0 ] || die "root cannot ask the version"
out=$($nocap "$ietnl" del-target tid=1 force=1 2>&1 || true)
[ "$out" = "-1 Operation not permitted" ] || die "del-target without the capability: $out"
grep -q "^tid:1 name:$t\$" /proc/net/iet/volume || die "the target went"

step "ietadm as nobody: EPERM and why, for every change"
perm=255
why="ietadm: only root may change the target configuration"
while read -r args; do
	rc=0
	# shellcheck disable=SC2086
	$nobody "$ietadm" $args >/tmp/out 2>/tmp/err || rc=$?
	[ $rc = $perm ] && [ "$(cat /tmp/err)" = "$why" ] && [ ! -s /tmp/out ] ||
		die "ietadm $args as nobody: status $rc, '$(cat /tmp/err)'"
	runs=$((runs + 1))
done <<EOT
--op new --tid=0 --params Name=iqn.2026-11.org.example:x
--op delete --tid=1
--op delete --tid=1 --force
--op delete
--op update --tid=1 --params Wthreads=2
--op update --tid=1 --redirect=10.0.0.9
--op new --tid=1 --lun=1 --params Type=nullio
--op delete --tid=1 --lun=0 --force
--op delete --tid=1 --sid=1
--op delete --tid=1 --sid=1 --cid=0
--op new --tid=1 --user --params IncomingUser=eve,Password=eve-secret-12
--op delete --tid=1 --user --params IncomingUser=ann
EOT
expect_show_perm() {
	local rc=0

	$nobody "$ietadm" "$@" >/tmp/out 2>/tmp/err || rc=$?
	[ $rc = $perm ] &&
		[ "$(cat /tmp/err)" = "ietadm: only root may show accounts: they hold passwords" ] ||
		die "ietadm $* as nobody: status $rc, '$(cat /tmp/err)'"
	no_secret "ietadm $* as nobody" /tmp/out
}
expect_show_perm --op show --tid=1 --user --params IncomingUser=ann
expect_show_perm --op show --user
$nobody "$ietadm" --op show --tid=1 >/dev/null || die "nobody cannot show a target"
grep -q "^tid:1 name:$t\$" /proc/net/iet/volume || die "nobody changed something"

step "/proc/net/iet is read-only"
for f in /proc/net/iet/*; do
	mode=$(stat -L -c %a "$f")
	[ "$mode" = 444 ] || die "$f has mode $mode"
	cp "$f" /tmp/proc.before
	for who in "" "$nobody"; do
		if $who sh -c "echo x >$f" 2>/tmp/err; then
			die "'$who' wrote to $f"
		fi
		runs=$((runs + 1))
	done
	cat "$f" | cmp -s - /tmp/proc.before || die "$f changed"
	echo "$f: mode $mode, writes fail ($(tail -n 1 /tmp/err))"
done

step "accounts from ietadm, a login with the right secret and one wrong"
"$ietadm" --op new --tid=1 --user --params "IncomingUser=bob,Password=$sec_adm_in"
"$ietadm" --op new --user --params "IncomingUser=dadm,Password=$sec_adm_disc"
initiator_start "$ini"
iscsiadm -m discoverydb -t st -p $p -o new >/dev/null
for kv in authmethod=CHAP username=dadm password=$sec_adm_disc \
	username_in=dtgt password_in=$sec_disc_out; do
	iscsiadm -m discoverydb -t st -p $p -o update \
		-n "discovery.sendtargets.auth.${kv%%=*}" -v "${kv#*=}"
done
iscsiadm -m discoverydb -t st -p $p --discover >/dev/null ||
	die "discovery with CHAP failed"
node() { iscsiadm -m node -T "$t" -p $p "$@"; }
for kv in authmethod=CHAP username=bob password=$sec_adm_in \
	username_in=tgt password_in=$sec_tgt_out; do
	node -o update -n "node.session.auth.${kv%%=*}" -v "${kv#*=}"
done
node --login >/dev/null || die "the right secret did not log in"
iscsi_disk "$t" >/dev/null
# A second session, from another iface: the wrong secret.
iscsiadm -m iface -I wrong -o new >/dev/null
iscsiadm -m iface -I wrong -o update -n iface.initiatorname -v "$ini" >/dev/null
iscsiadm -m node -T "$t" -p $p -I wrong -o new >/dev/null
for kv in authmethod=CHAP username=ann password=$sec_wrong; do
	iscsiadm -m node -T "$t" -p $p -I wrong -o update \
		-n "node.session.auth.${kv%%=*}" -v "${kv#*=}"
done
rc=0
iscsiadm -m node -T "$t" -p $p -I wrong --login >/dev/null 2>&1 || rc=$?
[ $rc = 24 ] || die "the wrong secret: iscsiadm exit $rc, want 24"
grep -q "wrong CHAP_R for user ann" /tmp/ietd.log ||
	die "ietd did not log the wrong secret's refusal"
sid=$(sed -n 's/^\tsid:\([0-9]*\) .*/\1/p' /proc/net/iet/session)
[ -n "$sid" ] || die "no session: $(cat /proc/net/iet/session)"

step "no secret in logs, /proc, ietadm's shows or the netlink dumps"
no_secret "ietd's log" /tmp/ietd.log
dmesg >/tmp/dmesg
no_secret "the kernel log" /tmp/dmesg
for f in /proc/net/iet/*; do
	cat "$f" >/tmp/proc.out
	no_secret "$f" /tmp/proc.out
done
pid=$(cat /run/ietd.pid)
cat "/proc/$pid/cmdline" >/tmp/cmdline
no_secret "ietd's cmdline" /tmp/cmdline
cat "/proc/$pid/environ" >/tmp/environ
no_secret "ietd's environment" /tmp/environ
for args in "--op show" "--op show --tid=1" "--op show --tid=1 --sid=$sid" \
	"--op show --tid=1 --sid=0" "--op show --tid=1 --user" \
	"--op show --user" "--version"; do
	# shellcheck disable=SC2086
	"$ietadm" $args >/tmp/show 2>&1 || die "ietadm $args failed"
	no_secret "ietadm $args" /tmp/show
done
"$ietadm" --version >/tmp/version
# Each answer with what it must hold: the dump is really there.
while read -r cmd what; do
	# shellcheck disable=SC2086
	"$ietnl" -r ${cmd/:/ } >/tmp/nl || die "ietnl $cmd failed"
	grep -a -q -F "$what" /tmp/nl || die "ietnl -r $cmd lacks $what"
	no_secret "the netlink answer to $cmd" /tmp/nl
done <<EOT
get-version $(sed -n 's/^iscsi_trgt version \([^ ]*\).*/\1/p' /tmp/version)
get-target:dump $t
get-lun:dump $lv
get-session:dump $ini
EOT

step "root's explicit show of an account prints its secret"
[ "$("$ietadm" --op show --tid=1 --user --params IncomingUser=ann)" = \
	"IncomingUser ann $sec_tgt_in" ] || die "root's show of ann"
[ "$("$ietadm" --op show --tid=1 --user --params IncomingUser=bob)" = \
	"IncomingUser bob $sec_adm_in" ] || die "root's show of bob"
[ "$("$ietadm" --op show --user --params OutgoingUser=dtgt)" = \
	"OutgoingUser dtgt $sec_disc_out" ] || die "root's show of dtgt"

node --logout >/dev/null
kill "$(cat /run/ietd.pid)"
wait_for "! pgrep -x ietd" 10 || die "ietd does not stop"
rmmod iscsi_trgt || die "rmmod failed"
echo "privilege: $runs checks, all passed"
