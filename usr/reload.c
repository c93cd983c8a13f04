// SPDX-License-Identifier: GPL-2.0
/*
 * Planning a reload: the difference between two parsed ietd.conf files.
 * See reload.h for what is planned and in which order.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reload.h"

#define ALL_SESSION_KEYS	((1U << SESS_NR) - 1)

static const struct config_auth no_accounts;

static int push(struct reload_plan *p, const struct reload_action *a)
{
	struct reload_action *n;

	n = realloc(p->actions, (p->nr + 1) * sizeof(*n));
	if (!n)
		return -ENOMEM;
	p->actions = n;
	n[p->nr++] = *a;
	return 0;
}

static int push_op(struct reload_plan *p, const struct reload_action *base,
		   enum reload_op op)
{
	struct reload_action a = *base;

	a.op = op;
	return push(p, &a);
}

static bool str_equal(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

bool reload_lun_equal(const struct lun_params *a, const struct lun_params *b)
{
	return a->type == b->type && str_equal(a->path, b->path) &&
		a->iomode_set == b->iomode_set &&
		(!a->iomode_set || a->iomode == b->iomode) &&
		a->blocksize == b->blocksize && a->blocks == b->blocks &&
		!strcmp(a->scsi_id, b->scsi_id) &&
		!strcmp(a->scsi_sn, b->scsi_sn);
}

static unsigned int diff_mask(const unsigned int *a, const unsigned int *b,
			      unsigned int nr)
{
	unsigned int i, mask = 0;

	for (i = 0; i < nr; i++)
		if (a[i] != b[i])
			mask |= 1U << i;
	return mask;
}

/* ---- accounts ---- */

static const struct config_user *incoming_find(const struct config_auth *a,
					       const char *name)
{
	unsigned int i;

	/* Account names are case-sensitive, as CHAP_N is compared. */
	for (i = 0; i < a->nr_incoming; i++)
		if (!strcmp(a->incoming[i].name, name))
			return &a->incoming[i];
	return NULL;
}

static int user_step(struct reload_plan *p, struct reload_action *a,
		     enum reload_op op, const struct config_user *u)
{
	a->op = op;
	a->user = u;
	return push(p, a);
}

static int incoming_diff(struct reload_plan *p, struct reload_action *a,
			 const struct config_auth *o,
			 const struct config_auth *n)
{
	const struct config_user *u;
	unsigned int i;
	int err = 0;

	a->dir = USER_INCOMING;
	for (i = 0; !err && i < o->nr_incoming; i++)
		if (!incoming_find(n, o->incoming[i].name))
			err = user_step(p, a, RELOAD_USER_DEL, &o->incoming[i]);
	for (i = 0; !err && i < n->nr_incoming; i++) {
		u = incoming_find(o, n->incoming[i].name);
		if (!u)
			err = user_step(p, a, RELOAD_USER_ADD, &n->incoming[i]);
		else if (strcmp(u->password, n->incoming[i].password))
			err = user_step(p, a, RELOAD_USER_CHANGE,
					&n->incoming[i]);
	}
	return err;
}

/* There is one OutgoingUser at most: a new name replaces the old. */
static int outgoing_diff(struct reload_plan *p, struct reload_action *a,
			 const struct config_user *o,
			 const struct config_user *n)
{
	bool same = o->name && n->name && !strcmp(o->name, n->name);
	int err = 0;

	a->dir = USER_OUTGOING;
	if (o->name && !same)
		err = user_step(p, a, RELOAD_USER_DEL, o);
	if (!err && n->name && !same)
		err = user_step(p, a, RELOAD_USER_ADD, n);
	if (!err && same && strcmp(o->password, n->password))
		err = user_step(p, a, RELOAD_USER_CHANGE, n);
	return err;
}

static int auth_diff(struct reload_plan *p, const struct reload_action *base,
		     const struct config_auth *o, const struct config_auth *n)
{
	struct reload_action a = *base;

	return incoming_diff(p, &a, o, n) ?:
		outgoing_diff(p, &a, &o->outgoing, &n->outgoing);
}

/* ---- targets ---- */

static const struct config_lun *lun_find(const struct config_target *t,
					 unsigned int lun)
{
	unsigned int i;

	for (i = 0; i < t->nr_luns; i++)
		if (t->luns[i].lun == lun)
			return &t->luns[i];
	return NULL;
}

static int lun_step(struct reload_plan *p, const struct reload_action *base,
		    enum reload_op op, const struct config_lun *l,
		    bool replace)
{
	struct reload_action a = *base;

	a.op = op;
	a.lun = l;
	a.replace = replace;
	return push(p, &a);
}

/* Removals, then what a replaced LUN was, then what is added. */
static int luns_diff(struct reload_plan *p, const struct reload_action *base,
		     const struct config_target *o,
		     const struct config_target *n)
{
	const struct config_lun *l;
	unsigned int i;
	int err = 0;

	for (i = 0; !err && i < o->nr_luns; i++) {
		l = lun_find(n, o->luns[i].lun);
		if (!l)
			err = lun_step(p, base, RELOAD_LUN_GONE, &o->luns[i],
				       false);
		else if (!reload_lun_equal(&l->params, &o->luns[i].params))
			err = lun_step(p, base, RELOAD_LUN_DEL, &o->luns[i],
				       true);
	}
	for (i = 0; !err && i < n->nr_luns; i++) {
		l = lun_find(o, n->luns[i].lun);
		if (!l)
			err = lun_step(p, base, RELOAD_LUN_ADD, &n->luns[i],
				       false);
		else if (!reload_lun_equal(&l->params, &n->luns[i].params))
			err = lun_step(p, base, RELOAD_LUN_ADD, &n->luns[i],
				       true);
	}
	return err;
}

static int target_added(struct reload_plan *p, const struct config_target *t)
{
	struct reload_action a = {
		.target = t->name, .t = t, .new_target = true,
	};
	unsigned int i;
	int err;

	err = push_op(p, &a, RELOAD_TARGET_ADD);
	for (i = 0; !err && i < t->nr_luns; i++)
		err = lun_step(p, &a, RELOAD_LUN_ADD, &t->luns[i], false);
	a.mask = ALL_SESSION_KEYS;
	if (!err)
		err = push_op(p, &a, RELOAD_SESSION_KEYS);
	a.mask = 0;
	if (!err)
		err = auth_diff(p, &a, &no_accounts, &t->auth);
	/* Alias and MaxSessions are read from the file in force. */
	if (!err)
		p->added++;
	return err;
}

static int target_keys(struct reload_plan *p, struct reload_action *a,
		       enum reload_op op, const unsigned int *o,
		       const unsigned int *n, unsigned int nr)
{
	int err;

	a->mask = diff_mask(o, n, nr);
	err = a->mask ? push_op(p, a, op) : 0;
	a->mask = 0;
	return err;
}

static int target_diff(struct reload_plan *p, const struct config_target *o,
		       const struct config_target *n)
{
	struct reload_action a = { .target = n->name, .t = n };
	unsigned int before = p->nr;
	int err;

	err = target_keys(p, &a, RELOAD_TARGET_KEYS, o->tparams, n->tparams,
			  TGT_NR) ?:
		luns_diff(p, &a, o, n) ?:
		target_keys(p, &a, RELOAD_SESSION_KEYS, o->sparams,
			    n->sparams, SESS_NR) ?:
		auth_diff(p, &a, &o->auth, &n->auth);
	if (!err && !str_equal(o->alias, n->alias))
		err = push_op(p, &a, RELOAD_ALIAS);
	if (!err && o->max_sessions != n->max_sessions)
		err = push_op(p, &a, RELOAD_MAX_SESSIONS);
	if (!err && p->nr > before)
		p->changed++;
	return err;
}

static int target_removed(struct reload_plan *p,
			  const struct config_target *t)
{
	struct reload_action a = { .target = t->name, .t = t };

	p->removed++;
	return push_op(p, &a, RELOAD_TARGET_DEL);
}

/* ---- the plan ---- */

/* Which of the three parts of a plan (reload.h) a step belongs to. */
static unsigned int phase(enum reload_op op)
{
	if (op <= RELOAD_LUN_ADD)
		return 0;
	return op <= RELOAD_MAX_SESSIONS ? 1 : 2;
}

/* Steps were made target by target; put them in phases, keeping order. */
static int order(struct reload_plan *p)
{
	struct reload_action *sorted;
	unsigned int i, ph, n = 0;

	if (!p->nr)
		return 0;
	sorted = malloc(p->nr * sizeof(*sorted));
	if (!sorted)
		return -ENOMEM;
	for (ph = 0; ph < 3; ph++)
		for (i = 0; i < p->nr; i++)
			if (phase(p->actions[i].op) == ph)
				sorted[n++] = p->actions[i];
	free(p->actions);
	p->actions = sorted;
	return 0;
}

static int targets_diff(struct reload_plan *p, const struct config *old,
			const struct config *new)
{
	const struct config_target *t, *o;
	unsigned int i;
	int err = 0;

	for (i = 0; !err && i < new->nr_targets; i++) {
		t = &new->targets[i];
		o = config_find_target(old, t->name);
		err = o ? target_diff(p, o, t) : target_added(p, t);
	}
	for (i = 0; !err && i < old->nr_targets; i++) {
		t = &old->targets[i];
		if (!config_find_target(new, t->name))
			err = target_removed(p, t);
	}
	return err;
}

int reload_plan_make(struct reload_plan *p, const struct config *old,
		     const struct config *new)
{
	struct reload_action discovery = { .target = "" };
	int err;

	memset(p, 0, sizeof(*p));
	err = auth_diff(p, &discovery, &old->discovery, &new->discovery) ?:
		targets_diff(p, old, new) ?:
		order(p);
	if (err)
		reload_plan_free(p);
	return err;
}

void reload_plan_free(struct reload_plan *p)
{
	free(p->actions);
	memset(p, 0, sizeof(*p));
}

int reload_keys_format(const struct param_table *table,
		       const unsigned int *vals, unsigned int mask, char *buf,
		       size_t len)
{
	char val[32];
	unsigned int i;
	size_t n = 0;

	if (len)
		buf[0] = '\0';
	for (i = 0; i < table->nr; i++) {
		if (!(mask & (1U << i)))
			continue;
		param_format(&table->keys[i], vals[i], val, sizeof(val));
		n += snprintf(buf + n, n < len ? len - n : 0, "%s%s=%s",
			      n ? "," : "", table->keys[i].name, val);
	}
	return n;
}

int reload_summary(const struct reload_stats *st, char *buf, size_t len)
{
	return snprintf(buf, len,
			"reload: %u target%s added, %u removed, %u changed, %u refused; %u LUN%s added, %u removed, %u replaced; %u account%s added, %u removed, %u changed; %u failed",
			st->targets_added, st->targets_added == 1 ? "" : "s",
			st->targets_removed, st->targets_changed,
			st->targets_refused, st->luns_added,
			st->luns_added == 1 ? "" : "s", st->luns_removed,
			st->luns_replaced, st->users_added,
			st->users_added == 1 ? "" : "s", st->users_removed,
			st->users_changed, st->failed);
}
