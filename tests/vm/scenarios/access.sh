#!/bin/bash
# initiators.allow and targets.allow: one target is denied to the guest by
# address, one by initiator name, one is offered on a single portal. With
# open-iscsi and libiscsi, what is denied is not discovered and a forced
# login to it is refused (0x0202, or 0x0203 for the portal), while what is
# allowed is discovered and logs in. A bad line keeps ietd from starting.
set -eu -o pipefail
. "$IET_TOP/tests/vm/lib.sh"

ietd=$IET_TOP/usr/ietd
ex=iqn.2026-11.org.example
byaddr=$ex:byaddr	# from 10.9.9.0/24 and [::1] only
byname=$ex:byname	# for initiators named $ex:good-* only
byportal=$ex:byportal	# offered on 127.0.0.1 only
open=$ex:open
guest=$ex:guest
good=$ex:good-1
iet_log=/tmp/ietd.log

logged() {
	grep -qF -- "$1" "$iet_log" || die "ietd did not log '$1'"
}

# discover PORTAL IFACE TARGET...: SendTargets through PORTAL lists
# exactly the TARGETs.
discover() {
	local portal=$1 iface=$2 out t
	shift 2

	out=$(iscsiadm -m discovery -t st -p "$portal" -I "$iface")
	echo "$out"
	for t in "$@"; do
		grep -qxF "$portal:3260,1 $t" <<<"$out" ||
			die "discovery through $portal as $iface lacks $t"
	done
	[ "$(wc -l <<<"$out")" -eq $# ] ||
		die "discovery through $portal as $iface lists too much"
}

# refused TARGET PORTAL IFACE STATUS: a login made without discovery
# fails with iscsiadm's STATUS (24: authorization, 19: fatal, not found).
refused() {
	local rc=0 out

	iscsiadm -m node -o new -T "$1" -p "$2" -I "$3" >/dev/null
	out=$(iscsiadm -m node -T "$1" -p "$2" -I "$3" --login 2>&1) || rc=$?
	echo "$out (exit status $rc)"
	[ $rc -eq "$4" ] || die "login to $1 through $2: exit status $rc, not $4"
	iscsiadm -m node -o delete -T "$1" -p "$2" -I "$3"
}

# logs_in TARGET PORTAL IFACE ADDRESS: discovery through PORTAL and a
# login, seen in /proc from ADDRESS. (A discovery as another iface drops
# the records of the first.)
logs_in() {
	iscsiadm -m discovery -t st -p "$2" -I "$3" >/dev/null
	iscsiadm -m node -T "$1" -p "$2" -I "$3" --login
	wait_for "grep -q \"ip:$4 state:active\" /proc/net/iet/session" 10 ||
		die "no session from $4: $(cat /proc/net/iet/session)"
	iscsiadm -m node -T "$1" -p "$2" -I "$3" --logout
	wait_for "! grep -q sid: /proc/net/iet/session" 10 ||
		die "the session of $1 outlived its logout"
}

# A second address on lo: a connection to it comes from it as well.
ip addr add 10.9.9.1/32 dev lo
cat >/etc/iet/ietd.conf <<EOT
Target $byaddr
	Lun 0 Type=nullio
Target $byname
	Lun 0 Type=nullio
Target $byportal
	Lun 0 Type=nullio
Target $open
	Lun 0 Type=nullio
EOT

step "a bad line: ietd -t and ietd refuse it, naming file and line"
mkdir -p /tmp/bad
printf '%s\n' "$byaddr 10.9.9.0/24" "$byname 10.0.0.1/8" \
	>/tmp/bad/initiators.allow
want="/tmp/bad/initiators.allow:2: '10.0.0.1/8' has bits set past its first 8, so it would match nothing: write 10.0.0.0/8"
rc=0
out=$("$ietd" -t --allow-dir /tmp/bad 2>&1) || rc=$?
echo "$out"
[ $rc -eq 1 ] && [ "$out" = "$want" ] || die "ietd -t: $rc, '$out'"
iet_load
rc=0
"$ietd" -f --allow-dir /tmp/bad --pidfile /tmp/bad/pid >/tmp/bad/log 2>&1 ||
	rc=$?
cat /tmp/bad/log
[ $rc -eq 1 ] && grep -qxF "$want" /tmp/bad/log || die "ietd started"

step "the files in /etc/iet"
cat >/etc/iet/initiators.allow <<EOT
# by address
$byaddr 10.9.9.0/24, [::1]
# by name: matches the whole name, ignoring case
$byname IQN\.2026-11\.org\.example:good-.*
ALL ALL
EOT
cat >/etc/iet/targets.allow <<EOT
$byportal 127.0.0.1
ALL ALL
EOT
"$ietd" -t
iet_start /etc/iet/ietd.conf

step "open-iscsi: discovery lists what each initiator may use there"
modprobe sd_mod
echo "InitiatorName=$guest" >/etc/iscsi/initiatorname.iscsi
# In the foreground for its log; in a session of its own, since its exit
# signals its whole process group.
setsid iscsid -f >/tmp/iscsid.log 2>&1 &
wait_for 'iscsiadm -m session; rc=$?; [ $rc -eq 0 ] || [ $rc -eq 21 ]' 20 ||
	die "iscsid does not answer"
iscsiadm -m iface -I good -o new >/dev/null
iscsiadm -m iface -I good -o update -n iface.initiatorname -v "$good" \
	>/dev/null
discover 127.0.0.1 default "$byportal" "$open"
discover 10.9.9.1 default "$byaddr" "$open"
discover '[::1]' default "$byaddr" "$open"
discover 127.0.0.1 good "$byname" "$byportal" "$open"
discover 10.9.9.1 good "$byaddr" "$byname" "$open"

step "open-iscsi: forced logins to what is denied are refused"
refused "$byaddr" 127.0.0.1 default 24
logged "login from 127.0.0.1:"
logged "($guest) refused: "
logged "(0x0202): target $byaddr: /etc/iet/initiators.allow:2 lists neither 127.0.0.1 nor $guest"
refused "$byname" 10.9.9.1 default 24
logged "(0x0202): target $byname: /etc/iet/initiators.allow:4 lists neither 10.9.9.1 nor $guest"
refused "$byportal" 10.9.9.1 good 19
logged "($good) refused: target not found (0x0203): target $byportal is not offered on 10.9.9.1 (/etc/iet/targets.allow:1)"
grep -i "authorization" /tmp/iscsid.log || die "iscsid did not say 'authorization'"

step "open-iscsi: what is allowed logs in"
logs_in "$byaddr" 10.9.9.1 default 10.9.9.1
logs_in "$byaddr" '[::1]' default '\[0000:0000:0000:0000:0000:0000:0000:0001\]'
logs_in "$byname" 127.0.0.1 good 127.0.0.1
logs_in "$byportal" 127.0.0.1 default 127.0.0.1

step "libiscsi: iscsi-ls lists the same; a denied login is refused"
out=$(iscsi-ls -i "$guest" iscsi://127.0.0.1)
echo "$out"
[ "$(sort <<<"$out")" = "$(printf '%s\n' \
	"Target:$byportal Portal:127.0.0.1:3260,1" \
	"Target:$open Portal:127.0.0.1:3260,1" | sort)" ] ||
	die "iscsi-ls as $guest"
out=$(iscsi-ls -i "$good" iscsi://10.9.9.1)
echo "$out"
[ "$(wc -l <<<"$out")" -eq 3 ] && grep -qF "Target:$byname " <<<"$out" ||
	die "iscsi-ls as $good"
rc=0
out=$(iscsi-inq -i "$guest" "iscsi://127.0.0.1/$byname/0" 2>&1) || rc=$?
echo "$out"
[ $rc -ne 0 ] && grep -qi "authorization failure" <<<"$out" ||
	die "iscsi-inq to $byname was not refused for authorization"
iscsi-inq -i "$good" "iscsi://127.0.0.1/$byname/0" >/dev/null ||
	die "iscsi-inq to $byname as $good failed"
echo "access: all steps passed"
