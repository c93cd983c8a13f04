// SPDX-License-Identifier: GPL-2.0
/*
 * ADDR[:PORT] as TFTPListen, HTTPListen and ProxyDHCPListen give it
 * (usr/hostport.c).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "hostport.h"
#include "util.h"

static void test_split(void **state)
{
	static const struct {
		const char *s;
		const char *addr;
		unsigned int port;
	} good[] = {
		{ "10.0.0.1", "10.0.0.1", 69 },
		{ "10.0.0.1:6969", "10.0.0.1", 6969 },
		{ "::1", "::1", 69 },
		{ "fe80::1:2", "fe80::1:2", 69 },
		{ "[::1]", "::1", 69 },
		{ "[::]:1069", "::", 1069 },
		{ "*", "", 69 },
		{ "*:69", "", 69 },
	};
	static const char *const bad[] = {
		"", ":69", "[::1", "[::1]x", "[::1]:", "1.2.3.4:", "1.2.3.4:0",
		"1.2.3.4:65536", "1.2.3.4:6x", "[]:69", "a:-1",
	};
	char addr[64];
	unsigned int i, port;

	for (i = 0; i < ARRAY_SIZE(good); i++) {
		port = 69;
		assert_int_equal(hostport_parse(good[i].s, addr, sizeof(addr),
						&port), 0);
		assert_string_equal(addr, good[i].addr);
		assert_int_equal(port, good[i].port);
	}
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		if (hostport_parse(bad[i], addr, sizeof(addr), &port) !=
		    -EINVAL)
			fail_msg("\"%s\" taken", bad[i]);
	}
	assert_int_equal(hostport_parse("10.0.0.1", addr, 8, &port), -EINVAL);
}

/* A port not given keeps the caller's default, whatever it is. */
static void test_default(void **state)
{
	unsigned int port = 80;
	char a[64];

	assert_int_equal(hostport_parse("10.0.0.1", a, sizeof(a), &port), 0);
	assert_int_equal(port, 80);
	port = 67;
	assert_int_equal(hostport_parse("*", a, sizeof(a), &port), 0);
	assert_string_equal(a, "");
	assert_int_equal(port, 67);
	assert_int_equal(hostport_parse("fe80::1%eth0", a, sizeof(a), &port),
			 0);
	assert_string_equal(a, "fe80::1%eth0");
	assert_int_equal(hostport_parse("a:70000", a, sizeof(a), &port),
			 -EINVAL);
	assert_int_equal(port, 67);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_default),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
