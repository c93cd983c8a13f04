// SPDX-License-Identifier: GPL-2.0
/*
 * What ietd keeps about targets besides the kernel (usr/store.c).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "config.h"
#include "store.h"

static struct store s;
static char buf[256];

static int teardown(void **state)
{
	store_free(&s);
	return 0;
}

static void test_users(void **state)
{
	assert_int_equal(store_user_add(&s, "iqn.x:a", USER_INCOMING, "joe",
					"pw1"), 0);
	assert_int_equal(store_user_add(&s, "IQN.X:A", USER_INCOMING, "joe",
					"pw2"), -EEXIST);
	/* Names are case-sensitive, as CHAP_N is. */
	assert_int_equal(store_user_add(&s, "iqn.x:a", USER_INCOMING, "Joe",
					"pw2"), 0);
	assert_int_equal(store_user_add(&s, "iqn.x:a", USER_OUTGOING, "t",
					"pw"), 0);
	assert_int_equal(store_user_add(&s, "iqn.x:a", USER_OUTGOING, "u",
					"pw"), -EEXIST);
	assert_int_equal(store_user_add(&s, "", USER_INCOMING, "d", "pw"), 0);
	assert_int_equal(store_nr_incoming(&s, "iqn.x:a"), 2);
	assert_int_equal(store_nr_incoming(&s, ""), 1);
	assert_int_equal(store_nr_incoming(&s, "iqn.x:b"), 0);

	assert_int_equal(store_users_list(&s, "iqn.x:a", buf, sizeof(buf)), 49);
	assert_string_equal(buf, "IncomingUser joe\nIncomingUser Joe\n"
			    "OutgoingUser t\n");
	assert_int_equal(store_users_list(&s, "iqn.x:a", buf, 10), -ENOSPC);
	assert_int_equal(store_users_list(&s, "iqn.x:b", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "");
	assert_string_equal(store_user_find(&s, "iqn.x:a", USER_INCOMING,
					    "Joe")->password, "pw2");
	assert_null(store_user_find(&s, "iqn.x:a", USER_OUTGOING, "joe"));

	assert_int_equal(store_user_del(&s, "iqn.x:a", USER_INCOMING, "joe"), 0);
	assert_int_equal(store_user_del(&s, "iqn.x:a", USER_INCOMING, "joe"),
			 -ENOENT);
	assert_int_equal(store_user_del(&s, "iqn.x:b", USER_INCOMING, "joe"),
			 -ENOENT);
	store_users_list(&s, "iqn.x:a", buf, sizeof(buf));
	assert_string_equal(buf, "IncomingUser Joe\nOutgoingUser t\n");
	store_forget(&s, "iqn.x:a");
	assert_int_equal(store_nr_incoming(&s, "iqn.x:a"), 0);
	assert_int_equal(store_nr_incoming(&s, ""), 1);
}

static void test_sparams(void **state)
{
	unsigned int v[SESS_NR];

	assert_null(store_sparams(&s, "iqn.x:a"));
	param_defaults(&session_params, v);
	v[SESS_MAX_BURST] = 4096;
	assert_int_equal(store_sparams_set(&s, "iqn.x:a", v), 0);
	assert_int_equal(store_sparams(&s, "IQN.x:a")[SESS_MAX_BURST], 4096);
	store_forget(&s, "iqn.x:a");
	assert_null(store_sparams(&s, "iqn.x:a"));
}

static void test_load_config(void **state)
{
	static const char text[] =
		"IncomingUser d1 secret1\n"
		"Target iqn.x:a\n"
		"\tIncomingUser u1 p1\n"
		"\tIncomingUser u2 p1\n"
		"\tOutgoingUser o1 p2\n"
		"\tMaxBurstLength 8192\n"
		"Target iqn.x:b\n";
	struct config cfg;
	char err[256];

	err[0] = '\0';
	config_parse(&cfg, "f", text, strlen(text), err, sizeof(err));
	assert_string_equal(err, "");
	assert_int_equal(store_user_add(&s, "old", USER_INCOMING, "x", "y"), 0);
	assert_int_equal(store_load_config(&s, &cfg), 0);
	assert_int_equal(store_nr_incoming(&s, "old"), 0);
	store_users_list(&s, "", buf, sizeof(buf));
	assert_string_equal(buf, "IncomingUser d1\n");
	store_users_list(&s, "iqn.x:a", buf, sizeof(buf));
	assert_string_equal(buf, "IncomingUser u1\nIncomingUser u2\n"
			    "OutgoingUser o1\n");
	assert_int_equal(store_sparams(&s, "iqn.x:a")[SESS_MAX_BURST], 8192);
	assert_int_equal(store_sparams(&s, "iqn.x:b")[SESS_MAX_BURST], 262144);
	config_free(&cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_users, teardown),
		cmocka_unit_test_teardown(test_sparams, teardown),
		cmocka_unit_test_teardown(test_load_config, teardown),
	};

	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
