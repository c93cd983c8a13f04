// SPDX-License-Identifier: GPL-2.0
/*
 * Classifying and checking ietadm requests.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ctlreq.h"
#include "kvlist.h"
#include "lunparams.h"
#include "params.h"
#include "util.h"

static int __printf(4, 5) bad(int err, char *msg, size_t len,
			      const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, len, fmt, ap);
	va_end(ap);
	return err;
}

static int classify_new(const struct ctl_args *a, uint32_t *op, char *msg,
			size_t len)
{
	if (a->user)
		*op = CTL_USER_NEW;
	else if (a->flags & CTL_F_LUN)
		*op = CTL_LUN_NEW;
	else if (a->flags & (CTL_F_SID | CTL_F_CID))
		return bad(-EINVAL, msg, len,
			   "--op new adds targets, LUNs and accounts, not sessions or connections");
	else if (a->flags & CTL_F_TID)
		*op = CTL_TARGET_NEW;
	else
		return bad(-EINVAL, msg, len, "--op new needs --tid");
	return 0;
}

static int classify_delete(const struct ctl_args *a, uint32_t *op)
{
	if (a->user)
		*op = CTL_USER_DEL;
	else if (a->flags & CTL_F_LUN)
		*op = CTL_LUN_DEL;
	else if (a->flags & CTL_F_CID)
		*op = CTL_CONN_DEL;
	else if (a->flags & CTL_F_SID)
		*op = CTL_SESSION_DEL;
	else if (a->flags & CTL_F_TID)
		*op = CTL_TARGET_DEL;
	else
		*op = CTL_SYS_DEL;
	return 0;
}

static int classify_update(const struct ctl_args *a, uint32_t *op,
			   char *msg, size_t len)
{
	if (a->user)
		return bad(-EINVAL, msg, len,
			   "accounts cannot be updated: delete the account and add it again");
	if (a->flags & CTL_F_LUN)
		return bad(-EOPNOTSUPP, msg, len,
			   "a LUN cannot be updated: delete it and add it again");
	if (a->flags & (CTL_F_SID | CTL_F_CID))
		return bad(-EINVAL, msg, len,
			   "--op update changes targets; sessions negotiate their parameters at login");
	if (!(a->flags & CTL_F_TID))
		return bad(-EINVAL, msg, len, "--op update needs --tid");
	if (a->redirect && a->params)
		return bad(-EINVAL, msg, len,
			   "--redirect and --params do not go together");
	*op = a->redirect ? CTL_TARGET_REDIRECT : CTL_TARGET_UPDATE;
	return 0;
}

static int classify_show(const struct ctl_args *a, uint32_t *op, char *msg,
			 size_t len)
{
	if (a->user)
		*op = CTL_USER_SHOW;
	else if (a->flags & CTL_F_LUN)
		return bad(-EINVAL, msg, len,
			   "--op show does not show LUNs: read /proc/net/iet/volume");
	else if (a->flags & CTL_F_CID)
		*op = CTL_CONN_SHOW;
	else if (a->flags & CTL_F_SID)
		*op = CTL_SESSION_SHOW;
	else if (a->flags & CTL_F_TID)
		*op = CTL_TARGET_SHOW;
	else
		*op = CTL_SYS_SHOW;
	return 0;
}

int ctl_classify(const struct ctl_args *a, uint32_t *op, char *msg,
		 size_t len)
{
	if (!a->op)
		return bad(-EINVAL, msg, len,
			   "--op is required: new, delete, update or show");
	if (a->redirect && strcmp(a->op, "update"))
		return bad(-EINVAL, msg, len,
			   "--redirect goes with --op update");
	if (!strcmp(a->op, "new"))
		return classify_new(a, op, msg, len);
	if (!strcmp(a->op, "delete"))
		return classify_delete(a, op);
	if (!strcmp(a->op, "update"))
		return classify_update(a, op, msg, len);
	if (!strcmp(a->op, "show"))
		return classify_show(a, op, msg, len);
	return bad(-EINVAL, msg, len,
		   "unknown --op '%s': use new, delete, update or show", a->op);
}

/* The ids each request needs. */
static const uint32_t needs[__CTL_OP_MAX] = {
	[CTL_TARGET_NEW] = CTL_F_TID,
	[CTL_TARGET_DEL] = CTL_F_TID,
	[CTL_TARGET_UPDATE] = CTL_F_TID,
	[CTL_TARGET_SHOW] = CTL_F_TID,
	[CTL_TARGET_REDIRECT] = CTL_F_TID,
	[CTL_LUN_NEW] = CTL_F_TID | CTL_F_LUN,
	[CTL_LUN_DEL] = CTL_F_TID | CTL_F_LUN,
	[CTL_SESSION_SHOW] = CTL_F_TID | CTL_F_SID,
	[CTL_SESSION_DEL] = CTL_F_TID | CTL_F_SID,
	[CTL_CONN_SHOW] = CTL_F_TID | CTL_F_SID | CTL_F_CID,
	[CTL_CONN_DEL] = CTL_F_TID | CTL_F_SID | CTL_F_CID,
};

static int check_ids(const struct ctl_req *req, char *msg, size_t len)
{
	static const char * const names[] = {
		"--tid", "--lun", "--sid", "--cid",
	};
	uint32_t missing = needs[req->op] & ~req->flags;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (missing & (1U << i))
			return bad(-EINVAL, msg, len, "%s is required here",
				   names[i]);
	return 0;
}

static int check_target_name(const struct kv_list *l, char *msg, size_t len)
{
	if (l->nr != 1 || strcasecmp(l->kv[0].key, "Name"))
		return bad(-EINVAL, msg, len,
			   "a new target takes one parameter: --params Name=<target name>");
	return iscsi_name_check(l->kv[0].val, msg, len);
}

/* Target keys and session keys, each once, each in range. */
static int check_update(const struct kv_list *l, char *msg, size_t len)
{
	const struct param_table *t;
	unsigned int i, val, seen[2] = { 0, 0 };
	int k;

	if (!l->nr)
		return bad(-EINVAL, msg, len, "nothing to update: give --params");
	for (i = 0; i < l->nr; i++) {
		t = &target_params;
		k = param_find(t, l->kv[i].key);
		if (k < 0) {
			t = &session_params;
			k = param_find(t, l->kv[i].key);
		}
		if (k < 0)
			return bad(-EINVAL, msg, len, "unknown parameter '%s'",
				   l->kv[i].key);
		if (seen[t == &session_params] & (1U << k))
			return bad(-EINVAL, msg, len, "%s is given twice",
				   t->keys[k].name);
		seen[t == &session_params] |= 1U << k;
		if (param_parse(&t->keys[k], l->kv[i].val, &val, msg, len))
			return -EINVAL;
	}
	return 0;
}

static int user_key(struct ctl_user *u, const struct kv *kv, bool *named,
		    char *msg, size_t len)
{
	char *dst;

	if (!strcasecmp(kv->key, "Password")) {
		dst = u->password;
	} else if (!strcasecmp(kv->key, "IncomingUser") ||
		   !strcasecmp(kv->key, "OutgoingUser")) {
		if (*named)
			return bad(-EINVAL, msg, len,
				   "give one IncomingUser or OutgoingUser");
		*named = true;
		u->dir = strcasecmp(kv->key, "IncomingUser") ?
			 USER_OUTGOING : USER_INCOMING;
		dst = u->name;
	} else {
		return bad(-EINVAL, msg, len,
			   "unknown account parameter '%s': use IncomingUser, OutgoingUser or Password",
			   kv->key);
	}
	if (*dst)
		return bad(-EINVAL, msg, len, "%s is given twice", kv->key);
	if (!*kv->val || strlen(kv->val) > CTL_USER_MAX)
		return bad(-EINVAL, msg, len, "%s must have 1 to %d characters",
			   kv->key, CTL_USER_MAX);
	strcpy(dst, kv->val);
	return 0;
}

/* Which keys each account request needs and allows. */
static int user_complete(uint32_t op, const struct ctl_user *u, bool named,
			 char *msg, size_t len)
{
	if (op != CTL_USER_SHOW && !named)
		return bad(-EINVAL, msg, len,
			   "name the account: --params IncomingUser=NAME or OutgoingUser=NAME");
	if (op == CTL_USER_NEW && !*u->password)
		return bad(-EINVAL, msg, len,
			   "a new account needs a Password");
	if (op != CTL_USER_NEW && *u->password)
		return bad(-EINVAL, msg, len,
			   "Password goes with --op new only");
	return 0;
}

int ctl_user_parse(uint32_t op, const char *params, struct ctl_user *u,
		   char *msg, size_t len)
{
	bool named = false;
	struct kv_list l;
	unsigned int i;
	int err;

	memset(u, 0, sizeof(*u));
	err = kv_parse(&l, params, msg, len);
	for (i = 0; !err && i < l.nr; i++)
		err = user_key(u, &l.kv[i], &named, msg, len);
	if (!err)
		err = user_complete(op, u, named, msg, len);
	kv_free(&l);
	return err;
}

static bool host_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		(c >= '0' && c <= '9') || c == '-' || c == '.';
}

/* The port after ':', if any, as 1 to 65535. */
static int redirect_port(const char *s, unsigned int *port)
{
	unsigned long n = 0;

	*port = 3260;
	if (!*s)
		return 0;
	if (*s++ != ':' || !*s)
		return -EINVAL;
	for (; *s >= '0' && *s <= '9' && n <= 65535; s++)
		n = n * 10 + *s - '0';
	if (*s || !n || n > 65535)
		return -EINVAL;
	*port = n;
	return 0;
}

int ctl_redirect_parse(const char *val, char *out, size_t len, char *msg,
		       size_t mlen)
{
	const char *end;
	unsigned int port;
	size_t n;

	*out = '\0';
	if (!*val)
		return 0;
	if (*val == '[') {
		end = strchr(val, ']');
		n = end ? (size_t)(end - val + 1) : 0;
		if (n < 4 || strspn(val + 1, "0123456789abcdefABCDEF:.") != n - 2)
			return bad(-EINVAL, msg, mlen,
				   "--redirect=%.64s: an IPv6 address goes in brackets, as [fd00::1]:3260",
				   val);
	} else {
		for (n = 0; host_char(val[n]); n++)
			;
		if (!n || (val[n] && val[n] != ':'))
			return bad(-EINVAL, msg, mlen,
				   "--redirect=%.64s: not an address; use ADDR[:PORT], or [IPv6][:PORT]",
				   val);
	}
	if (redirect_port(val + n, &port))
		return bad(-EINVAL, msg, mlen,
			   "--redirect=%.64s: the port is not a number from 1 to 65535",
			   val);
	if (n > CTL_REDIRECT_MAX - 6 ||
	    snprintf(out, len, "%.*s:%u", (int)n, val, port) >= (int)len)
		return bad(-EINVAL, msg, mlen, "--redirect: the address is too long");
	return 0;
}

static int check_lun(const struct ctl_req *req, char *msg, size_t len)
{
	struct lun_params lp;
	char why[256];

	if (lun_params_parse(req->params, &lp, why, sizeof(why)))
		return bad(-EINVAL, msg, len, "Lun %u: %s", req->lun, why);
	lun_params_free(&lp);
	return 0;
}

static int check_params(const struct ctl_req *req, char *msg, size_t len)
{
	char addr[CTL_REDIRECT_MAX + 1];
	struct ctl_user u;
	struct kv_list l;
	int err;

	switch (req->op) {
	case CTL_LUN_NEW:
		return check_lun(req, msg, len);
	case CTL_USER_NEW:
	case CTL_USER_DEL:
	case CTL_USER_SHOW:
		return ctl_user_parse(req->op, req->params, &u, msg, len);
	case CTL_TARGET_REDIRECT:
		return ctl_redirect_parse(req->params, addr, sizeof(addr), msg,
					  len);
	}
	err = kv_parse(&l, req->params, msg, len);
	if (err)
		goto out;
	if (req->op == CTL_TARGET_NEW)
		err = check_target_name(&l, msg, len);
	else if (req->op == CTL_TARGET_UPDATE)
		err = check_update(&l, msg, len);
	else if (l.nr)
		err = bad(-EINVAL, msg, len, "this operation takes no --params");
out:
	kv_free(&l);
	return err;
}

int ctl_check(const struct ctl_req *req, char *msg, size_t len)
{
	if (!req->op || req->op >= __CTL_OP_MAX)
		return bad(-EINVAL, msg, len, "unknown request %u", req->op);
	if ((req->flags & CTL_F_FORCE) && req->op != CTL_TARGET_DEL &&
	    req->op != CTL_LUN_DEL)
		return bad(-EINVAL, msg, len,
			   "--force goes with --op delete --tid=N [--lun=L]");
	if (memchr(req->params, '\0', sizeof(req->params)) == NULL)
		return bad(-EINVAL, msg, len, "--params is too long");
	return check_ids(req, msg, len) ?: check_params(req, msg, len);
}
