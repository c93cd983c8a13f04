// SPDX-License-Identifier: GPL-2.0
/*
 * COMPARE AND WRITE, ORWRITE, PRE-FETCH and WRITE AND VERIFY as CDBs, and the
 * miscompare sense with the offset of the first differing byte.
 */
#include "scsi_decode_test.h"

#define BLOCKS		100000ull

static int setup(void **state)
{
	memset(&lu, 0, sizeof(lu));
	lu.blocks = BLOCKS;
	lu.blocksize = 4096;
	lu.max_xfer_blocks = 2048;
	lu.max_caw_blocks = 255;
	memset(cdb, 0, sizeof(cdb));
	memset(&sense, 0xee, sizeof(sense));
	return 0;
}

static void caw(u8 flags, u64 lba, u8 n)
{
	memset(cdb, 0, sizeof(cdb));
	cdb[0] = SCSI_OP_COMPARE_AND_WRITE;
	cdb[1] = flags;
	put_be64(cdb + 2, lba);
	cdb[13] = n;
}

static void test_caw(void **state)
{
	caw(0x18, BLOCKS - 3, 3);		/* DPO, FUA */
	assert_int_equal(decode(), 0);
	assert_int_equal(req.kind, SCSI_K_CAW);
	assert_true(req.lba == BLOCKS - 3);
	assert_int_equal(req.nblocks, 3);
	assert_int_equal(req.data_len, 2 * 3 * 4096);
	assert_true(req.data_out);
	assert_true(req.fua);

	caw(0, 0, 255);
	assert_int_equal(decode(), 0);
	assert_false(req.fua);

	caw(0, 5, 0);		/* no blocks: no work, and no data-out */
	assert_int_equal(decode(), 0);
	assert_int_equal(req.kind, SCSI_K_CAW);
	assert_int_equal(req.data_len, 0);
	assert_true(req.data_out);
}

static void test_caw_errors(void **state)
{
	caw(0x20, 0, 1);			/* WRPROTECT */
	expect_fail(SCSI_SENSE_ILLEGAL_REQUEST, SCSI_ASC_INVALID_FIELD_IN_CDB);
	lu.max_caw_blocks = 4;
	caw(0, 0, 5);
	expect_fail(SCSI_SENSE_ILLEGAL_REQUEST, SCSI_ASC_INVALID_FIELD_IN_CDB);
	caw(0, BLOCKS - 3, 4);
	expect_fail(SCSI_SENSE_ILLEGAL_REQUEST, SCSI_ASC_LBA_OUT_OF_RANGE);
	caw(0, BLOCKS, 0);
	expect_fail(SCSI_SENSE_ILLEGAL_REQUEST, SCSI_ASC_LBA_OUT_OF_RANGE);
	lu.ro = true;
	caw(0, 0, 1);
	expect_fail(SCSI_SENSE_DATA_PROTECT, SCSI_ASC_WRITE_PROTECTED);
	lu.max_caw_blocks = 0;
	caw(0, 0, 1);
	expect_fail(SCSI_SENSE_ILLEGAL_REQUEST, SCSI_ASC_INVALID_OPCODE);
}

static void prefetch(u8 op, u64 lba, u32 n)
{
	memset(cdb, 0, sizeof(cdb));
	cdb[0] = op;
	cdb[1] = 0x02;				/* IMMED */
	if (op == SCSI_OP_PRE_FETCH_16) {
		put_be64(cdb + 2, lba);
		put_be32(cdb + 10, n);
	} else {
		put_be32(cdb + 2, lba);
		put_be16(cdb + 7, n);
	}
}

static void test_prefetch(void **state)
{
	prefetch(SCSI_OP_PRE_FETCH_10, BLOCKS - 4, 4);
	assert_int_equal(decode(), 0);
	assert_int_equal(req.kind, SCSI_K_NONE);
	assert_int_equal(req.data_len, 0);
	prefetch(SCSI_OP_PRE_FETCH_16, BLOCKS - 1, 0);	/* to the end */
	assert_int_equal(decode(), 0);
	prefetch(SCSI_OP_PRE_FETCH_16, BLOCKS, 0);
	expect_fail(SCSI_SENSE_ILLEGAL_REQUEST, SCSI_ASC_LBA_OUT_OF_RANGE);
	prefetch(SCSI_OP_PRE_FETCH_10, BLOCKS - 4, 5);
	expect_fail(SCSI_SENSE_ILLEGAL_REQUEST, SCSI_ASC_LBA_OUT_OF_RANGE);
	prefetch(SCSI_OP_PRE_FETCH_16, ~0ull, 1);
	expect_fail(SCSI_SENSE_ILLEGAL_REQUEST, SCSI_ASC_LBA_OUT_OF_RANGE);
}

static void test_write_verify(void **state)
{
	static const u8 ops[] = {
		SCSI_OP_WRITE_VERIFY_10, SCSI_OP_WRITE_VERIFY_12,
		SCSI_OP_WRITE_VERIFY_16,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		memset(cdb, 0, sizeof(cdb));
		cdb[0] = ops[i];
		cdb[1] = 0x12;			/* DPO, BYTCHK */
		cdb[ops[i] == SCSI_OP_WRITE_VERIFY_10 ? 8 :
		    ops[i] == SCSI_OP_WRITE_VERIFY_12 ? 9 : 13] = 2;
		assert_int_equal(decode(), 0);
		assert_int_equal(req.kind, SCSI_K_WRITE);
		assert_int_equal(req.nblocks, 2);
		assert_int_equal(req.data_len, 8192);
		assert_true(req.fua);		/* on the medium when done */
		cdb[1] = 0x20;			/* WRPROTECT */
		expect_fail(SCSI_SENSE_ILLEGAL_REQUEST,
			    SCSI_ASC_INVALID_FIELD_IN_CDB);
	}
	lu.ro = true;
	cdb[1] = 0;
	expect_fail(SCSI_SENSE_DATA_PROTECT, SCSI_ASC_WRITE_PROTECTED);
}

static void orwrite(u8 flags, u64 lba, u32 n)
{
	memset(cdb, 0, sizeof(cdb));
	cdb[0] = SCSI_OP_ORWRITE_16;
	cdb[1] = flags;
	put_be64(cdb + 2, lba);
	put_be32(cdb + 10, n);
}

static void test_orwrite(void **state)
{
	orwrite(0x18, BLOCKS - 2, 2);		/* DPO, FUA */
	assert_int_equal(decode(), 0);
	assert_int_equal(req.kind, SCSI_K_ORWRITE);
	assert_int_equal(req.nblocks, 2);
	assert_int_equal(req.data_len, 8192);
	assert_true(req.data_out);
	assert_true(req.fua);
	orwrite(0, 0, 0);			/* nothing to OR */
	assert_int_equal(decode(), 0);
	assert_int_equal(req.data_len, 0);

	orwrite(0x20, 0, 1);			/* ORPROTECT */
	expect_fail(SCSI_SENSE_ILLEGAL_REQUEST, SCSI_ASC_INVALID_FIELD_IN_CDB);
	orwrite(0, 0, 2049);			/* the transfer limit */
	expect_fail(SCSI_SENSE_ILLEGAL_REQUEST, SCSI_ASC_INVALID_FIELD_IN_CDB);
	orwrite(0, BLOCKS - 1, 2);
	expect_fail(SCSI_SENSE_ILLEGAL_REQUEST, SCSI_ASC_LBA_OUT_OF_RANGE);
	orwrite(0, BLOCKS, 0);
	expect_fail(SCSI_SENSE_ILLEGAL_REQUEST, SCSI_ASC_LBA_OUT_OF_RANGE);
	lu.ro = true;
	orwrite(0, 0, 1);
	expect_fail(SCSI_SENSE_DATA_PROTECT, SCSI_ASC_WRITE_PROTECTED);
	lu.max_caw_blocks = 0;
	expect_fail(SCSI_SENSE_ILLEGAL_REQUEST, SCSI_ASC_INVALID_OPCODE);
}

static void test_first_diff(void **state)
{
	u8 a[600], b[600];

	memset(a, 'A', sizeof(a));
	memset(b, 'A', sizeof(b));
	assert_int_equal(scsi_first_diff(a, b, sizeof(a)), 600);
	assert_int_equal(scsi_first_diff(a, b, 0), 0);
	b[573] = 'C';
	assert_int_equal(scsi_first_diff(a, b, sizeof(a)), 573);
	b[0] = 'B';
	assert_int_equal(scsi_first_diff(a, b, sizeof(a)), 0);
}

static void test_miscompare_sense(void **state)
{
	u8 d[SCSI_SENSE_FIXED_LEN];

	assert_int_equal(scsi_miscompare(&sense, 0x01020304),
			 SCSI_STATUS_CHECK_CONDITION);
	assert_int_equal(scsi_sense_fixed(d, sizeof(d), &sense), 18);
	assert_int_equal(d[0], 0xf0);		/* VALID, current */
	assert_int_equal(d[2], SCSI_SENSE_MISCOMPARE);
	assert_int_equal(get_be32(d + 3), 0x01020304);
	assert_int_equal(d[7], 10);
	assert_int_equal(d[12], 0x1d);
	assert_int_equal(d[13], 0x00);

	/* the next error of the same sense has no INFORMATION */
	scsi_fail(&sense, SCSI_SENSE_ILLEGAL_REQUEST, 0x2400);
	assert_int_equal(scsi_sense_fixed(d, sizeof(d), &sense), 18);
	assert_int_equal(d[0], 0x70);
	assert_int_equal(get_be32(d + 3), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_caw, setup),
		cmocka_unit_test_setup(test_caw_errors, setup),
		cmocka_unit_test_setup(test_prefetch, setup),
		cmocka_unit_test_setup(test_write_verify, setup),
		cmocka_unit_test_setup(test_orwrite, setup),
		cmocka_unit_test_setup(test_first_diff, setup),
		cmocka_unit_test_setup(test_miscompare_sense, setup),
	};

	return cmocka_run_group_tests_name("scsi_cmp", tests, NULL, NULL);
}
