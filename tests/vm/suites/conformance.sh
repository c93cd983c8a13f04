#!/bin/bash
# libiscsi's whole conformance suite against one backend:
#   tests/vm/run -m 4G tests/vm/suites/conformance.sh plain|thin|fileio [SIZE]
# plain: blockio on a plain LV; thin: blockio on a thin LV of a thin pool;
# fileio: fileio on a file.  Runs `iscsi-test-cu --dataloss --allow-sanitize
# --test=ALL` on one session, then ALL.MultipathIO on two, and fails when
# either has a failed test.  $IET_OUT gets both outputs and counts.txt
# (backend, kernel, total, passed, skipped, failed), which tests/conformance
# puts into one table.
set -eu -o pipefail
. "$IET_TOP/tests/vm/lib.sh"

backend=${1:?plain, thin or fileio}
size=${2:-1G}
t=iqn.2026-11.org.example:conformance

case $backend in
plain) path=$(lv_setup conf "$size") type=blockio ;;
thin) path=$(thin_setup conf "$size") type=blockio ;;
fileio)
	path=/tmp/conf.img type=fileio
	truncate -s "$size" "$path"
	;;
*) die "unknown backend $backend" ;;
esac
cat >/etc/iet/ietd.conf <<EOT
Target $t
	Lun 0 Path=$path,Type=$type
EOT
iet_start /etc/iet/ietd.conf
url=iscsi://127.0.0.1/$t/0
# MultipathIO wants two sessions from two initiator names.
url2="iscsi://127.0.0.1/$t/0"

# counts OUTPUT: "TOTAL PASSED SKIPPED FAILED" from iscsi-test-cu's output.
# CUnit counts a test that skipped itself as passed; libiscsi prints
# [SKIPPED] in it, so a test whose lines (up to the next "Test:" or
# "Suite:") hold one is counted as skipped and taken out of the passes.
counts() {
	awk '
	/^ +tests / && !sum { total = $3; passed = $4; failed = $5; sum = 1 }
	/^ +Test: |^Suite: / { in_test = /Test: /; marked = 0 }
	/\[SKIPPED\]/ && in_test && !marked { skipped++; marked = 1 }
	END { print total + 0, passed - skipped, skipped + 0, failed + 0 }
	' "$1"
}

# skips OUTPUT: each reason a test gave for skipping, with how many did.
skips() {
	grep -o '\[SKIPPED\].*' "$1" | sort | uniq -c | sort -rn
}

step "iscsi-test-cu --dataloss --allow-sanitize --test=ALL ($backend)"
out=$IET_OUT/all.txt
# Unbuffered: CUnit's lines (stdout) and libiscsi's (stderr) stay in order,
# so each [SKIPPED] lands under the test that printed it.
stdbuf -o0 -e0 iscsi-test-cu --dataloss --allow-sanitize --test=ALL "$url" \
	>"$out" 2>&1 || true
grep -E '^ +Test: .*FAILED|^FAILED' -B1 "$out" || true
skips "$out" >"$IET_OUT/skips.txt"
cat "$IET_OUT/skips.txt"
set -- $(counts "$out")
total=$1 passed=$2 skipped=$3 failed=$4
echo "$backend $(uname -r) $total $passed $skipped $failed" >"$IET_OUT/counts.txt"
echo "ALL: $total tests, $passed passed, $skipped skipped, $failed failed"

step "iscsi-test-cu --dataloss --test=ALL.MultipathIO with two sessions"
mout=$IET_OUT/multipath.txt
stdbuf -o0 -e0 iscsi-test-cu --dataloss --test=ALL.MultipathIO "$url" "$url2" \
	>"$mout" 2>&1 || true
grep -E '\[SKIPPED\]|FAILED' "$mout" || true
set -- $(counts "$mout")
mtotal=$1 mpassed=$2 mskipped=$3 mfailed=$4
echo "$mtotal $mpassed $mskipped $mfailed" >"$IET_OUT/multipath-counts.txt"
echo "MultipathIO: $mtotal tests, $mpassed passed, $mskipped skipped, $mfailed failed"

[ "$total" -gt 0 ] || die "ALL ran no test"
[ "$failed" = 0 ] || die "ALL: $failed failed"
[ "$mtotal" -gt 0 ] || die "MultipathIO ran no test"
[ "$mfailed" = 0 ] || die "MultipathIO: $mfailed failed"
echo "conformance $backend: all steps passed"
