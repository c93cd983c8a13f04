// SPDX-License-Identifier: GPL-2.0
/*
 * REPORT SUPPORTED OPERATION CODES (kernel/scsi_rsoc.c), and its table
 * held to scsi_decode() for every opcode and service action.
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
static u8 buf[4096];

static void lu_plain(void)
{
	memset(&lu, 0, sizeof(lu));
	lu.blocks = 2097152;
	lu.blocksize = 512;
}

/* A store that can do everything the table makes depend on it. */
static void lu_capable(void)
{
	lu_plain();
	lu.can_compare = true;
	lu.can_unmap = true;
	lu.max_ws_blocks = 1024;
	lu.max_caw_blocks = 1;
}

static int setup(void **state)
{
	lu_plain();
	memset(&sense, 0, sizeof(sense));
	memset(buf, 0xaa, sizeof(buf));
	return 0;
}

static void rsoc(u8 options, u8 op, u16 sa)
{
	memset(cdb, 0, sizeof(cdb));
	cdb[0] = SCSI_OP_MAINTENANCE_IN;
	cdb[1] = SCSI_MI_REPORT_SUPPORTED_OPCODES;
	cdb[2] = options;
	cdb[3] = op;
	put_be16(cdb + 4, sa);
	put_be32(cdb + 6, sizeof(buf));
}

static int run(void)
{
	struct scsi_req req;
	int ret = scsi_decode(cdb, 16, &lu, &req, &sense);

	if (ret)
		return -ret;
	return scsi_emulate(cdb, &lu, NULL, 0, buf, sizeof(buf), &sense);
}

static bool sense_is(u16 asc)
{
	return sense.key == SCSI_SENSE_ILLEGAL_REQUEST &&
	       sense.asc == asc >> 8 && sense.ascq == (asc & 0xff);
}

/* Whether scsi_decode() takes op (with sa in byte 1) on this LU. */
static bool decoder_takes(u8 op, u8 sa, bool with_sa)
{
	struct scsi_req req;

	memset(cdb, 0, sizeof(cdb));
	cdb[0] = op;
	cdb[1] = sa;
	memset(&sense, 0, sizeof(sense));
	if (!scsi_decode(cdb, 16, &lu, &req, &sense))
		return true;
	if (sense_is(SCSI_ASC_INVALID_OPCODE))
		return false;
	/* An unknown service action is an invalid field of the CDB. */
	return !(with_sa && sense_is(SCSI_ASC_INVALID_FIELD_IN_CDB));
}

static void check_against_decoder(void)
{
	const struct scsi_opinfo *d;
	unsigned int op, sa;
	bool has_sa;

	for (op = 0; op < 256; op++) {
		d = scsi_opinfo_find(&lu, op, 0, &has_sa);
		if (!has_sa) {
			if (decoder_takes(op, 0, false) != !!d)
				fail_msg("opcode %02xh: decoder and table differ",
					 op);
			continue;
		}
		for (sa = 0; sa < 32; sa++) {
			d = scsi_opinfo_find(&lu, op, sa, &has_sa);
			if (decoder_takes(op, sa, true) != !!d)
				fail_msg("opcode %02xh/%02xh: decoder and table differ",
					 op, sa);
		}
	}
}

static void test_table_is_the_decoder(void **state)
{
	check_against_decoder();
	lu_capable();
	check_against_decoder();
}

/* Option 000b: 8-byte descriptors in table order, SERVACTV where due. */
static void test_all(void **state)
{
	unsigned int len, i, n;
	int ret;

	rsoc(0, 0, 0);
	ret = run();
	assert_true(ret > 4);
	len = get_be32(buf);
	assert_int_equal(len + 4, ret);
	assert_int_equal(len % 8, 0);
	n = len / 8;
	for (i = 0; i < n; i++) {
		u8 *p = buf + 4 + i * 8;
		bool sa = p[0] == SCSI_OP_SERVICE_ACTION_IN_16 ||
			  p[0] == SCSI_OP_MAINTENANCE_IN ||
			  p[0] == SCSI_OP_PERSISTENT_RESERVE_IN ||
			  p[0] == SCSI_OP_PERSISTENT_RESERVE_OUT;

		assert_int_equal(p[5], sa ? 0x01 : 0x00);
		if (!sa)
			assert_int_equal(get_be16(p + 2), 0);
		assert_true(get_be16(p + 6) >= 6);
		assert_int_equal(p[0] == SCSI_OP_UNMAP, 0);	/* no UNMAP here */
	}
}

/* Each command once: a second row would be a table gone wrong. */
static void test_no_duplicates(void **state)
{
	unsigned int len, i, j;

	lu_capable();
	rsoc(0, 0, 0);
	run();
	len = get_be32(buf);
	for (i = 0; i < len / 8; i++)
		for (j = i + 1; j < len / 8; j++)
			if (buf[4 + i * 8] == buf[4 + j * 8] &&
			    get_be16(buf + 6 + i * 8) == get_be16(buf + 6 + j * 8))
				fail_msg("opcode %02xh listed twice",
					 buf[4 + i * 8]);
}

/* RCTD: 20-byte descriptors, CTDP set, timeouts descriptor length 0Ah. */
static void test_all_rctd(void **state)
{
	unsigned int len, i;
	int ret;

	rsoc(0x80, 0, 0);
	ret = run();
	len = get_be32(buf);
	assert_int_equal(len + 4, ret);
	assert_int_equal(len % 20, 0);
	for (i = 0; i < len / 20; i++) {
		u8 *p = buf + 4 + i * 20;

		assert_true(p[5] & 0x02);
		assert_int_equal(get_be16(p + 8), 0x0a);
	}
}

/* A store that deallocates lists UNMAP and GET LBA STATUS too. */
static void test_all_capable(void **state)
{
	unsigned int len, i;
	bool unmap = false;

	lu_capable();
	rsoc(0, 0, 0);
	run();
	len = get_be32(buf);
	for (i = 0; i < len / 8; i++)
		unmap |= buf[4 + i * 8] == SCSI_OP_UNMAP;
	assert_true(unmap);
}

static void test_one(void **state)
{
	rsoc(1, SCSI_OP_READ_10, 0);
	assert_int_equal(run(), 4 + 10);
	assert_int_equal(buf[1], 0x03);
	assert_int_equal(get_be16(buf + 2), 10);
	assert_int_equal(buf[4], SCSI_OP_READ_10);
	assert_int_equal(buf[5], 0xf8);
	assert_int_equal(buf[13], 0x05);

	rsoc(0x81, SCSI_OP_READ_10, 0);		/* with RCTD */
	assert_int_equal(run(), 4 + 10 + 12);
	assert_int_equal(buf[1], 0x83);
	assert_int_equal(get_be16(buf + 14), 0x0a);

	rsoc(1, 0xff, 0);			/* not supported */
	assert_int_equal(run(), 4);
	assert_int_equal(buf[1], 0x01);
	assert_int_equal(get_be16(buf + 2), 0);

	rsoc(1, SCSI_OP_UNMAP, 0);		/* not on this store */
	assert_int_equal(run(), 4);
	assert_int_equal(buf[1], 0x01);
}

/* 001b for an opcode with service actions, 010b without: refused. */
static void test_one_service_actions(void **state)
{
	rsoc(1, SCSI_OP_SERVICE_ACTION_IN_16, SCSI_SAI_READ_CAPACITY_16);
	assert_int_equal(run(), -SCSI_STATUS_CHECK_CONDITION);
	assert_true(sense_is(SCSI_ASC_INVALID_FIELD_IN_CDB));

	rsoc(2, SCSI_OP_READ_10, 0);
	assert_int_equal(run(), -SCSI_STATUS_CHECK_CONDITION);
	assert_true(sense_is(SCSI_ASC_INVALID_FIELD_IN_CDB));
	/* pointing at REPORTING OPTIONS, not at the service action */
	assert_true(sense.sks_valid && sense.sks_cdb);
	assert_int_equal(sense.sks_field, 2);
	assert_int_equal(sense.sks_bit, 2);

	rsoc(2, SCSI_OP_SERVICE_ACTION_IN_16, SCSI_SAI_READ_CAPACITY_16);
	assert_int_equal(run(), 4 + 16);
	assert_int_equal(buf[1], 0x03);
	assert_int_equal(buf[4], SCSI_OP_SERVICE_ACTION_IN_16);
	assert_int_equal(buf[5], 0x1f);

	rsoc(2, SCSI_OP_SERVICE_ACTION_IN_16, 0x11);
	assert_int_equal(run(), 4);
	assert_int_equal(buf[1], 0x01);

	/* 011b takes either; without service actions sa is ignored. */
	rsoc(3, SCSI_OP_READ_10, 7);
	assert_int_equal(run(), 4 + 10);
	rsoc(3, SCSI_OP_MAINTENANCE_IN, SCSI_MI_REPORT_SUPPORTED_OPCODES);
	assert_int_equal(run(), 4 + 12);
	assert_int_equal(buf[6], 0x87);

	rsoc(4, SCSI_OP_READ_10, 0);
	assert_int_equal(run(), -SCSI_STATUS_CHECK_CONDITION);
	assert_true(sense_is(SCSI_ASC_INVALID_FIELD_IN_CDB));
}

/* Every entry: usage starts with the opcode, ends with the CONTROL mask. */
static void test_every_entry(void **state)
{
	const struct scsi_opinfo *d;
	unsigned int op;
	bool has_sa;

	lu_capable();
	for (op = 0; op < 256; op++) {
		d = scsi_opinfo_find(&lu, op, 0, &has_sa);
		rsoc(has_sa ? 2 : 1, op, 0);
		if (has_sa) {
			unsigned int sa;

			for (sa = 0; sa < 32; sa++)
				if (scsi_opinfo_find(&lu, op, sa, &has_sa))
					break;
			put_be16(cdb + 4, sa);
		}
		assert_true(run() >= 4);
		if (buf[1] != 0x03)
			continue;
		assert_int_equal(buf[4], op);
		assert_int_equal(buf[4 + get_be16(buf + 2) - 1], 0x05);
		(void)d;
	}
}

/* An unknown service action of MAINTENANCE IN is an invalid field. */
static void test_other_maintenance_in(void **state)
{
	rsoc(0, 0, 0);
	cdb[1] = 0x0a;		/* REPORT TARGET PORT GROUPS */
	assert_int_equal(run(), -SCSI_STATUS_CHECK_CONDITION);
	assert_true(sense_is(SCSI_ASC_INVALID_FIELD_IN_CDB));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_table_is_the_decoder, setup),
		cmocka_unit_test_setup(test_all, setup),
		cmocka_unit_test_setup(test_no_duplicates, setup),
		cmocka_unit_test_setup(test_all_rctd, setup),
		cmocka_unit_test_setup(test_all_capable, setup),
		cmocka_unit_test_setup(test_one, setup),
		cmocka_unit_test_setup(test_one_service_actions, setup),
		cmocka_unit_test_setup(test_every_entry, setup),
		cmocka_unit_test_setup(test_other_maintenance_in, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
