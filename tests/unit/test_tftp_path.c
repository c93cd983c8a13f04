// SPDX-License-Identifier: GPL-2.0
/*
 * The names TFTP clients ask for (usr/tftp_path.c).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tftp_path.h"
#include "tftp_pkt.h"
#include "util.h"

#define ROOT	"/srv/iet/tftp"

static char out[64];

static int check(const char *name)
{
	const char *why;

	return tftp_path(name, ROOT, out, sizeof(out), &why);
}

static void test_good(void **state)
{
	static const char *const same[] = {
		"undionly.kpxe", "/undionly.kpxe", "//undionly.kpxe",
		ROOT "/undionly.kpxe", ROOT "//undionly.kpxe",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(same); i++) {
		assert_int_equal(check(same[i]), 0);
		assert_string_equal(out, "undionly.kpxe");
	}
	assert_int_equal(check("efi/snponly.efi"), 0);
	assert_string_equal(out, "efi/snponly.efi");
	/* Dots that are no parent directory are names like others. */
	assert_int_equal(check("..x/a..b/.../c.."), 0);
	assert_string_equal(out, "..x/a..b/.../c..");
	assert_int_equal(check("./a"), 0);
	/* Only the root's own path is taken off, not a longer name. */
	assert_int_equal(check(ROOT "x/a"), 0);
	assert_string_equal(out, "srv/iet/tftpx/a");
	assert_int_equal(check("/etc/passwd"), 0);
	assert_string_equal(out, "etc/passwd");
}

static void test_bad(void **state)
{
	static const char *const bad[] = {
		"..", "../etc/passwd", "a/../../b", "a/..", "/..", "/../x",
		ROOT "/../x", "a/../b", "", "/", "//", ROOT "/",
		"a\nb", "\x01", "a\x7f", "tab\there", "\x1b[2J",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		if (check(bad[i]) != TFTP_EACCESS)
			fail_msg("\"%s\" not refused", bad[i]);
	}
}

static void test_long(void **state)
{
	char name[100];
	unsigned int i;

	for (i = 0; i < sizeof(name) - 1; i++)
		name[i] = 'a';
	name[i] = '\0';
	assert_int_equal(check(name), TFTP_EACCESS);
	name[sizeof(out) - 1] = '\0';
	assert_int_equal(check(name), 0);
}

static void test_root_slash(void **state)
{
	const char *why;

	assert_int_equal(tftp_path("/tftp/a", "/tftp/", out, sizeof(out),
				   &why), 0);
	assert_string_equal(out, "a");
	/* A root of "/": every leading slash goes anyway. */
	assert_int_equal(tftp_path("/a", "/", out, sizeof(out), &why), 0);
	assert_string_equal(out, "a");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_long),
		cmocka_unit_test(test_root_slash),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
