// SPDX-License-Identifier: GPL-2.0
/*
 * ietadm's operations, carried out against the kernel. Every check
 * ietadm made is made again here: the socket is open to any local user.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "admin.h"
#include "apply.h"
#include "ctlreq.h"
#include "kernel.h"
#include "kvlist.h"
#include "log.h"
#include "lunparams.h"
#include "params.h"
#include "util.h"

static int __printf(3, 4) reply(struct ctl_rsp *rsp, int err,
				const char *fmt, ...)
{
	va_list ap;

	rsp->err = err;
	va_start(ap, fmt);
	vsnprintf(rsp->text, sizeof(rsp->text), fmt, ap);
	va_end(ap);
	return err;
}

/* A failed kernel call: "@what: <errno text>[: <the kernel's words>]". */
static int kernel_reply(struct ctl_rsp *rsp, struct kern *k, int err,
			const char *what)
{
	const char *msg = kern_message(k);

	return reply(rsp, err, "%s: %s%s%s", what, strerror(-err),
		     *msg ? ": " : "", msg);
}

static int target_missing(struct ctl_rsp *rsp, uint32_t tid)
{
	return reply(rsp, -ENOENT, "no target with tid %u", tid);
}

/*
 * IET answered -EINVAL for a name already in use and -EEXIST for a tid
 * in use; OpenStack Cinder tells the two apart, so we do as well.
 */
static int name_in_use(struct kern *k, const char *name,
		       struct ctl_rsp *rsp)
{
	struct kern_target *t;
	unsigned int i, nr;
	int err;

	err = kern_target_dump(k, &t, &nr);
	if (err)
		return kernel_reply(rsp, k, err, "cannot list the targets");
	for (i = 0; i < nr; i++) {
		if (!strcasecmp(t[i].name, name)) {
			err = reply(rsp, -EINVAL,
				    "target %s already exists with tid %u",
				    name, t[i].tid);
			break;
		}
	}
	free(t);
	return err;
}

static int target_new(struct kern *k, const struct ctl_req *req,
		      struct ctl_rsp *rsp)
{
	unsigned int params[TGT_NR];
	uint32_t tid = req->tid;
	struct kv_list l;
	const char *name;
	char msg[256];
	int err;

	/* ctl_check() made sure of "Name=<iqn>". */
	err = kv_parse(&l, req->params, msg, sizeof(msg));
	if (err) {
		reply(rsp, err, "%s", msg);
		goto out;
	}
	name = l.kv[0].val;
	err = name_in_use(k, name, rsp);
	if (err)
		goto out;
	param_defaults(&target_params, params);
	err = kern_target_new(k, &tid, name, params);
	if (err == -EEXIST)
		reply(rsp, err, "tid %u is already in use", req->tid);
	else if (err)
		kernel_reply(rsp, k, err, name);
	else
		log_info("target %u %s added by ietadm", tid, name);
out:
	kv_free(&l);
	return err;
}

static int target_del(struct kern *k, const struct ctl_req *req,
		      struct ctl_rsp *rsp)
{
	int err = kern_target_del(k, req->tid);
	char what[32];

	if (err == -ENOENT)
		return target_missing(rsp, req->tid);
	snprintf(what, sizeof(what), "target %u", req->tid);
	if (err)
		return kernel_reply(rsp, k, err, what);
	log_info("target %u deleted by ietadm", req->tid);
	return 0;
}

/*
 * The target keys of a checked "key=value,..." list. Session keys are
 * refused: ietd keeps no per-target session values yet.
 */
static int update_params(const struct ctl_req *req, struct ctl_rsp *rsp,
			 unsigned int *vals, unsigned int *mask)
{
	struct kv_list l;
	unsigned int i;
	char msg[256];
	int k, err;

	err = kv_parse(&l, req->params, msg, sizeof(msg));
	if (err)
		reply(rsp, err, "%s", msg);
	for (i = 0; !err && i < l.nr; i++) {
		k = param_find(&target_params, l.kv[i].key);
		if (k < 0)
			err = reply(rsp, -EOPNOTSUPP,
				    "%s: changing session parameters is not implemented yet",
				    l.kv[i].key);
		else if (param_parse(&target_params.keys[k], l.kv[i].val,
				     &vals[k], msg, sizeof(msg)))
			err = reply(rsp, -EINVAL, "%s", msg);
		else
			*mask |= 1U << k;
	}
	kv_free(&l);
	return err;
}

static int target_update(struct kern *k, const struct ctl_req *req,
			 struct ctl_rsp *rsp)
{
	unsigned int vals[TGT_NR], mask = 0;
	char what[32];
	int err;

	err = update_params(req, rsp, vals, &mask);
	if (err)
		return err;
	err = kern_target_set(k, req->tid, vals, mask);
	if (err == -ENOENT)
		return target_missing(rsp, req->tid);
	snprintf(what, sizeof(what), "target %u", req->tid);
	if (err)
		return kernel_reply(rsp, k, err, what);
	log_info("target %u updated by ietadm: %s", req->tid, req->params);
	return 0;
}

/* As IET printed them: "Wthreads=8", one per line, in table order. */
static int target_show(struct kern *k, const struct ctl_req *req,
		       struct ctl_rsp *rsp)
{
	const struct param_key *key;
	struct kern_target t;
	size_t n = 0, len = sizeof(rsp->text);
	char val[32];
	unsigned int i;
	int err;

	err = kern_target_get(k, req->tid, &t);
	if (err == -ENOENT)
		return target_missing(rsp, req->tid);
	if (err)
		return kernel_reply(rsp, k, err, "cannot read the target");
	for (i = 0; i < target_params.nr && n < len; i++) {
		key = &target_params.keys[i];
		param_format(key, t.params[i], val, sizeof(val));
		n += snprintf(rsp->text + n, len - n, "%s=%s\n", key->name,
			      val);
	}
	return 0;
}

/* ENOENT from the kernel means no target, or no file behind Path. */
static bool target_exists(struct kern *k, uint32_t tid)
{
	struct kern_target t;

	return kern_target_get(k, tid, &t) != -ENOENT;
}

static int lun_new(struct kern *k, const struct ctl_req *req,
		   struct ctl_rsp *rsp)
{
	struct lun_params lp;
	char msg[512], what[64];
	int err;

	err = lun_params_parse(req->params, &lp, msg, sizeof(msg));
	if (err)
		return reply(rsp, err, "Lun %u: %s", req->lun, msg);
	err = lun_check_path(&lp, msg, sizeof(msg));
	if (err) {
		reply(rsp, err, "Lun %u: %s", req->lun, msg);
		goto out;
	}
	err = kern_lun_new(k, req->tid, req->lun, &lp);
	snprintf(what, sizeof(what), "target %u Lun %u", req->tid, req->lun);
	if (err == -ENOENT && !target_exists(k, req->tid))
		target_missing(rsp, req->tid);
	else if (err == -EEXIST)
		reply(rsp, err, "target %u already has a Lun %u", req->tid,
		      req->lun);
	else if (err)
		kernel_reply(rsp, k, err, lp.path ? lp.path : what);
	else
		log_info("%s added by ietadm: %s", what, req->params);
out:
	lun_params_free(&lp);
	return err;
}

static int lun_del(struct kern *k, const struct ctl_req *req,
		   struct ctl_rsp *rsp)
{
	int err = kern_lun_del(k, req->tid, req->lun);
	char what[64];

	snprintf(what, sizeof(what), "target %u Lun %u", req->tid, req->lun);
	if (err == -ENOENT)
		return reply(rsp, err, "no %s", what);
	if (err)
		return kernel_reply(rsp, k, err, what);
	log_info("%s deleted by ietadm", what);
	return 0;
}

static int not_yet(struct ctl_rsp *rsp, const char *what)
{
	return reply(rsp, -EOPNOTSUPP, "%s is not implemented yet", what);
}

static int dispatch(struct kern *k, const struct ctl_req *req,
		    struct ctl_rsp *rsp)
{
	switch (req->op) {
	case CTL_TARGET_NEW:
		return target_new(k, req, rsp);
	case CTL_TARGET_DEL:
		return target_del(k, req, rsp);
	case CTL_TARGET_UPDATE:
		return target_update(k, req, rsp);
	case CTL_TARGET_SHOW:
		return target_show(k, req, rsp);
	case CTL_LUN_NEW:
		return lun_new(k, req, rsp);
	case CTL_LUN_DEL:
		return lun_del(k, req, rsp);
	case CTL_TARGET_REDIRECT:
		return not_yet(rsp, "login redirection (--redirect)");
	case CTL_SESSION_SHOW:
		return not_yet(rsp, "showing session parameters (--sid)");
	case CTL_SESSION_DEL:
		return not_yet(rsp, "deleting a session");
	case CTL_CONN_SHOW:
		return not_yet(rsp, "showing a connection");
	case CTL_CONN_DEL:
		return not_yet(rsp, "deleting a connection");
	case CTL_USER_NEW:
	case CTL_USER_DEL:
	case CTL_USER_SHOW:
		return not_yet(rsp, "managing accounts (--user)");
	case CTL_SYS_DEL:
		return not_yet(rsp, "deleting every target at once");
	}
	return reply(rsp, -EINVAL, "unknown request %u", req->op);
}

static bool changes_nothing(uint32_t op)
{
	return op == CTL_TARGET_SHOW || op == CTL_SESSION_SHOW ||
		op == CTL_CONN_SHOW;
}

void admin_handle(struct kern *k, const struct ctl_req *req, uid_t uid,
		  struct ctl_rsp *rsp)
{
	char msg[512];
	int err;

	rsp->magic = CTL_MAGIC;
	rsp->err = 0;
	rsp->text[0] = '\0';
	if (uid != 0 && !changes_nothing(req->op)) {
		reply(rsp, -EPERM, "only root may change the target configuration");
		return;
	}
	err = ctl_check(req, msg, sizeof(msg));
	if (err) {
		reply(rsp, err, "%s", msg);
		return;
	}
	if (dispatch(k, req, rsp))
		log_debug(1, "ietadm request %u failed: %s", req->op, rsp->text);
}
