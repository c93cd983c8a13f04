// SPDX-License-Identifier: GPL-2.0
/*
 * The APTPL file (kernel/pr_file.c): a state saved and loaded back is the
 * same state; a file cut, edited or made up is refused whole.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "pr.h"

static struct scsi_pr pr, back;
static char buf[SCSI_PR_FILE_MAX];

static void reg(struct scsi_pr *p, int slot, u64 key, u64 isid,
		const char *name)
{
	p->regs[slot].used = true;
	p->regs[slot].key = key;
	p->regs[slot].isid = isid;
	strcpy(p->regs[slot].name, name);
}

static int setup(void **state)
{
	scsi_pr_init(&pr);
	pr.generation = 7;
	pr.aptpl = true;
	reg(&pr, 0, 0xabcd, 0x800000000001, "iqn.2026-11.org.example:a");
	reg(&pr, 5, ~0ULL, 0x23d000000002, "eui.02004567A425678D");
	pr.reserved = true;
	pr.type = SCSI_PR_WE_RO;
	pr.holder = 5;
	return 0;
}

static void expect_same(void)
{
	int i;

	assert_int_equal(back.generation, pr.generation);
	assert_int_equal(back.aptpl, pr.aptpl);
	assert_int_equal(back.reserved, pr.reserved);
	assert_int_equal(back.type, pr.type);
	assert_int_equal(back.holder, pr.holder);
	for (i = 0; i < SCSI_PR_MAX_REGS; i++) {
		assert_int_equal(back.regs[i].used, pr.regs[i].used);
		if (!pr.regs[i].used)
			continue;
		assert_true(back.regs[i].key == pr.regs[i].key);
		assert_true(back.regs[i].isid == pr.regs[i].isid);
		assert_string_equal(back.regs[i].name, pr.regs[i].name);
	}
}

static void test_round_trip(void **state)
{
	int n = scsi_pr_save(&pr, 42, buf, sizeof(buf));
	u32 seq;

	assert_true(n > 0);
	assert_int_equal(scsi_pr_load(buf, n, &back, &seq), 0);
	assert_int_equal(seq, 42);
	expect_same();
	/* All registrants: the holder is -1. */
	pr.type = SCSI_PR_EA_AR;
	pr.holder = -1;
	n = scsi_pr_save(&pr, 43, buf, sizeof(buf));
	assert_int_equal(scsi_pr_load(buf, n, &back, &seq), 0);
	expect_same();
	/* Nothing at all. */
	scsi_pr_init(&pr);
	n = scsi_pr_save(&pr, 0, buf, sizeof(buf));
	assert_int_equal(scsi_pr_load(buf, n, &back, &seq), 0);
	expect_same();
}

/* Every registration with the longest name fits SCSI_PR_FILE_MAX. */
static void test_full(void **state)
{
	char name[SCSI_PR_NAME_MAX + 1];
	u32 seq;
	int i, n;

	memset(name, 'x', SCSI_PR_NAME_MAX);
	name[SCSI_PR_NAME_MAX] = '\0';
	for (i = 0; i < SCSI_PR_MAX_REGS; i++)
		reg(&pr, i, ~0ULL - i, (1ULL << 48) - 1, name);
	n = scsi_pr_save(&pr, ~0U, buf, sizeof(buf));
	assert_true(n > 0 && n < (int)sizeof(buf));
	assert_int_equal(scsi_pr_load(buf, n, &back, &seq), 0);
	expect_same();
	assert_int_equal(scsi_pr_save(&pr, 1, buf, 100), -1);
}

/* Each shorter prefix of a good file is refused. */
static void test_cut(void **state)
{
	int n = scsi_pr_save(&pr, 3, buf, sizeof(buf)), i;
	u32 seq;

	for (i = 0; i < n; i++)
		assert_int_equal(scsi_pr_load(buf, i, &back, &seq), -1);
	/* and so is anything after the end line */
	buf[n] = 'x';
	assert_int_equal(scsi_pr_load(buf, n + 1, &back, &seq), -1);
}

/* Any byte changed: the hash or the syntax says no. */
static void test_flipped(void **state)
{
	int n = scsi_pr_save(&pr, 3, buf, sizeof(buf)), i;
	u32 seq;

	for (i = 0; i < n; i++) {
		buf[i] ^= 0x01;
		assert_int_equal(scsi_pr_load(buf, n, &back, &seq), -1);
		buf[i] ^= 0x01;
	}
	assert_int_equal(scsi_pr_load(buf, n, &back, &seq), 0);
}

/* FNV-1a of text, to write files by hand with a valid end line. */
static u32 fnv(const char *p)
{
	u32 h = 2166136261u;

	while (*p) {
		h ^= (u8)*p++;
		h *= 16777619u;
	}
	return h;
}

static int load_text(const char *body)
{
	u32 seq;
	int n;

	n = snprintf(buf, sizeof(buf), "%send %08x\n", body, fnv(body));
	return scsi_pr_load(buf, n, &back, &seq);
}

#define HEAD "iet-pr 1\nseq 1\ngeneration 2\naptpl 1\n"

static void test_hand_made(void **state)
{
	assert_int_equal(load_text(HEAD), 0);
	assert_int_equal(load_text(HEAD "reg 31 0x1 0x2 iqn.a\n"), 0);
	assert_int_equal(load_text(HEAD "reg 0 0x1 0x2 iqn.a\n"
			 "reservation 1 0\n"), 0);
	assert_int_equal(load_text(HEAD "reservation 7 -1\n"), 0);
	/* slot out of range, twice, key too long, ISID over 48 bits */
	assert_int_equal(load_text(HEAD "reg 32 0x1 0x2 iqn.a\n"), -1);
	assert_int_equal(load_text(HEAD "reg 1 0x1 0x2 iqn.a\n"
			 "reg 1 0x1 0x2 iqn.b\n"), -1);
	assert_int_equal(load_text(HEAD "reg 1 0x10000000000000000 0x2 a\n"),
			 -1);
	assert_int_equal(load_text(HEAD "reg 1 0x1 0x1000000000000 a\n"), -1);
	/* names: none, a space, a control character, too long */
	assert_int_equal(load_text(HEAD "reg 1 0x1 0x2 \n"), -1);
	assert_int_equal(load_text(HEAD "reg 1 0x1 0x2 a b\n"), -1);
	assert_int_equal(load_text(HEAD "reg 1 0x1 0x2 a\tb\n"), -1);
	/* decimal where hex is due, and the other way */
	assert_int_equal(load_text(HEAD "reg 1 1 0x2 iqn.a\n"), -1);
	assert_int_equal(load_text("iet-pr 1\nseq 0x1\ngeneration 2\n"
				   "aptpl 1\n"), -1);
	/* a holder that is not registered; a type that does not exist */
	assert_int_equal(load_text(HEAD "reservation 1 3\n"), -1);
	assert_int_equal(load_text(HEAD "reservation 2 -1\n"), -1);
	assert_int_equal(load_text(HEAD "reg 0 0x1 0x2 a\n"
				   "reservation 1 -1\n"), -1);
	assert_int_equal(load_text(HEAD "reg 0 0x1 0x2 a\n"
				   "reservation 7 0\n"), -1);
	assert_int_equal(load_text(HEAD "reservation 1 -1\n"
				   "reservation 1 -1\n"), -1);
	/* unknown lines, aptpl 2, another version, lines out of order */
	assert_int_equal(load_text(HEAD "foo 1\n"), -1);
	assert_int_equal(load_text("iet-pr 1\nseq 1\ngeneration 2\n"
				   "aptpl 2\n"), -1);
	assert_int_equal(load_text("iet-pr 2\nseq 1\ngeneration 2\n"
				   "aptpl 1\n"), -1);
	assert_int_equal(load_text("iet-pr 1\ngeneration 2\nseq 1\n"
				   "aptpl 1\n"), -1);
	/* numbers that overflow */
	assert_int_equal(load_text("iet-pr 1\nseq 4294967296\n"
				   "generation 2\naptpl 1\n"), -1);
}

static void test_nul(void **state)
{
	int n = scsi_pr_save(&pr, 3, buf, sizeof(buf));
	char *at = strstr(buf, "iqn.");
	u32 seq;

	*at = '\0';
	assert_int_equal(scsi_pr_load(buf, n, &back, &seq), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_round_trip, setup),
		cmocka_unit_test_setup(test_full, setup),
		cmocka_unit_test_setup(test_cut, setup),
		cmocka_unit_test_setup(test_flipped, setup),
		cmocka_unit_test_setup(test_hand_made, setup),
		cmocka_unit_test_setup(test_nul, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
