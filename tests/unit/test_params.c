// SPDX-License-Identifier: GPL-2.0
/*
 * The key tables and value parsing of usr/params.c.
 */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "iet_genl.h"
#include "params.h"
#include "util.h"

static char msg[256];

static const struct param_key *skey(const char *name)
{
	int i = param_find(&session_params, name);

	assert_true(i >= 0);
	return &session_params.keys[i];
}

static const struct param_key *tkey(const char *name)
{
	int i = param_find(&target_params, name);

	assert_true(i >= 0);
	return &target_params.keys[i];
}

static void parse_ok(const struct param_key *k, const char *s, unsigned int v)
{
	unsigned int got = 0xdeadbeef;

	msg[0] = '\0';
	assert_int_equal(param_parse(k, s, &got, msg, sizeof(msg)), 0);
	assert_int_equal(got, v);
	assert_string_equal(msg, "");
}

static void parse_bad(const struct param_key *k, const char *s,
		      const char *want)
{
	unsigned int got = 12345;

	assert_int_equal(param_parse(k, s, &got, msg, sizeof(msg)), -EINVAL);
	assert_string_equal(msg, want);
	assert_int_equal(got, 12345);
}

static void test_find_ignores_case(void **state)
{
	assert_int_equal(param_find(&target_params, "wthreads"), TGT_WTHREADS);
	assert_int_equal(param_find(&target_params, "QUEUEDCOMMANDS"),
			 TGT_QUEUED_CMDS);
	assert_int_equal(param_find(&target_params, "NopTimeout"),
			 TGT_NOP_TIMEOUT);
	assert_int_equal(param_find(&session_params, "maxburstlength"),
			 SESS_MAX_BURST);
	assert_int_equal(param_find(&session_params, "HEADERDIGEST"),
			 SESS_HEADER_DIGEST);
	assert_int_equal(param_find(&session_params, "IFMarkInt"),
			 SESS_IF_MARK_INT);
	assert_int_equal(param_find(&session_params, "Wthreads"), -1);
	assert_int_equal(param_find(&target_params, "MaxBurstLength"), -1);
	assert_int_equal(param_find(&target_params, "Wthread"), -1);
	assert_int_equal(param_find(&target_params, ""), -1);
}

/* ietadm --op show prints the keys in table order: IET's order. */
static void test_table_order(void **state)
{
	static const char * const tnames[] = {
		"Wthreads", "Type", "QueuedCommands", "NOPInterval",
		"NOPTimeout",
	};
	static const char * const snames[] = {
		"InitialR2T", "ImmediateData", "MaxConnections",
		"MaxRecvDataSegmentLength", "MaxXmitDataSegmentLength",
		"MaxBurstLength", "FirstBurstLength", "DefaultTime2Wait",
		"DefaultTime2Retain", "MaxOutstandingR2T", "DataPDUInOrder",
		"DataSequenceInOrder", "ErrorRecoveryLevel", "HeaderDigest",
		"DataDigest", "OFMarker", "IFMarker", "OFMarkInt", "IFMarkInt",
	};
	unsigned int i;

	assert_int_equal(target_params.nr, 5);
	assert_int_equal(session_params.nr, 19);
	for (i = 0; i < target_params.nr; i++)
		assert_string_equal(target_params.keys[i].name, tnames[i]);
	for (i = 0; i < session_params.nr; i++)
		assert_string_equal(session_params.keys[i].name, snames[i]);
}

static void test_defaults(void **state)
{
	unsigned int t[TGT_NR], s[SESS_NR];

	param_defaults(&target_params, t);
	assert_int_equal(t[TGT_WTHREADS], 8);
	assert_int_equal(t[TGT_TYPE], 0);
	assert_int_equal(t[TGT_QUEUED_CMDS], 32);
	assert_int_equal(t[TGT_NOP_INTERVAL], 0);
	assert_int_equal(t[TGT_NOP_TIMEOUT], 0);

	param_defaults(&session_params, s);
	assert_int_equal(s[SESS_INITIAL_R2T], 1);
	assert_int_equal(s[SESS_IMMEDIATE_DATA], 1);
	assert_int_equal(s[SESS_MAX_CONNECTIONS], 1);
	assert_int_equal(s[SESS_MAX_RECV_DSL], 262144);
	assert_int_equal(s[SESS_MAX_XMIT_DSL], 262144);
	assert_int_equal(s[SESS_MAX_BURST], 262144);
	assert_int_equal(s[SESS_FIRST_BURST], 65536);
	assert_int_equal(s[SESS_TIME2WAIT], 2);
	assert_int_equal(s[SESS_TIME2RETAIN], 20);
	assert_int_equal(s[SESS_MAX_R2T], 1);
	assert_int_equal(s[SESS_DATA_PDU_IN_ORDER], 1);
	assert_int_equal(s[SESS_DATA_SEQ_IN_ORDER], 1);
	assert_int_equal(s[SESS_ERL], 0);
	assert_int_equal(s[SESS_HEADER_DIGEST], PARAM_DIGEST_NONE);
	assert_int_equal(s[SESS_DATA_DIGEST], PARAM_DIGEST_NONE);
	assert_int_equal(s[SESS_OF_MARKER], 0);
	assert_int_equal(s[SESS_IF_MARKER], 0);
	assert_int_equal(s[SESS_OF_MARK_INT], 2048);
	assert_int_equal(s[SESS_IF_MARK_INT], 2048);
}

static void test_ops(void **state)
{
	assert_int_equal(skey("InitialR2T")->op, PARAM_OP_OR);
	assert_int_equal(skey("ImmediateData")->op, PARAM_OP_AND);
	assert_int_equal(skey("MaxConnections")->op, PARAM_OP_MIN);
	assert_int_equal(skey("MaxBurstLength")->op, PARAM_OP_MIN);
	assert_int_equal(skey("FirstBurstLength")->op, PARAM_OP_MIN);
	assert_int_equal(skey("DefaultTime2Wait")->op, PARAM_OP_MAX);
	assert_int_equal(skey("DefaultTime2Retain")->op, PARAM_OP_MIN);
	assert_int_equal(skey("DataPDUInOrder")->op, PARAM_OP_OR);
	assert_int_equal(skey("DataSequenceInOrder")->op, PARAM_OP_OR);
	assert_int_equal(skey("ErrorRecoveryLevel")->op, PARAM_OP_MIN);
	assert_int_equal(skey("HeaderDigest")->op, PARAM_OP_LIST);
	assert_int_equal(skey("DataDigest")->op, PARAM_OP_LIST);
	assert_int_equal(skey("OFMarker")->op, PARAM_OP_AND);
	assert_int_equal(skey("OFMarkInt")->op, PARAM_OP_REJECT);
	assert_int_equal(skey("MaxXmitDataSegmentLength")->op, PARAM_OP_NONE);
	assert_int_equal(tkey("Wthreads")->op, PARAM_OP_NONE);
}

/* Every numeric key, at and just past both ends of its range. */
static void test_ranges(void **state)
{
	static const struct {
		const char *name;
		unsigned int min, max;
	} r[] = {
		{ "Wthreads", 1, 128 },
		{ "QueuedCommands", 1, 256 },
		{ "NOPInterval", 0, 90 },
		{ "NOPTimeout", 0, 90 },
		{ "MaxConnections", 1, 65535 },
		{ "MaxRecvDataSegmentLength", 512, 16777215 },
		{ "MaxXmitDataSegmentLength", 512, 16777215 },
		{ "MaxBurstLength", 512, 16777215 },
		{ "FirstBurstLength", 512, 16777215 },
		{ "DefaultTime2Wait", 0, 3600 },
		{ "DefaultTime2Retain", 0, 3600 },
		{ "MaxOutstandingR2T", 1, 65535 },
		{ "ErrorRecoveryLevel", 0, 2 },
		{ "OFMarkInt", 1, 65535 },
		{ "IFMarkInt", 1, 65535 },
	};
	char s[32], want[128];
	const struct param_key *k;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(r); i++) {
		k = param_find(&target_params, r[i].name) >= 0 ?
			tkey(r[i].name) : skey(r[i].name);
		snprintf(s, sizeof(s), "%u", r[i].min);
		parse_ok(k, s, r[i].min);
		snprintf(s, sizeof(s), "%u", r[i].max);
		parse_ok(k, s, r[i].max);
		snprintf(s, sizeof(s), "%u", r[i].max + 1);
		snprintf(want, sizeof(want), "%s: %s is above the maximum %u",
			 r[i].name, s, r[i].max);
		parse_bad(k, s, want);
		if (!r[i].min)
			continue;
		snprintf(s, sizeof(s), "%u", r[i].min - 1);
		snprintf(want, sizeof(want), "%s: %s is below the minimum %u",
			 r[i].name, s, r[i].min);
		parse_bad(k, s, want);
	}
}

static void test_numbers(void **state)
{
	const struct param_key *k = skey("MaxBurstLength");

	parse_bad(k, "1", "MaxBurstLength: 1 is below the minimum 512");
	parse_ok(k, "0x200", 512);
	parse_ok(k, "0X10000", 65536);
	parse_ok(k, "0000512", 512);
	parse_bad(k, "", "MaxBurstLength: missing value");
	parse_bad(k, "abc", "MaxBurstLength: 'abc' is not a number");
	parse_bad(k, "-1", "MaxBurstLength: '-1' is not a number");
	parse_bad(k, "+600", "MaxBurstLength: '+600' is not a number");
	parse_bad(k, " 600", "MaxBurstLength: ' 600' is not a number");
	parse_bad(k, "600k", "MaxBurstLength: '600k' is not a number");
	parse_bad(k, "0x", "MaxBurstLength: '0x' is not a number");
	parse_bad(k, "4294967808",
		  "MaxBurstLength: 4294967808 is above the maximum 16777215");
	parse_bad(k, "99999999999999999999999",
		  "MaxBurstLength: 99999999999999999999999 is above the maximum 16777215");
	parse_bad(tkey("Type"), "1", "Type: 1 is above the maximum 0");
	parse_ok(tkey("Type"), "0", 0);
}

static void test_u64(void **state)
{
	unsigned long long v;

	assert_int_equal(param_parse_u64("18446744073709551615", &v), 0);
	assert_true(v == 18446744073709551615ULL);
	assert_int_equal(param_parse_u64("18446744073709551616", &v), -ERANGE);
	assert_int_equal(param_parse_u64("0xffffffffffffffff", &v), 0);
	assert_true(v == 18446744073709551615ULL);
	assert_int_equal(param_parse_u64("0", &v), 0);
	assert_true(v == 0);
	assert_int_equal(param_parse_u64("", &v), -EINVAL);
	assert_int_equal(param_parse_u64("0x-1", &v), -EINVAL);
	assert_int_equal(param_parse_u64("12 ", &v), -EINVAL);
}

static void test_bool(void **state)
{
	const struct param_key *k = skey("InitialR2T");

	parse_ok(k, "Yes", 1);
	parse_ok(k, "No", 0);
	parse_ok(k, "yes", 1);
	parse_ok(k, "NO", 0);
	parse_bad(k, "1", "InitialR2T: '1' is not Yes or No");
	parse_bad(k, "maybe", "InitialR2T: 'maybe' is not Yes or No");
	parse_bad(k, "", "InitialR2T: missing value");
	parse_ok(skey("OFMarker"), "No", 0);
	parse_bad(skey("OFMarker"), "Yes", "OFMarker: Yes is not supported");
	parse_bad(skey("IFMarker"), "yes", "IFMarker: yes is not supported");
}

static void test_digest(void **state)
{
	const struct param_key *k = skey("HeaderDigest");

	parse_ok(k, "None", PARAM_DIGEST_NONE);
	parse_ok(k, "crc32c", PARAM_DIGEST_CRC32C);
	parse_ok(k, "None,CRC32C", PARAM_DIGEST_ALL);
	parse_ok(k, "CRC32C,None", PARAM_DIGEST_ALL);
	parse_ok(skey("DataDigest"), "CRC32C,CRC32C", PARAM_DIGEST_CRC32C);
	parse_bad(k, "MD5",
		  "HeaderDigest: 'MD5' is not None, CRC32C or a list of them");
	parse_bad(k, "None,",
		  "HeaderDigest: 'None,' is not None, CRC32C or a list of them");
	parse_bad(k, "NoneX",
		  "HeaderDigest: 'NoneX' is not None, CRC32C or a list of them");
	parse_bad(k, "None, CRC32C",
		  "HeaderDigest: 'None, CRC32C' is not None, CRC32C or a list of them");
}

static const char *fmt(const struct param_key *k, unsigned int v)
{
	static char buf[64];
	int n = param_format(k, v, buf, sizeof(buf));

	assert_int_equal(n, strlen(buf));
	return buf;
}

static void test_format(void **state)
{
	assert_string_equal(fmt(tkey("Wthreads"), 8), "8");
	assert_string_equal(fmt(skey("MaxBurstLength"), 16777215), "16777215");
	assert_string_equal(fmt(skey("InitialR2T"), 1), "Yes");
	assert_string_equal(fmt(skey("ImmediateData"), 0), "No");
	assert_string_equal(fmt(skey("HeaderDigest"), PARAM_DIGEST_NONE),
			    "None");
	assert_string_equal(fmt(skey("DataDigest"), PARAM_DIGEST_CRC32C),
			    "CRC32C");
	assert_string_equal(fmt(skey("DataDigest"), PARAM_DIGEST_ALL),
			    "None,CRC32C");
	assert_string_equal(fmt(skey("OFMarkInt"), 2048), "Reject");
	assert_string_equal(fmt(skey("IFMarkInt"), 0), "Irrelevant");
}

/* Formatting and parsing again gives the value back. */
static void test_round_trip(void **state)
{
	unsigned int vals[SESS_NR], i, got;
	const struct param_key *k;
	char buf[64];

	param_defaults(&session_params, vals);
	for (i = 0; i < session_params.nr; i++) {
		k = &session_params.keys[i];
		if (k->fmt == PARAM_FMT_MARKER)
			continue;
		param_format(k, vals[i], buf, sizeof(buf));
		assert_int_equal(param_parse(k, buf, &got, msg, sizeof(msg)), 0);
		assert_int_equal(got, vals[i]);
	}
}

static void test_name_check(void **state)
{
	char name[IET_NAME_MAX + 2];

	assert_int_equal(iscsi_name_check("iqn.2026-11.org.example:desk01",
					  msg, sizeof(msg)), 0);
	memset(name, 'a', IET_NAME_MAX);
	name[IET_NAME_MAX] = '\0';
	assert_int_equal(iscsi_name_check(name, msg, sizeof(msg)), 0);
	name[IET_NAME_MAX] = 'a';
	name[IET_NAME_MAX + 1] = '\0';
	assert_int_equal(iscsi_name_check(name, msg, sizeof(msg)), -EINVAL);
	assert_string_equal(msg,
			    "the target name is 224 bytes long, more than 223");
	assert_int_equal(iscsi_name_check("", msg, sizeof(msg)), -EINVAL);
	assert_string_equal(msg, "the target name is empty");
	assert_int_equal(iscsi_name_check("iqn.a b", msg, sizeof(msg)),
			 -EINVAL);
	assert_string_equal(msg,
			    "the target name 'iqn.a b' has a blank or a control character");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find_ignores_case),
		cmocka_unit_test(test_table_order),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_ops),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_u64),
		cmocka_unit_test(test_bool),
		cmocka_unit_test(test_digest),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_name_check),
	};

	return cmocka_run_group_tests_name("params", tests, NULL, NULL);
}
