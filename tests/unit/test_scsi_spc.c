// SPDX-License-Identifier: GPL-2.0
/*
 * REPORT LUNS, REQUEST SENSE, the sense data formats, and what
 * scsi_emulate() does with commands it does not build.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "scsi.h"

#define GUARD		0xaa

static struct scsi_lu lu;
static struct scsi_sense sense;
static u8 cdb[16];
static u8 buf[256];

static int setup(void **state)
{
	memset(&lu, 0, sizeof(lu));
	lu.blocks = 2097152;
	lu.blocksize = 512;
	memset(&sense, 0, sizeof(sense));
	memset(buf, GUARD, sizeof(buf));
	memset(cdb, 0, sizeof(cdb));
	return 0;
}

static void report_luns(u8 select, u32 alloc)
{
	memset(cdb, 0, sizeof(cdb));
	cdb[0] = SCSI_OP_REPORT_LUNS;
	cdb[2] = select;
	put_be32(cdb + 6, alloc);
}

static void expect_fail(int ret, u8 key, u16 asc)
{
	assert_int_equal(ret, -SCSI_STATUS_CHECK_CONDITION);
	assert_int_equal(sense.key, key);
	assert_int_equal(sense.asc, asc >> 8);
	assert_int_equal(sense.ascq, asc & 0xff);
}

/* Peripheral addressing below 256, flat space (01b) up to 16383. */
static void test_report_luns(void **state)
{
	static const u32 luns[] = { 0, 1, 255, 256, 0x1234, 16383, 16384 };
	static const u8 want[] = {
		0x00, 0x00, 0x00, 48, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0, 0, 0, 0, 0, 0,
		0x00, 0x01, 0, 0, 0, 0, 0, 0,
		0x00, 0xff, 0, 0, 0, 0, 0, 0,
		0x41, 0x00, 0, 0, 0, 0, 0, 0,
		0x52, 0x34, 0, 0, 0, 0, 0, 0,
		0x7f, 0xff, 0, 0, 0, 0, 0, 0,
	};

	report_luns(0, 256);
	assert_int_equal(scsi_emulate(cdb, &lu, luns, ARRAY_SIZE(luns), buf,
				      sizeof(buf), &sense), sizeof(want));
	assert_memory_equal(buf, want, sizeof(want));
	assert_int_equal(buf[sizeof(want)], GUARD);

	report_luns(2, 256);		/* SELECT REPORT 02h: the same */
	assert_int_equal(scsi_emulate(cdb, NULL, luns, ARRAY_SIZE(luns), buf,
				      sizeof(buf), &sense), sizeof(want));
	assert_memory_equal(buf, want, sizeof(want));
}

static void test_report_luns_select1(void **state)
{
	static const u32 luns[] = { 0, 1 };
	static const u8 want[8] = { 0 };

	report_luns(1, 16);		/* well known LUs only: none */
	assert_int_equal(scsi_emulate(cdb, &lu, luns, 2, buf, sizeof(buf),
				      &sense), 8);
	assert_memory_equal(buf, want, 8);
}

static void test_report_luns_errors(void **state)
{
	static const u32 luns[] = { 0 };

	report_luns(0, 15);
	expect_fail(scsi_emulate(cdb, &lu, luns, 1, buf, 15, &sense),
		    SCSI_SENSE_ILLEGAL_REQUEST, SCSI_ASC_INVALID_FIELD_IN_CDB);
	report_luns(0, 0);
	expect_fail(scsi_emulate(cdb, &lu, luns, 1, buf, 0, &sense),
		    SCSI_SENSE_ILLEGAL_REQUEST, SCSI_ASC_INVALID_FIELD_IN_CDB);
	report_luns(3, 256);
	expect_fail(scsi_emulate(cdb, &lu, luns, 1, buf, 256, &sense),
		    SCSI_SENSE_ILLEGAL_REQUEST, SCSI_ASC_INVALID_FIELD_IN_CDB);
	report_luns(0x10, 256);
	expect_fail(scsi_emulate(cdb, &lu, luns, 1, buf, 256, &sense),
		    SCSI_SENSE_ILLEGAL_REQUEST, SCSI_ASC_INVALID_FIELD_IN_CDB);
}

/* The LUN LIST LENGTH counts every LUN even when the buffer is short. */
static void test_report_luns_truncated(void **state)
{
	u32 luns[40];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(luns); i++)
		luns[i] = i;
	report_luns(0, 16);
	assert_int_equal(scsi_emulate(cdb, &lu, luns, 40, buf, 16, &sense),
			 8 + 40 * 8);
	assert_int_equal(get_be32(buf), 320);
	assert_int_equal(buf[9], 0);
	assert_int_equal(buf[16], GUARD);

	report_luns(0, 16);
	assert_int_equal(scsi_emulate(cdb, &lu, NULL, 0, buf, 16, &sense), 8);
	assert_int_equal(get_be32(buf), 0);
}

static void request_sense(u8 desc, u8 alloc)
{
	memset(cdb, 0, sizeof(cdb));
	cdb[0] = SCSI_OP_REQUEST_SENSE;
	cdb[1] = desc;
	cdb[4] = alloc;
}

static void test_request_sense(void **state)
{
	static const u8 fixed[18] = {
		0x70, 0, 0x00, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x00, 0x00, 0, 0,
		0, 0,
	};
	static const u8 desc[8] = { 0x72, 0x00, 0x00, 0x00, 0, 0, 0, 0 };

	request_sense(0, 252);
	assert_int_equal(scsi_emulate(cdb, &lu, NULL, 0, buf, sizeof(buf),
				      &sense), 18);
	assert_memory_equal(buf, fixed, 18);
	assert_int_equal(buf[18], GUARD);

	request_sense(1, 252);
	assert_int_equal(scsi_emulate(cdb, &lu, NULL, 0, buf, sizeof(buf),
				      &sense), 8);
	assert_memory_equal(buf, desc, 8);
}

/* For a LUN the target lacks: LOGICAL UNIT NOT SUPPORTED, in the data. */
static void test_request_sense_no_lu(void **state)
{
	request_sense(0, 18);
	assert_int_equal(scsi_emulate(cdb, NULL, NULL, 0, buf, sizeof(buf),
				      &sense), 18);
	assert_int_equal(buf[0], 0x70);
	assert_int_equal(buf[2], SCSI_SENSE_ILLEGAL_REQUEST);
	assert_int_equal(buf[12], 0x25);
	assert_int_equal(buf[13], 0x00);

	request_sense(1, 18);
	assert_int_equal(scsi_emulate(cdb, NULL, NULL, 0, buf, sizeof(buf),
				      &sense), 8);
	assert_int_equal(buf[1], SCSI_SENSE_ILLEGAL_REQUEST);
	assert_int_equal(buf[2], 0x25);
}

static void test_sense_fixed(void **state)
{
	static const u8 want[18] = {
		0x70, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x0a,
		0x00, 0x00, 0x00, 0x00, 0x21, 0x00, 0x00, 0x00,
		0x00, 0x00,
	};
	struct scsi_sense s;

	assert_int_equal(scsi_fail(&s, SCSI_SENSE_ILLEGAL_REQUEST,
				   SCSI_ASC_LBA_OUT_OF_RANGE),
			 SCSI_STATUS_CHECK_CONDITION);
	assert_int_equal(s.key, 0x05);
	assert_int_equal(s.asc, 0x21);
	assert_int_equal(s.ascq, 0x00);
	assert_int_equal(scsi_sense_fixed(buf, sizeof(buf), &s), 18);
	assert_memory_equal(buf, want, 18);
	assert_int_equal(buf[18], GUARD);

	memset(buf, GUARD, sizeof(buf));
	scsi_fail(&s, SCSI_SENSE_DATA_PROTECT, SCSI_ASC_CAPACITY_CHANGED);
	assert_int_equal(scsi_sense_fixed(buf, 14, &s), 18);
	assert_int_equal(buf[2], 0x07);
	assert_int_equal(buf[12], 0x2a);
	assert_int_equal(buf[13], 0x09);
	assert_int_equal(buf[14], GUARD);
	assert_int_equal(scsi_sense_fixed(NULL, 0, &s), 18);
}

static void test_sense_desc(void **state)
{
	static const u8 want[8] = { 0x72, 0x07, 0x27, 0x00, 0, 0, 0, 0 };
	struct scsi_sense s;

	scsi_fail(&s, SCSI_SENSE_DATA_PROTECT, SCSI_ASC_WRITE_PROTECTED);
	assert_int_equal(scsi_sense_desc(buf, sizeof(buf), &s), 8);
	assert_memory_equal(buf, want, 8);
	assert_int_equal(buf[8], GUARD);
}

/* scsi_emulate() refuses what scsi_decode() does not route to it. */
static void test_emulate_refuses(void **state)
{
	cdb[0] = SCSI_OP_TEST_UNIT_READY;
	expect_fail(scsi_emulate(cdb, &lu, NULL, 0, buf, sizeof(buf), &sense),
		    SCSI_SENSE_ILLEGAL_REQUEST, SCSI_ASC_INVALID_OPCODE);
	cdb[0] = SCSI_OP_READ_10;
	expect_fail(scsi_emulate(cdb, &lu, NULL, 0, buf, sizeof(buf), &sense),
		    SCSI_SENSE_ILLEGAL_REQUEST, SCSI_ASC_INVALID_OPCODE);
	cdb[0] = SCSI_OP_MODE_SENSE_6;
	cdb[2] = 0x3f;
	expect_fail(scsi_emulate(cdb, NULL, NULL, 0, buf, sizeof(buf), &sense),
		    SCSI_SENSE_ILLEGAL_REQUEST, SCSI_ASC_LU_NOT_SUPPORTED);
	cdb[0] = SCSI_OP_READ_CAPACITY_10;
	expect_fail(scsi_emulate(cdb, NULL, NULL, 0, buf, sizeof(buf), &sense),
		    SCSI_SENSE_ILLEGAL_REQUEST, SCSI_ASC_LU_NOT_SUPPORTED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_report_luns, setup),
		cmocka_unit_test_setup(test_report_luns_select1, setup),
		cmocka_unit_test_setup(test_report_luns_errors, setup),
		cmocka_unit_test_setup(test_report_luns_truncated, setup),
		cmocka_unit_test_setup(test_request_sense, setup),
		cmocka_unit_test_setup(test_request_sense_no_lu, setup),
		cmocka_unit_test_setup(test_sense_fixed, setup),
		cmocka_unit_test_setup(test_sense_desc, setup),
		cmocka_unit_test_setup(test_emulate_refuses, setup),
	};

	return cmocka_run_group_tests_name("SPC", tests, NULL, NULL);
}
