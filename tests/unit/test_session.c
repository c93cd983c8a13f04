// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of usr/session.c: SIDs, TSIHs, the session table.
 */
#include "login_test.h"
#include "session.h"

static const uint8_t open_iscsi_isid[6] = { 0x00, 0x02, 0x3d, 0x7d, 0, 0 };
static const uint8_t ones[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const uint8_t raw_isid[6] = { 0x80, 0x12, 0x34, 0x56, 0x78, 0x9a };

static void test_sid(void **state)
{
	uint8_t isid[6];

	/* What /proc/net/iet/session printed for OpenStack Cinder. */
	assert_int_equal(sid_make(3, open_iscsi_isid), 844427031282176ULL);
	assert_int_equal(sid_tsih(844427031282176ULL), 3);
	sid_isid(844427031282176ULL, isid);
	assert_memory_equal(isid, open_iscsi_isid, 6);
	assert_int_equal(sid_make(0xffff, ones), 0xffffffffffffffffULL);
	assert_int_equal(sid_make(1, raw_isid), 0x00019a7856341280ULL);
}

static void test_tsih(void **state)
{
	struct session_table t = { 0 };
	unsigned int i;

	assert_int_equal(session_next_tsih(&t), 1);
	assert_int_equal(session_add(&t, 1, sid_make(1, open_iscsi_isid),
				     "iqn.a", false), 0);
	assert_int_equal(session_add(&t, 2, sid_make(2, open_iscsi_isid),
				     "iqn.b", false), 0);
	assert_int_equal(session_add(&t, 2, sid_make(3, open_iscsi_isid),
				     "iqn.c", false), 0);
	/* The next after the last given, skipping those in use. */
	t.last_tsih = 0;
	assert_int_equal(session_next_tsih(&t), 4);
	assert_int_equal(session_next_tsih(&t), 5);
	/* Round the top, never 0. */
	t.last_tsih = 0xfffe;
	assert_int_equal(session_next_tsih(&t), 0xffff);
	assert_int_equal(session_next_tsih(&t), 4);
	session_table_free(&t);
	/* None left. */
	for (i = 1; i <= 0xffff; i++)
		session_add(&t, 1, sid_make(i, open_iscsi_isid), "iqn.a", false);
	assert_int_equal(session_next_tsih(&t), 0);
	session_table_free(&t);
}

static void test_find(void **state)
{
	struct session_table t = { 0 };
	uint8_t other[6] = { 1, 2, 3, 4, 5, 6 };

	session_add(&t, 1, sid_make(7, open_iscsi_isid), "iqn.a:Init", false);
	session_add(&t, 2, sid_make(8, other), "iqn.a:init", true);
	assert_non_null(session_find_isid(&t, 1, "IQN.A:INIT",
					  open_iscsi_isid));
	assert_null(session_find_isid(&t, 2, "iqn.a:init", open_iscsi_isid));
	assert_null(session_find_isid(&t, 1, "iqn.b", open_iscsi_isid));
	assert_non_null(session_find_isid(&t, 2, "iqn.a:init", other));
	assert_non_null(session_find_tsih(&t, 1, 7));
	assert_null(session_find_tsih(&t, 2, 7));
	assert_int_equal(session_count(&t, 1), 1);
	assert_int_equal(session_count(&t, 3), 0);
	session_remove(&t, sid_make(7, open_iscsi_isid));
	assert_int_equal(session_count(&t, 1), 0);
	assert_int_equal(t.nr, 1);
	session_table_free(&t);
}

static void test_sync(void **state)
{
	static const uint8_t b[6] = { 22 }, c[6] = { 33 }, d[6] = { 44 };
	struct session_table t = { 0 };
	struct session_entry live[2] = {
		{ .tid = 1, .sid = 11, .initiator = "iqn.a" },
		{ .tid = 1, .sid = 33, .initiator = "iqn.c" },
	};

	session_add(&t, 1, 11, "iqn.a", false);
	session_add(&t, 1, 22, "iqn.b", false);	/* ended in the kernel */
	session_add(&t, 1, 44, "iqn.d", true);	/* admitted, not there yet */
	assert_int_equal(session_sync(&t, live, 2), 0);
	assert_int_equal(t.nr, 3);
	assert_non_null(session_find_tsih(&t, 1, sid_tsih(11)));
	assert_null(session_find_isid(&t, 1, "iqn.b", b));
	assert_non_null(session_find_isid(&t, 1, "iqn.c", c));
	assert_non_null(session_find_isid(&t, 1, "iqn.d", d));
	session_table_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sid),
		cmocka_unit_test(test_tsih),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_sync),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
