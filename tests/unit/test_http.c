// SPDX-License-Identifier: GPL-2.0
/*
 * The HTTP request head parser, Range and query decoding of usr/.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "httpquery.h"
#include "httprange.h"
#include "httpreq.h"
#include "util.h"

static int parse(const char *head, struct http_req *req)
{
	return http_req_parse(head, strlen(head), req);
}

static void test_get(void **state)
{
	const char *h = "GET /boot.ipxe?mac=52:54:00:00:00:01 HTTP/1.1\r\n"
			"Host: 10.0.0.1\r\nUser-Agent: iPXE/1.21\r\n\r\nGET";
	struct http_req req;

	assert_int_equal(parse(h, &req), 0);
	assert_int_equal(req.method, HTTP_GET);
	assert_int_equal(req.minor, 1);
	assert_true(req.keep_alive);
	assert_string_equal(req.target, "/boot.ipxe?mac=52:54:00:00:00:01");
	assert_int_equal(req.head_len, strlen(h) - 3);
}

static void test_head_and_versions(void **state)
{
	struct http_req req;

	assert_int_equal(parse("HEAD / HTTP/1.0\r\n\r\n", &req), 0);
	assert_int_equal(req.method, HTTP_HEAD);
	assert_false(req.keep_alive);
	assert_int_equal(parse("HEAD / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n",
			       &req), 0);
	assert_true(req.keep_alive);
	assert_int_equal(parse("GET / HTTP/1.1\r\nHost: a\r\nConnection: foo, close\r\n\r\n",
			       &req), 0);
	assert_false(req.keep_alive);
	/* Bare LF line ends, and an empty line before the request. */
	assert_int_equal(parse("\r\nGET /x HTTP/1.1\nHost: a\n\n", &req), 0);
	assert_string_equal(req.target, "/x");
	assert_int_equal(parse("POST / HTTP/1.1\r\nHost: a\r\n\r\n", &req), 0);
	assert_int_equal(req.method, HTTP_OTHER);
	assert_int_equal(parse("GET / HTTP/2.0\r\n\r\n", &req), 505);
	assert_int_equal(parse("GET http://h:8080/boot.ipxe?x HTTP/1.1\r\nHost: h\r\n\r\n",
			       &req), 0);
	assert_string_equal(req.target, "/boot.ipxe?x");
	assert_int_equal(parse("GET http://h HTTP/1.1\r\nHost: h\r\n\r\n",
			       &req), 0);
	assert_string_equal(req.target, "/");
}

static void test_incomplete(void **state)
{
	struct http_req req;

	assert_int_equal(parse("", &req), 1);
	assert_int_equal(parse("GET / HTTP/1.1\r\n", &req), 1);
	assert_int_equal(parse("GET / HTTP/1.1\r\nHost: a\r\n", &req), 1);
	assert_int_equal(parse("GET / HTTP/1.1\r\nHost: a\r\n\r", &req), 1);
	/* A bad request line is refused before the head is complete. */
	assert_int_equal(parse("GET  / HTTP/1.1\r\n", &req), 400);
}

static void test_malformed(void **state)
{
	static const char *const bad[] = {
		"GET\r\n\r\n",
		"GET /\r\n\r\n",
		"GET / HTTP/1.1 x\r\nHost: a\r\n\r\n",
		" GET / HTTP/1.1\r\nHost: a\r\n\r\n",
		"G(T / HTTP/1.1\r\nHost: a\r\n\r\n",
		"GET x HTTP/1.1\r\nHost: a\r\n\r\n",
		"GET /\x01 HTTP/1.1\r\nHost: a\r\n\r\n",
		"GET /\xff HTTP/1.1\r\nHost: a\r\n\r\n",
		"GET / HTTP/1.x\r\nHost: a\r\n\r\n",
		"GET / http/1.1\r\nHost: a\r\n\r\n",
		"GET / HTTP/1.1\r\n\r\n",			/* no Host */
		"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
		"GET / HTTP/1.1\r\nHost : a\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: a\r\n: empty\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: a\rX: y\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: a\r\nX: \x7f\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1x\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n"
		"Content-Length: 0\r\n\r\n",
	};
	struct http_req req;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		if (parse(bad[i], &req) != 400)
			fail_msg("case %u: %d", i, parse(bad[i], &req));
	}
	assert_int_equal(parse("GET / HTTP/1.1\r\nHost: a\r\n"
			       "Transfer-Encoding: chunked\r\n\r\n", &req), 501);
}

static void test_body_closes(void **state)
{
	struct http_req req;

	assert_int_equal(parse("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n",
			       &req), 0);
	assert_true(req.keep_alive);
	assert_int_equal(parse("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n",
			       &req), 0);
	assert_false(req.keep_alive);
}

static void test_bounds(void **state)
{
	char *buf = malloc(HTTP_HEAD_MAX * 2);
	struct http_req req;
	size_t n;
	int i;

	/* A long target: 414, complete or not. */
	n = sprintf(buf, "GET /");
	memset(buf + n, 'a', HTTP_TARGET_MAX + 100);
	n += HTTP_TARGET_MAX + 100;
	assert_int_equal(http_req_parse(buf, n, &req), 414);
	n += sprintf(buf + n, " HTTP/1.1\r\nHost: a\r\n\r\n");
	assert_int_equal(http_req_parse(buf, n, &req), 414);
	/* Endless fields: 431 before the head is complete. */
	n = sprintf(buf, "GET / HTTP/1.1\r\nHost: a\r\n");
	for (i = 0; i < HTTP_FIELDS_MAX + 2; i++)
		n += sprintf(buf + n, "X-%d: y\r\n", i);
	assert_int_equal(http_req_parse(buf, n, &req), 431);
	n += sprintf(buf + n, "\r\n");
	assert_int_equal(http_req_parse(buf, n, &req), 431);
	/* One endless field. */
	n = sprintf(buf, "GET / HTTP/1.1\r\nHost: a\r\nX: ");
	memset(buf + n, 'v', HTTP_HEAD_MAX);
	n += HTTP_HEAD_MAX;
	assert_int_equal(http_req_parse(buf, n, &req), 431);
	/* Exactly HTTP_FIELDS_MAX is fine. */
	n = sprintf(buf, "GET / HTTP/1.1\r\nHost: a\r\n");
	for (i = 0; i < HTTP_FIELDS_MAX - 1; i++)
		n += sprintf(buf + n, "X-%d: y\r\n", i);
	n += sprintf(buf + n, "\r\n");
	assert_int_equal(http_req_parse(buf, n, &req), 0);
	free(buf);
}

static void test_range_field(void **state)
{
	struct http_req req;

	assert_int_equal(parse("GET /f HTTP/1.1\r\nHost: a\r\nRange:  bytes=1-2 \r\n\r\n",
			       &req), 0);
	assert_string_equal(req.range, "bytes=1-2");
	assert_int_equal(parse("GET /f HTTP/1.1\r\nHost: a\r\nRange: bytes=1-2\r\n"
			       "Range: bytes=3-4\r\n\r\n", &req), 0);
	assert_string_equal(req.range, "");
}

static void range(const char *f, uint64_t size, enum http_range want,
		  uint64_t a, uint64_t b)
{
	uint64_t first = 99, last = 99;

	assert_int_equal(http_range_parse(f, size, &first, &last), want);
	if (want == RANGE_PART) {
		assert_int_equal(first, a);
		assert_int_equal(last, b);
	}
}

static void test_range(void **state)
{
	range("", 100, RANGE_NONE, 0, 0);
	range("bytes=0-0", 100, RANGE_PART, 0, 0);
	range("bytes=10-19", 100, RANGE_PART, 10, 19);
	range("bytes=90-200", 100, RANGE_PART, 90, 99);
	range("bytes=90-", 100, RANGE_PART, 90, 99);
	range("bytes=-10", 100, RANGE_PART, 90, 99);
	range("bytes=-1000", 100, RANGE_PART, 0, 99);
	range("BYTES=1-1", 100, RANGE_PART, 1, 1);
	range("bytes=100-", 100, RANGE_UNSATISFIABLE, 0, 0);
	range("bytes=100-200", 100, RANGE_UNSATISFIABLE, 0, 0);
	range("bytes=-0", 100, RANGE_UNSATISFIABLE, 0, 0);
	range("bytes=0-", 0, RANGE_UNSATISFIABLE, 0, 0);
	/* Ignored: the whole file. */
	range("bytes=5-1", 100, RANGE_NONE, 0, 0);
	range("bytes=0-1,5-6", 100, RANGE_NONE, 0, 0);
	range("items=0-1", 100, RANGE_NONE, 0, 0);
	range("bytes=-", 100, RANGE_NONE, 0, 0);
	range("bytes=a-1", 100, RANGE_NONE, 0, 0);
	range("bytes=99999999999999999999-", 100, RANGE_NONE, 0, 0);
}

static void test_path(void **state)
{
	char p[32];

	assert_int_equal(http_path_decode("/a%20b?x=%41", p, sizeof(p)), 0);
	assert_string_equal(p, "/a b");
	assert_int_equal(http_path_decode("/%2e%2E/etc", p, sizeof(p)), 0);
	assert_string_equal(p, "/../etc");
	assert_int_equal(http_path_decode("/a+b", p, sizeof(p)), 0);
	assert_string_equal(p, "/a+b");
	assert_int_equal(http_path_decode("/a%00", p, sizeof(p)), -EINVAL);
	assert_int_equal(http_path_decode("/a%4", p, sizeof(p)), -EINVAL);
	assert_int_equal(http_path_decode("/a%zz", p, sizeof(p)), -EINVAL);
	assert_int_equal(http_path_decode("/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
					  p, sizeof(p)), -ENAMETOOLONG);
}

static void test_query(void **state)
{
	static const char *const target =
		"/boot.ipxe?mac=52%3A54%3A00%3AAb%3Acd%3AEF&uuid=12345678-ABCD-1234-abcd-1234567890ab&ip=10.0.0.5&hostname=desk01.lan&other=%zz";
	struct boot_query q;

	assert_int_equal(http_query_parse("/boot.ipxe", &q), 0);
	assert_string_equal(q.mac, "");
	assert_int_equal(http_query_parse(target, &q), 0);
	assert_string_equal(q.mac, "52:54:00:ab:cd:ef");
	assert_string_equal(q.uuid, "12345678-abcd-1234-abcd-1234567890ab");
	assert_string_equal(q.ip, "10.0.0.5");
	assert_string_equal(q.hostname, "desk01.lan");
	assert_int_equal(http_query_parse("/?mac=52-54-00-ab-cd-ef&ip=fe80::1",
					  &q), 0);
	assert_string_equal(q.mac, "52:54:00:ab:cd:ef");
	assert_string_equal(q.ip, "fe80::1");
	/* Empty values are what iPXE sends for unset settings. */
	assert_int_equal(http_query_parse("/?mac=&hostname=&x&=", &q), 0);
	assert_string_equal(q.mac, "");
}

static void test_query_bad(void **state)
{
	static const char *const bad[] = {
		"/?mac=52:54:00:ab:cd",
		"/?mac=52:54:00:ab:cd:ef:01",
		"/?mac=52:54-00:ab:cd:ef",
		"/?mac=52:54:00:ab:cd:eg",
		"/?mac=525400abcdef",
		"/?mac=52:54:00:ab:cd:e%00",
		"/?uuid=12345678-abcd-1234-abcd-1234567890a",
		"/?uuid=12345678xabcd-1234-abcd-1234567890ab",
		"/?ip=10.0.0.256",
		"/?ip=%24%7Bip%7D",
		"/?hostname=-desk",
		"/?hostname=desk-",
		"/?hostname=de..sk",
		"/?hostname=de%20sk",
		"/?hostname=%24%7Bnet0%2Fmac%7D",
		"/?hostname=a%0Aimgexec",
	};
	struct boot_query q;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		if (http_query_parse(bad[i], &q) != -EINVAL)
			fail_msg("%s accepted", bad[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_get),
		cmocka_unit_test(test_head_and_versions),
		cmocka_unit_test(test_incomplete),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_body_closes),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_range_field),
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_path),
		cmocka_unit_test(test_query),
		cmocka_unit_test(test_query_bad),
	};

	return cmocka_run_group_tests_name("http", tests, NULL, NULL);
}
