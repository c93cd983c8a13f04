// SPDX-License-Identifier: GPL-2.0
/*
 * The text of ietadm --op show (usr/showfmt.c).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "showfmt.h"

static char buf[2048];

static void test_configured(void **state)
{
	unsigned int v[SESS_NR];

	param_defaults(&session_params, v);
	v[SESS_HEADER_DIGEST] = PARAM_DIGEST_ALL;
	assert_true(show_session_params(NULL, v, buf, sizeof(buf)) > 0);
	assert_string_equal(buf,
			    "InitialR2T=Yes\nImmediateData=Yes\n"
			    "MaxConnections=1\nMaxRecvDataSegmentLength=262144\n"
			    "MaxXmitDataSegmentLength=262144\n"
			    "MaxBurstLength=262144\nFirstBurstLength=65536\n"
			    "DefaultTime2Wait=2\nDefaultTime2Retain=20\n"
			    "MaxOutstandingR2T=1\nDataPDUInOrder=Yes\n"
			    "DataSequenceInOrder=Yes\nErrorRecoveryLevel=0\n"
			    "HeaderDigest=None,CRC32C\nDataDigest=None\n"
			    "OFMarker=No\nIFMarker=No\nOFMarkInt=Reject\n"
			    "IFMarkInt=Reject\n");
	assert_int_equal(show_session_params(NULL, v, buf, 20), -ENOSPC);
}

static void test_negotiated(void **state)
{
	struct kern_session s = { .has_params = true };
	unsigned int v[SESS_NR];

	param_defaults(&session_params, v);
	s.params[IET_P_IMMEDIATE_DATA] = 0;
	s.params[IET_P_MAX_XMIT_DSL] = 1024;
	s.params[IET_P_DATA_DIGEST] = IET_DIGEST_CRC32C;
	s.params[IET_P_ERL] = 0;
	assert_true(show_session_params(&s, v, buf, sizeof(buf)) > 0);
	assert_non_null(strstr(buf, "\nImmediateData=No\n"));
	assert_non_null(strstr(buf, "\nMaxXmitDataSegmentLength=1024\n"));
	assert_non_null(strstr(buf, "\nHeaderDigest=None\nDataDigest=CRC32C\n"));
	assert_non_null(strstr(buf, "\nOFMarkInt=Reject\n"));
}

static void test_all(void **state)
{
	struct kern_target t[2] = {
		{ .tid = 1, .name = "iqn.x:a" }, { .tid = 3, .name = "iqn.x:b" },
	};
	struct kern_lun l = {
		.tid = 1, .lun = 0,
		.params = { .type = IET_LUN_BLOCKIO, .path = "/dev/vg/a",
			    .blocksize = 512, .blocks = 2048 },
	};
	struct kern_session s = {
		.tid = 3, .sid = 844427031282176ULL, .initiator = "iqn.x:i",
		.nr_conns = 1,
		.conns = { { .cid = 0, .addr = "10.0.2.15",
			     .state = IET_CONN_CLOSING } },
	};

	assert_true(show_all(NULL, 0, NULL, 0, NULL, 0, buf, sizeof(buf)) > 0);
	assert_string_equal(buf, "no targets\n");
	assert_true(show_all(t, 2, &l, 1, &s, 1, buf, sizeof(buf)) > 0);
	assert_string_equal(buf,
			    "target 1 iqn.x:a\n"
			    "\tLUN 0: blockio /dev/vg/a, 2048 blocks of 512 bytes, IOMode wt\n"
			    "\tno sessions\n"
			    "target 3 iqn.x:b\n"
			    "\tsession 844427031282176 from iqn.x:i\n"
			    "\t\tconnection 0 from 10.0.2.15, closing\n"
			    "\tno LUNs\n");
	assert_int_equal(show_all(t, 2, &l, 1, &s, 1, buf, 30), -ENOSPC);
}

static void test_digest_errors(void **state)
{
	struct kern_target t = { .tid = 1, .name = "iqn.x:a" };
	struct kern_session s = {
		.tid = 1, .sid = 1, .initiator = "iqn.x:i", .nr_conns = 2,
		.conns = { { .cid = 0, .addr = "10.0.2.15",
			     .state = IET_CONN_CLOSING, .digest_errors = 1 },
			   { .cid = 1, .addr = "10.0.2.16",
			     .digest_errors = 3 } },
	};

	assert_true(show_all(&t, 1, NULL, 0, &s, 1, buf, sizeof(buf)) > 0);
	assert_string_equal(buf,
			    "target 1 iqn.x:a\n"
			    "\tsession 1 from iqn.x:i\n"
			    "\t\tconnection 0 from 10.0.2.15, closing, 1 digest error\n"
			    "\t\tconnection 1 from 10.0.2.16, active, 3 digest errors\n"
			    "\tno LUNs\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_configured),
		cmocka_unit_test(test_negotiated),
		cmocka_unit_test(test_all),
		cmocka_unit_test(test_digest_errors),
	};

	return cmocka_run_group_tests_name("showfmt", tests, NULL, NULL);
}
