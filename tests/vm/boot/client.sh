#!/bin/bash
# The diskless client: a QEMU guest without a disk that boots from the
# network on the private L2 of the diskless boot test.
#
#   client.sh [-e [-r]] [-t SECONDS] [-v] [-N NETDEV] PORT MAC LOG
#
# Its NIC connects to the server guest's socket netdev on 127.0.0.1:PORT;
# -N gives another -netdev (its id must be n0; PORT is then unused), e.g.
# QEMU's user network with its TFTP server for a check without the server.
# BIOS (default): SeaBIOS and QEMU's e1000 option ROM, which is iPXE itself,
# so proxyDHCP hands it the HTTP menu at once (no TFTP).  -e: OVMF with its
# own PXE on virtio-net (no option ROM): TFTP snponly.efi, then the menu;
# -e -r keeps QEMU's iPXE option ROM (EFI part) on the virtio-net NIC.
# The console goes to LOG, each line led by the host's time (epoch seconds);
# -v shows it on the terminal as well.  Exits 0 when the marker appears, 1
# when the client says it failed or ends without it, 124 on timeout (-t,
# default 180 s).
set -euo pipefail
shopt -s inherit_errexit

MARKER='IET-DISKLESS-MARKER root-on-iscsi ok'
FAILED='IET-DISKLESS-FAILED'
OVMF_CODE=/usr/share/OVMF/OVMF_CODE_4M.fd
OVMF_VARS=/usr/share/OVMF/OVMF_VARS_4M.fd

usage() {
	echo "usage: tests/vm/boot/client.sh [-e [-r]] [-t SECONDS] [-v] [-N NETDEV] PORT MAC LOG" >&2
	exit 2
}

efi=0
rom=,romfile=
limit=180
verbose=0
netdev=
while getopts ert:vN:h opt; do
	case $opt in
	e) efi=1 ;;
	r) rom= ;;
	t) limit=$OPTARG ;;
	v) verbose=1 ;;
	N) netdev=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
(($# == 3)) || usage
port=$1 mac=$2 log=$3
[[ -n $netdev ]] || netdev=socket,id=n0,connect=127.0.0.1:$port

args=(-nodefaults -no-user-config -nographic -serial stdio -monitor none
	-no-reboot -m 512 -smp 1 -accel "tcg,thread=multi" -cpu max
	-netdev "$netdev")
if ((efi)); then
	[[ -f $OVMF_CODE ]] || { echo "client.sh: no $OVMF_CODE (package ovmf)" >&2; exit 2; }
	vars=$(mktemp /tmp/iet-client-vars.XXXXXX)
	cp "$OVMF_VARS" "$vars"
	# romfile= (empty): no iPXE ROM, OVMF's own virtio-net driver and PXE.
	args+=(-machine q35
		-drive "if=pflash,format=raw,readonly=on,file=$OVMF_CODE"
		-drive "if=pflash,format=raw,file=$vars"
		-device "virtio-net-pci,netdev=n0,mac=$mac$rom")
else
	args+=(-boot n -device "e1000,netdev=n0,mac=$mac")
fi

# Each console line with the host's time; \r and escape sequences out.
stamp() {
	local line

	while IFS= read -r line; do
		line=${line//$'\r'/}
		printf '%(%s)T.%s %s\n' -1 "$(date +%N | cut -c1-3)" "$line"
	done
}

: >"$log"

{
	timeout -k 5 "$limit" nice -n 19 qemu-system-x86_64 "${args[@]}" </dev/null 2>&1 || echo "QEMU-EXIT $?"
} | sed -u 's/\x1b\[[0-9;?=]*[A-Za-z]//g; s/\x1b[()][0-9A-Za-z]//g' | stamp |
	if ((verbose)); then tee -a "$log"; else cat >>"$log"; fi || true
[[ -z ${vars:-} ]] || rm -f "$vars"

if grep -qF "$MARKER" "$log"; then
	exit 0
fi
if grep -q '^[0-9.]* QEMU-EXIT 124' "$log"; then
	echo "client.sh: no marker after ${limit}s" >&2
	exit 124
fi
grep -F "$FAILED" "$log" >&2 || echo "client.sh: the client ended without the marker" >&2
exit 1
