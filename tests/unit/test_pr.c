// SPDX-License-Identifier: GPL-2.0
/*
 * Persistent reservations (kernel/pr.c): registration, the six types and
 * who may read and write under each (the matrix libiscsi's ProutReserve
 * checks), release, clear, preempt, and PERSISTENT RESERVE IN data.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "pr.h"

#define CONFLICT	SCSI_STATUS_RESERVATION_CONFLICT
#define CHECK		SCSI_STATUS_CHECK_CONDITION

static struct scsi_pr pr;
static struct scsi_sense sense;
static const struct scsi_pr_nexus a = { "iqn.2026-11.org.example:a", 1 };
static const struct scsi_pr_nexus b = { "iqn.2026-11.org.example:b", 1 };
static const struct scsi_pr_nexus a2 = { "iqn.2026-11.org.example:a", 2 };
static const u8 read10[10] = { SCSI_OP_READ_10 };
static const u8 write10[10] = { SCSI_OP_WRITE_10 };

static int setup(void **state)
{
	scsi_pr_init(&pr);
	memset(&sense, 0, sizeof(sense));
	return 0;
}

static int prout_flags(const struct scsi_pr_nexus *me, u8 sa, u8 type,
		       u64 key, u64 sark, u8 flags)
{
	u8 cdb[10] = { SCSI_OP_PERSISTENT_RESERVE_OUT, sa, type };
	u8 p[24] = { 0 };

	put_be32(cdb + 5, sizeof(p));
	put_be64(p, key);
	put_be64(p + 8, sark);
	p[20] = flags;
	return scsi_pr_out(&pr, me, cdb, p, sizeof(p), &sense);
}

static int prout(const struct scsi_pr_nexus *me, u8 sa, u8 type, u64 key,
		 u64 sark)
{
	return prout_flags(me, sa, type, key, sark, 0);
}

static void expect_sense(u8 key, u16 asc)
{
	assert_int_equal(sense.key, key);
	assert_int_equal(sense.asc, asc >> 8);
	assert_int_equal(sense.ascq, asc & 0xff);
}

static void test_register(void **state)
{
	assert_int_equal(prout(&a, 0, 0, 0, 0xaa), 0);
	assert_int_equal(pr.generation, 1);
	/* registered: the key must be named, unless ignored */
	assert_int_equal(prout(&a, 0, 0, 0, 0xbb), CONFLICT);
	assert_int_equal(prout(&a, 0, 0, 0xaa, 0xbb), 0);
	assert_int_equal(prout(&a, 6, 0, 0x1234, 0xcc), 0);
	/* not registered: a key other than 0 conflicts */
	assert_int_equal(prout(&b, 0, 0, 0xcc, 0xdd), CONFLICT);
	/* the ISID tells two nexuses of one initiator apart */
	assert_int_equal(prout(&a2, 0, 0, 0, 0xcc), 0);
	/* unregister: sark 0 */
	assert_int_equal(prout(&a, 0, 0, 0xcc, 0), 0);
	assert_int_equal(prout(&a, 0, 0, 0, 0), 0);	/* no-op */
	assert_int_equal(pr.generation, 5);
}

static void test_register_checks(void **state)
{
	u8 cdb[10] = { SCSI_OP_PERSISTENT_RESERVE_OUT, 0 };
	u8 p[24] = { 0 };

	put_be32(cdb + 5, 16);
	assert_int_equal(scsi_pr_out(&pr, &a, cdb, p, 16, &sense), CHECK);
	expect_sense(SCSI_SENSE_ILLEGAL_REQUEST,
		     SCSI_ASC_PARAM_LIST_LENGTH_ERROR);
	/* APTPL where the state cannot be kept */
	assert_int_equal(prout_flags(&a, 0, 0, 0, 1, 0x01), CHECK);
	expect_sense(SCSI_SENSE_ILLEGAL_REQUEST,
		     SCSI_ASC_INVALID_FIELD_IN_PARAM_LIST);
	assert_int_equal(prout_flags(&a, 0, 0, 0, 1, 0x08), CHECK);
	assert_int_equal(prout_flags(&a, 0, 0, 0, 1, 0x04), CHECK);
	assert_int_equal(prout(&a, 7, 0, 0, 1), CHECK);	/* REGISTER AND MOVE */
	expect_sense(SCSI_SENSE_ILLEGAL_REQUEST, SCSI_ASC_INVALID_FIELD_IN_CDB);
	assert_int_equal(pr.generation, 0);
}

/* PREEMPT AND ABORT: PREEMPT's change, and the caller told to abort. */
static void test_preempt_abort(void **state)
{
	u8 cdb[10] = { SCSI_OP_PERSISTENT_RESERVE_OUT, 5 };
	int i = 0;

	assert_int_equal(prout(&a, 6, 0, 0, 0xa), 0);
	assert_int_equal(prout(&b, 6, 0, 0, 0xb), 0);
	assert_int_equal(prout(&b, 1, SCSI_PR_WE, 0xb, 0), 0);
	assert_int_equal(prout(&a, 5, SCSI_PR_EA, 0xa, 0xb), 0);
	assert_true(pr.reserved);
	assert_int_equal(pr.type, SCSI_PR_EA);
	while (!pr.regs[i].used || pr.regs[i].key != 0xa)
		i++;
	assert_int_equal(pr.holder, i);
	for (i = 0; i < SCSI_PR_MAX_REGS; i++)
		if (pr.notes[i] & SCSI_PR_NOTE_REG_PREEMPTED)
			break;
	assert_true(i < SCSI_PR_MAX_REGS);
	assert_string_equal(pr.regs[i].name, b.name);
	assert_true(scsi_pr_aborts(cdb));
	cdb[1] = 4;
	assert_false(scsi_pr_aborts(cdb));
}

/*
 * APTPL where the caller keeps the state: the last REGISTER's bit counts,
 * other service actions ignore it, and REPORT CAPABILITIES tells both.
 */
static void test_aptpl(void **state)
{
	u8 cdb[10] = { SCSI_OP_PERSISTENT_RESERVE_IN, 2 };
	u8 buf[8];
	struct scsi_out o;

	pr.ptpl_c = true;
	assert_int_equal(prout_flags(&a, 0, 0, 0, 0xa1, 0x01), 0);
	assert_true(pr.aptpl);
	assert_int_equal(prout_flags(&a, 1, SCSI_PR_WE, 0xa1, 0, 0), 0);
	assert_true(pr.aptpl);
	put_be16(cdb + 7, sizeof(buf));
	scsi_out_init(&o, buf, sizeof(buf));
	assert_int_equal(scsi_pr_in(&pr, cdb, &o, &sense), 0);
	assert_int_equal(buf[2], 0x11);			/* CRH, PTPL_C */
	assert_int_equal(buf[3], 0x81);			/* TMV, PTPL_A */
	assert_int_equal(prout_flags(&b, 6, 0, 0, 0xb1, 0), 0);
	assert_false(pr.aptpl);
	/* ignored outside REGISTER */
	assert_int_equal(prout_flags(&a, 2, SCSI_PR_WE, 0xa1, 0, 0x01), 0);
	assert_false(pr.aptpl);
}

static void test_register_full(void **state)
{
	struct scsi_pr_nexus n = { "iqn.2026-11.org.example:n", 0 };
	int i;

	for (i = 0; i < SCSI_PR_MAX_REGS; i++) {
		n.isid = i + 10;
		assert_int_equal(prout(&n, 6, 0, 0, 1), 0);
	}
	assert_int_equal(prout(&a, 6, 0, 0, 1), CHECK);
	expect_sense(SCSI_SENSE_ILLEGAL_REQUEST,
		     SCSI_ASC_INSUFFICIENT_REG_RESOURCES);
}

/* Each type, as libiscsi's ProutReserve.Access* sees it. */
static void access_matrix(u8 type, bool reg_r, bool reg_w, bool unreg_r,
			  bool unreg_w)
{
	setup(NULL);
	assert_int_equal(prout(&a, 6, 0, 0, 0xa), 0);
	assert_int_equal(prout(&b, 6, 0, 0, 0xb), 0);
	assert_int_equal(prout(&a, 1, type, 0xa, 0), 0);
	assert_false(scsi_pr_conflict(&pr, &a, read10));
	assert_false(scsi_pr_conflict(&pr, &a, write10));
	assert_int_equal(!scsi_pr_conflict(&pr, &b, read10), reg_r);
	assert_int_equal(!scsi_pr_conflict(&pr, &b, write10), reg_w);
	assert_int_equal(prout(&b, 0, 0, 0xb, 0), 0);
	assert_int_equal(!scsi_pr_conflict(&pr, &b, read10), unreg_r);
	assert_int_equal(!scsi_pr_conflict(&pr, &b, write10), unreg_w);
	assert_int_equal(prout(&a, 2, type, 0xa, 0), 0);
	assert_false(pr.reserved);
}

static void test_access(void **state)
{
	access_matrix(SCSI_PR_EA, 0, 0, 0, 0);
	access_matrix(SCSI_PR_WE, 1, 0, 1, 0);
	access_matrix(SCSI_PR_EA_RO, 1, 1, 0, 0);
	access_matrix(SCSI_PR_WE_RO, 1, 1, 1, 0);
	access_matrix(SCSI_PR_EA_AR, 1, 1, 0, 0);
	access_matrix(SCSI_PR_WE_AR, 1, 1, 1, 0);
}

/* What passes any reservation: finding, probing, PR IN and OUT. */
static void test_always_allowed(void **state)
{
	static const u8 ops[] = {
		SCSI_OP_INQUIRY, SCSI_OP_REPORT_LUNS, SCSI_OP_REQUEST_SENSE,
		SCSI_OP_TEST_UNIT_READY, SCSI_OP_READ_CAPACITY_10,
		SCSI_OP_PERSISTENT_RESERVE_IN, SCSI_OP_PERSISTENT_RESERVE_OUT,
		SCSI_OP_MAINTENANCE_IN,
	};
	u8 cdb[16] = { 0 };
	unsigned int i;

	assert_int_equal(prout(&a, 6, 0, 0, 0xa), 0);
	assert_int_equal(prout(&a, 1, SCSI_PR_EA, 0xa, 0), 0);
	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		cdb[0] = ops[i];
		assert_false(scsi_pr_conflict(&pr, &b, cdb));
	}
	cdb[0] = SCSI_OP_SERVICE_ACTION_IN_16;
	cdb[1] = SCSI_SAI_READ_CAPACITY_16;
	assert_false(scsi_pr_conflict(&pr, &b, cdb));
	cdb[0] = SCSI_OP_MODE_SENSE_6;
	assert_true(scsi_pr_conflict(&pr, &b, cdb));
	cdb[0] = SCSI_OP_SYNCHRONIZE_CACHE_10;
	assert_true(scsi_pr_conflict(&pr, &b, cdb));
}

static void test_reserve(void **state)
{
	assert_int_equal(prout(&a, 1, SCSI_PR_WE, 0, 0), CONFLICT);
	assert_int_equal(prout(&a, 6, 0, 0, 0xa), 0);
	assert_int_equal(prout(&b, 6, 0, 0, 0xb), 0);
	assert_int_equal(prout(&a, 1, SCSI_PR_WE, 0xb, 0), CONFLICT);
	assert_int_equal(prout(&a, 1, 2, 0xa, 0), CHECK);	/* no type 2 */
	assert_int_equal(prout(&a, 1, 0x10 | SCSI_PR_WE, 0xa, 0), CHECK);
	assert_int_equal(prout(&a, 1, SCSI_PR_WE, 0xa, 0), 0);
	assert_int_equal(prout(&a, 1, SCSI_PR_WE, 0xa, 0), 0);	/* again */
	assert_int_equal(prout(&a, 1, SCSI_PR_EA, 0xa, 0), CONFLICT);
	assert_int_equal(prout(&b, 1, SCSI_PR_WE, 0xb, 0), CONFLICT);
	/* a non-holder's release does nothing; a wrong type is refused */
	assert_int_equal(prout(&b, 2, SCSI_PR_WE, 0xb, 0), 0);
	assert_true(pr.reserved);
	assert_int_equal(prout(&a, 2, SCSI_PR_EA, 0xa, 0), CHECK);
	expect_sense(SCSI_SENSE_ILLEGAL_REQUEST, SCSI_ASC_INVALID_RELEASE);
	/* unregistering the holder ends the reservation */
	assert_int_equal(prout(&a, 0, 0, 0xa, 0), 0);
	assert_false(pr.reserved);
}

/* An all-registrants reservation outlives all but its last registrant. */
static void test_all_registrants(void **state)
{
	assert_int_equal(prout(&a, 6, 0, 0, 0xa), 0);
	assert_int_equal(prout(&b, 6, 0, 0, 0xb), 0);
	assert_int_equal(prout(&a, 1, SCSI_PR_WE_AR, 0xa, 0), 0);
	assert_int_equal(prout(&b, 1, SCSI_PR_WE_AR, 0xb, 0), 0);
	assert_int_equal(prout(&a, 0, 0, 0xa, 0), 0);
	assert_true(pr.reserved);
	assert_int_equal(prout(&b, 0, 0, 0xb, 0), 0);
	assert_false(pr.reserved);
}

static void test_clear(void **state)
{
	assert_int_equal(prout(&a, 6, 0, 0, 0xa), 0);
	assert_int_equal(prout(&b, 6, 0, 0, 0xb), 0);
	assert_int_equal(prout(&a, 1, SCSI_PR_EA, 0xa, 0), 0);
	assert_int_equal(prout(&b, 3, 0, 0xa, 0), CONFLICT);
	assert_int_equal(prout(&b, 3, 0, 0xb, 0), 0);
	assert_false(pr.reserved);
	assert_int_equal(prout(&a, 0, 0, 0xa, 0), CONFLICT);	/* gone */
	assert_int_equal(pr.generation, 3);
}

static void test_preempt(void **state)
{
	assert_int_equal(prout(&a, 6, 0, 0, 0xa), 0);
	assert_int_equal(prout(&b, 6, 0, 0, 0xb), 0);
	/* no reservation: registrations of sark go; sark 0 is invalid */
	assert_int_equal(prout(&a, 4, 0, 0xa, 0), CHECK);
	expect_sense(SCSI_SENSE_ILLEGAL_REQUEST,
		     SCSI_ASC_INVALID_FIELD_IN_PARAM_LIST);
	assert_int_equal(prout(&a, 4, 0, 0xa, 0x77), CONFLICT);	/* none */
	assert_int_equal(prout(&a, 4, 0, 0xa, 0xb), 0);
	assert_int_equal(prout(&b, 0, 0, 0xb, 0), CONFLICT);
	/* the holder preempted: b holds, a is gone */
	assert_int_equal(prout(&b, 6, 0, 0, 0xb), 0);
	assert_int_equal(prout(&a, 1, SCSI_PR_EA, 0xa, 0), 0);
	assert_int_equal(prout(&b, 4, SCSI_PR_WE, 0xb, 0xa), 0);
	assert_true(pr.reserved);
	assert_int_equal(pr.type, SCSI_PR_WE);
	assert_false(scsi_pr_conflict(&pr, &b, write10));
	assert_true(scsi_pr_conflict(&pr, &a, write10));
	assert_int_equal(prout(&a, 0, 0, 0xa, 0), CONFLICT);
	/* all registrants, sark 0: the others go, the preemptor holds */
	assert_int_equal(prout(&a, 6, 0, 0, 0xa), 0);
	assert_int_equal(prout(&b, 2, SCSI_PR_WE, 0xb, 0), 0);
	assert_int_equal(prout(&b, 1, SCSI_PR_EA_AR, 0xb, 0), 0);
	assert_int_equal(prout(&a, 4, SCSI_PR_EA, 0xa, 0), 0);
	assert_int_equal(pr.type, SCSI_PR_EA);
	assert_true(scsi_pr_conflict(&pr, &b, read10));
}

/* The slot of a nexus, registered or just removed. */
static int slot(const struct scsi_pr_nexus *n)
{
	int i;

	for (i = 0; i < SCSI_PR_MAX_REGS; i++)
		if (pr.regs[i].isid == n->isid &&
		    !strcmp(pr.regs[i].name, n->name))
			return i;
	return -1;
}

/* SPC-4 5.7.11: who hears of a PREEMPT, CLEAR or RELEASE, and what. */
static void test_notes(void **state)
{
	assert_int_equal(prout(&a, 6, 0, 0, 0xa), 0);
	assert_int_equal(prout(&b, 6, 0, 0, 0xb), 0);
	assert_int_equal(prout(&a2, 6, 0, 0, 0xc), 0);
	assert_int_equal(prout(&a, 1, SCSI_PR_WE_RO, 0xa, 0), 0);
	assert_int_equal(pr.notes[slot(&b)], 0);
	/* RELEASE of a registrants-only type: the others */
	assert_int_equal(prout(&a, 2, SCSI_PR_WE_RO, 0xa, 0), 0);
	assert_int_equal(pr.notes[slot(&a)], 0);
	assert_int_equal(pr.notes[slot(&b)], SCSI_PR_NOTE_RES_RELEASED);
	assert_int_equal(pr.notes[slot(&a2)], SCSI_PR_NOTE_RES_RELEASED);
	/* PREEMPT of the holder: it was preempted, the rest released */
	assert_int_equal(prout(&a, 1, SCSI_PR_WE, 0xa, 0), 0);
	assert_int_equal(prout(&b, 4, SCSI_PR_EA, 0xb, 0xa), 0);
	assert_int_equal(pr.notes[slot(&a)], SCSI_PR_NOTE_REG_PREEMPTED);
	assert_int_equal(pr.notes[slot(&a2)], SCSI_PR_NOTE_RES_RELEASED);
	assert_int_equal(pr.notes[slot(&b)], 0);
	/* a failed one tells nobody anything */
	assert_int_equal(prout(&a2, 4, 0, 0xc, 0x77), CONFLICT);
	assert_int_equal(pr.notes[slot(&b)], 0);
	/* CLEAR: everyone else */
	assert_int_equal(prout(&a2, 3, 0, 0xc, 0), 0);
	assert_int_equal(pr.notes[slot(&b)], SCSI_PR_NOTE_RES_PREEMPTED);
	assert_int_equal(pr.notes[slot(&a2)], 0);
}

/* The holder of a registrants-only type unregisters: the others hear. */
static void test_notes_unregister(void **state)
{
	assert_int_equal(prout(&a, 6, 0, 0, 0xa), 0);
	assert_int_equal(prout(&b, 6, 0, 0, 0xb), 0);
	assert_int_equal(prout(&a, 1, SCSI_PR_EA_RO, 0xa, 0), 0);
	assert_int_equal(prout(&a, 0, 0, 0xa, 0), 0);
	assert_false(pr.reserved);
	assert_int_equal(pr.notes[slot(&b)], SCSI_PR_NOTE_RES_RELEASED);
}

static void test_spc2(void **state)
{
	u8 cdb[16] = { SCSI_OP_TEST_UNIT_READY };

	assert_false(scsi_spc2_conflict(cdb));
	cdb[0] = SCSI_OP_RELEASE_6;
	assert_false(scsi_spc2_conflict(cdb));
	cdb[0] = SCSI_OP_MODE_SENSE_6;
	assert_true(scsi_spc2_conflict(cdb));
	cdb[0] = SCSI_OP_RESERVE_6;
	assert_true(scsi_spc2_conflict(cdb));
	cdb[0] = SCSI_OP_READ_10;
	assert_true(scsi_spc2_conflict(cdb));
}

static int prin(u8 sa, u8 *buf, unsigned int len)
{
	u8 cdb[10] = { SCSI_OP_PERSISTENT_RESERVE_IN, sa };
	struct scsi_out o;

	scsi_out_init(&o, buf, len);
	if (scsi_pr_in(&pr, cdb, &o, &sense))
		return -1;
	return o.pos;
}

static void test_prin(void **state)
{
	u8 buf[1024];

	assert_int_equal(prin(0, buf, sizeof(buf)), 8);
	assert_int_equal(get_be32(buf + 4), 0);
	assert_int_equal(prin(1, buf, sizeof(buf)), 8);
	assert_int_equal(prout(&a, 6, 0, 0, 0xa1), 0);
	assert_int_equal(prout(&b, 6, 0, 0, 0xb1), 0);
	assert_int_equal(prout(&a, 1, SCSI_PR_WE_RO, 0xa1, 0), 0);

	assert_int_equal(prin(0, buf, sizeof(buf)), 24);
	assert_int_equal(get_be32(buf), 2);		/* PRGENERATION */
	assert_int_equal(get_be32(buf + 4), 16);
	assert_true(get_be64(buf + 8) == 0xa1);
	assert_true(get_be64(buf + 16) == 0xb1);
	/* cut by the allocation length, the length is still whole */
	assert_int_equal(prin(0, buf, 12), 24);

	assert_int_equal(prin(1, buf, sizeof(buf)), 24);
	assert_int_equal(get_be32(buf + 4), 16);
	assert_true(get_be64(buf + 8) == 0xa1);
	assert_int_equal(buf[21], SCSI_PR_WE_RO);

	assert_int_equal(prin(2, buf, sizeof(buf)), 8);
	assert_int_equal(get_be16(buf), 8);
	assert_int_equal(buf[2], 0x10);			/* CRH */
	assert_int_equal(buf[3], 0x80);			/* TMV */
	assert_int_equal(buf[4], 0xea);
	assert_int_equal(buf[5], 0x01);

	assert_int_equal(prin(4, buf, sizeof(buf)), -1);
	expect_sense(SCSI_SENSE_ILLEGAL_REQUEST, SCSI_ASC_INVALID_FIELD_IN_CDB);
}

static void test_full_status(void **state)
{
	static const char id[] = "iqn.2026-11.org.example:a,i,0x000000000001";
	u8 buf[1024];
	unsigned int idlen = (sizeof(id) + 3) & ~3u;
	int n;

	assert_int_equal(prout(&a, 6, 0, 0, 0xa1), 0);
	assert_int_equal(prout(&a, 1, SCSI_PR_EA, 0xa1, 0), 0);
	n = prin(3, buf, sizeof(buf));
	assert_int_equal(n, 8 + 24 + 4 + idlen);
	assert_int_equal(get_be32(buf + 4), n - 8);
	assert_true(get_be64(buf + 8) == 0xa1);
	assert_int_equal(buf[8 + 12], 0x01);		/* R_HOLDER */
	assert_int_equal(buf[8 + 13], SCSI_PR_EA);
	assert_int_equal(get_be16(buf + 8 + 18), 1);
	assert_int_equal(get_be32(buf + 8 + 20), 4 + idlen);
	assert_int_equal(buf[32], 0x45);
	assert_int_equal(get_be16(buf + 34), idlen);
	assert_string_equal((char *)buf + 36, id);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_register, setup),
		cmocka_unit_test_setup(test_register_checks, setup),
		cmocka_unit_test_setup(test_aptpl, setup),
		cmocka_unit_test_setup(test_preempt_abort, setup),
		cmocka_unit_test_setup(test_register_full, setup),
		cmocka_unit_test_setup(test_access, setup),
		cmocka_unit_test_setup(test_always_allowed, setup),
		cmocka_unit_test_setup(test_reserve, setup),
		cmocka_unit_test_setup(test_all_registrants, setup),
		cmocka_unit_test_setup(test_clear, setup),
		cmocka_unit_test_setup(test_preempt, setup),
		cmocka_unit_test_setup(test_notes, setup),
		cmocka_unit_test_setup(test_notes_unregister, setup),
		cmocka_unit_test_setup(test_spc2, setup),
		cmocka_unit_test_setup(test_prin, setup),
		cmocka_unit_test_setup(test_full_status, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
