// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of usr/nego.c: every negotiation rule, proposals, the outcome.
 */
#include <errno.h>

#include "login_test.h"
#include "nego.h"
#include "util.h"

static struct nego n;
static struct text_out out;

static int setup(void **state)
{
	nego_init(&n, NEGO_NORMAL, NULL);
	text_reset(&out);
	return 0;
}

static int teardown(void **state)
{
	text_free(&out);
	return 0;
}

/* Offer @key=@val alone and return the answer's value ("" if none). */
static const char *answer(const char *key, const char *val)
{
	static char buf[300];
	const char *eq;

	text_reset(&out);
	assert_int_equal(nego_offer(&n, nego_key(key), val), 0);
	assert_int_equal(nego_answer(&n, &out), 0);
	if (!out.len)
		return "";
	eq = strchr(out.buf, '=');
	assert_non_null(eq);
	assert_int_equal(strncmp(out.buf, key, eq - out.buf), 0);
	snprintf(buf, sizeof(buf), "%s", eq + 1);
	return buf;
}

static void test_keys(void **state)
{
	assert_int_equal(nego_key("MaxBurstLength"), SESS_MAX_BURST);
	assert_int_equal(nego_key("TaskReporting"), NEGO_TASK_REPORTING);
	assert_int_equal(nego_key("iSCSIProtocolLevel"), NEGO_PROTOCOL_LEVEL);
	/* Names are case-sensitive on the wire; IET's own key is not one. */
	assert_int_equal(nego_key("maxburstlength"), -1);
	assert_int_equal(nego_key("MaxXmitDataSegmentLength"), -1);
	assert_int_equal(nego_key("AuthMethod"), -1);
}

static void test_or(void **state)
{
	assert_string_equal(answer("InitialR2T", "No"), "Yes");
	assert_string_equal(answer("DataPDUInOrder", "No"), "Yes");
	assert_string_equal(answer("DataSequenceInOrder", "Yes"), "Yes");
	n.ours[SESS_INITIAL_R2T] = 0;
	n.state[SESS_INITIAL_R2T] = 0;
	assert_string_equal(answer("InitialR2T", "No"), "No");
	assert_int_equal(n.vals[SESS_INITIAL_R2T], 0);
}

static void test_and(void **state)
{
	assert_string_equal(answer("ImmediateData", "Yes"), "Yes");
	nego_init(&n, NEGO_NORMAL, NULL);
	n.ours[SESS_IMMEDIATE_DATA] = 0;
	assert_string_equal(answer("ImmediateData", "Yes"), "No");
	assert_int_equal(n.vals[SESS_IMMEDIATE_DATA], 0);
}

static void test_min_max(void **state)
{
	assert_string_equal(answer("MaxBurstLength", "1048576"), "262144");
	assert_string_equal(answer("FirstBurstLength", "4096"), "4096");
	assert_string_equal(answer("MaxOutstandingR2T", "8"), "1");
	assert_string_equal(answer("DefaultTime2Wait", "0"), "2");
	assert_string_equal(answer("ErrorRecoveryLevel", "2"), "0");
	assert_string_equal(answer("MaxConnections", "4"), "1");
	assert_string_equal(answer("DefaultTime2Retain", "20"), "0");
	nego_init(&n, NEGO_NORMAL, NULL);
	assert_string_equal(answer("DefaultTime2Wait", "10"), "10");
	assert_string_equal(answer("MaxBurstLength", "0x1000"), "4096");
}

static void test_reject(void **state)
{
	/* Out of RFC range, not a number, not Yes or No, too long. */
	assert_string_equal(answer("MaxBurstLength", "100"), "Reject");
	assert_string_equal(answer("ErrorRecoveryLevel", "3"), "Reject");
	assert_string_equal(answer("DefaultTime2Wait", "soon"), "Reject");
	assert_string_equal(answer("InitialR2T", "Maybe"), "Reject");
	/* A rejected key keeps its default. */
	assert_int_equal(n.vals[SESS_MAX_BURST], 262144);
}

/*
 * A bad declaration fails the login: answered Reject, it put the key twice
 * in one text, beside the target's own declaration (found by fuzz_nego).
 */
static void test_bad_declaration(void **state)
{
	static const char *const bad[] = {
		"511", "16777216", "2.2144", "", "0x", "Irrelevant",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		nego_init(&n, NEGO_NORMAL, NULL);
		text_reset(&out);
		assert_int_equal(nego_offer(&n, SESS_MAX_RECV_DSL, bad[i]),
				 -EPROTO);
		assert_int_equal(nego_answer(&n, &out), 0);
		assert_int_equal(nego_declare(&n, &out), 0);
		assert_int_equal(nr_pairs(out.buf, out.len), 1);
		assert_int_equal(n.vals[SESS_MAX_RECV_DSL], 8192);
	}
}

static void test_list(void **state)
{
	assert_string_equal(answer("HeaderDigest", "CRC32C,None"), "None");
	nego_init(&n, NEGO_NORMAL, NULL);
	n.ours[SESS_HEADER_DIGEST] = PARAM_DIGEST_ALL;
	assert_string_equal(answer("HeaderDigest", "CRC32C,None"), "CRC32C");
	assert_string_equal(answer("DataDigest", "Foo,None"), "None");
	nego_init(&n, NEGO_NORMAL, NULL);
	n.ours[SESS_DATA_DIGEST] = PARAM_DIGEST_CRC32C;
	assert_string_equal(answer("DataDigest", "None"), "Reject");
	assert_string_equal(answer("TaskReporting", "ResponseFence,RFC3720"),
			    "RFC3720");
	nego_init(&n, NEGO_NORMAL, NULL);
	assert_string_equal(answer("TaskReporting", "FastAbort"), "Reject");
	assert_string_equal(answer("iSCSIProtocolLevel", "2"), "1");
}

static void test_declarative(void **state)
{
	assert_string_equal(answer("MaxRecvDataSegmentLength", "262144"), "");
	assert_int_equal(n.vals[SESS_MAX_RECV_DSL], 262144);
	text_reset(&out);
	assert_int_equal(nego_declare(&n, &out), 0);
	assert_memory_equal(out.buf, "MaxRecvDataSegmentLength=262144", 32);
	/* Once per login. */
	text_reset(&out);
	assert_int_equal(nego_declare(&n, &out), 0);
	assert_int_equal(out.len, 0);
}

static void test_markers(void **state)
{
	assert_string_equal(answer("OFMarker", "Yes"), "No");
	assert_string_equal(answer("IFMarker", "No"), "No");
	assert_string_equal(answer("OFMarkInt", "2048"), "Reject");
	assert_string_equal(answer("IFMarkInt", "1~65535"), "Reject");
}

static void test_discovery(void **state)
{
	nego_init(&n, NEGO_DISCOVERY, NULL);
	assert_string_equal(answer("MaxBurstLength", "4096"), "Irrelevant");
	assert_string_equal(answer("InitialR2T", "No"), "Irrelevant");
	assert_string_equal(answer("MaxConnections", "1"), "Irrelevant");
	assert_string_equal(answer("HeaderDigest", "CRC32C"), "Reject");
	assert_string_equal(answer("DataDigest", "CRC32C,None"), "None");
	assert_string_equal(answer("ErrorRecoveryLevel", "1"), "0");
	/* Digests are off in discovery whatever a target's keys say. */
	nego_init(&n, NEGO_DISCOVERY, NULL);
	assert_int_equal(n.ours[SESS_HEADER_DIGEST], PARAM_DIGEST_NONE);
}

static void test_twice(void **state)
{
	int k = nego_key("MaxBurstLength");

	assert_int_equal(nego_offer(&n, k, "4096"), 0);
	assert_int_equal(nego_offer(&n, k, "4096"), -EEXIST);
	assert_int_equal(nego_answer(&n, &out), 0);
	assert_int_equal(nego_offer(&n, k, "8192"), -EEXIST);
	/* The reserved constants are answers, never offers. */
	assert_int_equal(nego_offer(&n, nego_key("InitialR2T"), "Reject"),
			 -EPROTO);
	assert_int_equal(nego_offer(&n, nego_key("InitialR2T"), "Irrelevant"),
			 -EPROTO);
}

static void test_first_burst(void **state)
{
	/* FirstBurstLength comes first, yet never exceeds MaxBurstLength. */
	assert_int_equal(nego_offer(&n, SESS_FIRST_BURST, "65536"), 0);
	assert_int_equal(nego_offer(&n, SESS_MAX_BURST, "16384"), 0);
	assert_int_equal(nego_answer(&n, &out), 0);
	assert_true(has_pair(out.buf, out.len, "FirstBurstLength=16384"));
	assert_true(has_pair(out.buf, out.len, "MaxBurstLength=16384"));
	/* Answers come in the order of the offers. */
	assert_memory_equal(out.buf, "FirstBurstLength", 16);
}

static void test_proposals(void **state)
{
	unsigned int config[SESS_NR];
	char why[128];

	param_defaults(&session_params, config);
	config[SESS_HEADER_DIGEST] = PARAM_DIGEST_CRC32C;
	config[SESS_MAX_BURST] = 65536;
	config[SESS_TIME2RETAIN] = 20;	/* narrowed to 0, yet never proposed */
	nego_init(&n, NEGO_NORMAL, config);
	assert_int_equal(n.ours[SESS_TIME2RETAIN], 0);
	assert_int_equal(nego_check(&n, why, sizeof(why)), -EINVAL);
	assert_string_equal(why, "MaxBurstLength=262144 is not allowed by the target");
	/* Count only, then propose. */
	assert_int_equal(nego_propose(&n, NULL), 2);
	assert_false(nego_waiting(&n));
	assert_int_equal(nego_propose(&n, &out), 2);
	assert_true(nego_waiting(&n));
	assert_true(has_pair(out.buf, out.len, "HeaderDigest=CRC32C"));
	assert_true(has_pair(out.buf, out.len, "MaxBurstLength=65536"));
	/* The answers: any value the function allows. */
	assert_int_equal(nego_offer(&n, SESS_HEADER_DIGEST, "CRC32C"), 0);
	assert_int_equal(nego_offer(&n, SESS_MAX_BURST, "32768"), 0);
	assert_false(nego_waiting(&n));
	assert_int_equal(nego_check(&n, why, sizeof(why)), 0);
	assert_int_equal(n.vals[SESS_MAX_BURST], 32768);
}

static void test_proposal_refused(void **state)
{
	unsigned int config[SESS_NR];
	char why[128];

	param_defaults(&session_params, config);
	config[SESS_HEADER_DIGEST] = PARAM_DIGEST_CRC32C;
	config[SESS_IMMEDIATE_DATA] = 0;
	nego_init(&n, NEGO_NORMAL, config);
	assert_int_equal(nego_propose(&n, &out), 2);
	assert_true(has_pair(out.buf, out.len, "ImmediateData=No"));
	/* Outside what was proposed: a protocol error. */
	assert_int_equal(nego_offer(&n, SESS_IMMEDIATE_DATA, "Yes"), -EPROTO);
	assert_int_equal(nego_offer(&n, SESS_HEADER_DIGEST, "Reject"), 0);
	assert_int_equal(nego_check(&n, why, sizeof(why)), -EINVAL);
	nego_init(&n, NEGO_NORMAL, config);
	nego_propose(&n, &out);
	assert_int_equal(nego_offer(&n, SESS_HEADER_DIGEST, "None"), -EPROTO);
}

static void test_kernel_params(void **state)
{
	uint32_t p[IET_P_MAX + 1];
	unsigned int config[SESS_NR];

	param_defaults(&session_params, config);
	config[SESS_MAX_RECV_DSL] = 65536;
	config[SESS_MAX_XMIT_DSL] = 16384;
	config[SESS_DATA_DIGEST] = PARAM_DIGEST_ALL;
	nego_init(&n, NEGO_NORMAL, config);
	answer("MaxRecvDataSegmentLength", "262144");
	answer("DataDigest", "CRC32C,None");
	answer("ImmediateData", "No");
	answer("MaxBurstLength", "131072");
	nego_kernel_params(&n, p);
	assert_int_equal(p[IET_P_MAX_RECV_DSL], 65536);
	assert_int_equal(p[IET_P_MAX_XMIT_DSL], 16384);
	assert_int_equal(p[IET_P_DATA_DIGEST], IET_DIGEST_CRC32C);
	assert_int_equal(p[IET_P_HEADER_DIGEST], IET_DIGEST_NONE);
	assert_int_equal(p[IET_P_IMMEDIATE_DATA], 0);
	assert_int_equal(p[IET_P_INITIAL_R2T], 1);
	assert_int_equal(p[IET_P_MAX_BURST], 131072);
	assert_int_equal(p[IET_P_FIRST_BURST], 65536);
	assert_int_equal(p[IET_P_MAX_CONNECTIONS], 1);
	assert_int_equal(p[IET_P_ERL], 0);
	assert_int_equal(p[IET_P_TIME2WAIT], 2);
	assert_int_equal(p[IET_P_TIME2RETAIN], 20);
	assert_int_equal(p[IET_P_MAX_R2T], 1);
	assert_int_equal(p[IET_P_DATA_PDU_IN_ORDER], 1);
	assert_int_equal(p[IET_P_DATA_SEQ_IN_ORDER], 1);
	/* The initiator's receive size below our cap. */
	nego_init(&n, NEGO_NORMAL, config);
	answer("MaxRecvDataSegmentLength", "4096");
	nego_kernel_params(&n, p);
	assert_int_equal(p[IET_P_MAX_XMIT_DSL], 4096);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_keys), T(test_or), T(test_and), T(test_min_max),
		T(test_reject), T(test_bad_declaration), T(test_list),
		T(test_declarative),
		T(test_markers), T(test_discovery), T(test_twice),
		T(test_first_burst), T(test_proposals),
		T(test_proposal_refused), T(test_kernel_params),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
