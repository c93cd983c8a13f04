# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Helpers of the scenarios that keep open-iscsi sessions from several
# initiator names live while ietd stops and starts. Source after lib.sh.

# sessions_same: whether the kernel lists the sessions of /tmp/sessions.
# Through a pipe: cmp -s takes a proc file's size 0 for its length.
sessions_same() {
	# shellcheck disable=SC2002
	cat /proc/net/iet/session | cmp -s - /tmp/sessions
}

# gone PID: whether process PID has ended (a zombie has).
gone() { ! grep -qs '^State:[[:space:]]*[^Z]' "/proc/$1/status"; }

# ietd_start: a new ietd on /etc/iet/ietd.conf beside the kernel's state;
# returns once it answers ietadm.
ietd_start() {
	"$IET_TOP/usr/ietd" -f -c /etc/iet/ietd.conf -d 1 \
		--pidfile /run/ietd.pid >>/tmp/ietd.log 2>&1 &
	wait_for "$IET_TOP/usr/ietadm --op show --tid=1" 20 ||
		die "ietd did not start: $(tail /tmp/ietd.log)"
}

# ifaces NAME:INITIATOR...: open-iscsi ifaces, each with an initiator name
# of its own (a session of its own), and the nodes behind them.
ifaces() {
	local i args=()

	for i in "$@"; do
		iscsiadm -m iface -I "${i%%:*}" -o new >/dev/null
		iscsiadm -m iface -I "${i%%:*}" -o update \
			-n iface.initiatorname -v "${i#*:}" >/dev/null
		args+=(-I "${i%%:*}")
	done
	iscsiadm -m discovery -t st -p 127.0.0.1 "${args[@]}" >/dev/null
}

# login TARGET IFACE, logout TARGET IFACE
login() { iscsiadm -m node -T "$1" -p 127.0.0.1 -I "$2" --login >/dev/null; }
logout() { iscsiadm -m node -T "$1" -p 127.0.0.1 -I "$2" --logout >/dev/null; }
