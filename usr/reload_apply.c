// SPDX-License-Identifier: GPL-2.0
/*
 * A reload plan, step by step, against the kernel and ietd's store.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>

#include "kernel.h"
#include "log.h"
#include "reload_apply.h"
#include "store.h"

/* One kernel change made by this reload, and how to take it back. */
struct undo {
	enum { UNDO_TARGET, UNDO_KEYS, UNDO_LUN, UNDO_LUN_BACK } what;
	uint32_t tid;
	const struct config_lun *lun;	/* added, or to put back */
	unsigned int mask;		/* UNDO_KEYS: the keys set */
	unsigned int params[TGT_NR];	/* UNDO_KEYS: their values before */
};

struct exec {
	struct kern *k;
	const struct config *cfg;	/* the new file */
	struct reload_stats *st;
	struct undo *undo;
	unsigned int nr_undo;
	const char *missing;		/* the target last said missing */
	char *err;
	size_t len;
};

/* A new entry of the journal, to fill in; NULL when out of memory. */
static struct undo *journal(struct exec *e, const struct undo *u)
{
	struct undo *n = realloc(e->undo, (e->nr_undo + 1) * sizeof(*n));

	if (!n)
		return NULL;
	e->undo = n;
	n[e->nr_undo] = *u;
	return &n[e->nr_undo++];
}

static int undo_one(struct exec *e, const struct undo *u)
{
	switch (u->what) {
	case UNDO_TARGET:
		return kern_target_del(e->k, u->tid, false);
	case UNDO_KEYS:
		return kern_target_set(e->k, u->tid, u->params, u->mask);
	case UNDO_LUN:
		return kern_lun_del(e->k, u->tid, u->lun->lun, true);
	case UNDO_LUN_BACK:
		return kern_lun_new(e->k, u->tid, u->lun->lun,
				    &u->lun->params);
	}
	return -EINVAL;
}

static void rollback(struct exec *e)
{
	const struct undo *u;
	int err;

	while (e->nr_undo) {
		u = &e->undo[--e->nr_undo];
		err = undo_one(e, u);
		if (err)
			log_warn("reload: cannot undo a change to target %u: %s",
				 u->tid, strerror(-err));
		else
			log_info("reload: target %u: change undone", u->tid);
	}
}

/* "FILE:LINE: @what: <errno text>[: <the kernel's words>]" */
static int fail(struct exec *e, unsigned int line, const char *what, int err)
{
	const char *msg = kern_message(e->k);

	snprintf(e->err, e->len, "%s:%u: %s: %s%s%s", e->cfg->file, line,
		 what, strerror(-err), *msg ? ": " : "", msg);
	return err;
}

static int lun_fail(struct exec *e, const struct config_lun *l, int err)
{
	char what[PATH_MAX + 32];

	snprintf(what, sizeof(what), "Lun %u%s%s", l->lun,
		 l->params.path ? ": " : "",
		 l->params.path ? l->params.path : "");
	return fail(e, l->line, what, err);
}

/* The tid of the live target called @name: 0, -ENOENT or an error. */
static int tid_of(struct exec *e, const char *name, uint32_t *tid)
{
	struct kern_target *t;
	unsigned int i, nr;
	int err;

	err = kern_target_dump(e->k, &t, &nr);
	if (err)
		return err;
	err = -ENOENT;
	for (i = 0; i < nr && err; i++) {
		if (!strcasecmp(t[i].name, name)) {
			*tid = t[i].tid;
			err = 0;
		}
	}
	free(t);
	return err;
}

/* As tid_of(), saying once that a target ietadm deleted is left alone. */
static int changed_tid(struct exec *e, const struct reload_action *a,
		       uint32_t *tid)
{
	int err = tid_of(e, a->target, tid);

	if (err == -ENOENT && e->missing != a->target) {
		e->missing = a->target;
		log_warn("reload: target %s is not in the kernel (deleted with ietadm?); its changes are not applied",
			 a->target);
	}
	return err;
}

/* ---- what can be undone ---- */

static int keys_set(struct exec *e, const struct config_target *t,
		    uint32_t tid, unsigned int mask)
{
	struct undo u = { .what = UNDO_KEYS, .tid = tid, .mask = mask };
	struct kern_target live;
	char keys[256];
	int err;

	err = kern_target_get(e->k, tid, &live);
	if (!err) {
		memcpy(u.params, live.params, sizeof(u.params));
		err = journal(e, &u) ? 0 : -ENOMEM;
	}
	if (!err) {
		err = kern_target_set(e->k, tid, t->tparams, mask);
		if (err)
			e->nr_undo--;
	}
	if (err)
		return fail(e, t->line, t->name, err);
	reload_keys_format(&target_params, t->tparams, mask, keys,
			   sizeof(keys));
	log_info("reload: target %u %s: %s", tid, t->name, keys);
	return 0;
}

static int target_keys(struct exec *e, const struct reload_action *a)
{
	uint32_t tid = 0;
	int err = changed_tid(e, a, &tid);

	if (err == -ENOENT)
		return 0;
	if (err)
		return fail(e, a->t->line, a->t->name, err);
	return keys_set(e, a->t, tid, a->mask);
}

/* A live target, made with ietadm, that a new stanza names. */
static int target_adopt(struct exec *e, const struct config_target *t,
			uint32_t tid)
{
	struct kern_target live;
	unsigned int i, mask = 0;
	int err;

	err = kern_target_get(e->k, tid, &live);
	if (err)
		return fail(e, t->line, t->name, err);
	log_info("reload: target %u %s was live already; the file takes it over",
		 tid, t->name);
	e->st->targets_added++;
	for (i = 0; i < TGT_NR; i++)
		if (live.params[i] != t->tparams[i])
			mask |= 1U << i;
	return mask ? keys_set(e, t, tid, mask) : 0;
}

static int target_add(struct exec *e, const struct reload_action *a)
{
	const struct config_target *t = a->t;
	struct undo u = { .what = UNDO_TARGET }, *j;
	uint32_t tid = 0;
	int err;

	err = tid_of(e, t->name, &tid);
	if (!err)
		return target_adopt(e, t, tid);
	if (err != -ENOENT)
		return fail(e, t->line, t->name, err);
	j = journal(e, &u);
	tid = 0;
	err = j ? kern_target_new(e->k, &tid, t->name, t->tparams) : -ENOMEM;
	if (err) {
		e->nr_undo -= !!j;
		return fail(e, t->line, t->name, err);
	}
	j->tid = tid;
	e->st->targets_added++;
	log_info("reload: target %u %s added", tid, t->name);
	return 0;
}

/* Tell the admin when a LUN kept live is not what the file says. */
static void lun_kept(struct exec *e, const struct reload_action *a,
		     uint32_t tid)
{
	const struct config_lun *l = a->lun;
	const char *want = l->params.path ? l->params.path : "";
	struct kern_lun *luns;
	unsigned int i, nr;
	char msg[1024];

	if (kern_lun_dump(e->k, tid, &luns, &nr))
		return;
	for (i = 0; i < nr; i++) {
		if (luns[i].lun != l->lun)
			continue;
		if (luns[i].params.type == l->params.type &&
		    !strcmp(want, luns[i].params.path ?: ""))
			break;
		snprintf(msg, sizeof(msg),
			 "%s:%u: Lun %u of %s is live as Type=%s%s%s; kept as it is",
			 e->cfg->file, l->line, l->lun, a->target,
			 lun_type_name(luns[i].params.type),
			 luns[i].params.path ? ",Path=" : "",
			 luns[i].params.path ?: "");
		log_located(LOG_WARNING, msg);
	}
	kern_luns_free(luns, nr);
}

static int lun_add(struct exec *e, const struct reload_action *a)
{
	struct undo u = { .what = UNDO_LUN, .lun = a->lun }, *j = NULL;
	uint32_t tid = 0;
	int err = changed_tid(e, a, &tid);

	if (err == -ENOENT)
		return 0;
	u.tid = tid;
	if (!err)
		j = journal(e, &u);
	if (!err && !j)
		err = -ENOMEM;
	if (!err)
		err = kern_lun_new(e->k, tid, a->lun->lun, &a->lun->params);
	if (err)
		e->nr_undo -= !!j;
	if (err == -EEXIST) {
		lun_kept(e, a, tid);
		return 0;
	}
	if (err)
		return lun_fail(e, a->lun, err);
	if (a->replace)
		e->st->luns_replaced++;
	else
		e->st->luns_added++;
	log_info("reload: target %u %s: Lun %u %s", tid, a->target,
		 a->lun->lun, a->replace ? "added with its new parameters" :
		 "added");
	return 0;
}

/* The old LUN of one replaced: put back if the reload fails. */
static int lun_del(struct exec *e, const struct reload_action *a)
{
	struct undo u = { .what = UNDO_LUN_BACK, .lun = a->lun }, *j = NULL;
	uint32_t tid = 0;
	int err = changed_tid(e, a, &tid);

	if (err == -ENOENT)
		return 0;
	u.tid = tid;
	if (!err)
		j = journal(e, &u);
	if (!err && !j)
		err = -ENOMEM;
	/* Forced: a changed LUN is replaced under its sessions too. */
	if (!err)
		err = kern_lun_del(e->k, tid, a->lun->lun, true);
	if (err)
		e->nr_undo -= !!j;
	/* Deleted with ietadm already: the new one goes in its place. */
	if (err == -ENOENT)
		return 0;
	if (err)
		return lun_fail(e, a->lun, err);
	log_info("reload: target %u %s: Lun %u removed, its parameters changed",
		 tid, a->target, a->lun->lun);
	return 0;
}

/* ---- ietd's store, read by later logins ---- */

static const char *owner(const struct reload_action *a)
{
	return *a->target ? a->target : "discovery";
}

static void store_failed(struct exec *e, const struct reload_action *a,
			 int err)
{
	e->st->failed++;
	log_warn("reload: %s: %s %s not changed: %s", owner(a),
		 user_dir_name(a->dir), a->user->name, strerror(-err));
}

static void user_set(struct exec *e, const struct reload_action *a)
{
	const struct config_user *u = a->user;
	bool add = a->op == RELOAD_USER_ADD;
	int err;

	/* The file's account replaces one of its name ietadm added. */
	store_user_del(&ietd_store, a->target, a->dir,
		       a->dir == USER_OUTGOING ? NULL : u->name);
	err = store_user_add(&ietd_store, a->target, a->dir, u->name,
			     u->password);
	if (err) {
		store_failed(e, a, err);
		return;
	}
	if (add)
		e->st->users_added++;
	else
		e->st->users_changed++;
	log_info("reload: %s: %s %s %s", owner(a), user_dir_name(a->dir),
		 u->name, add ? "added" : "has a new password");
}

static void user_del(struct exec *e, const struct reload_action *a)
{
	/* ENOENT: ietadm deleted it already, which is all the same. */
	store_user_del(&ietd_store, a->target, a->dir, a->user->name);
	e->st->users_removed++;
	log_info("reload: %s: %s %s removed", owner(a), user_dir_name(a->dir),
		 a->user->name);
}

/* Only the keys the file changed: ietadm's values for the others stay. */
static void session_keys(struct exec *e, const struct reload_action *a)
{
	const unsigned int *now = store_sparams(&ietd_store, a->target);
	unsigned int vals[SESS_NR], i;
	char keys[1024];

	if (now)
		memcpy(vals, now, sizeof(vals));
	else
		param_defaults(&session_params, vals);
	for (i = 0; i < SESS_NR; i++)
		if (a->mask & (1U << i))
			vals[i] = a->t->sparams[i];
	if (store_sparams_set(&ietd_store, a->target, vals)) {
		e->st->failed++;
		log_warn("reload: %s: session keys not changed: out of memory",
			 a->target);
		return;
	}
	if (a->new_target)
		return;
	reload_keys_format(&session_params, vals, a->mask, keys,
			   sizeof(keys));
	log_info("reload: %s: for new logins, %s", a->target, keys);
}

static void login_limits(const struct reload_action *a)
{
	const struct config_target *t = a->t;

	if (a->op == RELOAD_ALIAS)
		log_info("reload: %s: Alias '%s' for new logins", a->target,
			 t->alias ?: "");
	else
		log_info("reload: %s: MaxSessions %u for new logins; sessions running stay",
			 a->target, t->max_sessions);
}

/* ---- what goes for good ---- */

static void lun_gone(struct exec *e, const struct reload_action *a)
{
	uint32_t tid = 0;
	int err = changed_tid(e, a, &tid);

	if (err == -ENOENT)
		return;
	/* As ietadm --force: running commands end first, sessions stay. */
	if (!err)
		err = kern_lun_del(e->k, tid, a->lun->lun, true);
	if (err && err != -ENOENT) {
		e->st->failed++;
		log_warn("reload: target %s: Lun %u cannot be removed: %s",
			 a->target, a->lun->lun, strerror(-err));
		return;
	}
	e->st->luns_removed++;
	log_info("reload: target %u %s: Lun %u removed", tid, a->target,
		 a->lun->lun);
}

static void target_del(struct exec *e, const struct reload_action *a)
{
	uint32_t tid = 0;
	int err = tid_of(e, a->target, &tid);

	if (!err)
		err = kern_target_del(e->k, tid, false);
	if (err == -EBUSY) {
		e->st->targets_refused++;
		log_warn("reload: target %u %s has sessions: not removed; it stays until ietadm deletes it",
			 tid, a->target);
		return;
	}
	if (err && err != -ENOENT) {
		e->st->failed++;
		log_warn("reload: target %s cannot be removed: %s", a->target,
			 strerror(-err));
		return;
	}
	/* A new target of the same name starts afresh, as in IET. */
	store_forget(&ietd_store, a->target);
	e->st->targets_removed++;
	if (err)
		log_info("reload: target %s was deleted already", a->target);
	else
		log_info("reload: target %u %s removed", tid, a->target);
}

/* ---- the plan ---- */

/* Only steps that can be undone fail the reload. */
static int step(struct exec *e, const struct reload_action *a)
{
	switch (a->op) {
	case RELOAD_TARGET_ADD:
		return target_add(e, a);
	case RELOAD_TARGET_KEYS:
		return target_keys(e, a);
	case RELOAD_LUN_DEL:
		return lun_del(e, a);
	case RELOAD_LUN_ADD:
		return lun_add(e, a);
	case RELOAD_USER_DEL:
		user_del(e, a);
		break;
	case RELOAD_USER_CHANGE:
	case RELOAD_USER_ADD:
		user_set(e, a);
		break;
	case RELOAD_SESSION_KEYS:
		session_keys(e, a);
		break;
	case RELOAD_ALIAS:
	case RELOAD_MAX_SESSIONS:
		login_limits(a);
		break;
	case RELOAD_LUN_GONE:
		lun_gone(e, a);
		break;
	case RELOAD_TARGET_DEL:
		target_del(e, a);
		break;
	}
	return 0;
}

static void summary(const struct config *cfg, const struct reload_plan *p,
		    const struct reload_stats *st)
{
	char line[512];

	if (!p->nr) {
		log_info("reload: %s: no change", cfg->file);
		return;
	}
	reload_summary(st, line, sizeof(line));
	log_info("%s", line);
}

int reload_apply(struct kern *k, const struct config *old,
		 const struct config *new, struct reload_stats *st, char *err,
		 size_t len)
{
	struct exec e = {
		.k = k, .cfg = new, .st = st, .err = err, .len = len,
	};
	struct reload_plan p;
	unsigned int i;
	int ret;

	memset(st, 0, sizeof(*st));
	ret = reload_plan_make(&p, old, new);
	if (ret) {
		snprintf(err, len, "%s: out of memory", new->file);
		return ret;
	}
	for (i = 0; !ret && i < p.nr; i++)
		ret = step(&e, &p.actions[i]);
	if (ret) {
		rollback(&e);
		memset(st, 0, sizeof(*st));
	} else {
		st->targets_changed = p.changed;
		summary(new, &p, st);
	}
	free(e.undo);
	reload_plan_free(&p);
	return ret;
}
