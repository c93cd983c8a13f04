// SPDX-License-Identifier: GPL-2.0
/*
 * READ CAPACITY (10) and (16), around the 2^32 blocks boundary where the
 * (10) form gives up and sends the initiator to the (16) one.
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
static u8 buf[64];

static int setup(void **state)
{
	memset(&lu, 0, sizeof(lu));
	lu.blocks = 2097152;
	lu.blocksize = 512;
	memset(&sense, 0, sizeof(sense));
	memset(buf, GUARD, sizeof(buf));
	return 0;
}

static void rc10(u32 lba, u8 pmi)
{
	memset(cdb, 0, sizeof(cdb));
	cdb[0] = SCSI_OP_READ_CAPACITY_10;
	put_be32(cdb + 2, lba);
	cdb[8] = pmi;
}

static void rc16(u64 lba, u8 pmi, u32 alloc)
{
	memset(cdb, 0, sizeof(cdb));
	cdb[0] = SCSI_OP_SERVICE_ACTION_IN_16;
	cdb[1] = SCSI_SAI_READ_CAPACITY_16;
	put_be64(cdb + 2, lba);
	put_be32(cdb + 10, alloc);
	cdb[14] = pmi;
}

static int run(unsigned int len)
{
	return scsi_emulate(cdb, &lu, NULL, 0, buf, len, &sense);
}

static void expect_invalid_field(void)
{
	assert_int_equal(run(sizeof(buf)), -SCSI_STATUS_CHECK_CONDITION);
	assert_int_equal(sense.key, SCSI_SENSE_ILLEGAL_REQUEST);
	assert_int_equal(sense.asc, 0x24);
	assert_int_equal(sense.ascq, 0x00);
}

static void expect_rc10(u64 blocks, u32 bs, u32 lba)
{
	lu.blocks = blocks;
	lu.blocksize = bs;
	rc10(0, 0);
	assert_int_equal(run(sizeof(buf)), 8);
	assert_int_equal(get_be32(buf), lba);
	assert_int_equal(get_be32(buf + 4), bs);
	assert_int_equal(buf[8], GUARD);
}

static void test_rc10(void **state)
{
	expect_rc10(2097152, 512, 2097151);
	expect_rc10(1, 4096, 0);
	expect_rc10(0xffffffffull, 512, 0xfffffffeu);
	expect_rc10(0x100000000ull, 512, 0xffffffffu);
	expect_rc10(0x100000001ull, 1024, 0xffffffffu);
	expect_rc10(0x123456789abull, 2048, 0xffffffffu);
}

/* Without PMI the LBA field must be 0. */
static void test_rc10_pmi(void **state)
{
	rc10(1, 0);
	expect_invalid_field();
	rc10(0x1000, 1);
	assert_int_equal(run(sizeof(buf)), 8);
	assert_int_equal(get_be32(buf), 2097151);
}

static void expect_rc16(u64 blocks, u32 bs)
{
	static const u8 zero[20];

	lu.blocks = blocks;
	lu.blocksize = bs;
	rc16(0, 0, 32);
	assert_int_equal(run(sizeof(buf)), 32);
	assert_true(get_be64(buf) == blocks - 1);
	assert_int_equal(get_be32(buf + 8), bs);
	/* no PI, LBPPBE 0, LBPME 0, LBPRZ 0, lowest aligned LBA 0 */
	assert_memory_equal(buf + 12, zero, sizeof(zero));
	assert_int_equal(buf[32], GUARD);
}

static void test_rc16(void **state)
{
	expect_rc16(2097152, 512);
	expect_rc16(0x100000000ull, 512);
	expect_rc16(0x100000001ull, 4096);
	expect_rc16(0xffffffffffffull, 1024);
}

/* Any allocation length, 0 included, is fine (libiscsi checks 0-15). */
static void test_rc16_alloc(void **state)
{
	rc16(0, 0, 0);
	assert_int_equal(run(0), 32);
	assert_int_equal(buf[0], GUARD);
	lu.blocks = 0x123456789acull;
	rc16(0, 0, 5);
	assert_int_equal(run(5), 32);
	assert_int_equal(buf[4], 0x45);
	assert_int_equal(buf[5], GUARD);
}

static void test_rc16_fields(void **state)
{
	rc16(7, 0, 32);
	expect_invalid_field();
	rc16(7, 1, 32);
	assert_int_equal(run(sizeof(buf)), 32);

	rc16(0, 0, 32);
	cdb[1] = 0x12;			/* GET LBA STATUS */
	expect_invalid_field();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_rc10, setup),
		cmocka_unit_test_setup(test_rc10_pmi, setup),
		cmocka_unit_test_setup(test_rc16, setup),
		cmocka_unit_test_setup(test_rc16_alloc, setup),
		cmocka_unit_test_setup(test_rc16_fields, setup),
	};

	return cmocka_run_group_tests_name("READ CAPACITY", tests, NULL, NULL);
}
