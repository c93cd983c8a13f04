// SPDX-License-Identifier: GPL-2.0
/*
 * INQUIRY: the standard data and every VPD page, byte for byte. The hash
 * values were computed apart from the code under test (FNV-1a 64 of the
 * target name followed by the LUN as 4 big-endian bytes).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "scsi.h"

#define NAME		"iqn.2026-01.org.example:disk1"
#define GUARD		0xaa

static struct scsi_lu lu;
static struct scsi_sense sense;
static u8 cdb[16];
static u8 buf[512];

static int setup(void **state)
{
	memset(&lu, 0, sizeof(lu));
	lu.blocks = 2097152;
	lu.blocksize = 512;
	lu.target_name = NAME;
	lu.scsi_id = "";
	lu.scsi_sn = "";
	lu.lun = 3;
	lu.tid = 1;
	memset(&sense, 0, sizeof(sense));
	memset(buf, GUARD, sizeof(buf));
	return 0;
}

static void inquiry(u8 evpd, u8 page, u16 alloc)
{
	memset(cdb, 0, sizeof(cdb));
	cdb[0] = SCSI_OP_INQUIRY;
	cdb[1] = evpd;
	cdb[2] = page;
	put_be16(cdb + 3, alloc);
}

static int run(const struct scsi_lu *l, unsigned int len)
{
	return scsi_emulate(cdb, l, NULL, 0, buf, len, &sense);
}

static void expect_invalid_field(const struct scsi_lu *l)
{
	assert_int_equal(run(l, sizeof(buf)), -SCSI_STATUS_CHECK_CONDITION);
	assert_int_equal(sense.key, SCSI_SENSE_ILLEGAL_REQUEST);
	assert_int_equal(sense.asc, 0x24);
	assert_int_equal(sense.ascq, 0x00);
}

static void test_standard(void **state)
{
	static const u8 head[] = {
		0x00, 0x00, 0x06, 0x12, 91, 0x00, 0x00, 0x02,
		'I', 'E', 'T', ' ', ' ', ' ', ' ', ' ',
		'V', 'I', 'R', 'T', 'U', 'A', 'L', '-',
		'D', 'I', 'S', 'K', ' ', ' ', ' ', ' ',
		'0', ' ', ' ', ' ',
	};
	static const u8 versions[16] = {
		0x00, 0xa0, 0x04, 0x60, 0x04, 0xc0, 0x09, 0x60,
	};
	static const u8 zero[22];

	inquiry(0, 0, 255);
	assert_int_equal(run(&lu, sizeof(buf)), 96);
	assert_memory_equal(buf, head, sizeof(head));
	assert_memory_equal(buf + 36, zero, 22);
	assert_memory_equal(buf + 58, versions, sizeof(versions));
	assert_memory_equal(buf + 74, zero, 22);
	assert_int_equal(buf[96], GUARD);
}

/* Any allocation length works; the full length is always reported. */
static void test_standard_truncated(void **state)
{
	inquiry(0, 0, 5);
	assert_int_equal(run(&lu, 5), 96);
	assert_int_equal(buf[4], 91);
	assert_int_equal(buf[5], GUARD);
	assert_int_equal(run(&lu, 0), 96);
	assert_int_equal(scsi_emulate(cdb, &lu, NULL, 0, NULL, 0, &sense), 96);
}

static void test_standard_no_lu(void **state)
{
	inquiry(0, 0, 96);
	assert_int_equal(run(NULL, sizeof(buf)), 96);
	assert_int_equal(buf[0], 0x7f);		/* PQ 011b, type 1Fh */
	assert_memory_equal(buf + 8, "IET     ", 8);

	inquiry(1, 0x80, 255);
	assert_int_equal(run(NULL, sizeof(buf)), -SCSI_STATUS_CHECK_CONDITION);
	assert_int_equal(sense.key, SCSI_SENSE_ILLEGAL_REQUEST);
	assert_int_equal(sense.asc, 0x25);
}

static void test_bad_fields(void **state)
{
	inquiry(0, 0x80, 255);			/* page code without EVPD */
	expect_invalid_field(&lu);
	inquiry(0, 0x01, 255);
	expect_invalid_field(&lu);
	inquiry(0x02, 0, 255);			/* CMDDT */
	expect_invalid_field(&lu);
	inquiry(0x03, 0, 255);
	expect_invalid_field(&lu);
}

static void test_unknown_pages(void **state)
{
	static const u8 pages[] = { 0x01, 0x81, 0x86, 0x89, 0xb2, 0xb7, 0xff };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(pages); i++) {
		inquiry(1, pages[i], 255);
		expect_invalid_field(&lu);
	}
}

static void test_supported_pages(void **state)
{
	static const u8 want[] = {
		0x00, 0x00, 0x00, 0x05, 0x00, 0x80, 0x83, 0xb0, 0xb1,
	};

	inquiry(1, 0x00, 255);
	assert_int_equal(run(&lu, sizeof(buf)), sizeof(want));
	assert_memory_equal(buf, want, sizeof(want));
}

static void expect_serial(const char *sn)
{
	unsigned int n = strlen(sn);

	inquiry(1, 0x80, 255);
	assert_int_equal(run(&lu, sizeof(buf)), 4 + n);
	assert_int_equal(buf[0], 0);
	assert_int_equal(buf[1], 0x80);
	assert_int_equal(get_be16(buf + 2), n);
	assert_memory_equal(buf + 4, sn, n);
}

static void test_serial(void **state)
{
	expect_serial("e4377ef9551838f8");	/* the default id, lun 3 */
	lu.lun = 0;
	expect_serial("e43781f955183e11");
	lu.scsi_id = "VOL-0001";		/* hex of the ScsiId */
	expect_serial("564f4c2d30303031");
	lu.scsi_sn = "SN 42";
	expect_serial("SN 42");
	lu.scsi_sn = "a\tb\x7f";		/* printable ASCII only */
	expect_serial("a_b_");
	lu.scsi_sn = NULL;
	lu.scsi_id = NULL;
	expect_serial("e43781f955183e11");
}

static const u8 name_desig[] = {
	0x53, 0x98, 0x00, 40,
	'i', 'q', 'n', '.', '2', '0', '2', '6', '-', '0', '1', '.',
	'o', 'r', 'g', '.', 'e', 'x', 'a', 'm', 'p', 'l', 'e', ':',
	'd', 'i', 's', 'k', '1', ',', 't', ',', '0', 'x', '0', '0',
	'0', '1', 0, 0,
};

static void test_device_id(void **state)
{
	static const u8 t10[] = {
		0x02, 0x01, 0x00, 24,
		'I', 'E', 'T', ' ', ' ', ' ', ' ', ' ',
		'e', '4', '3', '7', '7', 'e', 'f', '9',
		'5', '5', '1', '8', '3', '8', 'f', '8',
	};
	static const u8 naa[] = {
		0x01, 0x03, 0x00, 0x08,
		0x34, 0x37, 0x7e, 0xf9, 0x55, 0x18, 0x38, 0xf8,
	};
	static const u8 port[] = {
		0x51, 0x94, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01,
	};
	unsigned int at = 4;

	inquiry(1, 0x83, 512);
	assert_int_equal(run(&lu, sizeof(buf)), 96);
	assert_int_equal(buf[0], 0);
	assert_int_equal(buf[1], 0x83);
	assert_int_equal(get_be16(buf + 2), 92);
	assert_memory_equal(buf + at, t10, sizeof(t10));
	at += sizeof(t10);
	assert_memory_equal(buf + at, naa, sizeof(naa));
	at += sizeof(naa);
	assert_memory_equal(buf + at, port, sizeof(port));
	at += sizeof(port);
	assert_memory_equal(buf + at, name_desig, sizeof(name_desig));
	assert_int_equal(buf[96], GUARD);
}

/* A ScsiId, shared by two targets exporting one volume: one identity. */
static void test_device_id_scsi_id(void **state)
{
	static const u8 want[] = {
		0x02, 0x01, 0x00, 16,
		'I', 'E', 'T', ' ', ' ', ' ', ' ', ' ',
		'V', 'O', 'L', '-', '0', '0', '0', '1',
		0x01, 0x03, 0x00, 0x08,
		0x3f, 0xcf, 0x97, 0x95, 0x46, 0x87, 0x80, 0xf2,
	};
	u8 first[sizeof(want)];

	lu.scsi_id = "VOL-0001";
	inquiry(1, 0x83, 512);
	assert_int_equal(run(&lu, sizeof(buf)), 4 + 20 + 12 + 8 + 44);
	assert_memory_equal(buf + 4, want, sizeof(want));
	memcpy(first, buf + 4, sizeof(first));

	lu.target_name = "iqn.2026-01.org.example:node2";
	lu.lun = 7;
	lu.tid = 9;
	run(&lu, sizeof(buf));
	assert_memory_equal(buf + 4, first, sizeof(first));
}

static void test_device_id_tpgt(void **state)
{
	lu.tpgt = 0x1a2;
	inquiry(1, 0x83, 512);
	assert_int_equal(run(&lu, sizeof(buf)), 96);
	assert_memory_equal(buf + 52 + 4 + 29, ",t,0x01a2\0\0", 11);
}

/* Without a target name the SCSI name string designator is left out. */
static void test_device_id_no_name(void **state)
{
	lu.target_name = NULL;
	inquiry(1, 0x83, 512);
	assert_int_equal(run(&lu, sizeof(buf)), 4 + 28 + 12 + 8);
	assert_int_equal(get_be16(buf + 2), 48);
	/* the id is then the hash of the LUN alone */
	assert_memory_equal(buf + 16, "4d25737f9dce0edc", 16);
}

/* Cut anywhere, the page length still counts the whole page. */
static void test_device_id_truncated(void **state)
{
	inquiry(1, 0x83, 6);
	assert_int_equal(run(&lu, 6), 96);
	assert_int_equal(get_be16(buf + 2), 92);
	assert_int_equal(buf[4], 0x02);
	assert_int_equal(buf[5], 0x01);
	assert_int_equal(buf[6], GUARD);
}

static void test_block_limits(void **state)
{
	static const u8 want[16] = {
		0x00, 0xb0, 0x00, 0x3c, 0x00, 0x00, 0x00, 0x08,
		0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x01, 0x00,
	};
	static const u8 zero[48];

	lu.max_xfer_blocks = 0x800;
	lu.opt_xfer_blocks = 0x100;
	lu.opt_gran_blocks = 8;
	inquiry(1, 0xb0, 64);
	assert_int_equal(run(&lu, sizeof(buf)), 64);
	assert_memory_equal(buf, want, sizeof(want));
	assert_memory_equal(buf + 16, zero, sizeof(zero));
	assert_int_equal(buf[64], GUARD);
}

static void test_block_dev_chars(void **state)
{
	static const u8 zero[58];

	inquiry(1, 0xb1, 255);
	assert_int_equal(run(&lu, sizeof(buf)), 64);
	assert_int_equal(buf[1], 0xb1);
	assert_int_equal(get_be16(buf + 2), 0x3c);
	assert_int_equal(get_be16(buf + 4), 0);	/* rate not reported */
	assert_memory_equal(buf + 6, zero, sizeof(zero));

	lu.rotation_rate = 1;
	run(&lu, sizeof(buf));
	assert_int_equal(get_be16(buf + 4), 1);	/* non-rotating */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_standard, setup),
		cmocka_unit_test_setup(test_standard_truncated, setup),
		cmocka_unit_test_setup(test_standard_no_lu, setup),
		cmocka_unit_test_setup(test_bad_fields, setup),
		cmocka_unit_test_setup(test_unknown_pages, setup),
		cmocka_unit_test_setup(test_supported_pages, setup),
		cmocka_unit_test_setup(test_serial, setup),
		cmocka_unit_test_setup(test_device_id, setup),
		cmocka_unit_test_setup(test_device_id_scsi_id, setup),
		cmocka_unit_test_setup(test_device_id_tpgt, setup),
		cmocka_unit_test_setup(test_device_id_no_name, setup),
		cmocka_unit_test_setup(test_device_id_truncated, setup),
		cmocka_unit_test_setup(test_block_limits, setup),
		cmocka_unit_test_setup(test_block_dev_chars, setup),
	};

	return cmocka_run_group_tests_name("INQUIRY", tests, NULL, NULL);
}
