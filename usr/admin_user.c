// SPDX-License-Identifier: GPL-2.0
/*
 * ietadm on accounts: kept in ietd's memory (store.h), per target or,
 * without --tid, for discovery.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "admin_priv.h"
#include "ctlreq.h"
#include "kernel.h"
#include "log.h"
#include "store.h"

/* The store's key for the request's target, and its name in messages. */
struct owner {
	char name[IET_NAME_MAX + 1];	/* "" for discovery */
	char what[32];
};

static int owner_get(struct kern *k, const struct ctl_req *req,
		     struct owner *o, struct ctl_rsp *rsp)
{
	struct kern_target t;
	int err;

	if (!(req->flags & CTL_F_TID)) {
		o->name[0] = '\0';
		snprintf(o->what, sizeof(o->what), "discovery");
		return 0;
	}
	err = admin_target_get(k, req->tid, &t, rsp);
	if (err)
		return err;
	snprintf(o->name, sizeof(o->name), "%s", t.name);
	snprintf(o->what, sizeof(o->what), "tid %u", req->tid);
	return 0;
}

/* The request's account and owner, both checked. */
static int prepare(struct kern *k, const struct ctl_req *req,
		   struct ctl_user *u, struct owner *o, struct ctl_rsp *rsp)
{
	char msg[256];
	int err;

	err = ctl_user_parse(req->op, req->params, u, msg, sizeof(msg));
	if (err)
		return admin_reply(rsp, err, "%s", msg);
	return owner_get(k, req, o, rsp);
}

int admin_user_new(struct kern *k, const struct ctl_req *req,
		   struct ctl_rsp *rsp)
{
	const char *dir;
	struct ctl_user u;
	struct owner o;
	int err;

	err = prepare(k, req, &u, &o, rsp);
	if (err)
		return err;
	dir = user_dir_name(u.dir);
	err = store_user_add(&ietd_store, o.name, u.dir, u.name, u.password);
	if (err == -EEXIST && u.dir == USER_OUTGOING)
		return admin_reply(rsp, err, "%s: there is an OutgoingUser already",
				   o.what);
	if (err == -EEXIST)
		return admin_reply(rsp, err, "%s: %s %s already exists", o.what,
				   dir, u.name);
	if (err)
		return admin_reply(rsp, err, "%s: out of memory", o.what);
	log_info("%s: %s %s added by ietadm", o.what, dir, u.name);
	if (strlen(u.password) < 12)
		log_warn("%s: %s %s: a secret of %zu characters is easy to guess, and the Windows initiator refuses it; use 12 to 16",
			 o.what, dir, u.name, strlen(u.password));
	return 0;
}

int admin_user_del(struct kern *k, const struct ctl_req *req,
		   struct ctl_rsp *rsp)
{
	struct ctl_user u;
	struct owner o;
	int err;

	err = prepare(k, req, &u, &o, rsp);
	if (err)
		return err;
	err = store_user_del(&ietd_store, o.name, u.dir, u.name);
	if (err)
		return admin_reply(rsp, err, "%s: no %s %s", o.what,
				   user_dir_name(u.dir), u.name);
	log_info("%s: %s %s deleted by ietadm", o.what, user_dir_name(u.dir),
		 u.name);
	return 0;
}

int admin_user_show(struct kern *k, const struct ctl_req *req,
		    struct ctl_rsp *rsp)
{
	const struct store_user *su;
	struct ctl_user u;
	struct owner o;
	int err;

	err = prepare(k, req, &u, &o, rsp);
	if (err)
		return err;
	if (!*u.name) {
		if (store_users_list(&ietd_store, o.name, rsp->text,
				     sizeof(rsp->text)) < 0)
			return admin_reply(rsp, -ENOSPC, "too many accounts to show");
		return 0;
	}
	su = store_user_find(&ietd_store, o.name, u.dir, u.name);
	if (!su)
		return admin_reply(rsp, -ENOENT, "%s: no %s %s", o.what,
				   user_dir_name(u.dir), u.name);
	return admin_reply(rsp, 0, "%s %s %s\n", user_dir_name(u.dir), su->name,
			   su->password);
}
