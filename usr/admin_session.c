// SPDX-License-Identifier: GPL-2.0
/*
 * ietadm on sessions and connections, on everything at once, and the
 * overview of "--op show" without ids.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin_priv.h"
#include "kernel.h"
#include "log.h"
#include "showfmt.h"
#include "store.h"

/* The session @sid of target @tid, or -ENOENT answered. */
static int session_get(struct kern *k, uint32_t tid, uint64_t sid,
		       struct kern_session *out, struct ctl_rsp *rsp)
{
	struct kern_session *s;
	struct kern_target t;
	unsigned int i, nr;
	int err;

	err = admin_target_get(k, tid, &t, rsp);
	if (err)
		return err;
	err = kern_session_dump(k, tid, &s, &nr);
	if (err)
		return admin_kernel_reply(rsp, k, err, "cannot list the sessions");
	err = admin_reply(rsp, -ENOENT, "tid %u: no session %" PRIu64, tid,
			  sid);
	for (i = 0; i < nr && err; i++) {
		if (s[i].tid == tid && s[i].sid == sid) {
			*out = s[i];
			err = admin_reply(rsp, 0, "%s", "");
		}
	}
	free(s);
	return err;
}

int admin_session_show(struct kern *k, const struct ctl_req *req,
		       struct ctl_rsp *rsp)
{
	unsigned int conf[SESS_NR];
	struct kern_session s;
	struct kern_target t;
	int err;

	err = admin_target_get(k, req->tid, &t, rsp);
	if (err)
		return err;
	admin_sparams(t.name, conf);
	/* IET's convention: sid 0 asks for the configured values. */
	if (req->sid) {
		err = session_get(k, req->tid, req->sid, &s, rsp);
		if (err)
			return err;
		if (!s.has_params)
			return admin_reply(rsp, -EOPNOTSUPP,
					   "tid %u: the kernel module does not report session parameters",
					   req->tid);
	}
	if (show_session_params(req->sid ? &s : NULL, conf, rsp->text,
				sizeof(rsp->text)) < 0)
		return admin_reply(rsp, -ENOSPC, "too much to show");
	return 0;
}

int admin_session_del(struct kern *k, const struct ctl_req *req,
		      struct ctl_rsp *rsp)
{
	struct kern_target t;
	char what[64];
	int err;

	err = admin_target_get(k, req->tid, &t, rsp);
	if (err)
		return err;
	err = kern_session_del(k, req->tid, req->sid);
	if (err == -ENOENT)
		return admin_reply(rsp, err, "tid %u: no session %" PRIu64,
				   req->tid, req->sid);
	snprintf(what, sizeof(what), "tid %u session %" PRIu64, req->tid,
		 req->sid);
	if (err)
		return admin_kernel_reply(rsp, k, err, what);
	log_info("%s deleted by ietadm", what);
	return 0;
}

int admin_conn_del(struct kern *k, const struct ctl_req *req,
		   struct ctl_rsp *rsp)
{
	struct kern_session s;
	char what[80];
	int err;

	err = session_get(k, req->tid, req->sid, &s, rsp);
	if (err)
		return err;
	snprintf(what, sizeof(what), "tid %u session %" PRIu64 " cid %u",
		 req->tid, req->sid, req->cid);
	err = kern_conn_del(k, req->tid, req->sid, req->cid);
	if (err == -ENOENT)
		return admin_reply(rsp, err, "%s: no such connection", what);
	if (err)
		return admin_kernel_reply(rsp, k, err, what);
	log_info("%s deleted by ietadm", what);
	return 0;
}

/* One target: its sessions first, since the kernel keeps busy targets. */
static int target_stop(struct kern *k, const struct kern_target *t,
		       struct ctl_rsp *rsp)
{
	struct kern_session *s = NULL;
	unsigned int i, nr;
	char what[32];
	int err;

	snprintf(what, sizeof(what), "tid %u", t->tid);
	err = kern_session_dump(k, t->tid, &s, &nr);
	if (err == -EOPNOTSUPP) {
		/* A module without sessions. */
		nr = 0;
		err = 0;
	} else if (err) {
		return admin_kernel_reply(rsp, k, err, what);
	}
	for (i = 0; i < nr && !err; i++) {
		err = kern_session_del(k, t->tid, s[i].sid);
		if (err == -ENOENT)
			err = 0;	/* it ended on its own meanwhile */
	}
	free(s);
	err = err ?: kern_target_del(k, t->tid, false);
	if (err && err != -ENOENT)
		return admin_kernel_reply(rsp, k, err, what);
	store_forget(&ietd_store, t->name);
	return 0;
}

int admin_sys_del(struct kern *k, struct ctl_rsp *rsp)
{
	struct kern_target *t;
	unsigned int i, nr;
	int err;

	err = kern_target_dump(k, &t, &nr);
	if (err)
		return admin_kernel_reply(rsp, k, err, "cannot list the targets");
	for (i = 0; i < nr && !err; i++)
		err = target_stop(k, &t[i], rsp);
	free(t);
	if (!err)
		log_info("every target deleted by ietadm");
	return err;
}

int admin_sys_show(struct kern *k, struct ctl_rsp *rsp)
{
	struct kern_session *s = NULL;
	struct kern_target *t = NULL;
	struct kern_lun *l = NULL;
	unsigned int nt = 0, nl = 0, ns = 0;
	int err;

	err = kern_target_dump(k, &t, &nt);
	if (!err)
		err = kern_lun_dump(k, 0, &l, &nl);
	if (!err) {
		err = kern_session_dump(k, 0, &s, &ns);
		if (err == -EOPNOTSUPP)
			err = 0;	/* a module without sessions */
	}
	if (err)
		admin_kernel_reply(rsp, k, err, "cannot list the targets");
	else if (show_all(t, nt, l, nl, s, ns, rsp->text,
			  sizeof(rsp->text)) < 0)
		err = admin_reply(rsp, -ENOSPC,
				  "too much to show: read /proc/net/iet instead");
	free(t);
	kern_luns_free(l, nl);
	free(s);
	return err;
}
