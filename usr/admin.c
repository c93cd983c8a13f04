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
#include "admin_priv.h"
#include "apply.h"
#include "ctlreq.h"
#include "kernel.h"
#include "kvlist.h"
#include "log.h"
#include "lunparams.h"
#include "params.h"
#include "store.h"
#include "util.h"

int admin_reply(struct ctl_rsp *rsp, int err, const char *fmt, ...)
{
	va_list ap;

	rsp->err = err;
	va_start(ap, fmt);
	vsnprintf(rsp->text, sizeof(rsp->text), fmt, ap);
	va_end(ap);
	return err;
}

int admin_kernel_reply(struct ctl_rsp *rsp, struct kern *k, int err,
		       const char *what)
{
	const char *msg = kern_message(k);

	return admin_reply(rsp, err, "%s: %s%s%s", what, strerror(-err),
		     *msg ? ": " : "", msg);
}

int admin_no_target(struct ctl_rsp *rsp, uint32_t tid)
{
	return admin_reply(rsp, -ENOENT, "tid %u: no such target", tid);
}

int admin_target_get(struct kern *k, uint32_t tid, struct kern_target *t,
		     struct ctl_rsp *rsp)
{
	char what[32];
	int err = kern_target_get(k, tid, t);

	if (err == -ENOENT)
		return admin_no_target(rsp, tid);
	snprintf(what, sizeof(what), "tid %u", tid);
	return err ? admin_kernel_reply(rsp, k, err, what) : 0;
}

void admin_sparams(const char *name, unsigned int *vals)
{
	const unsigned int *set = store_sparams(&ietd_store, name);

	if (set)
		memcpy(vals, set, SESS_NR * sizeof(*vals));
	else
		param_defaults(&session_params, vals);
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
		return admin_kernel_reply(rsp, k, err, "cannot list the targets");
	for (i = 0; i < nr; i++) {
		if (!strcasecmp(t[i].name, name)) {
			err = admin_reply(rsp, -EINVAL,
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
		admin_reply(rsp, err, "%s", msg);
		goto out;
	}
	name = l.kv[0].val;
	err = name_in_use(k, name, rsp);
	if (err)
		goto out;
	param_defaults(&target_params, params);
	err = kern_target_new(k, &tid, name, params);
	if (err == -EEXIST)
		admin_reply(rsp, err, "tid %u is already in use", req->tid);
	else if (err)
		admin_kernel_reply(rsp, k, err, name);
	else
		log_info("target %u %s added by ietadm", tid, name);
out:
	kv_free(&l);
	return err;
}

static int target_del(struct kern *k, const struct ctl_req *req,
		      struct ctl_rsp *rsp)
{
	struct kern_target t;
	char what[32];
	int err;

	err = admin_target_get(k, req->tid, &t, rsp);
	if (err)
		return err;
	err = kern_target_del(k, req->tid, req->flags & CTL_F_FORCE);
	if (err == -ENOENT)
		return admin_no_target(rsp, req->tid);
	if (err == -EBUSY)
		return admin_reply(rsp, err,
				   "tid %u: the target has sessions; delete them first (--sid, --cid) or add --force",
				   req->tid);
	snprintf(what, sizeof(what), "tid %u", req->tid);
	if (err)
		return admin_kernel_reply(rsp, k, err, what);
	/* A new target of the same name starts afresh, as in IET. */
	store_forget(&ietd_store, t.name);
	log_info("target %u deleted by ietadm%s", req->tid,
		 req->flags & CTL_F_FORCE ? " (forced)" : "");
	return 0;
}

/*
 * Split a checked "key=value,..." list: target keys go to the kernel
 * (bits in @mask), session keys into @svals, offered at later logins.
 */
static int update_params(const struct ctl_req *req, struct ctl_rsp *rsp,
			 unsigned int *vals, unsigned int *mask,
			 unsigned int *svals)
{
	const struct param_table *t;
	unsigned int *dst;
	struct kv_list l;
	unsigned int i;
	char msg[256];
	int k, err;

	err = kv_parse(&l, req->params, msg, sizeof(msg));
	if (err)
		admin_reply(rsp, err, "%s", msg);
	for (i = 0; !err && i < l.nr; i++) {
		t = &target_params;
		dst = vals;
		k = param_find(t, l.kv[i].key);
		if (k < 0) {
			t = &session_params;
			dst = svals;
			k = param_find(t, l.kv[i].key);
		}
		if (k < 0)
			err = admin_reply(rsp, -EINVAL, "unknown parameter '%s'",
					  l.kv[i].key);
		else if (param_parse(&t->keys[k], l.kv[i].val, &dst[k], msg,
				     sizeof(msg)))
			err = admin_reply(rsp, -EINVAL, "%s", msg);
		else if (t == &target_params)
			*mask |= 1U << k;
	}
	kv_free(&l);
	return err;
}

static int target_update(struct kern *k, const struct ctl_req *req,
			 struct ctl_rsp *rsp)
{
	unsigned int vals[TGT_NR], svals[SESS_NR], mask = 0;
	struct kern_target t;
	char what[32];
	int err;

	err = admin_target_get(k, req->tid, &t, rsp);
	if (err)
		return err;
	admin_sparams(t.name, svals);
	err = update_params(req, rsp, vals, &mask, svals);
	if (err)
		return err;
	err = mask ? kern_target_set(k, req->tid, vals, mask) : 0;
	if (err == -ENOENT)
		return admin_no_target(rsp, req->tid);
	snprintf(what, sizeof(what), "tid %u", req->tid);
	if (err)
		return admin_kernel_reply(rsp, k, err, what);
	if (store_sparams_set(&ietd_store, t.name, svals))
		return admin_reply(rsp, -ENOMEM, "tid %u: out of memory",
				   req->tid);
	log_info("target %u updated by ietadm: %s", req->tid, req->params);
	return 0;
}

/* Until cleared, logins to the target are sent elsewhere (0101). */
static int target_redirect(struct kern *k, const struct ctl_req *req,
			   struct ctl_rsp *rsp)
{
	char addr[CTL_REDIRECT_MAX + 1], msg[256];
	struct kern_target t;
	int err;

	err = admin_target_get(k, req->tid, &t, rsp);
	if (err)
		return err;
	if (ctl_redirect_parse(req->params, addr, sizeof(addr), msg,
			       sizeof(msg)))
		return admin_reply(rsp, -EINVAL, "tid %u: %s", req->tid, msg);
	if (store_redirect_set(&ietd_store, t.name, addr))
		return admin_reply(rsp, -ENOMEM, "tid %u: out of memory",
				   req->tid);
	if (*addr)
		log_info("target %u: logins redirected to %s by ietadm",
			 req->tid, addr);
	else
		log_info("target %u: redirection cleared by ietadm", req->tid);
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

	err = admin_target_get(k, req->tid, &t, rsp);
	if (err)
		return err;
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
		return admin_reply(rsp, err, "Lun %u: %s", req->lun, msg);
	err = lun_check_path(&lp, msg, sizeof(msg));
	if (err) {
		admin_reply(rsp, err, "Lun %u: %s", req->lun, msg);
		goto out;
	}
	err = kern_lun_new(k, req->tid, req->lun, &lp);
	snprintf(what, sizeof(what), "target %u Lun %u", req->tid, req->lun);
	if (err == -ENOENT && !target_exists(k, req->tid))
		admin_no_target(rsp, req->tid);
	else if (err == -EEXIST)
		admin_reply(rsp, err, "tid %u: Lun %u already exists", req->tid,
			    req->lun);
	else if (err)
		admin_kernel_reply(rsp, k, err, lp.path ? lp.path : what);
	else
		log_info("%s added by ietadm: %s", what, req->params);
out:
	lun_params_free(&lp);
	return err;
}

static int lun_del(struct kern *k, const struct ctl_req *req,
		   struct ctl_rsp *rsp)
{
	bool force = req->flags & CTL_F_FORCE;
	int err = kern_lun_del(k, req->tid, req->lun, force);
	char what[64];

	snprintf(what, sizeof(what), "target %u Lun %u", req->tid, req->lun);
	if (err == -ENOENT && !target_exists(k, req->tid))
		return admin_no_target(rsp, req->tid);
	if (err == -ENOENT)
		return admin_reply(rsp, err, "tid %u: no Lun %u", req->tid,
				   req->lun);
	if (err == -EBUSY)
		return admin_reply(rsp, err,
				   "tid %u: Lun %u: the target has sessions; delete them first (--sid, --cid) or add --force",
				   req->tid, req->lun);
	if (err)
		return admin_kernel_reply(rsp, k, err, what);
	log_info("%s deleted by ietadm%s", what, force ? " (forced)" : "");
	return 0;
}

static int not_yet(struct ctl_rsp *rsp, const char *what)
{
	return admin_reply(rsp, -EOPNOTSUPP, "%s is not implemented yet", what);
}

static int versions(struct kern *k, struct ctl_rsp *rsp)
{
	char v[64];
	uint32_t protocol;
	int err = kern_version(k, v, sizeof(v), &protocol);

	if (err)
		return admin_kernel_reply(rsp, k, err, "iscsi_trgt version");
	return admin_reply(rsp, 0, "ietd version %s\niscsi_trgt version %s (protocol %u)\n",
			   IET_VERSION, v, protocol);
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
		return target_redirect(k, req, rsp);
	case CTL_SESSION_SHOW:
		return admin_session_show(k, req, rsp);
	case CTL_SESSION_DEL:
		return admin_session_del(k, req, rsp);
	case CTL_CONN_SHOW:
		return not_yet(rsp, "showing a connection");
	case CTL_CONN_DEL:
		return admin_conn_del(k, req, rsp);
	case CTL_USER_NEW:
		return admin_user_new(k, req, rsp);
	case CTL_USER_DEL:
		return admin_user_del(k, req, rsp);
	case CTL_USER_SHOW:
		return admin_user_show(k, req, rsp);
	case CTL_SYS_DEL:
		return admin_sys_del(k, rsp);
	case CTL_SYS_SHOW:
		return admin_sys_show(k, rsp);
	case CTL_VERSION:
		return versions(k, rsp);
	}
	return admin_reply(rsp, -EINVAL, "unknown request %u", req->op);
}

static bool changes_nothing(uint32_t op)
{
	/* Not CTL_USER_SHOW: it shows passwords. */
	return op == CTL_TARGET_SHOW || op == CTL_SESSION_SHOW ||
		op == CTL_CONN_SHOW || op == CTL_SYS_SHOW || op == CTL_VERSION;
}

void admin_handle(struct kern *k, const struct ctl_req *req, uid_t uid,
		  struct ctl_rsp *rsp)
{
	char msg[512];
	int err;

	rsp->magic = CTL_MAGIC;
	rsp->err = 0;
	rsp->text[0] = '\0';
	if (uid != 0 && req->op == CTL_USER_SHOW) {
		admin_reply(rsp, -EPERM, "only root may show accounts: they hold passwords");
		return;
	}
	if (uid != 0 && !changes_nothing(req->op)) {
		admin_reply(rsp, -EPERM, "only root may change the target configuration");
		return;
	}
	err = ctl_check(req, msg, sizeof(msg));
	if (err) {
		admin_reply(rsp, err, "%s", msg);
		return;
	}
	if (dispatch(k, req, rsp))
		log_debug(1, "ietadm request %u failed: %s", req->op, rsp->text);
}
