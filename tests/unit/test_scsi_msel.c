// SPDX-License-Identifier: GPL-2.0
/*
 * MODE SELECT (6) and (10) (kernel/scsi_mode.c): what may be sent back,
 * what may change (WCE, where the store allows, and SWP), and where a refusal
 * points; MODE SENSE's changeable values to match.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "scsi.h"

static struct scsi_lu lu;
static struct scsi_sense sense;
static u8 cdb[16];
static u8 buf[256];
static u8 list[256];

static int setup(void **state)
{
	memset(&lu, 0, sizeof(lu));
	lu.blocks = 2097152;
	lu.blocksize = 512;
	lu.wce = true;
	lu.wce_changeable = true;
	memset(&sense, 0, sizeof(sense));
	return 0;
}

/* MODE SENSE (pc, page) as the initiator would, DBD set or not. */
static int sense10(u8 pc, u8 page, bool dbd)
{
	struct scsi_req req;

	memset(cdb, 0, sizeof(cdb));
	cdb[0] = SCSI_OP_MODE_SENSE_10;
	cdb[1] = dbd ? 0x08 : 0;
	cdb[2] = pc << 6 | page;
	put_be16(cdb + 7, sizeof(buf));
	assert_int_equal(scsi_decode(cdb, 16, &lu, &req, &sense), 0);
	return scsi_emulate(cdb, &lu, NULL, 0, buf, sizeof(buf), &sense);
}

static void select_cdb(u8 op, u8 flags, u32 len)
{
	memset(cdb, 0, sizeof(cdb));
	cdb[0] = op;
	cdb[1] = flags;
	if (op == SCSI_OP_MODE_SELECT_6)
		cdb[4] = len;
	else
		put_be16(cdb + 7, len);
}

/* A MODE SELECT (10) list from what MODE SENSE (10) just returned. */
static u32 list_from_sense(int n)
{
	memcpy(list, buf, n);
	put_be16(list, 0);		/* MODE DATA LENGTH: reserved */
	list[3] = 0;			/* device-specific: not set here */
	return n;
}

static int do_select(u32 len, struct scsi_mode_set *set)
{
	struct scsi_req req;
	int ret;

	ret = scsi_decode(cdb, 16, &lu, &req, &sense);
	if (ret)
		return ret;
	assert_int_equal(req.kind, SCSI_K_LU_STATE);
	assert_true(req.data_out);
	assert_int_equal(req.data_len, len);
	return scsi_mode_select(cdb, &lu, list, len, set, &sense);
}

static void expect_param(u16 field, u8 bit)
{
	u8 d[18];

	assert_int_equal(sense.key, SCSI_SENSE_ILLEGAL_REQUEST);
	assert_int_equal(sense.asc, 0x26);
	assert_true(sense.sks_valid);
	assert_false(sense.sks_cdb);
	assert_int_equal(sense.sks_field, field);
	assert_int_equal(sense.sks_bit, bit);
	scsi_sense_fixed(d, sizeof(d), &sense);
	assert_int_equal(d[15], 0x80 | (bit < 8 ? 0x08 | bit : 0));
	assert_int_equal(get_be16(d + 16), field);
}

/* Everything MODE SENSE reports, sent back unchanged, is accepted. */
static void test_all_pages_back(void **state)
{
	u32 len = list_from_sense(sense10(0, 0x3f, false));
	struct scsi_mode_set set;

	select_cdb(SCSI_OP_MODE_SELECT_10, 0x10, len);
	assert_int_equal(do_select(len, &set), 0);
	assert_true(set.wce);
	assert_false(set.swp);
}

/* Switching WCE off, as Linux's sd does for "write through". */
static void test_wce_off(void **state)
{
	u32 len = list_from_sense(sense10(0, 0x08, true));
	struct scsi_mode_set set;

	list[8 + 2] &= ~0x04;
	select_cdb(SCSI_OP_MODE_SELECT_10, 0x10, len);
	assert_int_equal(do_select(len, &set), 0);
	assert_false(set.wce);
}

/* MODE SELECT (6): a 4-byte header, then the page. */
static void test_six(void **state)
{
	int n = sense10(0, 0x08, true);
	struct scsi_mode_set set;

	list[0] = list[1] = list[2] = list[3] = 0;
	memcpy(list + 4, buf + 8, n - 8);
	list[4 + 2] &= ~0x04;
	select_cdb(SCSI_OP_MODE_SELECT_6, 0x10, n - 4);
	assert_int_equal(do_select(n - 4, &set), 0);
	assert_false(set.wce);
}

/* Where the store cannot switch, WCE is as fixed as the rest. */
static void test_wce_fixed(void **state)
{
	u32 len;
	struct scsi_mode_set set;

	lu.wce_changeable = false;
	len = list_from_sense(sense10(0, 0x08, true));
	list[8 + 2] ^= 0x04;
	select_cdb(SCSI_OP_MODE_SELECT_10, 0x10, len);
	assert_int_equal(do_select(len, &set),
			 SCSI_STATUS_CHECK_CONDITION);
	expect_param(8 + 2, 2);
}

/* A change outside the mask: the control page's D_SENSE. */
static void test_fixed_field(void **state)
{
	u32 len = list_from_sense(sense10(0, 0x0a, true));
	struct scsi_mode_set set;

	list[8 + 2] |= 0x04;
	select_cdb(SCSI_OP_MODE_SELECT_10, 0x10, len);
	assert_int_equal(do_select(len, &set),
			 SCSI_STATUS_CHECK_CONDITION);
	expect_param(8 + 2, 2);
}

/*
 * SWP on through the control page, then shown by MODE SENSE in the page
 * and as WP in the header (the emulation reports what lu says).
 */
static void test_swp(void **state)
{
	u32 len = list_from_sense(sense10(0, 0x0a, true));
	struct scsi_mode_set set;

	assert_int_equal(buf[8 + 4] & 0x08, 0);
	list[8 + 4] |= 0x08;
	select_cdb(SCSI_OP_MODE_SELECT_10, 0x10, len);
	assert_int_equal(do_select(len, &set), 0);
	assert_true(set.swp);
	assert_true(set.wce);
	lu.swp = lu.ro = true;
	sense10(0, 0x0a, true);
	assert_int_equal(buf[8 + 4] & 0x08, 0x08);
	assert_int_equal(buf[3] & 0x80, 0x80);
	/* A list without the control page leaves SWP as it is. */
	len = list_from_sense(sense10(0, 0x08, true));
	select_cdb(SCSI_OP_MODE_SELECT_10, 0x10, len);
	assert_int_equal(do_select(len, &set), 0);
	assert_true(set.swp);
}

static void test_bad_pages(void **state)
{
	u32 len = list_from_sense(sense10(0, 0x08, true));
	struct scsi_mode_set set;

	select_cdb(SCSI_OP_MODE_SELECT_10, 0x10, len);
	list[8] = 0x07;				/* no such page */
	assert_int_equal(do_select(len, &set), SCSI_STATUS_CHECK_CONDITION);
	expect_param(8, 5);
	list[8] = 0x08 | 0x40;			/* subpage format */
	assert_int_equal(do_select(len, &set), SCSI_STATUS_CHECK_CONDITION);
	expect_param(8, 6);
	list[8] = 0x08;
	list[9] = 0x0a;				/* wrong page length */
	assert_int_equal(do_select(len, &set), SCSI_STATUS_CHECK_CONDITION);
	expect_param(9, 7);
	list[9] = 0x12;
	list[2] = 1;				/* medium type */
	assert_int_equal(do_select(len, &set), SCSI_STATUS_CHECK_CONDITION);
	expect_param(2, SCSI_SKS_NO_BIT);
}

/* A list that ends inside a header or a page. */
static void test_short_list(void **state)
{
	u32 len = list_from_sense(sense10(0, 0x08, true));
	struct scsi_mode_set set;

	select_cdb(SCSI_OP_MODE_SELECT_10, 0x10, len - 1);
	assert_int_equal(do_select(len - 1, &set),
			 SCSI_STATUS_CHECK_CONDITION);
	assert_int_equal(sense.asc, 0x1a);
	select_cdb(SCSI_OP_MODE_SELECT_10, 0x10, 5);
	assert_int_equal(do_select(5, &set), SCSI_STATUS_CHECK_CONDITION);
	assert_int_equal(sense.asc, 0x1a);
}

/* The block descriptor may restate the LU, or say 0 blocks; no more. */
static void test_block_descriptor(void **state)
{
	u32 len = list_from_sense(sense10(0, 0x08, false));
	struct scsi_mode_set set;

	assert_int_equal(get_be16(list + 6), 8);
	select_cdb(SCSI_OP_MODE_SELECT_10, 0x10, len);
	assert_int_equal(do_select(len, &set), 0);
	put_be32(list + 8, 0);
	assert_int_equal(do_select(len, &set), 0);
	put_be32(list + 8, 1000);
	assert_int_equal(do_select(len, &set), SCSI_STATUS_CHECK_CONDITION);
	expect_param(8, SCSI_SKS_NO_BIT);
	put_be32(list + 8, 0);
	put_be32(list + 12, 4096);
	assert_int_equal(do_select(len, &set), SCSI_STATUS_CHECK_CONDITION);
	expect_param(13, SCSI_SKS_NO_BIT);
}

static void test_cdb(void **state)
{
	struct scsi_req req;

	select_cdb(SCSI_OP_MODE_SELECT_10, 0x11, 28);	/* SP */
	assert_int_equal(scsi_decode(cdb, 16, &lu, &req, &sense),
			 SCSI_STATUS_CHECK_CONDITION);
	assert_int_equal(sense.asc, 0x24);
	assert_true(sense.sks_valid && sense.sks_cdb);
	assert_int_equal(sense.sks_field, 1);
	assert_int_equal(sense.sks_bit, 0);
	select_cdb(SCSI_OP_MODE_SELECT_6, 0x00, 28);	/* no PF */
	assert_int_equal(scsi_decode(cdb, 16, &lu, &req, &sense),
			 SCSI_STATUS_CHECK_CONDITION);
	assert_int_equal(sense.sks_bit, 4);
	select_cdb(SCSI_OP_MODE_SELECT_6, 0x10, 0);	/* nothing to do */
	assert_int_equal(scsi_decode(cdb, 16, &lu, &req, &sense), 0);
	assert_int_equal(req.kind, SCSI_K_NONE);
}

/* The one changeable bit of a page at byte i, per page code. */
static u8 changeable(u8 page, int i)
{
	if (page == 0x08 && i == 2)
		return 0x04;		/* WCE */
	if (page == 0x0a && i == 4)
		return 0x08;		/* SWP */
	return 0;
}

/* MODE SENSE's changeable values: WCE where it can, and SWP. */
static void test_changeable(void **state)
{
	int n = sense10(1, 0x3f, true), at;

	for (at = 8; at < n; at += buf[at + 1] + 2) {
		int i;

		for (i = 2; i < buf[at + 1] + 2; i++)
			assert_int_equal(buf[at + i], changeable(buf[at], i));
	}
	lu.wce_changeable = false;
	n = sense10(1, 0x08, true);
	assert_int_equal(buf[8 + 2], 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_all_pages_back, setup),
		cmocka_unit_test_setup(test_wce_off, setup),
		cmocka_unit_test_setup(test_six, setup),
		cmocka_unit_test_setup(test_wce_fixed, setup),
		cmocka_unit_test_setup(test_fixed_field, setup),
		cmocka_unit_test_setup(test_swp, setup),
		cmocka_unit_test_setup(test_bad_pages, setup),
		cmocka_unit_test_setup(test_short_list, setup),
		cmocka_unit_test_setup(test_block_descriptor, setup),
		cmocka_unit_test_setup(test_cdb, setup),
		cmocka_unit_test_setup(test_changeable, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
