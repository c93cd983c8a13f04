// SPDX-License-Identifier: GPL-2.0
/*
 * Reconciling ietd.conf with the live kernel state. The kernel keeps its
 * targets when ietd exits, so a restart finds most of them there already;
 * it must then add only what is missing, and on failure take back only
 * what it added.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <syslog.h>

#include "apply.h"
#include "config.h"
#include "kernel.h"
#include "log.h"

int lun_check_path(const struct lun_params *p, char *msg, size_t len)
{
	struct stat st;
	int err;

	if (!p->path)
		return 0;
	if (stat(p->path, &st)) {
		err = -errno;
		snprintf(msg, len, "%s: %s", p->path, strerror(errno));
		return err;
	}
	if (p->type == IET_LUN_BLOCKIO && !S_ISBLK(st.st_mode)) {
		snprintf(msg, len, "%s: not a block device (Type=blockio)",
			 p->path);
		return -ENOTBLK;
	}
	if (!S_ISBLK(st.st_mode) && !S_ISREG(st.st_mode)) {
		snprintf(msg, len, "%s: neither a file nor a block device",
			 p->path);
		return -EINVAL;
	}
	return 0;
}

int apply_check_paths(const struct config *cfg, char *err, size_t len)
{
	const struct config_lun *l;
	unsigned int i, j;
	char msg[512];
	int ret;

	for (i = 0; i < cfg->nr_targets; i++) {
		for (j = 0; j < cfg->targets[i].nr_luns; j++) {
			l = &cfg->targets[i].luns[j];
			ret = lun_check_path(&l->params, msg, sizeof(msg));
			if (ret) {
				snprintf(err, len, "%s:%u: Lun %u: %s",
					 cfg->file, l->line, l->lun, msg);
				return ret;
			}
		}
	}
	return 0;
}

/* One change made by this run, and how to take it back. */
struct undo {
	enum { UNDO_TARGET, UNDO_LUN, UNDO_PARAMS } what;
	uint32_t tid;
	uint32_t lun;
	unsigned int params[TGT_NR];	/* UNDO_PARAMS: the values before */
};

struct run {
	struct kern *k;
	const struct config *cfg;
	struct kern_target *targets;	/* live when we started */
	unsigned int nr_targets;
	struct kern_lun *luns;
	unsigned int nr_luns;
	struct undo *undo;
	unsigned int nr_undo;
	char *err;
	size_t len;
};

static int journal(struct run *r, const struct undo *u)
{
	struct undo *n = realloc(r->undo, (r->nr_undo + 1) * sizeof(*n));

	if (!n)
		return -ENOMEM;
	r->undo = n;
	n[r->nr_undo++] = *u;
	return 0;
}

static void rollback(struct run *r)
{
	const struct undo *u;
	int err = 0;

	while (r->nr_undo) {
		u = &r->undo[--r->nr_undo];
		switch (u->what) {
		case UNDO_LUN:
			/* Added by this run: sessions never saw it work. */
			err = kern_lun_del(r->k, u->tid, u->lun, true);
			break;
		case UNDO_TARGET:
			err = kern_target_del(r->k, u->tid, false);
			break;
		case UNDO_PARAMS:
			err = kern_target_set(r->k, u->tid, u->params, ~0U);
			break;
		}
		if (err)
			log_warn("cannot undo a change to target %u: %s",
				 u->tid, strerror(-err));
		else
			log_info("target %u: change undone", u->tid);
	}
}

/* "FILE:LINE: @what: <errno text>[: <the kernel's words>]" */
static int fail(struct run *r, unsigned int line, const char *what, int err)
{
	const char *msg = kern_message(r->k);

	snprintf(r->err, r->len, "%s:%u: %s: %s%s%s", r->cfg->file, line,
		 what, strerror(-err), *msg ? ": " : "", msg);
	return err;
}

static const struct kern_target *live_target(struct run *r, const char *name)
{
	unsigned int i;

	for (i = 0; i < r->nr_targets; i++)
		if (!strcasecmp(r->targets[i].name, name))
			return &r->targets[i];
	return NULL;
}

static const struct kern_lun *live_lun(struct run *r, uint32_t tid,
				       uint32_t lun)
{
	unsigned int i;

	for (i = 0; i < r->nr_luns; i++)
		if (r->luns[i].tid == tid && r->luns[i].lun == lun)
			return &r->luns[i];
	return NULL;
}

/* Give a live target the configured keys, remembering the old ones. */
static int target_update(struct run *r, const struct config_target *t,
			 const struct kern_target *live)
{
	struct undo u = { .what = UNDO_PARAMS, .tid = live->tid };
	unsigned int i, mask = 0;
	int err;

	for (i = 0; i < TGT_NR; i++)
		if (t->tparams[i] != live->params[i])
			mask |= 1U << i;
	if (!mask)
		return 0;
	memcpy(u.params, live->params, sizeof(u.params));
	err = journal(r, &u);
	if (!err)
		err = kern_target_set(r->k, live->tid, t->tparams, mask);
	if (err)
		return fail(r, t->line, t->name, err);
	log_info("target %u %s: parameters set", live->tid, t->name);
	return 0;
}

static int target_add(struct run *r, const struct config_target *t,
		      uint32_t *tid)
{
	struct undo u = { .what = UNDO_TARGET };
	int err;

	*tid = 0;
	err = kern_target_new(r->k, tid, t->name, t->tparams);
	if (err)
		return fail(r, t->line, t->name, err);
	u.tid = *tid;
	err = journal(r, &u);
	if (err) {
		kern_target_del(r->k, *tid, false);
		return fail(r, t->line, t->name, err);
	}
	log_info("target %u %s added", *tid, t->name);
	return 0;
}

/* Tell the admin when a kept LUN is not what the file now says. */
static void lun_compare(struct run *r, const struct config_target *t,
			const struct config_lun *l, const struct kern_lun *live)
{
	const char *want = l->params.path ? l->params.path : "";
	const char *have = live->params.path ? live->params.path : "";
	char msg[1024];

	if (live->params.type == l->params.type && !strcmp(want, have))
		return;
	snprintf(msg, sizeof(msg),
		 "%s:%u: Lun %u of %s is live as Type=%s%s%s; kept as it is",
		 r->cfg->file, l->line, l->lun, t->name,
		 lun_type_name(live->params.type), *have ? ",Path=" : "",
		 have);
	log_located(LOG_WARNING, msg);
}

static int lun_add(struct run *r, const struct config_target *t,
		   const struct config_lun *l, uint32_t tid)
{
	struct undo u = { .what = UNDO_LUN, .tid = tid, .lun = l->lun };
	const struct kern_lun *live = live_lun(r, tid, l->lun);
	char what[PATH_MAX + 32];
	int err;

	if (live) {
		lun_compare(r, t, l, live);
		return 0;
	}
	err = kern_lun_new(r->k, tid, l->lun, &l->params);
	if (!err) {
		err = journal(r, &u);
		if (err)
			kern_lun_del(r->k, tid, l->lun, true);
	}
	if (err) {
		snprintf(what, sizeof(what), "Lun %u%s%s", l->lun,
			 l->params.path ? ": " : "",
			 l->params.path ? l->params.path : "");
		return fail(r, l->line, what, err);
	}
	log_info("target %u %s: Lun %u added", tid, t->name, l->lun);
	return 0;
}

static int apply_target(struct run *r, const struct config_target *t)
{
	const struct kern_target *live = live_target(r, t->name);
	unsigned int i;
	uint32_t tid;
	int err;

	if (live) {
		tid = live->tid;
		err = target_update(r, t, live);
	} else {
		err = target_add(r, t, &tid);
	}
	for (i = 0; !err && i < t->nr_luns; i++)
		err = lun_add(r, t, &t->luns[i], tid);
	return err;
}

static int read_live(struct run *r)
{
	int err;

	err = kern_target_dump(r->k, &r->targets, &r->nr_targets);
	if (err) {
		snprintf(r->err, r->len, "cannot list the live targets: %s",
			 strerror(-err));
		return err;
	}
	err = kern_lun_dump(r->k, 0, &r->luns, &r->nr_luns);
	if (err)
		snprintf(r->err, r->len, "cannot list the live LUNs: %s",
			 strerror(-err));
	return err;
}

int apply_config(struct kern *k, const struct config *cfg, char *err,
		 size_t len)
{
	struct run r = { .k = k, .cfg = cfg, .err = err, .len = len };
	unsigned int i;
	int ret;

	ret = read_live(&r);
	for (i = 0; !ret && i < cfg->nr_targets; i++)
		ret = apply_target(&r, &cfg->targets[i]);
	if (ret)
		rollback(&r);
	free(r.undo);
	free(r.targets);
	kern_luns_free(r.luns, r.nr_luns);
	return ret;
}
