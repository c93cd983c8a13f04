// SPDX-License-Identifier: GPL-2.0
/*
 * Carrying out a reload (usr/reload_apply.c) against the in-memory kernel
 * of fake_kernel.c and ietd's store: what changes, what is refused, what
 * is undone, and what ietadm did that stays.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "apply.h"
#include "config.h"
#include "fake_kernel.h"
#include "reload_apply.h"
#include "store.h"

#define FILE_NAME	"/etc/iet/ietd.conf"
#define A		"iqn.2026-11.org.example:a"
#define B		"iqn.2026-11.org.example:b"
#define C		"iqn.2026-11.org.example:c"

#define BASE \
	"IncomingUser disc discsecret123\n" \
	"Target " A "\n" \
	"\tWthreads 4\n" \
	"\tIncomingUser joe joesecret1234\n" \
	"\tLun 0 Path=/dev/vg/a,Type=blockio\n" \
	"\tLun 1 Type=nullio\n" \
	"Target " B "\n" \
	"\tIncomingUser bob bobsecret1234\n" \
	"\tLun 0 Type=nullio\n"

static const char base[] = BASE;

static struct config old, new;
static struct reload_stats st;
static char err[1024];
static struct kern *k;

static void load(struct config *cfg, const char *text)
{
	assert_int_equal(config_parse(cfg, FILE_NAME, text, strlen(text), err,
				      sizeof(err)), 0);
}

/* ietd started on base. */
static int setup(void **state)
{
	fake_reset();
	store_free(&ietd_store);
	setenv("IET_FAKE_CONN", "1", 1);
	assert_int_equal(kern_open(&k, err, sizeof(err)), 0);
	load(&old, base);
	assert_int_equal(apply_config(k, &old, err, sizeof(err)), 0);
	assert_int_equal(store_load_config(&ietd_store, &old), 0);
	return 0;
}

static int teardown(void **state)
{
	config_free(&old);
	config_free(&new);
	store_free(&ietd_store);
	return 0;
}

static int reload(const char *text)
{
	load(&new, text);
	return reload_apply(k, &old, &new, &st, err, sizeof(err));
}

static const struct fake_target *target(const char *name)
{
	unsigned int i;

	for (i = 0; i < fake.nr_targets; i++)
		if (!strcmp(fake.targets[i].name, name))
			return &fake.targets[i];
	return NULL;
}

static const struct fake_lun *lun(uint32_t tid, uint32_t n)
{
	unsigned int i;

	for (i = 0; i < fake.nr_luns; i++)
		if (fake.luns[i].tid == tid && fake.luns[i].lun == n)
			return &fake.luns[i];
	return NULL;
}

static void session(uint32_t tid)
{
	struct fake_session *s = &fake.sessions[fake.nr_sessions++];

	memset(s, 0, sizeof(*s));
	s->tid = tid;
	s->sid = 1ULL << 48 | tid;
	s->fd = -1;
}

static bool has_user(const char *t, enum user_dir dir, const char *name,
		     const char *password)
{
	const struct store_user *u;

	u = store_user_find(&ietd_store, t, dir, name);
	return u && !strcmp(u->password, password);
}

/* The same LUNs, targets and keys as @before, in any order. */
static void assert_kernel_is(const struct fake_state *before)
{
	const struct fake_target *t;
	const struct fake_lun *l, *b;
	unsigned int i;

	assert_int_equal(fake.nr_targets, before->nr_targets);
	for (i = 0; i < before->nr_targets; i++) {
		t = target(before->targets[i].name);
		assert_non_null(t);
		assert_int_equal(t->tid, before->targets[i].tid);
		assert_memory_equal(t->params, before->targets[i].params,
				    sizeof(t->params));
	}
	assert_int_equal(fake.nr_luns, before->nr_luns);
	for (i = 0; i < before->nr_luns; i++) {
		b = &before->luns[i];
		l = lun(b->tid, b->lun);
		assert_non_null(l);
		assert_int_equal(l->type, b->type);
		assert_string_equal(l->path, b->path);
	}
}

static void test_unchanged(void **state)
{
	unsigned int calls = fake.calls;

	assert_int_equal(reload(base), 0);
	/* Not a single kernel call: the sessions are not touched. */
	assert_int_equal(fake.calls, calls);
	assert_int_equal(st.targets_added + st.targets_removed +
			 st.targets_changed + st.luns_added + st.users_added,
			 0);
}

static void test_add_remove_change(void **state)
{
	const struct fake_target *a, *c;

	assert_int_equal(reload("IncomingUser disc discsecret123\n"
				"Target " A "\n"
				"\tWthreads 6\n"
				"\tIncomingUser joe joesecret1234\n"
				"\tLun 0 Path=/dev/vg/a,Type=blockio\n"
				"\tLun 2 Type=nullio\n"
				"Target " C "\n"
				"\tIncomingUser ann annsecret1234\n"
				"\tMaxBurstLength 4096\n"
				"\tLun 0 Path=/srv/c.img\n"), 0);
	a = target(A);
	c = target(C);
	assert_non_null(a);
	assert_non_null(c);
	assert_null(target(B));
	assert_int_equal(a->tid, 1);
	assert_int_equal(a->params[TGT_WTHREADS], 6);
	assert_int_equal(c->tid, 3);
	assert_non_null(lun(1, 0));
	assert_null(lun(1, 1));
	assert_int_equal(lun(1, 2)->type, IET_LUN_NULLIO);
	assert_string_equal(lun(3, 0)->path, "/srv/c.img");
	assert_int_equal(fake.nr_luns, 3);
	/* The store: C's account and keys in, B forgotten, A's kept. */
	assert_true(has_user(C, USER_INCOMING, "ann", "annsecret1234"));
	assert_int_equal(store_sparams(&ietd_store, C)[SESS_MAX_BURST], 4096);
	assert_int_equal(store_nr_incoming(&ietd_store, B), 0);
	assert_null(store_sparams(&ietd_store, B));
	assert_true(has_user(A, USER_INCOMING, "joe", "joesecret1234"));
	assert_int_equal(st.targets_added, 1);
	assert_int_equal(st.targets_removed, 1);
	assert_int_equal(st.targets_changed, 1);
	assert_int_equal(st.targets_refused, 0);
	assert_int_equal(st.luns_added, 2);
	assert_int_equal(st.luns_removed, 1);
	assert_int_equal(st.users_added, 1);
	assert_int_equal(st.failed, 0);
}

/* A target with a session stays, and so do its accounts. */
static void test_refused(void **state)
{
	session(2);
	assert_int_equal(reload("IncomingUser disc discsecret123\n"
				"Target " A "\n"
				"\tWthreads 4\n"
				"\tIncomingUser joe joesecret1234\n"
				"\tLun 0 Path=/dev/vg/a,Type=blockio\n"
				"\tLun 1 Type=nullio\n"), 0);
	assert_non_null(target(B));
	assert_non_null(lun(2, 0));
	assert_true(has_user(B, USER_INCOMING, "bob", "bobsecret1234"));
	assert_int_equal(st.targets_refused, 1);
	assert_int_equal(st.targets_removed, 0);
	assert_int_equal(st.failed, 0);
}

/* As ietadm --op delete --lun: a LUN goes even under a session. */
static void test_lun_removed_under_session(void **state)
{
	session(1);
	assert_int_equal(reload("IncomingUser disc discsecret123\n"
				"Target " A "\n"
				"\tWthreads 4\n"
				"\tIncomingUser joe joesecret1234\n"
				"\tLun 0 Path=/dev/vg/a,Type=blockio\n"
				"Target " B "\n"
				"\tIncomingUser bob bobsecret1234\n"
				"\tLun 0 Type=nullio\n"), 0);
	assert_null(lun(1, 1));
	assert_non_null(lun(1, 0));
	assert_int_equal(fake.nr_sessions, 1);
	assert_int_equal(st.luns_removed, 1);
}

/* A failed addition undoes every change before it, a replaced LUN too. */
static void test_rollback(void **state)
{
	struct fake_state *before = malloc(sizeof(*before));

	assert_non_null(before);
	*before = fake;
	assert_int_equal(reload("IncomingUser other othersecret12\n"
				"Target " A "\n"
				"\tWthreads 6\n"
				"\tIncomingUser joe joesecret1234\n"
				"\tLun 0 Path=/dev/vg/a2,Type=blockio\n"
				"\tLun 1 Type=nullio\n"
				"\tLun 2 Type=nullio\n"
				"Target " C "\n"
				"\tLun 0 Type=nullio\n"
				"\tLun 1 Path=/dev/fail,Type=blockio\n"), -EIO);
	assert_string_equal(err, FILE_NAME
			    ":10: Lun 1: /dev/fail: Input/output error: injected failure");
	assert_kernel_is(before);
	assert_string_equal(lun(1, 0)->path, "/dev/vg/a");
	/* The store was not reached. */
	assert_true(has_user("", USER_INCOMING, "disc", "discsecret123"));
	assert_false(has_user("", USER_INCOMING, "other", "othersecret12"));
	assert_true(has_user(B, USER_INCOMING, "bob", "bobsecret1234"));
	free(before);
}

static void test_replace_lun(void **state)
{
	assert_int_equal(reload("IncomingUser disc discsecret123\n"
				"Target " A "\n"
				"\tWthreads 4\n"
				"\tIncomingUser joe joesecret1234\n"
				"\tLun 0 Path=/dev/vg/a2,Type=blockio\n"
				"\tLun 1 Type=nullio\n"
				"Target " B "\n"
				"\tIncomingUser bob bobsecret1234\n"
				"\tLun 0 Type=nullio\n"), 0);
	assert_string_equal(lun(1, 0)->path, "/dev/vg/a2");
	assert_int_equal(st.luns_replaced, 1);
	assert_int_equal(st.luns_added + st.luns_removed, 0);
}

/* What ietadm changed and the file did not stays as ietadm left it. */
static void test_ietadm_changes_stay(void **state)
{
	unsigned int vals[TGT_NR], svals[SESS_NR];

	param_defaults(&target_params, vals);
	vals[TGT_QUEUED_CMDS] = 64;
	assert_int_equal(kern_target_set(k, 1, vals, 1U << TGT_QUEUED_CMDS),
			 0);
	memcpy(svals, store_sparams(&ietd_store, A), sizeof(svals));
	svals[SESS_MAX_RECV_DSL] = 65536;
	assert_int_equal(store_sparams_set(&ietd_store, A, svals), 0);
	assert_int_equal(store_user_add(&ietd_store, A, USER_INCOMING,
					"cinder", "cindersecret1"), 0);
	assert_int_equal(store_user_add(&ietd_store, A, USER_INCOMING,
					"ann", "ietadmsecret1"), 0);
	assert_int_equal(reload("IncomingUser disc discsecret123\n"
				"Target " A "\n"
				"\tWthreads 4\n"
				"\tNOPInterval 5\n"
				"\tMaxBurstLength 4096\n"
				"\tIncomingUser ann annsecret1234\n"
				"\tLun 0 Path=/dev/vg/a,Type=blockio\n"
				"\tLun 1 Type=nullio\n"
				"Target " B "\n"
				"\tIncomingUser bob bobsecret1234\n"
				"\tLun 0 Type=nullio\n"), 0);
	assert_int_equal(target(A)->params[TGT_QUEUED_CMDS], 64);
	assert_int_equal(target(A)->params[TGT_NOP_INTERVAL], 5);
	assert_int_equal(store_sparams(&ietd_store, A)[SESS_MAX_RECV_DSL],
			 65536);
	assert_int_equal(store_sparams(&ietd_store, A)[SESS_MAX_BURST], 4096);
	assert_true(has_user(A, USER_INCOMING, "cinder", "cindersecret1"));
	/* The file names ann: its password wins. joe left the file. */
	assert_true(has_user(A, USER_INCOMING, "ann", "annsecret1234"));
	assert_null(store_user_find(&ietd_store, A, USER_INCOMING, "joe"));
	assert_int_equal(st.users_added, 1);
	assert_int_equal(st.users_removed, 1);
}

/* A target ietadm deleted is not made again by a change of its stanza. */
static void test_ietadm_deleted(void **state)
{
	assert_int_equal(kern_target_del(k, 2, false), 0);
	assert_int_equal(reload("IncomingUser disc discsecret123\n"
				"Target " A "\n"
				"\tWthreads 4\n"
				"\tIncomingUser joe joesecret1234\n"
				"\tLun 0 Path=/dev/vg/a,Type=blockio\n"
				"\tLun 1 Type=nullio\n"
				"Target " B "\n"
				"\tWthreads 2\n"
				"\tIncomingUser bob bobsecret1234\n"
				"\tLun 0 Type=nullio\n"
				"\tLun 1 Type=nullio\n"), 0);
	assert_null(target(B));
	assert_int_equal(fake.nr_luns, 2);
	assert_int_equal(st.failed, 0);
	assert_int_equal(st.luns_added, 0);
}

/* A new stanza for a target ietadm made takes it over, LUNs kept. */
static void test_adopt(void **state)
{
	unsigned int vals[TGT_NR];
	struct lun_params lp = { .type = IET_LUN_BLOCKIO, .path = "/dev/vg/x" };
	uint32_t tid = 0;

	param_defaults(&target_params, vals);
	assert_int_equal(kern_target_new(k, &tid, C, vals), 0);
	assert_int_equal(kern_lun_new(k, tid, 0, &lp), 0);
	assert_int_equal(reload(BASE
				"Target " C "\n"
				"\tWthreads 2\n"
				"\tLun 0 Path=/dev/vg/c,Type=blockio\n"
				"\tLun 1 Type=nullio\n"), 0);
	assert_int_equal(target(C)->tid, tid);
	assert_int_equal(target(C)->params[TGT_WTHREADS], 2);
	assert_string_equal(lun(tid, 0)->path, "/dev/vg/x");
	assert_int_equal(lun(tid, 1)->type, IET_LUN_NULLIO);
	assert_int_equal(st.targets_added, 1);
	assert_int_equal(st.luns_added, 1);
}

static void test_discovery(void **state)
{
	assert_int_equal(store_user_add(&ietd_store, "", USER_OUTGOING, "tgt",
					"tgtsecret1234"), 0);
	assert_int_equal(reload("IncomingUser disc discsecret456\n"
				"OutgoingUser me mesecret12345\n"
				"Target " A "\n"
				"\tWthreads 4\n"
				"\tIncomingUser joe joesecret1234\n"
				"\tLun 0 Path=/dev/vg/a,Type=blockio\n"
				"\tLun 1 Type=nullio\n"
				"Target " B "\n"
				"\tIncomingUser bob bobsecret1234\n"
				"\tLun 0 Type=nullio\n"), 0);
	assert_true(has_user("", USER_INCOMING, "disc", "discsecret456"));
	/* There is one OutgoingUser: the file's replaces ietadm's. */
	assert_true(has_user("", USER_OUTGOING, "me", "mesecret12345"));
	assert_null(store_user_find(&ietd_store, "", USER_OUTGOING, "tgt"));
	assert_int_equal(st.users_changed, 1);
	assert_int_equal(st.users_added, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_unchanged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_remove_change, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lun_removed_under_session,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_rollback, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replace_lun, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_ietadm_changes_stay, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_ietadm_deleted, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_adopt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_discovery, setup,
						teardown),
	};

	return cmocka_run_group_tests_name("reload_apply", tests, NULL, NULL);
}
