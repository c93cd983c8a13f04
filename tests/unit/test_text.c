// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of usr/text.c: key=value texts in and out.
 */
#include <errno.h>
#include <stdlib.h>

#include "login_test.h"

static int parse(const char *in, size_t len, struct text_pair *p)
{
	static char buf[1024];

	memcpy(buf, in, len);
	return text_parse(buf, len, p, 8);
}

static void test_pairs(void **state)
{
	struct text_pair p[8];

	assert_int_equal(parse("A=1\0B=two\0", 10, p), 2);
	assert_string_equal(p[0].key, "A");
	assert_string_equal(p[0].val, "1");
	assert_string_equal(p[1].key, "B");
	assert_string_equal(p[1].val, "two");
	/* The value keeps a second '='; an empty value is a value. */
	assert_int_equal(parse("K=a=b\0E=\0", 9, p), 2);
	assert_string_equal(p[0].val, "a=b");
	assert_string_equal(p[1].val, "");
	assert_int_equal(parse("", 0, p), 0);
}

static void test_forgiven(void **state)
{
	struct text_pair p[8];

	/* No zero byte after the last pair. */
	assert_int_equal(parse("A=1\0B=2", 7, p), 2);
	assert_string_equal(p[1].val, "2");
	/* Empty pairs. */
	assert_int_equal(parse("\0A=1\0\0\0B=2\0\0", 12, p), 2);
	assert_string_equal(p[1].key, "B");
}

static void test_malformed(void **state)
{
	char key[80];
	struct text_pair p[8];

	assert_int_equal(parse("A\0", 2, p), -EINVAL);
	assert_int_equal(parse("=1\0", 3, p), -EINVAL);
	assert_int_equal(parse("A B=1\0", 6, p), -EINVAL);
	assert_int_equal(parse("A\xc3\xa9=1\0", 6, p), -EINVAL);
	memset(key, 'K', 63);
	strcpy(key + 63, "=1");
	assert_int_equal(parse(key, 66, p), 1);
	memset(key, 'K', 64);
	strcpy(key + 64, "=1");
	assert_int_equal(parse(key, 67, p), -EINVAL);
	/* Eight pairs fit, nine do not. */
	assert_int_equal(parse("a=\0b=\0c=\0d=\0e=\0f=\0g=\0h=\0", 24, p), 8);
	assert_int_equal(parse("a=\0b=\0c=\0d=\0e=\0f=\0g=\0h=\0i=\0", 27, p),
			 -E2BIG);
	/* Extension keys are well-formed names. */
	assert_int_equal(parse("X-com.example.a_b+c@d=1\0X#x=2\0", 30, p), 2);
}

static void test_out(void **state)
{
	struct text_out t = { 0 };
	char big[300];
	int i;

	assert_int_equal(text_add(&t, "Key", "Value"), 0);
	assert_int_equal(text_add_u32(&t, "N", 8192), 0);
	assert_int_equal(t.len, 10 + 7);
	assert_memory_equal(t.buf, "Key=Value\0N=8192\0", 17);
	memset(big, 'v', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	for (i = 0; i < 100; i++)
		assert_int_equal(text_add(&t, "Big", big), 0);
	assert_int_equal(t.len, 17 + 100 * (4 + 299 + 1));
	assert_false(t.failed);
	text_reset(&t);
	assert_int_equal(t.len, 0);
	text_free(&t);
	assert_null(t.buf);
}

static void test_extension(void **state)
{
	assert_true(text_key_is_extension("X-com.example.foo"));
	assert_true(text_key_is_extension("X#foo"));
	assert_false(text_key_is_extension("Xfoo"));
	assert_false(text_key_is_extension("MaxBurstLength"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pairs),
		cmocka_unit_test(test_forgiven),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_out),
		cmocka_unit_test(test_extension),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
