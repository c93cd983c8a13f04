// SPDX-License-Identifier: GPL-2.0
/*
 * Planning a reload of ietd.conf (usr/reload.c): the steps between two
 * parsed files, in the order they are carried out.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "config.h"
#include "reload.h"

#define FILE_NAME	"/etc/iet/ietd.conf"
#define A		"iqn.2026-11.org.example:a"
#define B		"iqn.2026-11.org.example:b"
#define C		"iqn.2026-11.org.example:c"

#define BASE \
	"IncomingUser disc discsecret123\n" \
	"Target " A "\n" \
	"\tWthreads 4\n" \
	"\tMaxBurstLength 65536\n" \
	"\tIncomingUser joe joesecret1234\n" \
	"\tOutgoingUser tgt tgtsecret1234\n" \
	"\tAlias desk a\n" \
	"\tMaxSessions 2\n" \
	"\tLun 0 Path=/dev/vg/a,Type=blockio\n" \
	"\tLun 1 Type=nullio\n" \
	"Target " B "\n" \
	"\tLun 0 Type=nullio\n"

static const char base[] = BASE;

static struct config old, new;
static struct reload_plan plan;

static void load(struct config *cfg, const char *text)
{
	char err[512];

	assert_int_equal(config_parse(cfg, FILE_NAME, text, strlen(text), err,
				      sizeof(err)), 0);
}

/* Plan from base to @text. */
static void make(const char *text)
{
	load(&old, base);
	load(&new, text);
	assert_int_equal(reload_plan_make(&plan, &old, &new), 0);
}

static int teardown(void **state)
{
	reload_plan_free(&plan);
	config_free(&old);
	config_free(&new);
	return 0;
}

static const struct reload_action *at(unsigned int i)
{
	assert_true(i < plan.nr);
	return &plan.actions[i];
}

static void assert_step(unsigned int i, enum reload_op op, const char *target)
{
	assert_int_equal(at(i)->op, op);
	assert_string_equal(at(i)->target, target);
}

static void test_unchanged(void **state)
{
	make(base);
	assert_int_equal(plan.nr, 0);
	assert_int_equal(plan.added + plan.removed + plan.changed, 0);
}

/* Moving stanzas, comments, blank lines, defaults spelled out, case. */
static void test_same_in_other_words(void **state)
{
	make("# discovery\n"
	     "IncomingUser disc discsecret123\n"
	     "Target iqn.2026-11.org.example:B\n"
	     "\tLun 0 Type=nullio\n"
	     "\tQueuedCommands 32\n"
	     "\n"
	     "Target " A "\n"
	     "\tLun 1 type=NULLIO\n"
	     "\tLun 0 Type=blockio,Path=/dev/vg/a\n"
	     "\tMaxSessions 2\n"
	     "\tAlias desk a\n"
	     "\tOutgoingUser tgt tgtsecret1234\n"
	     "\tIncomingUser joe joesecret1234\n"
	     "\tMaxBurstLength 65536\n"
	     "\tWthreads 4\n");
	assert_int_equal(plan.nr, 0);
}

static void test_added(void **state)
{
	make(BASE
	     "Target " C "\n"
	     "\tIncomingUser ann annsecret1234\n"
	     "\tLun 0 Type=nullio\n"
	     "\tLun 4 Type=nullio,Blocks=100\n");
	assert_int_equal(plan.nr, 5);
	assert_int_equal(plan.added, 1);
	assert_int_equal(plan.removed + plan.changed, 0);
	assert_step(0, RELOAD_TARGET_ADD, C);
	assert_string_equal(at(0)->t->name, C);
	assert_true(at(0)->new_target);
	assert_step(1, RELOAD_LUN_ADD, C);
	assert_int_equal(at(1)->lun->lun, 0);
	assert_false(at(1)->replace);
	assert_step(2, RELOAD_LUN_ADD, C);
	assert_int_equal(at(2)->lun->lun, 4);
	assert_int_equal(at(2)->lun->params.blocks, 100);
	/* Its session keys are stored whole. */
	assert_step(3, RELOAD_SESSION_KEYS, C);
	assert_int_equal(at(3)->mask, (1U << SESS_NR) - 1);
	assert_true(at(3)->new_target);
	assert_step(4, RELOAD_USER_ADD, C);
	assert_int_equal(at(4)->dir, USER_INCOMING);
	assert_string_equal(at(4)->user->name, "ann");
}

static void test_removed(void **state)
{
	make("IncomingUser disc discsecret123\n"
	     "Target " B "\n"
	     "\tLun 0 Type=nullio\n");
	assert_int_equal(plan.nr, 1);
	assert_int_equal(plan.removed, 1);
	assert_int_equal(plan.added + plan.changed, 0);
	assert_step(0, RELOAD_TARGET_DEL, A);
	assert_string_equal(at(0)->t->name, A);
}

static void test_changed(void **state)
{
	make("IncomingUser disc discsecret123\n"
	     "Target " A "\n"
	     "\tWthreads 6\n"
	     "\tNOPInterval 5\n"
	     "\tMaxBurstLength 131072\n"
	     "\tIncomingUser joe joesecret1234\n"
	     "\tOutgoingUser tgt tgtsecret1234\n"
	     "\tAlias desk b\n"
	     "\tLun 0 Path=/dev/vg/a,Type=blockio,IOMode=ro\n"
	     "\tLun 2 Type=nullio\n"
	     "Target " B "\n"
	     "\tLun 0 Type=nullio\n");
	assert_int_equal(plan.changed, 1);
	assert_int_equal(plan.added + plan.removed, 0);
	assert_int_equal(plan.nr, 8);
	/* The kernel: keys, the replaced LUN out, then LUNs in. */
	assert_step(0, RELOAD_TARGET_KEYS, A);
	assert_int_equal(at(0)->mask,
			 (1U << TGT_WTHREADS) | (1U << TGT_NOP_INTERVAL));
	assert_int_equal(at(0)->t->tparams[TGT_WTHREADS], 6);
	assert_step(1, RELOAD_LUN_DEL, A);
	assert_int_equal(at(1)->lun->lun, 0);
	assert_false(at(1)->lun->params.iomode_set);
	assert_step(2, RELOAD_LUN_ADD, A);
	assert_int_equal(at(2)->lun->lun, 0);
	assert_true(at(2)->replace);
	assert_true(at(2)->lun->params.iomode_set);
	assert_step(3, RELOAD_LUN_ADD, A);
	assert_int_equal(at(3)->lun->lun, 2);
	assert_false(at(3)->replace);
	/* ietd's store and the file logins read. */
	assert_step(4, RELOAD_SESSION_KEYS, A);
	assert_int_equal(at(4)->mask, 1U << SESS_MAX_BURST);
	assert_false(at(4)->new_target);
	assert_step(5, RELOAD_ALIAS, A);
	assert_string_equal(at(5)->t->alias, "desk b");
	assert_step(6, RELOAD_MAX_SESSIONS, A);
	assert_int_equal(at(6)->t->max_sessions, 0);
	/* Then what goes. */
	assert_step(7, RELOAD_LUN_GONE, A);
	assert_int_equal(at(7)->lun->lun, 1);
}

static void test_accounts(void **state)
{
	make("IncomingUser disc discsecret123\n"
	     "Target " A "\n"
	     "\tWthreads 4\n"
	     "\tMaxBurstLength 65536\n"
	     "\tIncomingUser ann annsecret1234\n"
	     "\tIncomingUser joe newsecret1234\n"
	     "\tOutgoingUser other othersecret12\n"
	     "\tAlias desk a\n"
	     "\tMaxSessions 2\n"
	     "\tLun 0 Path=/dev/vg/a,Type=blockio\n"
	     "\tLun 1 Type=nullio\n"
	     "Target " B "\n"
	     "\tOutgoingUser tgt tgtsecret1234\n"
	     "\tLun 0 Type=nullio\n");
	assert_int_equal(plan.changed, 2);
	assert_int_equal(plan.nr, 5);
	assert_step(0, RELOAD_USER_ADD, A);
	assert_string_equal(at(0)->user->name, "ann");
	assert_step(1, RELOAD_USER_CHANGE, A);
	assert_string_equal(at(1)->user->name, "joe");
	assert_string_equal(at(1)->user->password, "newsecret1234");
	/* A new OutgoingUser name: the old one goes, the new one comes. */
	assert_step(2, RELOAD_USER_DEL, A);
	assert_int_equal(at(2)->dir, USER_OUTGOING);
	assert_string_equal(at(2)->user->name, "tgt");
	assert_step(3, RELOAD_USER_ADD, A);
	assert_int_equal(at(3)->dir, USER_OUTGOING);
	assert_string_equal(at(3)->user->name, "other");
	assert_step(4, RELOAD_USER_ADD, B);
	assert_int_equal(at(4)->dir, USER_OUTGOING);
	reload_plan_free(&plan);

	/* And back. */
	assert_int_equal(reload_plan_make(&plan, &new, &old), 0);
	assert_int_equal(plan.nr, 5);
	assert_step(0, RELOAD_USER_DEL, A);
	assert_string_equal(at(0)->user->name, "ann");
	assert_step(1, RELOAD_USER_CHANGE, A);
	assert_string_equal(at(1)->user->password, "joesecret1234");
	assert_step(2, RELOAD_USER_DEL, A);
	assert_string_equal(at(2)->user->name, "other");
	assert_step(3, RELOAD_USER_ADD, A);
	assert_string_equal(at(3)->user->name, "tgt");
	assert_step(4, RELOAD_USER_DEL, B);
}

static void test_outgoing_password(void **state)
{
	char text[sizeof(base)];
	char *p;

	snprintf(text, sizeof(text), "%s", base);
	p = strstr(text, "tgtsecret1234");
	memcpy(p, "tgtsecret5678", 13);
	make(text);
	assert_int_equal(plan.nr, 1);
	assert_step(0, RELOAD_USER_CHANGE, A);
	assert_int_equal(at(0)->dir, USER_OUTGOING);
	assert_string_equal(at(0)->user->password, "tgtsecret5678");
}

static void test_global(void **state)
{
	make("IncomingUser new newsecret1234\n"
	     "OutgoingUser me mesecret12345\n"
	     "Target " A "\n"
	     "\tWthreads 4\n"
	     "\tMaxBurstLength 65536\n"
	     "\tIncomingUser joe joesecret1234\n"
	     "\tOutgoingUser tgt tgtsecret1234\n"
	     "\tAlias desk a\n"
	     "\tMaxSessions 2\n"
	     "\tLun 0 Path=/dev/vg/a,Type=blockio\n"
	     "\tLun 1 Type=nullio\n"
	     "Target " B "\n"
	     "\tLun 0 Type=nullio\n");
	assert_int_equal(plan.nr, 3);
	assert_int_equal(plan.added + plan.removed + plan.changed, 0);
	assert_step(0, RELOAD_USER_DEL, "");
	assert_null(at(0)->t);
	assert_string_equal(at(0)->user->name, "disc");
	assert_step(1, RELOAD_USER_ADD, "");
	assert_string_equal(at(1)->user->name, "new");
	assert_step(2, RELOAD_USER_ADD, "");
	assert_int_equal(at(2)->dir, USER_OUTGOING);
}

/* Everything at once: additions first, what goes last. */
static void test_order(void **state)
{
	make("Target " C "\n"
	     "\tLun 0 Type=nullio\n"
	     "Target " B "\n"
	     "\tLun 0 Type=nullio,Blocks=8\n");
	assert_int_equal(plan.added, 1);
	assert_int_equal(plan.changed, 1);
	assert_int_equal(plan.removed, 1);
	assert_int_equal(plan.nr, 7);
	assert_step(0, RELOAD_TARGET_ADD, C);
	assert_step(1, RELOAD_LUN_ADD, C);
	assert_step(2, RELOAD_LUN_DEL, B);
	assert_step(3, RELOAD_LUN_ADD, B);
	assert_true(at(3)->replace);
	assert_step(4, RELOAD_USER_DEL, "");
	assert_step(5, RELOAD_SESSION_KEYS, C);
	assert_step(6, RELOAD_TARGET_DEL, A);
}

static void test_empty_files(void **state)
{
	load(&old, "");
	load(&new, "");
	assert_int_equal(reload_plan_make(&plan, &old, &new), 0);
	assert_int_equal(plan.nr, 0);
	assert_null(plan.actions);
}

static void test_lun_equal(void **state)
{
	struct lun_params a = { .type = IET_LUN_FILEIO, .path = "/x" };
	struct lun_params b = a;

	assert_true(reload_lun_equal(&a, &b));
	b.path = "/y";
	assert_false(reload_lun_equal(&a, &b));
	b.path = NULL;
	assert_false(reload_lun_equal(&a, &b));
	b = a;
	b.iomode_set = true;
	b.iomode = IET_IOMODE_WT;
	assert_false(reload_lun_equal(&a, &b));
	/* IOMode=wt said and IOMode said twice the same way. */
	a = b;
	assert_true(reload_lun_equal(&a, &b));
	snprintf(b.scsi_sn, sizeof(b.scsi_sn), "sn1");
	assert_false(reload_lun_equal(&a, &b));
	b = a;
	b.blocksize = 4096;
	assert_false(reload_lun_equal(&a, &b));
}

static void test_summary(void **state)
{
	struct reload_stats st = {
		.targets_added = 1, .targets_removed = 1, .targets_refused = 1,
		.luns_added = 2, .users_added = 1, .failed = 0,
	};
	char buf[512];

	reload_summary(&st, buf, sizeof(buf));
	assert_string_equal(buf,
			    "reload: 1 target added, 1 removed, 0 changed, 1 refused; 2 LUNs added, 0 removed, 0 replaced; 1 account added, 0 removed, 0 changed; 0 failed");
}

static void test_keys_format(void **state)
{
	unsigned int vals[SESS_NR];
	char buf[256];
	int n;

	param_defaults(&session_params, vals);
	vals[SESS_MAX_BURST] = 4096;
	n = reload_keys_format(&session_params, vals,
			       (1U << SESS_MAX_BURST) |
			       (1U << SESS_IMMEDIATE_DATA) |
			       (1U << SESS_HEADER_DIGEST), buf, sizeof(buf));
	assert_int_equal(n, strlen(buf));
	assert_string_equal(buf,
			    "ImmediateData=Yes,MaxBurstLength=4096,HeaderDigest=None");
	reload_keys_format(&session_params, vals, 0, buf, sizeof(buf));
	assert_string_equal(buf, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_unchanged, teardown),
		cmocka_unit_test_teardown(test_same_in_other_words, teardown),
		cmocka_unit_test_teardown(test_added, teardown),
		cmocka_unit_test_teardown(test_removed, teardown),
		cmocka_unit_test_teardown(test_changed, teardown),
		cmocka_unit_test_teardown(test_accounts, teardown),
		cmocka_unit_test_teardown(test_outgoing_password, teardown),
		cmocka_unit_test_teardown(test_global, teardown),
		cmocka_unit_test_teardown(test_order, teardown),
		cmocka_unit_test_teardown(test_empty_files, teardown),
		cmocka_unit_test(test_lun_equal),
		cmocka_unit_test(test_summary),
		cmocka_unit_test(test_keys_format),
	};

	return cmocka_run_group_tests_name("reload", tests, NULL, NULL);
}
