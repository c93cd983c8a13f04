// SPDX-License-Identifier: GPL-2.0
/*
 * Logical block provisioning: WRITE SAME, UNMAP and its parameter list,
 * GET LBA STATUS, and what the Block Limits and Logical Block
 * Provisioning pages and READ CAPACITY (16) say of them.
 */
#include "scsi_decode_test.h"

#define BLOCKS		100000ull

static u8 buf[4200];
static struct scsi_extent ext[SCSI_UNMAP_MAX_DESC + 4];

static int setup(void **state)
{
	memset(&lu, 0, sizeof(lu));
	lu.blocks = BLOCKS;
	lu.blocksize = 512;
	lu.max_xfer_blocks = 16384;
	lu.can_unmap = true;
	lu.lbprz = true;
	lu.unmap_gran_blocks = 8;
	lu.unmap_align_blocks = 3;
	lu.max_ws_blocks = 1 << 21;
	lu.max_caw_blocks = 255;
	memset(cdb, 0, sizeof(cdb));
	memset(buf, 0, sizeof(buf));
	memset(&sense, 0xee, sizeof(sense));
	return 0;
}

static void expect_illegal(u16 asc)
{
	expect_fail(SCSI_SENSE_ILLEGAL_REQUEST, asc);
}

static void ws10(u8 flags, u32 lba, u16 n)
{
	memset(cdb, 0, sizeof(cdb));
	cdb[0] = SCSI_OP_WRITE_SAME_10;
	cdb[1] = flags;
	put_be32(cdb + 2, lba);
	put_be16(cdb + 7, n);
}

static void ws16(u8 flags, u64 lba, u32 n)
{
	memset(cdb, 0, sizeof(cdb));
	cdb[0] = SCSI_OP_WRITE_SAME_16;
	cdb[1] = flags;
	put_be64(cdb + 2, lba);
	put_be32(cdb + 10, n);
}

static void test_write_same(void **state)
{
	ws10(0, 10, 256);
	assert_int_equal(decode(), 0);
	assert_int_equal(req.kind, SCSI_K_WRITE_SAME);
	assert_true(req.lba == 10);
	assert_int_equal(req.nblocks, 256);
	assert_int_equal(req.data_len, 512);
	assert_true(req.data_out);
	assert_false(req.unmap);
	assert_false(req.ndob);

	ws16(0x08, BLOCKS - 5, 5);		/* UNMAP, up to the last LBA */
	assert_int_equal(decode(), 0);
	assert_true(req.unmap);

	ws16(0x09, 0, 10);			/* NDOB: no data, zeroes */
	assert_int_equal(decode(), 0);
	assert_true(req.ndob);
	assert_false(req.data_out);
	assert_int_equal(req.data_len, 0);

	/* UNMAP on a store that cannot: a plain write */
	lu.can_unmap = false;
	ws10(0x08, 0, 1);
	assert_int_equal(decode(), 0);
	assert_false(req.unmap);
}

static void test_write_same_errors(void **state)
{
	static const u8 bad[] = { 0x20, 0x80, 0x02, 0x04, 0x10, 0x18 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		ws16(bad[i], 0, 1);
		expect_illegal(SCSI_ASC_INVALID_FIELD_IN_CDB);
	}
	ws10(0x01, 0, 1);			/* NDOB is reserved in (10) */
	expect_illegal(SCSI_ASC_INVALID_FIELD_IN_CDB);
	ws10(0, 0, 0);				/* WSNZ */
	expect_illegal(SCSI_ASC_INVALID_FIELD_IN_CDB);
	ws10(0, BLOCKS + 1, 0);			/* the LBA first */
	expect_illegal(SCSI_ASC_LBA_OUT_OF_RANGE);
	ws16(0, ~0ull, 0);
	expect_illegal(SCSI_ASC_LBA_OUT_OF_RANGE);
	ws16(0, BLOCKS - 1, 2);
	expect_illegal(SCSI_ASC_LBA_OUT_OF_RANGE);
	ws16(0, 0, (1 << 21) + 1);		/* MAXIMUM WRITE SAME LENGTH */
	expect_illegal(SCSI_ASC_INVALID_FIELD_IN_CDB);
	lu.ro = true;
	ws16(0, 0, 1);
	expect_fail(SCSI_SENSE_DATA_PROTECT, SCSI_ASC_WRITE_PROTECTED);
	lu.max_ws_blocks = 0;
	ws16(0, 0, 1);
	expect_illegal(SCSI_ASC_INVALID_OPCODE);
}

static void unmap_cdb(u8 flags, u16 len)
{
	memset(cdb, 0, sizeof(cdb));
	cdb[0] = SCSI_OP_UNMAP;
	cdb[1] = flags;
	put_be16(cdb + 7, len);
}

static void test_unmap_cdb(void **state)
{
	unmap_cdb(0, 24);
	assert_int_equal(decode(), 0);
	assert_int_equal(req.kind, SCSI_K_UNMAP);
	assert_int_equal(req.data_len, 24);
	assert_true(req.data_out);

	unmap_cdb(0, 0);			/* nothing to do */
	assert_int_equal(decode(), 0);
	assert_int_equal(req.kind, SCSI_K_NONE);

	unmap_cdb(0, 7);
	expect_illegal(SCSI_ASC_PARAM_LIST_LENGTH_ERROR);
	unmap_cdb(0x01, 24);			/* ANCHOR without ANC_SUP */
	expect_illegal(SCSI_ASC_INVALID_FIELD_IN_CDB);
	lu.ro = true;
	unmap_cdb(0, 24);
	expect_fail(SCSI_SENSE_DATA_PROTECT, SCSI_ASC_WRITE_PROTECTED);
	lu.can_unmap = false;
	unmap_cdb(0, 24);
	expect_illegal(SCSI_ASC_INVALID_OPCODE);
}

/* A parameter list of n descriptors, its lengths as SBC-3 sets them. */
static u32 params(unsigned int n)
{
	put_be16(buf, 6 + 16 * n);
	put_be16(buf + 2, 16 * n);
	memset(buf + 4, 0, 4);
	return 8 + 16 * n;
}

static void desc(unsigned int i, u64 lba, u32 n)
{
	put_be64(buf + 8 + 16 * i, lba);
	put_be32(buf + 8 + 16 * i + 8, n);
	memset(buf + 8 + 16 * i + 12, 0, 4);
}

static int parse(u32 len)
{
	return scsi_unmap_params(buf, len, &lu, ext, SCSI_UNMAP_MAX_DESC,
				 &sense);
}

static void expect_parse_fail(u32 len, u16 asc)
{
	assert_int_equal(parse(len), -SCSI_STATUS_CHECK_CONDITION);
	assert_int_equal(sense.key, SCSI_SENSE_ILLEGAL_REQUEST);
	assert_int_equal(sense.asc, asc >> 8);
	assert_int_equal(sense.ascq, asc & 0xff);
}

static void test_unmap_params(void **state)
{
	u32 len = params(3);

	desc(0, 0, 8);
	desc(1, 100, 0);			/* left out */
	desc(2, BLOCKS - 2, 2);
	assert_int_equal(parse(len), 2);
	assert_true(ext[0].lba == 0);
	assert_int_equal(ext[0].nblocks, 8);
	assert_true(ext[1].lba == BLOCKS - 2);
	assert_int_equal(ext[1].nblocks, 2);

	/* none at all; 0 blocks just past the end */
	assert_int_equal(parse(params(0)), 0);
	len = params(1);
	desc(0, BLOCKS, 0);
	assert_int_equal(parse(len), 0);

	/* a partial last descriptor is ignored */
	len = params(2);
	desc(0, 1, 1);
	put_be16(buf + 2, 16 + 8);
	assert_int_equal(parse(len), 1);

	/* lengths that claim less than came are what counts */
	len = params(2);
	desc(0, 1, 1);
	desc(1, BLOCKS + 5, 1);
	put_be16(buf, 6 + 16);
	put_be16(buf + 2, 16);
	assert_int_equal(parse(len), 1);

	/* the most descriptors; and a caller's smaller array */
	memset(buf, 0, sizeof(buf));
	len = params(SCSI_UNMAP_MAX_DESC);
	assert_int_equal(parse(len), 0);
	desc(0, 0, 1);
	desc(1, 1, 1);
	assert_int_equal(scsi_unmap_params(buf, len, &lu, ext, 1, &sense), 1);
}

static void test_unmap_params_errors(void **state)
{
	u32 len;

	expect_parse_fail(7, SCSI_ASC_PARAM_LIST_LENGTH_ERROR);
	expect_parse_fail(0, SCSI_ASC_PARAM_LIST_LENGTH_ERROR);

	len = params(1);			/* UNMAP DATA LENGTH too long */
	desc(0, 0, 1);
	put_be16(buf, 6 + 32);
	expect_parse_fail(len, SCSI_ASC_INVALID_FIELD_IN_PARAM_LIST);

	len = params(1);			/* descriptors beyond the list */
	put_be16(buf + 2, 32);
	expect_parse_fail(len, SCSI_ASC_INVALID_FIELD_IN_PARAM_LIST);

	len = params(SCSI_UNMAP_MAX_DESC + 1);	/* too many descriptors */
	expect_parse_fail(len, SCSI_ASC_INVALID_FIELD_IN_PARAM_LIST);

	lu.blocks = 1ull << 40;			/* more LBAs than 32 bits */
	len = params(2);
	desc(0, 0, 0xffffffffu);
	desc(1, 1ull << 33, 1);
	expect_parse_fail(len, SCSI_ASC_INVALID_FIELD_IN_PARAM_LIST);
	lu.blocks = BLOCKS;

	len = params(2);			/* out of the LU */
	desc(0, 0, 1);
	desc(1, BLOCKS - 1, 2);
	expect_parse_fail(len, SCSI_ASC_LBA_OUT_OF_RANGE);
	desc(1, BLOCKS + 1, 0);
	expect_parse_fail(len, SCSI_ASC_LBA_OUT_OF_RANGE);
	desc(1, ~0ull, 1);
	expect_parse_fail(len, SCSI_ASC_LBA_OUT_OF_RANGE);
}

static void lba_status_cdb(u64 lba, u32 alloc)
{
	memset(cdb, 0, sizeof(cdb));
	cdb[0] = SCSI_OP_SERVICE_ACTION_IN_16;
	cdb[1] = SCSI_SAI_GET_LBA_STATUS;
	put_be64(cdb + 2, lba);
	put_be32(cdb + 10, alloc);
}

static void test_lba_status_cdb(void **state)
{
	lba_status_cdb(BLOCKS - 1, 24);
	assert_int_equal(decode(), 0);
	assert_int_equal(req.kind, SCSI_K_LBA_STATUS);
	assert_true(req.lba == BLOCKS - 1);
	assert_int_equal(req.data_len, 24);
	assert_true(req.data_in);

	lba_status_cdb(0, 1 << 20);		/* capped */
	assert_int_equal(decode(), 0);
	assert_int_equal(req.data_len, SCSI_LBA_STATUS_MAX);

	lba_status_cdb(BLOCKS, 24);
	expect_illegal(SCSI_ASC_LBA_OUT_OF_RANGE);
	lu.can_unmap = false;
	lba_status_cdb(0, 24);
	expect_illegal(SCSI_ASC_INVALID_FIELD_IN_CDB);
}

static void test_lba_status_data(void **state)
{
	struct scsi_out o;

	scsi_out_init(&o, buf, sizeof(buf));
	scsi_lba_status_begin(&o);
	scsi_lba_status_add(&o, 0x0102030405060708ull, 0x11223344, true);
	scsi_lba_status_add(&o, 7, 1, false);
	scsi_lba_status_end(&o);
	assert_int_equal(o.pos, 8 + 32);
	assert_int_equal(get_be32(buf), 36);
	assert_int_equal(get_be32(buf + 4), 0);
	assert_true(get_be64(buf + 8) == 0x0102030405060708ull);
	assert_int_equal(get_be32(buf + 16), 0x11223344);
	assert_int_equal(buf[20], 0);		/* mapped */
	assert_int_equal(buf[21] | buf[22] | buf[23], 0);
	assert_true(get_be64(buf + 24) == 7);
	assert_int_equal(get_be32(buf + 32), 1);
	assert_int_equal(buf[36], 1);		/* deallocated */

	/* cut by the allocation length, the length still whole */
	memset(buf, 0xaa, sizeof(buf));
	scsi_out_init(&o, buf, 12);
	scsi_lba_status_begin(&o);
	scsi_lba_status_add(&o, 1, 2, true);
	scsi_lba_status_end(&o);
	assert_int_equal(o.pos, 24);
	assert_int_equal(get_be32(buf), 20);
	assert_int_equal(buf[12], 0xaa);
}

static int inquiry(u8 page)
{
	memset(cdb, 0, sizeof(cdb));
	cdb[0] = SCSI_OP_INQUIRY;
	cdb[1] = 1;
	cdb[2] = page;
	put_be16(cdb + 3, sizeof(buf));
	memset(buf, 0xaa, sizeof(buf));
	return scsi_emulate(cdb, &lu, NULL, 0, buf, sizeof(buf), &sense);
}

static void test_vpd_block_limits(void **state)
{
	assert_int_equal(inquiry(0xb0), 64);
	assert_int_equal(buf[3], 0x3c);
	assert_int_equal(buf[4], 0x01);		/* WSNZ */
	assert_int_equal(buf[5], 255);		/* COMPARE AND WRITE */
	assert_int_equal(get_be32(buf + 8), 16384);
	assert_int_equal(get_be32(buf + 16), 0);
	assert_int_equal(get_be32(buf + 20), SCSI_UNMAP_MAX_LBAS);
	assert_int_equal(get_be32(buf + 24), SCSI_UNMAP_MAX_DESC);
	assert_int_equal(get_be32(buf + 28), 8);
	assert_int_equal(get_be32(buf + 32), 0x80000003u);
	assert_true(get_be64(buf + 36) == 1 << 21);
	assert_int_equal(buf[63], 0);
	assert_int_equal(buf[64], 0xaa);

	/* without UNMAP its limits are 0, as SBC-3 asks */
	lu.can_unmap = false;
	lu.max_ws_blocks = 0;
	lu.max_caw_blocks = 0;
	assert_int_equal(inquiry(0xb0), 64);
	assert_int_equal(buf[4] | buf[5], 0);
	assert_int_equal(get_be32(buf + 20) | get_be32(buf + 24), 0);
	assert_int_equal(get_be32(buf + 28) | get_be32(buf + 32), 0);
	assert_true(get_be64(buf + 36) == 0);
}

static void test_vpd_lbp(void **state)
{
	assert_int_equal(inquiry(0x00), 4 + 6);
	assert_int_equal(buf[9], 0xb2);

	assert_int_equal(inquiry(0xb2), 8);
	assert_int_equal(buf[1], 0xb2);
	assert_int_equal(get_be16(buf + 2), 4);
	assert_int_equal(buf[4], 0);
	assert_int_equal(buf[5], 0xe4);		/* LBPU LBPWS LBPWS10 LBPRZ */
	assert_int_equal(buf[6], 0x02);		/* thin provisioned */
	assert_int_equal(buf[7], 0);

	lu.lbprz = false;
	assert_int_equal(inquiry(0xb2), 8);
	assert_int_equal(buf[5], 0xe0);

	/* no page at all for a LU that does not deallocate */
	lu.can_unmap = false;
	assert_int_equal(inquiry(0x00), 4 + 5);
	assert_int_equal(buf[8], 0xb1);
	assert_int_equal(inquiry(0xb2), -SCSI_STATUS_CHECK_CONDITION);
	assert_int_equal(sense.asc, 0x24);
}

static int rc16(void)
{
	memset(cdb, 0, sizeof(cdb));
	cdb[0] = SCSI_OP_SERVICE_ACTION_IN_16;
	cdb[1] = SCSI_SAI_READ_CAPACITY_16;
	put_be32(cdb + 10, 32);
	return scsi_emulate(cdb, &lu, NULL, 0, buf, 32, &sense);
}

static void test_rc16_provisioning(void **state)
{
	assert_int_equal(rc16(), 32);
	assert_int_equal(buf[12] | buf[13], 0);
	assert_int_equal(buf[14], 0xc0);	/* LBPME, LBPRZ */
	assert_int_equal(buf[15], 0);
	lu.lbprz = false;
	assert_int_equal(rc16(), 32);
	assert_int_equal(buf[14], 0x80);
	lu.lbprz = true;			/* no LBPRZ without LBPME */
	lu.can_unmap = false;
	assert_int_equal(rc16(), 32);
	assert_int_equal(buf[14], 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_write_same, setup),
		cmocka_unit_test_setup(test_write_same_errors, setup),
		cmocka_unit_test_setup(test_unmap_cdb, setup),
		cmocka_unit_test_setup(test_unmap_params, setup),
		cmocka_unit_test_setup(test_unmap_params_errors, setup),
		cmocka_unit_test_setup(test_lba_status_cdb, setup),
		cmocka_unit_test_setup(test_lba_status_data, setup),
		cmocka_unit_test_setup(test_vpd_block_limits, setup),
		cmocka_unit_test_setup(test_vpd_lbp, setup),
		cmocka_unit_test_setup(test_rc16_provisioning, setup),
	};

	return cmocka_run_group_tests_name("scsi_thin", tests, NULL, NULL);
}
