// SPDX-License-Identifier: GPL-2.0
/*
 * TFTP requests, option negotiation and the packets ietd builds
 * (usr/tftp_pkt.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "tftp_pkt.h"
#include "util.h"

/* A request from its opcode and its strings, NULs written as '|'. */
static size_t req(char *buf, int op, const char *s)
{
	size_t i, n = strlen(s);

	buf[0] = 0;
	buf[1] = op;
	for (i = 0; i < n; i++)
		buf[2 + i] = s[i] == '|' ? '\0' : s[i];
	return n + 2;
}

static int parse(int op, const char *s, struct tftp_req *r)
{
	/* r->file points into it. */
	static char buf[TFTP_REQ_MAX];
	const char *why;

	return tftp_parse_req(buf, req(buf, op, s), r, &why);
}

static void test_plain(void **state)
{
	struct tftp_req r;

	assert_int_equal(parse(TFTP_RRQ, "undionly.kpxe|octet|", &r), 0);
	assert_int_equal(r.op, TFTP_RRQ);
	assert_string_equal(r.file, "undionly.kpxe");
	assert_int_equal(r.mode, TFTP_OCTET);
	assert_int_equal(r.opts.blksize, 0);
	assert_false(r.opts.tsize);
	assert_int_equal(parse(TFTP_RRQ, "a|NetASCII|", &r), 0);
	assert_int_equal(r.mode, TFTP_NETASCII);
	assert_int_equal(parse(TFTP_WRQ, "a|octet|", &r), 0);
	assert_int_equal(r.op, TFTP_WRQ);
}

static void test_options(void **state)
{
	struct tftp_req r;

	assert_int_equal(parse(TFTP_RRQ,
			       "f|octet|BLKSIZE|1432|tsize|0|timeout|3|windowsize|8|",
			       &r), 0);
	assert_int_equal(r.opts.blksize, 1432);
	assert_true(r.opts.tsize);
	assert_int_equal(r.opts.timeout, 3);
	assert_int_equal(r.opts.window, 8);
	/* Unknown options are left out; iPXE asks for multicast. */
	assert_int_equal(parse(TFTP_RRQ, "f|octet|multicast||blksize|512|",
			       &r), 0);
	assert_int_equal(r.opts.blksize, 512);
}

static void test_ranges(void **state)
{
	struct tftp_req r;

	/* Too big: narrowed. */
	assert_int_equal(parse(TFTP_RRQ, "f|octet|blksize|65465|", &r), 0);
	assert_int_equal(r.opts.blksize, TFTP_BLKSIZE_MAX);
	assert_int_equal(parse(TFTP_RRQ, "f|octet|blksize|99999999999999999999|",
			       &r), 0);
	assert_int_equal(r.opts.blksize, TFTP_BLKSIZE_MAX);
	assert_int_equal(parse(TFTP_RRQ, "f|octet|windowsize|70000|", &r), 0);
	assert_int_equal(r.opts.window, TFTP_WINDOW_MAX);
	/* Too small, out of range or not a number: not answered. */
	assert_int_equal(parse(TFTP_RRQ, "f|octet|blksize|7|", &r), 0);
	assert_int_equal(r.opts.blksize, 0);
	assert_int_equal(parse(TFTP_RRQ, "f|octet|blksize|-512|", &r), 0);
	assert_int_equal(r.opts.blksize, 0);
	assert_int_equal(parse(TFTP_RRQ, "f|octet|blksize| 512|", &r), 0);
	assert_int_equal(r.opts.blksize, 0);
	assert_int_equal(parse(TFTP_RRQ, "f|octet|timeout|0|", &r), 0);
	assert_int_equal(r.opts.timeout, 0);
	assert_int_equal(parse(TFTP_RRQ, "f|octet|timeout|256|", &r), 0);
	assert_int_equal(r.opts.timeout, 0);
	assert_int_equal(parse(TFTP_RRQ, "f|octet|timeout|255|", &r), 0);
	assert_int_equal(r.opts.timeout, 255);
	assert_int_equal(parse(TFTP_RRQ, "f|octet|windowsize|0|", &r), 0);
	assert_int_equal(r.opts.window, 0);
	assert_int_equal(parse(TFTP_RRQ, "f|octet|tsize|x|", &r), 0);
	assert_false(r.opts.tsize);
	assert_int_equal(parse(TFTP_RRQ, "f|octet|blksize||", &r), 0);
	assert_int_equal(r.opts.blksize, 0);
}

static void test_bad(void **state)
{
	static const struct {
		int op;
		const char *s;
		int code;
	} bad[] = {
		{ TFTP_RRQ, "", TFTP_EBADOP },
		{ TFTP_RRQ, "f", TFTP_EBADOP },
		{ TFTP_RRQ, "f|", TFTP_EBADOP },
		{ TFTP_RRQ, "f|octet", TFTP_EBADOP },
		{ TFTP_RRQ, "|octet|", TFTP_EBADOP },
		{ TFTP_RRQ, "f|mail|", TFTP_EBADOP },
		{ TFTP_RRQ, "f||", TFTP_EBADOP },
		{ TFTP_RRQ, "f|octet|blksize|", TFTP_EBADOP },
		{ TFTP_RRQ, "f|octet|blksize|512", TFTP_EBADOP },
		{ TFTP_RRQ, "f|octet|blksize|512|tsize|0|blksize|512|",
		  TFTP_EOPTNEG },
		{ TFTP_RRQ, "f|octet|TSize|0|tsize|0|", TFTP_EOPTNEG },
		{ TFTP_DATA, "f|octet|", TFTP_EBADOP },
		{ TFTP_ACK, "", TFTP_EBADOP },
		{ TFTP_OACK, "blksize|512|", TFTP_EBADOP },
		{ 0, "f|octet|", TFTP_EBADOP },
		{ 7, "f|octet|", TFTP_EBADOP },
	};
	struct tftp_req r;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		if (parse(bad[i].op, bad[i].s, &r) != bad[i].code)
			fail_msg("%d \"%s\" not refused with %d", bad[i].op,
				 bad[i].s, bad[i].code);
	}
}

static void test_short(void **state)
{
	struct tftp_req r;
	const char *why;
	char buf[4] = { 0, 1 };

	assert_int_equal(tftp_parse_req(buf, 0, &r, &why), TFTP_EBADOP);
	assert_int_equal(tftp_parse_req(buf, 1, &r, &why), TFTP_EBADOP);
	assert_int_equal(tftp_parse_req(buf, 2, &r, &why), TFTP_EBADOP);
	/* Unknown options are skipped, but even they need a value. */
	assert_int_equal(parse(TFTP_RRQ, "f|octet|x|", &r), TFTP_EBADOP);
	assert_int_equal(parse(TFTP_RRQ, "f|octet|x|y|x|y|", &r), 0);
}

static void test_reply(void **state)
{
	static const uint8_t ack[] = { 0, 4, 0xff, 0xfe };
	static const uint8_t err[] = { 0, 5, 0, 8, 0 };
	static const uint8_t data[] = { 0, 3, 0, 1 };
	uint16_t b = 0;

	assert_int_equal(tftp_parse_reply(ack, 4, &b), TFTP_ACK);
	assert_int_equal(b, 0xfffe);
	assert_int_equal(tftp_parse_reply(ack, 3, &b), -1);
	assert_int_equal(tftp_parse_reply(err, 5, &b), TFTP_ERROR);
	assert_int_equal(tftp_parse_reply(err, 4, &b), TFTP_ERROR);
	assert_int_equal(tftp_parse_reply(data, 4, &b), -1);
	assert_int_equal(tftp_parse_reply(ack, 0, &b), -1);
}

/* An OACK from its strings, NULs written as '|'. */
static size_t oack(char *buf, const char *s)
{
	return req(buf, TFTP_OACK, s);
}

static void test_oack(void **state)
{
	struct tftp_opts o = {
		.blksize = 1432, .tsize = true, .timeout = 5, .window = 16,
	};
	struct tftp_opts one = { .tsize = true };
	uint8_t buf[TFTP_OACK_MAX];
	char want[TFTP_OACK_MAX];
	size_t n, len;

	len = oack(want, "blksize|1432|tsize|123456789012|timeout|5|windowsize|16|");
	n = tftp_build_oack(buf, sizeof(buf), &o, 123456789012ULL);
	assert_int_equal(n, len);
	assert_memory_equal(buf, want, n);
	/* The biggest OACK fits. */
	o.blksize = TFTP_BLKSIZE_MAX;
	o.timeout = TFTP_TIMEOUT_MAX;
	o.window = TFTP_WINDOW_MAX;
	n = tftp_build_oack(buf, sizeof(buf), &o, ~0ULL);
	assert_int_equal(n, 2 + 8 + 6 + 6 + 21 + 8 + 4 + 11 + 6);
	n = tftp_build_oack(buf, sizeof(buf), &one, 0);
	assert_int_equal(n, oack(want, "tsize|0|"));
	assert_memory_equal(buf, want, n);
}

static void test_error(void **state)
{
	uint8_t buf[16];
	size_t n;

	n = tftp_build_error(buf, sizeof(buf), TFTP_ENOTFOUND, "no");
	assert_int_equal(n, 7);
	assert_memory_equal(buf, "\0\5\0\1no", 7);
	/* A long message is cut, still ended by NUL. */
	n = tftp_build_error(buf, sizeof(buf), TFTP_EACCESS,
			     "a very long message indeed");
	assert_int_equal(n, sizeof(buf));
	assert_int_equal(buf[15], 0);
	tftp_data_header(buf, 0xabcd);
	assert_memory_equal(buf, "\0\3\xab\xcd", 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_short),
		cmocka_unit_test(test_reply),
		cmocka_unit_test(test_oack),
		cmocka_unit_test(test_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
