// SPDX-License-Identifier: GPL-2.0
/*
 * scsi_decode(): what each CDB asks for, and the sense of every refusal.
 */
#include "scsi_decode_test.h"

#define BLOCKS		1000000ull

static int setup(void **state)
{
	memset(&lu, 0, sizeof(lu));
	lu.blocks = BLOCKS;
	lu.blocksize = 512;
	lu.target_name = "iqn.2026-01.org.example:disk1";
	memset(cdb, 0, sizeof(cdb));
	memset(&sense, 0xee, sizeof(sense));
	return 0;
}

static void expect_invalid_field(void)
{
	expect_fail(SCSI_SENSE_ILLEGAL_REQUEST, SCSI_ASC_INVALID_FIELD_IN_CDB);
}

static void expect_oob(void)
{
	expect_fail(SCSI_SENSE_ILLEGAL_REQUEST, SCSI_ASC_LBA_OUT_OF_RANGE);
}

static void cdb6(u8 op, u32 lba, u8 n)
{
	memset(cdb, 0, sizeof(cdb));
	cdb[0] = op;
	cdb[1] = (lba >> 16) & 0x1f;
	put_be16(cdb + 2, lba);
	cdb[4] = n;
}

static void cdb10(u8 op, u8 flags, u32 lba, u16 n)
{
	memset(cdb, 0, sizeof(cdb));
	cdb[0] = op;
	cdb[1] = flags;
	put_be32(cdb + 2, lba);
	put_be16(cdb + 7, n);
}

static void cdb12(u8 op, u8 flags, u32 lba, u32 n)
{
	memset(cdb, 0, sizeof(cdb));
	cdb[0] = op;
	cdb[1] = flags;
	put_be32(cdb + 2, lba);
	put_be32(cdb + 6, n);
}

static void cdb16(u8 op, u8 flags, u64 lba, u32 n)
{
	memset(cdb, 0, sizeof(cdb));
	cdb[0] = op;
	cdb[1] = flags;
	put_be64(cdb + 2, lba);
	put_be32(cdb + 10, n);
}

static void expect_block(enum scsi_kind kind, u64 lba, u32 n, u32 bytes,
			 bool in, bool out)
{
	assert_int_equal(decode(), 0);
	assert_int_equal(req.kind, kind);
	assert_true(req.lba == lba);
	assert_int_equal(req.nblocks, n);
	assert_int_equal(req.data_len, bytes);
	assert_int_equal(req.data_in, in);
	assert_int_equal(req.data_out, out);
}

/* READ(6)/WRITE(6): 21-bit LBA spread over bytes 1-3; length 0 is 256. */
static void test_rw6(void **state)
{
	cdb6(SCSI_OP_READ_6, 0x0f1234, 7);
	expect_block(SCSI_K_READ, 0x0f1234, 7, 7 * 512, true, false);
	assert_false(req.fua);

	cdb6(SCSI_OP_WRITE_6, 0x1fffff, 0);
	lu.blocks = 0x200000 + 255;
	expect_block(SCSI_K_WRITE, 0x1fffff, 256, 256 * 512, false, true);

	/* bits 7-5 of byte 1 are not part of the LBA */
	cdb6(SCSI_OP_READ_6, 5, 1);
	cdb[1] |= 0xe0;
	expect_block(SCSI_K_READ, 5, 1, 512, true, false);
}

static void test_rw10(void **state)
{
	cdb10(SCSI_OP_READ_10, 0, 0x000a1b2c, 0x0102);
	expect_block(SCSI_K_READ, 0xa1b2c, 0x102, 0x102 * 512, true, false);
	assert_false(req.fua);

	cdb10(SCSI_OP_WRITE_10, 0x08, 99, 1);
	expect_block(SCSI_K_WRITE, 99, 1, 512, false, true);
	assert_true(req.fua);

	/* DPO is accepted and changes nothing */
	cdb10(SCSI_OP_READ_10, 0x10, 0, 1);
	expect_block(SCSI_K_READ, 0, 1, 512, true, false);
	assert_false(req.fua);
}

static void test_rw12(void **state)
{
	cdb12(SCSI_OP_READ_12, 0x18, 0x000f0000, 0x00000a00);
	expect_block(SCSI_K_READ, 0xf0000, 0xa00, 0xa00 * 512, true, false);
	assert_true(req.fua);

	cdb12(SCSI_OP_WRITE_12, 0, 3, 0x10);
	expect_block(SCSI_K_WRITE, 3, 0x10, 0x2000, false, true);
	assert_false(req.fua);
}

static void test_rw16(void **state)
{
	lu.blocks = 0x123456789abull;
	lu.blocksize = 4096;
	cdb16(SCSI_OP_READ_16, 0x08, 0x123456789aaull, 1);
	expect_block(SCSI_K_READ, 0x123456789aaull, 1, 4096, true, false);
	assert_true(req.fua);

	cdb16(SCSI_OP_WRITE_16, 0, 0x100000000ull, 0x100);
	expect_block(SCSI_K_WRITE, 0x100000000ull, 0x100, 0x100000, false,
		     true);
}

/* Zero blocks transfers nothing but still names a valid LBA. */
static void test_zero_blocks(void **state)
{
	cdb10(SCSI_OP_READ_10, 0, 0, 0);
	expect_block(SCSI_K_READ, 0, 0, 0, true, false);
	cdb16(SCSI_OP_WRITE_16, 0, BLOCKS - 1, 0);
	expect_block(SCSI_K_WRITE, BLOCKS - 1, 0, 0, false, true);
	cdb10(SCSI_OP_READ_10, 0, BLOCKS, 0);
	expect_oob();
	cdb10(SCSI_OP_WRITE_10, 0, BLOCKS + 1, 0);
	expect_oob();
	cdb12(SCSI_OP_READ_12, 0, 0x80000000u, 0);
	expect_oob();
	cdb10(SCSI_OP_READ_10, 0, 0xffffffffu, 0);
	expect_oob();
}

static void test_beyond_end(void **state)
{
	cdb10(SCSI_OP_READ_10, 0, BLOCKS - 8, 8);
	expect_block(SCSI_K_READ, BLOCKS - 8, 8, 4096, true, false);
	cdb10(SCSI_OP_READ_10, 0, BLOCKS - 8, 9);
	expect_oob();
	cdb12(SCSI_OP_WRITE_12, 0, BLOCKS - 1, 2);
	expect_oob();
	cdb10(SCSI_OP_READ_10, 0, 0x80000000u, 1);
	expect_oob();
	/* LBA + length wraps around 2^64: still out of range */
	cdb16(SCSI_OP_READ_16, 0, 0xffffffffffffffffull, 1);
	expect_oob();
	cdb16(SCSI_OP_WRITE_16, 0, 0xfffffffffffffff0ull, 0x20);
	expect_oob();
	cdb6(SCSI_OP_READ_6, 0x1fffff, 1);
	expect_oob();
	cdb6(SCSI_OP_WRITE_6, BLOCKS - 255, 0);	/* 256 blocks */
	expect_oob();
}

/* No protection information: any RDPROTECT/WRPROTECT/VRPROTECT fails. */
static void test_protect_fields(void **state)
{
	static const u8 ops[] = {
		SCSI_OP_READ_10, SCSI_OP_WRITE_10, SCSI_OP_READ_12,
		SCSI_OP_WRITE_12, SCSI_OP_READ_16, SCSI_OP_WRITE_16,
		SCSI_OP_VERIFY_10, SCSI_OP_VERIFY_12, SCSI_OP_VERIFY_16,
	};
	unsigned int i, p;

	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		for (p = 1; p < 8; p++) {
			if (ops[i] == SCSI_OP_READ_16 ||
			    ops[i] == SCSI_OP_WRITE_16 ||
			    ops[i] == SCSI_OP_VERIFY_16)
				cdb16(ops[i], p << 5, 0, 1);
			else if (ops[i] == SCSI_OP_READ_12 ||
				 ops[i] == SCSI_OP_WRITE_12 ||
				 ops[i] == SCSI_OP_VERIFY_12)
				cdb12(ops[i], p << 5, 0, 1);
			else
				cdb10(ops[i], p << 5, 0, 1);
			expect_invalid_field();
		}
	}
}

static void test_write_protect(void **state)
{
	lu.ro = true;
	cdb10(SCSI_OP_WRITE_10, 0, 0, 1);
	expect_fail(SCSI_SENSE_DATA_PROTECT, SCSI_ASC_WRITE_PROTECTED);
	cdb6(SCSI_OP_WRITE_6, 0, 1);
	expect_fail(SCSI_SENSE_DATA_PROTECT, SCSI_ASC_WRITE_PROTECTED);
	cdb12(SCSI_OP_WRITE_12, 0, 0, 0);
	expect_fail(SCSI_SENSE_DATA_PROTECT, SCSI_ASC_WRITE_PROTECTED);
	cdb16(SCSI_OP_WRITE_16, 0, 0, 1);
	expect_fail(SCSI_SENSE_DATA_PROTECT, SCSI_ASC_WRITE_PROTECTED);

	/* CDB errors come before the medium's state */
	cdb10(SCSI_OP_WRITE_10, 0, BLOCKS, 1);
	expect_oob();
	cdb10(SCSI_OP_WRITE_10, 0x20, 0, 1);
	expect_invalid_field();

	/* reading, verifying and flushing stay allowed */
	cdb10(SCSI_OP_READ_10, 0, 0, 1);
	assert_int_equal(decode(), 0);
	cdb10(SCSI_OP_VERIFY_10, 0, 0, 1);
	assert_int_equal(decode(), 0);
	cdb10(SCSI_OP_SYNCHRONIZE_CACHE_10, 0, 0, 0);
	assert_int_equal(decode(), 0);
}

static void test_transfer_limits(void **state)
{
	lu.max_xfer_blocks = 128;
	cdb10(SCSI_OP_READ_10, 0, 0, 128);
	assert_int_equal(decode(), 0);
	cdb10(SCSI_OP_READ_10, 0, 0, 129);
	expect_invalid_field();
	cdb6(SCSI_OP_WRITE_6, 0, 0);		/* 256 blocks */
	expect_invalid_field();

	/* more than 4 GiB cannot be one iSCSI transfer */
	lu.max_xfer_blocks = 0;
	lu.blocks = 1ull << 40;
	cdb16(SCSI_OP_READ_16, 0, 0, 0x00800000);	/* 4 GiB */
	expect_invalid_field();
	cdb16(SCSI_OP_READ_16, 0, 0, 0x007fffff);
	expect_block(SCSI_K_READ, 0, 0x7fffff, 0xfffffe00u, true, false);
}

static void test_verify(void **state)
{
	cdb10(SCSI_OP_VERIFY_10, 0x10, 0x1234, 0x20);	/* DPO */
	expect_block(SCSI_K_VERIFY, 0x1234, 0x20, 0, false, false);
	assert_false(req.compare);

	cdb12(SCSI_OP_VERIFY_12, 0, 0x55, 0x10000);
	expect_block(SCSI_K_VERIFY, 0x55, 0x10000, 0, false, false);

	cdb16(SCSI_OP_VERIFY_16, 0, BLOCKS - 1, 1);
	expect_block(SCSI_K_VERIFY, BLOCKS - 1, 1, 0, false, false);
	cdb16(SCSI_OP_VERIFY_16, 0, BLOCKS - 1, 2);
	expect_oob();
	cdb10(SCSI_OP_VERIFY_10, 0, BLOCKS + 1, 0);
	expect_oob();
}

static void test_verify_bytchk(void **state)
{
	cdb10(SCSI_OP_VERIFY_10, 0x02, 0, 1);		/* BYTCHK 01b */
	expect_invalid_field();

	lu.can_compare = true;
	cdb10(SCSI_OP_VERIFY_10, 0x02, 7, 2);
	expect_block(SCSI_K_VERIFY, 7, 2, 1024, false, true);
	assert_true(req.compare);
	cdb16(SCSI_OP_VERIFY_16, 0x02, 7, 3);
	expect_block(SCSI_K_VERIFY, 7, 3, 1536, false, true);

	cdb10(SCSI_OP_VERIFY_10, 0x04, 0, 1);		/* 10b: reserved */
	expect_invalid_field();
	cdb10(SCSI_OP_VERIFY_10, 0x06, 0, 1);		/* 11b */
	expect_invalid_field();
	cdb10(SCSI_OP_VERIFY_10, 0x02, BLOCKS, 1);
	expect_oob();
}

static void test_sync(void **state)
{
	cdb10(SCSI_OP_SYNCHRONIZE_CACHE_10, 0x02, 0, 0);	/* IMMED */
	expect_block(SCSI_K_SYNC, 0, 0, 0, false, false);
	cdb16(SCSI_OP_SYNCHRONIZE_CACHE_16, 0, 0x100, 0x200);
	expect_block(SCSI_K_SYNC, 0x100, 0x200, 0, false, false);
	cdb10(SCSI_OP_SYNCHRONIZE_CACHE_10, 0, BLOCKS - 1, 0);
	expect_block(SCSI_K_SYNC, BLOCKS - 1, 0, 0, false, false);
	cdb10(SCSI_OP_SYNCHRONIZE_CACHE_10, 0, BLOCKS, 0);
	expect_oob();
	cdb16(SCSI_OP_SYNCHRONIZE_CACHE_16, 0, BLOCKS - 2, 3);
	expect_oob();
}

static void test_tur(void **state)
{
	cdb[0] = SCSI_OP_TEST_UNIT_READY;
	assert_int_equal(decode(), 0);
	assert_int_equal(req.kind, SCSI_K_NONE);
	assert_int_equal(req.data_len, 0);
	assert_false(req.data_in || req.data_out);
}

static void start_stop(u8 immed, u8 b4)
{
	memset(cdb, 0, sizeof(cdb));
	cdb[0] = SCSI_OP_START_STOP_UNIT;
	cdb[1] = immed;
	cdb[4] = b4;
}

static void test_start_stop(void **state)
{
	start_stop(1, 0x01);			/* START */
	assert_int_equal(decode(), 0);
	assert_int_equal(req.kind, SCSI_K_NONE);
	start_stop(0, 0x01);
	assert_int_equal(decode(), 0);
	assert_int_equal(req.kind, SCSI_K_NONE);

	/* stopping writes the cache back, unless NO_FLUSH */
	start_stop(1, 0x00);
	assert_int_equal(decode(), 0);
	assert_int_equal(req.kind, SCSI_K_SYNC);
	assert_true(req.lba == 0);
	assert_int_equal(req.nblocks, 0);
	start_stop(0, 0x04);
	assert_int_equal(decode(), 0);
	assert_int_equal(req.kind, SCSI_K_NONE);

	/* nothing to load or eject */
	start_stop(1, 0x02);
	expect_invalid_field();
	start_stop(0, 0x03);
	expect_invalid_field();

	/* power conditions are accepted, START and LOEJ then ignored */
	start_stop(1, 0x32);
	assert_int_equal(decode(), 0);
	assert_int_equal(req.kind, SCSI_K_NONE);
}

/* NACA and LINK in the CONTROL byte, the last byte of each CDB size. */
static void test_control_byte(void **state)
{
	cdb[0] = SCSI_OP_TEST_UNIT_READY;
	cdb[5] = 0x04;
	expect_invalid_field();
	cdb[5] = 0x01;
	expect_invalid_field();
	cdb[5] = 0xc0;				/* vendor specific bits */
	assert_int_equal(decode(), 0);

	cdb10(SCSI_OP_READ_10, 0, 0, 1);
	cdb[9] = 0x04;
	expect_invalid_field();
	cdb12(SCSI_OP_READ_12, 0, 0, 1);
	cdb[11] = 0x01;
	expect_invalid_field();
	cdb16(SCSI_OP_READ_16, 0, 0, 1);
	cdb[15] = 0x04;
	expect_invalid_field();
	cdb16(SCSI_OP_READ_16, 0, BLOCKS, 1);
	cdb[15] = 0x04;
	expect_invalid_field();			/* before the range */
}

static void test_invalid_opcode(void **state)
{
	static const u8 ops[] = {
		0x01, 0x04, 0x1d, 0x18, 0x3e, 0x41, 0x42, 0x5c, 0x7f, 0x83,
		0x93, 0xa2, 0xc0, 0xff,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		memset(cdb, 0, sizeof(cdb));
		cdb[0] = ops[i];
		expect_fail(SCSI_SENSE_ILLEGAL_REQUEST,
			    SCSI_ASC_INVALID_OPCODE);
	}
	/* the opcode is judged before the CONTROL byte */
	cdb[0] = 0x04;
	cdb[5] = 0x04;
	expect_fail(SCSI_SENSE_ILLEGAL_REQUEST, SCSI_ASC_INVALID_OPCODE);
}

static void test_short_cdb(void **state)
{
	cdb16(SCSI_OP_READ_16, 0, 0, 1);
	assert_int_equal(scsi_decode(cdb, 12, &lu, &req, &sense),
			 SCSI_STATUS_CHECK_CONDITION);
	assert_int_equal(sense.asc, 0x24);
	cdb6(SCSI_OP_READ_6, 0, 1);
	assert_int_equal(scsi_decode(cdb, 6, &lu, &req, &sense), 0);
	assert_int_equal(scsi_decode(cdb, 0, &lu, &req, &sense),
			 SCSI_STATUS_CHECK_CONDITION);
	assert_int_equal(sense.asc, 0x20);
}

/* A LUN the target lacks answers only INQUIRY, REPORT LUNS, REQUEST SENSE. */
static void test_no_lu(void **state)
{
	static const u8 ok[] = {
		SCSI_OP_INQUIRY, SCSI_OP_REPORT_LUNS, SCSI_OP_REQUEST_SENSE,
	};
	static const u8 refused[] = {
		SCSI_OP_TEST_UNIT_READY, SCSI_OP_READ_10, SCSI_OP_WRITE_16,
		SCSI_OP_MODE_SENSE_6, SCSI_OP_READ_CAPACITY_10, 0x04,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ok); i++) {
		memset(cdb, 0, sizeof(cdb));
		cdb[0] = ok[i];
		assert_int_equal(scsi_decode(cdb, 16, NULL, &req, &sense), 0);
		assert_int_equal(req.kind, SCSI_K_EMULATE);
	}
	for (i = 0; i < ARRAY_SIZE(refused); i++) {
		memset(cdb, 0, sizeof(cdb));
		cdb[0] = refused[i];
		assert_int_equal(scsi_decode(cdb, 16, NULL, &req, &sense),
				 SCSI_STATUS_CHECK_CONDITION);
		assert_int_equal(sense.key, SCSI_SENSE_ILLEGAL_REQUEST);
		assert_int_equal(sense.asc, 0x25);
		assert_int_equal(sense.ascq, 0x00);
	}
}

static void expect_emulated(u32 alloc)
{
	assert_int_equal(decode(), 0);
	assert_int_equal(req.kind, SCSI_K_EMULATE);
	assert_int_equal(req.data_len, alloc);
	assert_true(req.data_in);
	assert_false(req.data_out);
}

/* Emulated commands: data_len is the allocation length, wherever it is. */
static void test_allocation_lengths(void **state)
{
	cdb[0] = SCSI_OP_INQUIRY;
	put_be16(cdb + 3, 0x0104);
	expect_emulated(0x104);

	memset(cdb, 0, sizeof(cdb));
	cdb[0] = SCSI_OP_INQUIRY;
	expect_emulated(0);

	memset(cdb, 0, sizeof(cdb));
	cdb[0] = SCSI_OP_REQUEST_SENSE;
	cdb[4] = 252;
	expect_emulated(252);

	memset(cdb, 0, sizeof(cdb));
	cdb[0] = SCSI_OP_MODE_SENSE_6;
	cdb[4] = 0xff;
	expect_emulated(255);

	memset(cdb, 0, sizeof(cdb));
	cdb[0] = SCSI_OP_MODE_SENSE_10;
	put_be16(cdb + 7, 0x1234);
	expect_emulated(0x1234);

	memset(cdb, 0, sizeof(cdb));
	cdb[0] = SCSI_OP_READ_CAPACITY_10;
	expect_emulated(8);

	memset(cdb, 0, sizeof(cdb));
	cdb[0] = SCSI_OP_SERVICE_ACTION_IN_16;
	cdb[1] = SCSI_SAI_READ_CAPACITY_16;
	put_be32(cdb + 10, 0x01020304);
	expect_emulated(0x01020304);

	memset(cdb, 0, sizeof(cdb));
	cdb[0] = SCSI_OP_REPORT_LUNS;
	put_be32(cdb + 6, 0x00010000);
	expect_emulated(0x10000);
}

/* SERVICE ACTION IN(16) other than READ CAPACITY(16), e.g. GET LBA STATUS */
static void test_service_action(void **state)
{
	cdb[0] = SCSI_OP_SERVICE_ACTION_IN_16;
	cdb[1] = 0x12;
	expect_invalid_field();
	cdb[1] = 0xe0 | SCSI_SAI_READ_CAPACITY_16;	/* top bits ignored */
	expect_emulated(0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_rw6, setup),
		cmocka_unit_test_setup(test_rw10, setup),
		cmocka_unit_test_setup(test_rw12, setup),
		cmocka_unit_test_setup(test_rw16, setup),
		cmocka_unit_test_setup(test_zero_blocks, setup),
		cmocka_unit_test_setup(test_beyond_end, setup),
		cmocka_unit_test_setup(test_protect_fields, setup),
		cmocka_unit_test_setup(test_write_protect, setup),
		cmocka_unit_test_setup(test_transfer_limits, setup),
		cmocka_unit_test_setup(test_verify, setup),
		cmocka_unit_test_setup(test_verify_bytchk, setup),
		cmocka_unit_test_setup(test_sync, setup),
		cmocka_unit_test_setup(test_tur, setup),
		cmocka_unit_test_setup(test_start_stop, setup),
		cmocka_unit_test_setup(test_control_byte, setup),
		cmocka_unit_test_setup(test_invalid_opcode, setup),
		cmocka_unit_test_setup(test_short_cdb, setup),
		cmocka_unit_test_setup(test_no_lu, setup),
		cmocka_unit_test_setup(test_allocation_lengths, setup),
		cmocka_unit_test_setup(test_service_action, setup),
	};

	return cmocka_run_group_tests_name("scsi_decode", tests, NULL, NULL);
}
