// SPDX-License-Identifier: GPL-2.0
/*
 * Unit attention conditions: the order they are reported in, and the
 * commands that pass by them (kernel/ua.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "ua.h"

static struct scsi_sense sense;
static u8 cdb[16];

static void set_cdb(u8 op)
{
	memset(cdb, 0, sizeof(cdb));
	cdb[0] = op;
	memset(&sense, 0, sizeof(sense));
}

static void expect_ua(u8 *pending, u16 asc, enum scsi_ua_action want)
{
	assert_int_equal(scsi_ua_take(cdb, pending, &sense), want);
	assert_int_equal(sense.key, SCSI_SENSE_UNIT_ATTENTION);
	assert_int_equal(sense.asc, asc >> 8);
	assert_int_equal(sense.ascq, asc & 0xff);
}

/* Highest priority first, one per command, each cleared once reported. */
static void test_order(void **state)
{
	u8 pending = SCSI_UA_POWER_ON | SCSI_UA_LU_RESET | SCSI_UA_CAPACITY |
		     SCSI_UA_LUNS_CHANGED;

	set_cdb(SCSI_OP_TEST_UNIT_READY);
	expect_ua(&pending, SCSI_ASC_POWER_ON_RESET, SCSI_UA_FAIL);
	expect_ua(&pending, SCSI_ASC_LU_RESET, SCSI_UA_FAIL);
	set_cdb(SCSI_OP_READ_10);
	expect_ua(&pending, SCSI_ASC_CAPACITY_CHANGED, SCSI_UA_FAIL);
	expect_ua(&pending, SCSI_ASC_REPORTED_LUNS_CHANGED, SCSI_UA_FAIL);
	assert_int_equal(pending, 0);
	assert_int_equal(scsi_ua_take(cdb, &pending, &sense), SCSI_UA_PASS);
}

/* libiscsi's login loop retries TEST UNIT READY on 29 00 only. */
static void test_login_is_29_00(void **state)
{
	u8 pending = SCSI_UA_POWER_ON;

	set_cdb(SCSI_OP_TEST_UNIT_READY);
	expect_ua(&pending, 0x2900, SCSI_UA_FAIL);
	assert_int_equal(scsi_ua_take(cdb, &pending, &sense), SCSI_UA_PASS);
}

static void test_inquiry_passes(void **state)
{
	u8 pending = SCSI_UA_POWER_ON | SCSI_UA_LUNS_CHANGED;

	set_cdb(SCSI_OP_INQUIRY);
	assert_int_equal(scsi_ua_take(cdb, &pending, &sense), SCSI_UA_PASS);
	assert_int_equal(pending, SCSI_UA_POWER_ON | SCSI_UA_LUNS_CHANGED);
	assert_int_equal(sense.key, 0);
}

/* REPORT LUNS answers, and so clears, REPORTED LUNS DATA HAS CHANGED. */
static void test_report_luns_clears_its_own(void **state)
{
	u8 pending = SCSI_UA_POWER_ON | SCSI_UA_LUNS_CHANGED;

	set_cdb(SCSI_OP_REPORT_LUNS);
	assert_int_equal(scsi_ua_take(cdb, &pending, &sense), SCSI_UA_PASS);
	assert_int_equal(pending, SCSI_UA_POWER_ON);
}

static void test_request_sense_returns_it(void **state)
{
	u8 pending = SCSI_UA_LU_RESET, d[32];

	set_cdb(SCSI_OP_REQUEST_SENSE);
	expect_ua(&pending, SCSI_ASC_LU_RESET, SCSI_UA_DATA);
	assert_int_equal(pending, 0);
	assert_int_equal(scsi_ua_sense_data(cdb, &sense, d, sizeof(d)), 18);
	assert_int_equal(d[0], 0x70);
	assert_int_equal(d[2], SCSI_SENSE_UNIT_ATTENTION);
	assert_int_equal(d[12], 0x29);
	assert_int_equal(d[13], 0x03);
	cdb[1] = 0x01;		/* DESC */
	assert_int_equal(scsi_ua_sense_data(cdb, &sense, d, sizeof(d)), 8);
	assert_int_equal(d[0], 0x72);
	assert_int_equal(d[1], SCSI_SENSE_UNIT_ATTENTION);
	assert_int_equal(d[2], 0x29);
	/* Nothing pending: REQUEST SENSE runs as usual. */
	assert_int_equal(scsi_ua_take(cdb, &pending, &sense), SCSI_UA_PASS);
}

/* The reservation conditions come last, in SPC-4's order. */
static void test_reservation_uas(void **state)
{
	u8 pending = SCSI_UA_RES_PREEMPTED | SCSI_UA_RES_RELEASED |
		     SCSI_UA_REG_PREEMPTED;

	set_cdb(SCSI_OP_TEST_UNIT_READY);
	expect_ua(&pending, 0x2a03, SCSI_UA_FAIL);
	expect_ua(&pending, 0x2a04, SCSI_UA_FAIL);
	expect_ua(&pending, 0x2a05, SCSI_UA_FAIL);
	assert_int_equal(scsi_ua_take(cdb, &pending, &sense), SCSI_UA_PASS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_login_is_29_00),
		cmocka_unit_test(test_inquiry_passes),
		cmocka_unit_test(test_report_luns_clears_its_own),
		cmocka_unit_test(test_request_sense_returns_it),
		cmocka_unit_test(test_reservation_uas),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
