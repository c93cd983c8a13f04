// SPDX-License-Identifier: GPL-2.0
/*
 * MODE SENSE (6) and (10): headers, block descriptors and pages, byte for
 * byte, with and without DBD, WCE on and off, write protected or not.
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
static u8 buf[512];

static const u8 caching[20] = { 0x08, 0x12, 0x00 };
static const u8 caching_wce[20] = { 0x08, 0x12, 0x04 };
static const u8 control[12] = {
	0x0a, 0x0a, 0x02, 0x10, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00,
};
static const u8 iec[12] = { 0x1c, 0x0a, 0x08 };
static const u8 short_bd[8] = { 0x00, 0x20, 0x00, 0x00, 0x00, 0x00, 0x02 };

static int setup(void **state)
{
	memset(&lu, 0, sizeof(lu));
	lu.blocks = 0x200000;
	lu.blocksize = 512;
	lu.target_name = "iqn.2026-01.org.example:disk1";
	memset(&sense, 0, sizeof(sense));
	memset(buf, GUARD, sizeof(buf));
	return 0;
}

static void ms6(u8 dbd, u8 pc, u8 page, u8 sub, u8 alloc)
{
	memset(cdb, 0, sizeof(cdb));
	cdb[0] = SCSI_OP_MODE_SENSE_6;
	cdb[1] = dbd ? 0x08 : 0;
	cdb[2] = pc << 6 | page;
	cdb[3] = sub;
	cdb[4] = alloc;
}

static void ms10(u8 flags, u8 pc, u8 page, u8 sub, u16 alloc)
{
	memset(cdb, 0, sizeof(cdb));
	cdb[0] = SCSI_OP_MODE_SENSE_10;
	cdb[1] = flags;
	cdb[2] = pc << 6 | page;
	cdb[3] = sub;
	put_be16(cdb + 7, alloc);
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

static void test_all_pages6(void **state)
{
	static const u8 head[4] = { 55, 0x00, 0x10, 8 };

	ms6(0, 0, 0x3f, 0, 255);
	assert_int_equal(run(sizeof(buf)), 56);
	assert_memory_equal(buf, head, 4);
	assert_memory_equal(buf + 4, short_bd, 8);
	assert_memory_equal(buf + 12, caching, 20);
	assert_memory_equal(buf + 32, control, 12);
	assert_memory_equal(buf + 44, iec, 12);
	assert_int_equal(buf[56], GUARD);
}

static void test_dbd(void **state)
{
	static const u8 head[4] = { 47, 0x00, 0x10, 0 };

	ms6(1, 0, 0x3f, 0, 255);
	assert_int_equal(run(sizeof(buf)), 48);
	assert_memory_equal(buf, head, 4);
	assert_memory_equal(buf + 4, caching, 20);
	assert_memory_equal(buf + 24, control, 12);
	assert_memory_equal(buf + 36, iec, 12);
}

static void test_wce(void **state)
{
	ms6(1, 0, 0x08, 0, 255);
	assert_int_equal(run(sizeof(buf)), 24);
	assert_int_equal(buf[0], 23);
	assert_memory_equal(buf + 4, caching, 20);

	lu.wce = true;
	assert_int_equal(run(sizeof(buf)), 24);
	assert_memory_equal(buf + 4, caching_wce, 20);
}

static void test_write_protect(void **state)
{
	lu.ro = true;
	ms6(0, 0, 0x0a, 0, 255);
	assert_int_equal(run(sizeof(buf)), 24);
	assert_int_equal(buf[2], 0x90);		/* WP and DPOFUA */
	assert_memory_equal(buf + 12, control, 12);

	ms10(0, 0, 0x0a, 0, 255);
	assert_int_equal(run(sizeof(buf)), 28);
	assert_int_equal(buf[3], 0x90);
}

/* Each page alone; page 0 (vendor specific) is the header alone. */
static void test_single_pages(void **state)
{
	ms6(1, 0, 0x1c, 0, 255);
	assert_int_equal(run(sizeof(buf)), 16);
	assert_memory_equal(buf + 4, iec, 12);

	ms6(1, 0, 0x0a, 0, 255);
	assert_int_equal(run(sizeof(buf)), 16);
	assert_memory_equal(buf + 4, control, 12);

	ms6(0, 0, 0x00, 0, 255);
	assert_int_equal(run(sizeof(buf)), 12);
	assert_int_equal(buf[0], 11);
	assert_memory_equal(buf + 4, short_bd, 8);
}

static void test_short_bd_saturates(void **state)
{
	static const u8 bd[8] = { 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x10 };

	lu.blocks = 0x100000000ull;
	lu.blocksize = 4096;
	ms6(0, 0, 0x00, 0, 255);
	run(sizeof(buf));
	assert_memory_equal(buf + 4, bd, 8);

	lu.blocks = 0xffffffffull;
	run(sizeof(buf));
	assert_int_equal(get_be32(buf + 4), 0xffffffffu);
	lu.blocks = 0xfffffffeull;
	run(sizeof(buf));
	assert_int_equal(get_be32(buf + 4), 0xfffffffeu);
}

static void test_mode_sense10(void **state)
{
	static const u8 head[8] = { 0x00, 58, 0x00, 0x10, 0x00, 0x00, 0x00, 8 };

	ms10(0, 0, 0x3f, 0, 512);
	assert_int_equal(run(sizeof(buf)), 60);
	assert_memory_equal(buf, head, 8);
	assert_memory_equal(buf + 8, short_bd, 8);
	assert_memory_equal(buf + 16, caching, 20);
	assert_memory_equal(buf + 36, control, 12);
	assert_memory_equal(buf + 48, iec, 12);

	ms10(0x08, 0, 0x3f, 0, 512);		/* DBD */
	assert_int_equal(run(sizeof(buf)), 52);
	assert_int_equal(get_be16(buf), 50);
	assert_int_equal(get_be16(buf + 6), 0);
}

static void test_long_lba(void **state)
{
	static const u8 head[8] = { 0x00, 34, 0x00, 0x10, 0x01, 0x00, 0x00,
				    16 };
	static const u8 bd[16] = {
		0x00, 0x00, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00,
	};

	lu.blocks = 0x123456789abull;
	lu.blocksize = 4096;
	ms10(0x10, 0, 0x1c, 0, 512);		/* LLBAA */
	assert_int_equal(run(sizeof(buf)), 36);
	assert_memory_equal(buf, head, 8);
	assert_memory_equal(buf + 8, bd, 16);
	assert_memory_equal(buf + 24, iec, 12);

	/* DBD wins over LLBAA; MODE SENSE(6) has no LLBAA */
	ms10(0x18, 0, 0x1c, 0, 512);
	assert_int_equal(run(sizeof(buf)), 20);
	assert_int_equal(buf[4], 0);
	ms6(0, 0, 0x1c, 0, 255);
	cdb[1] = 0x10;
	assert_int_equal(run(sizeof(buf)), 24);
	assert_int_equal(buf[3], 8);
}

/* Subpage FFh: the page and all its subpages, which none has. */
static void test_subpages(void **state)
{
	ms6(0, 0, 0x3f, 0xff, 255);
	assert_int_equal(run(sizeof(buf)), 56);
	assert_memory_equal(buf + 12, caching, 20);
	ms6(1, 0, 0x08, 0xff, 255);
	assert_int_equal(run(sizeof(buf)), 24);

	ms6(0, 0, 0x3f, 0x01, 255);
	expect_invalid_field();
	ms6(0, 0, 0x0a, 0x01, 255);
	expect_invalid_field();
	ms10(0, 0, 0x0a, 0xf1, 255);
	expect_invalid_field();
	ms6(0, 0, 0x00, 0xff, 255);
	expect_invalid_field();
}

static void test_unsupported_pages(void **state)
{
	static const u8 pages[] = { 0x01, 0x02, 0x03, 0x04, 0x07, 0x19, 0x3e };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(pages); i++) {
		ms6(0, 0, pages[i], 0, 255);
		expect_invalid_field();
		ms10(0, 0, pages[i], 0, 255);
		expect_invalid_field();
	}
}

/*
 * SWP alone is changeable here (WCE is where the store allows it, which lu
 * does not say); default and saved values are the current ones.
 */
static void test_page_control(void **state)
{
	static const u8 caching0[20] = { 0x08, 0x12 };
	static const u8 control0[12] = { 0x0a, 0x0a, 0, 0, 0x08 };
	static const u8 iec0[12] = { 0x1c, 0x0a };
	u8 current[56];

	lu.wce = true;
	ms6(0, 0, 0x3f, 0, 255);
	assert_int_equal(run(sizeof(buf)), 56);
	memcpy(current, buf, sizeof(current));

	ms6(0, 1, 0x3f, 0, 255);
	assert_int_equal(run(sizeof(buf)), 56);
	assert_memory_equal(buf, current, 12);
	assert_memory_equal(buf + 12, caching0, 20);
	assert_memory_equal(buf + 32, control0, 12);
	assert_memory_equal(buf + 44, iec0, 12);

	ms6(0, 2, 0x3f, 0, 255);
	assert_int_equal(run(sizeof(buf)), 56);
	assert_memory_equal(buf, current, 56);
	ms6(0, 3, 0x3f, 0, 255);
	assert_int_equal(run(sizeof(buf)), 56);
	assert_memory_equal(buf, current, 56);
}

/* A 4-byte allocation gets the header, with the full mode data length. */
static void test_truncated(void **state)
{
	ms6(0, 0, 0x3f, 0, 4);
	assert_int_equal(run(4), 56);
	assert_int_equal(buf[0], 55);
	assert_int_equal(buf[2], 0x10);
	assert_int_equal(buf[4], GUARD);

	memset(buf, GUARD, sizeof(buf));
	ms10(0, 0, 0x3f, 0, 1);
	assert_int_equal(run(1), 60);
	assert_int_equal(buf[0], 0);
	assert_int_equal(buf[1], GUARD);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_all_pages6, setup),
		cmocka_unit_test_setup(test_dbd, setup),
		cmocka_unit_test_setup(test_wce, setup),
		cmocka_unit_test_setup(test_write_protect, setup),
		cmocka_unit_test_setup(test_single_pages, setup),
		cmocka_unit_test_setup(test_short_bd_saturates, setup),
		cmocka_unit_test_setup(test_mode_sense10, setup),
		cmocka_unit_test_setup(test_long_lba, setup),
		cmocka_unit_test_setup(test_subpages, setup),
		cmocka_unit_test_setup(test_unsupported_pages, setup),
		cmocka_unit_test_setup(test_page_control, setup),
		cmocka_unit_test_setup(test_truncated, setup),
	};

	return cmocka_run_group_tests_name("MODE SENSE", tests, NULL, NULL);
}
