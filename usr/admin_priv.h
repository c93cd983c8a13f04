/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What ietd's ietadm operations share: filling in the response. Each
 * answer on failure is one sentence naming the object, as
 * "tid 7: no such target"; ietadm prefixes "ietadm: ".
 */
#ifndef IET_ADMIN_PRIV_H
#define IET_ADMIN_PRIV_H

#include <stdint.h>

#include "ctlmsg.h"
#include "util.h"

struct kern;
struct kern_target;

int __printf(3, 4) admin_reply(struct ctl_rsp *rsp, int err,
			       const char *fmt, ...);

/* A failed kernel call: "@what: <errno text>[: <the kernel's words>]". */
int admin_kernel_reply(struct ctl_rsp *rsp, struct kern *k, int err,
		       const char *what);

/* -ENOENT, "tid @tid: no such target". */
int admin_no_target(struct ctl_rsp *rsp, uint32_t tid);

/* Read target @tid, answering for a missing one. */
int admin_target_get(struct kern *k, uint32_t tid, struct kern_target *t,
		     struct ctl_rsp *rsp);

/* The session keys logins to target @name are offered. */
void admin_sparams(const char *name, unsigned int *vals);

int admin_session_show(struct kern *k, const struct ctl_req *req,
		       struct ctl_rsp *rsp);
int admin_session_del(struct kern *k, const struct ctl_req *req,
		      struct ctl_rsp *rsp);
int admin_conn_del(struct kern *k, const struct ctl_req *req,
		   struct ctl_rsp *rsp);
int admin_sys_del(struct kern *k, struct ctl_rsp *rsp);
int admin_sys_show(struct kern *k, struct ctl_rsp *rsp);

int admin_user_new(struct kern *k, const struct ctl_req *req,
		   struct ctl_rsp *rsp);
int admin_user_del(struct kern *k, const struct ctl_req *req,
		   struct ctl_rsp *rsp);
int admin_user_show(struct kern *k, const struct ctl_req *req,
		    struct ctl_rsp *rsp);

#endif /* IET_ADMIN_PRIV_H */
