# shellcheck shell=bash
# libiscsi's conformance suite for scenarios:  . "$IET_TOP/tests/vm/cu.sh"

# cu_family FAMILY URL: runs iscsi-test-cu's family FAMILY (as
# `iscsi-test-cu -l` names it) against URL; fails unless tests ran and none
# failed.  CUnit's summary line is "tests TOTAL RAN PASSED FAILED INACTIVE".
# The whole output is kept in $IET_OUT.
cu_family() {
	local family=$1 u=$2 out summary ran failed

	out=$(iscsi-test-cu --dataloss --test="ALL.$family" "$u" 2>&1) || true
	echo "$out" >"$IET_OUT/$family-${u//[^a-z0-9]/_}.txt"
	echo "$out" | grep -E '^ +(Test|Suite).*(FAILED|Failed)' || true
	summary=$(echo "$out" | grep -E '^ +tests ' | head -n 1)
	echo "$family: $summary"
	ran=$(echo "$summary" | awk '{ print $3 }')
	failed=$(echo "$summary" | awk '{ print $5 }')
	[ "${ran:-0}" -gt 0 ] || die "iscsi-test-cu $family ran no test on $u"
	[ "${failed:-1}" = 0 ] || die "iscsi-test-cu $family on $u: $summary"
}

# cu_skipped FAMILY URL: the tests of FAMILY that skipped themselves on URL
# (what the LU does not advertise), from cu_family's saved output.
cu_skipped() {
	grep -c '\[SKIPPED\]' "$IET_OUT/$1-${2//[^a-z0-9]/_}.txt" || true
}
