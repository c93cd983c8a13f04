// SPDX-License-Identifier: GPL-2.0
/*
 * Requests to iscsi_trgt.ko over generic netlink, with libnl-genl-3.
 *
 * Each call sends one request and reads until the kernel has answered in
 * full (an ack, an error or the end of a dump), so that no stray message
 * is left on the socket to confuse the next call.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/netlink.h>

#include <netlink/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "kernel.h"
#include "util.h"

struct kern {
	struct nl_sock *sk;
	int family;
	int pr_dir;			/* for NEW_LUN, or -1 */
	char msg[256];
};

/* One request in flight: what came back so far. */
struct request {
	struct kern *k;
	int err;
	int done;
	int (*parse)(struct nlattr **tb, void *arg);
	void *arg;
};

/* Attribute types of the replies, checked before anything is read. */
static struct nla_policy reply_policy[IET_A_MAX + 1] = {
	[IET_A_VERSION] = { .type = NLA_STRING },
	[IET_A_PROTOCOL] = { .type = NLA_U32 },
	[IET_A_TID] = { .type = NLA_U32 },
	[IET_A_TARGET_NAME] = { .type = NLA_STRING, .maxlen = IET_NAME_MAX + 1 },
	[IET_A_WTHREADS] = { .type = NLA_U32 },
	[IET_A_QUEUED_CMDS] = { .type = NLA_U32 },
	[IET_A_NOP_INTERVAL] = { .type = NLA_U32 },
	[IET_A_NOP_TIMEOUT] = { .type = NLA_U32 },
	[IET_A_LUN] = { .type = NLA_U32 },
	[IET_A_LUN_TYPE] = { .type = NLA_U8 },
	[IET_A_LUN_PATH] = { .type = NLA_STRING },
	[IET_A_LUN_IOMODE] = { .type = NLA_U8 },
	[IET_A_LUN_BLOCKSIZE] = { .type = NLA_U32 },
	[IET_A_LUN_BLOCKS] = { .type = NLA_U64 },
	[IET_A_LUN_SCSI_ID] = { .type = NLA_STRING,
				.maxlen = IET_SCSI_ID_MAX + 1 },
	[IET_A_LUN_SCSI_SN] = { .type = NLA_STRING,
				.maxlen = IET_SCSI_SN_MAX + 1 },
	[IET_A_LUN_STATE] = { .type = NLA_U8 },
	[IET_A_SID] = { .type = NLA_U64 },
	[IET_A_CID] = { .type = NLA_U32 },
	[IET_A_INITIATOR_NAME] = { .type = NLA_STRING,
				   .maxlen = IET_NAME_MAX + 1 },
	[IET_A_STAT_SN] = { .type = NLA_U32 },
	[IET_A_EXP_CMD_SN] = { .type = NLA_U32 },
	[IET_A_SESSION_PARAMS] = { .type = NLA_NESTED },
	[IET_A_CONN] = { .type = NLA_NESTED },
};

/* The attribute of each target key; Type is IET's alone. */
static const int target_attr[TGT_NR] = {
	[TGT_WTHREADS] = IET_A_WTHREADS,
	[TGT_TYPE] = IET_A_UNSPEC,
	[TGT_QUEUED_CMDS] = IET_A_QUEUED_CMDS,
	[TGT_NOP_INTERVAL] = IET_A_NOP_INTERVAL,
	[TGT_NOP_TIMEOUT] = IET_A_NOP_TIMEOUT,
};

/* libnl's own failures, as errno values. */
static int nle_errno(int nle)
{
	switch (nle < 0 ? -nle : nle) {
	case NLE_NOMEM:
		return -ENOMEM;
	case NLE_PERM:
		return -EPERM;
	case NLE_OBJ_NOTFOUND:
		return -ENOENT;
	case NLE_INTR:
		return -EINTR;
	case NLE_AGAIN:
		return -EAGAIN;
	case NLE_MSGSIZE:
		return -EMSGSIZE;
	case NLE_SEQ_MISMATCH:
	case NLE_MSG_TRUNC:
		return -EPROTO;
	}
	return -EIO;
}

const char *kern_message(const struct kern *k)
{
	return k->msg;
}

/* Keep the text of an extended ack (NLMSGERR_ATTR_MSG), if any. */
static void save_ext_ack(struct kern *k, const struct nlmsgerr *e)
{
	const struct nlmsghdr *h = (const void *)((const char *)e -
						  NLMSG_HDRLEN);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t off = sizeof(*e);

	if (!(h->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (!(h->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	off = NLMSG_ALIGN(off);
	if (h->nlmsg_len < NLMSG_HDRLEN + off)
		return;
	if (nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)((char *)e + off),
		      h->nlmsg_len - NLMSG_HDRLEN - off, NULL))
		return;
	if (tb[NLMSGERR_ATTR_MSG])
		snprintf(k->msg, sizeof(k->msg), "%.*s",
			 (int)nla_len(tb[NLMSGERR_ATTR_MSG]),
			 (char *)nla_data(tb[NLMSGERR_ATTR_MSG]));
}

static int on_error(struct sockaddr_nl *nla __maybe_unused,
		    struct nlmsgerr *e, void *arg)
{
	struct request *r = arg;

	r->err = e->error;
	save_ext_ack(r->k, e);
	r->done = 1;
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg __maybe_unused, void *arg)
{
	struct request *r = arg;

	r->done = 1;
	return NL_STOP;
}

/* The end of a dump; a failed dump carries its errno here. */
static int on_finish(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *h = nlmsg_hdr(msg);
	struct request *r = arg;
	int err;

	if (h->nlmsg_len >= NLMSG_HDRLEN + sizeof(err)) {
		memcpy(&err, nlmsg_data(h), sizeof(err));
		if (err < 0 && !r->err)
			r->err = err;
	}
	r->done = 1;
	return NL_STOP;
}

/*
 * The reply being parsed, for attributes that repeat (a session's
 * CONN nests), which the parsed table keeps only the last of.
 */
static struct nlmsghdr *current_reply;

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[IET_A_MAX + 1];
	struct request *r = arg;
	int err;

	current_reply = nlmsg_hdr(msg);
	err = genlmsg_parse(nlmsg_hdr(msg), 0, tb, IET_A_MAX, reply_policy);
	if (!err && r->parse)
		err = r->parse(tb, r->arg);
	else if (err)
		err = -EPROTO;
	/* Keep reading to the end of the answer, but remember the failure. */
	if (err && !r->err)
		r->err = err;
	return NL_OK;
}

static struct nl_msg *request_new(struct kern *k, uint8_t cmd, int flags)
{
	struct nl_msg *m = nlmsg_alloc();

	if (m && !genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, k->family, 0,
			      flags, cmd, IET_GENL_VERSION)) {
		nlmsg_free(m);
		m = NULL;
	}
	return m;
}

/* Send @m (freed here), read the whole answer, feed replies to @parse. */
static int transact(struct kern *k, struct nl_msg *m,
		    int (*parse)(struct nlattr **tb, void *arg), void *arg)
{
	struct request r = { .k = k, .parse = parse, .arg = arg };
	struct nl_cb *cb;
	int ret;

	k->msg[0] = '\0';
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		nlmsg_free(m);
		return -ENOMEM;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &r);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, &r);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_finish, &r);
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, &r);
	ret = nl_send_auto(k->sk, m);
	nlmsg_free(m);
	if (ret < 0)
		r.err = nle_errno(ret);
	while (ret >= 0 && !r.done) {
		ret = nl_recvmsgs(k->sk, cb);
		if (ret < 0 && !r.done)
			r.err = nle_errno(ret);
	}
	nl_cb_put(cb);
	return r.err;
}

/* ---- version ---- */

struct version {
	char *buf;
	size_t len;
	uint32_t protocol;
	int seen;
};

static int parse_version(struct nlattr **tb, void *arg)
{
	struct version *v = arg;

	if (!tb[IET_A_PROTOCOL])
		return -EPROTO;
	v->protocol = nla_get_u32(tb[IET_A_PROTOCOL]);
	snprintf(v->buf, v->len, "%s",
		 tb[IET_A_VERSION] ? nla_get_string(tb[IET_A_VERSION]) : "");
	v->seen = 1;
	return 0;
}

int kern_version(struct kern *k, char *version, size_t len,
		 uint32_t *protocol)
{
	struct version v = { .buf = version, .len = len };
	struct nl_msg *m = request_new(k, IET_CMD_GET_VERSION, 0);
	int err;

	if (!m)
		return -ENOMEM;
	err = transact(k, m, parse_version, &v);
	if (!err && !v.seen)
		err = -EPROTO;
	if (!err)
		*protocol = v.protocol;
	return err;
}

/* ---- targets ---- */

static int put_target_params(struct nl_msg *m, const unsigned int *params,
			     unsigned int mask)
{
	unsigned int i;

	for (i = 0; i < TGT_NR; i++) {
		if (!target_attr[i] || !(mask & (1U << i)))
			continue;
		if (nla_put_u32(m, target_attr[i], params[i]))
			return -EMSGSIZE;
	}
	return 0;
}

static int parse_target(struct nlattr **tb, struct kern_target *t)
{
	unsigned int i;

	if (!tb[IET_A_TID] || !tb[IET_A_TARGET_NAME])
		return -EPROTO;
	memset(t, 0, sizeof(*t));
	t->tid = nla_get_u32(tb[IET_A_TID]);
	snprintf(t->name, sizeof(t->name), "%s",
		 nla_get_string(tb[IET_A_TARGET_NAME]));
	param_defaults(&target_params, t->params);
	for (i = 0; i < TGT_NR; i++)
		if (target_attr[i] && tb[target_attr[i]])
			t->params[i] = nla_get_u32(tb[target_attr[i]]);
	return 0;
}

struct target_one {
	struct kern_target t;
	int seen;
};

static int parse_target_one(struct nlattr **tb, void *arg)
{
	struct target_one *o = arg;

	o->seen = 1;
	return parse_target(tb, &o->t);
}

int kern_target_new(struct kern *k, uint32_t *tid, const char *name,
		    const unsigned int *params)
{
	struct nl_msg *m = request_new(k, IET_CMD_NEW_TARGET, 0);
	struct target_one o = { .seen = 0 };
	int err;

	if (!m)
		return -ENOMEM;
	if (nla_put_u32(m, IET_A_TID, *tid) ||
	    nla_put_string(m, IET_A_TARGET_NAME, name) ||
	    put_target_params(m, params, ~0U)) {
		nlmsg_free(m);
		return -EMSGSIZE;
	}
	err = transact(k, m, parse_target_one, &o);
	if (!err && !o.seen)
		err = -EPROTO;
	if (!err)
		*tid = o.t.tid;
	return err;
}

int kern_target_del(struct kern *k, uint32_t tid, bool force)
{
	struct nl_msg *m = request_new(k, IET_CMD_DEL_TARGET, 0);

	if (!m)
		return -ENOMEM;
	if (nla_put_u32(m, IET_A_TID, tid) ||
	    (force && nla_put_flag(m, IET_A_FORCE))) {
		nlmsg_free(m);
		return -EMSGSIZE;
	}
	return transact(k, m, NULL, NULL);
}

int kern_target_set(struct kern *k, uint32_t tid,
		    const unsigned int *params, unsigned int mask)
{
	struct nl_msg *m = request_new(k, IET_CMD_SET_TARGET, 0);

	if (!m)
		return -ENOMEM;
	if (nla_put_u32(m, IET_A_TID, tid) ||
	    put_target_params(m, params, mask)) {
		nlmsg_free(m);
		return -EMSGSIZE;
	}
	return transact(k, m, NULL, NULL);
}

int kern_target_get(struct kern *k, uint32_t tid, struct kern_target *t)
{
	struct nl_msg *m = request_new(k, IET_CMD_GET_TARGET, 0);
	struct target_one o = { .seen = 0 };
	int err;

	if (!m)
		return -ENOMEM;
	if (nla_put_u32(m, IET_A_TID, tid)) {
		nlmsg_free(m);
		return -EMSGSIZE;
	}
	err = transact(k, m, parse_target_one, &o);
	if (!err && !o.seen)
		err = -EPROTO;
	if (!err)
		*t = o.t;
	return err;
}

/* A growing array that dump replies are appended to. */
struct array {
	void *items;
	unsigned int nr;
	unsigned int cap;
	size_t size;
};

static void *array_add(struct array *a)
{
	char *n;

	if (a->nr == a->cap) {
		a->cap = a->cap ? 2 * a->cap : 16;
		n = realloc(a->items, a->cap * a->size);
		if (!n)
			return NULL;
		a->items = n;
	}
	n = (char *)a->items + a->nr++ * a->size;
	memset(n, 0, a->size);
	return n;
}

static int parse_target_dump(struct nlattr **tb, void *arg)
{
	struct kern_target *t = array_add(arg);

	return t ? parse_target(tb, t) : -ENOMEM;
}

int kern_target_dump(struct kern *k, struct kern_target **targets,
		     unsigned int *nr)
{
	struct array a = { .size = sizeof(struct kern_target) };
	struct nl_msg *m = request_new(k, IET_CMD_GET_TARGET, NLM_F_DUMP);
	int err;

	if (!m)
		return -ENOMEM;
	err = transact(k, m, parse_target_dump, &a);
	if (err) {
		free(a.items);
		return err;
	}
	*targets = a.items;
	*nr = a.nr;
	return 0;
}

/* ---- LUNs ---- */

static int put_lun_params(struct nl_msg *m, const struct lun_params *p)
{
	if (nla_put_u8(m, IET_A_LUN_TYPE, p->type) ||
	    (p->path && nla_put_string(m, IET_A_LUN_PATH, p->path)) ||
	    (p->iomode_set && nla_put_u8(m, IET_A_LUN_IOMODE, p->iomode)) ||
	    (p->blocksize &&
	     nla_put_u32(m, IET_A_LUN_BLOCKSIZE, p->blocksize)) ||
	    (p->blocks && nla_put_u64(m, IET_A_LUN_BLOCKS, p->blocks)) ||
	    (*p->scsi_id &&
	     nla_put_string(m, IET_A_LUN_SCSI_ID, p->scsi_id)) ||
	    (*p->scsi_sn && nla_put_string(m, IET_A_LUN_SCSI_SN, p->scsi_sn)))
		return -EMSGSIZE;
	return 0;
}

int kern_lun_new(struct kern *k, uint32_t tid, uint32_t lun,
		 const struct lun_params *p)
{
	struct nl_msg *m = request_new(k, IET_CMD_NEW_LUN, 0);

	if (!m)
		return -ENOMEM;
	if (nla_put_u32(m, IET_A_TID, tid) ||
	    nla_put_u32(m, IET_A_LUN, lun) || put_lun_params(m, p) ||
	    (k->pr_dir >= 0 && nla_put_u32(m, IET_A_LUN_PR_DIR, k->pr_dir))) {
		nlmsg_free(m);
		return -EMSGSIZE;
	}
	return transact(k, m, NULL, NULL);
}

int kern_lun_del(struct kern *k, uint32_t tid, uint32_t lun, bool force)
{
	struct nl_msg *m = request_new(k, IET_CMD_DEL_LUN, 0);

	if (!m)
		return -ENOMEM;
	if (nla_put_u32(m, IET_A_TID, tid) || nla_put_u32(m, IET_A_LUN, lun) ||
	    (force && nla_put_flag(m, IET_A_FORCE))) {
		nlmsg_free(m);
		return -EMSGSIZE;
	}
	return transact(k, m, NULL, NULL);
}

static void copy_attr_str(char *dst, size_t len, const struct nlattr *a)
{
	snprintf(dst, len, "%s", a ? nla_get_string((struct nlattr *)a) : "");
}

static int parse_lun(struct nlattr **tb, void *arg)
{
	struct kern_lun *l;

	if (!tb[IET_A_TID] || !tb[IET_A_LUN] || !tb[IET_A_LUN_TYPE])
		return -EPROTO;
	l = array_add(arg);
	if (!l)
		return -ENOMEM;
	l->tid = nla_get_u32(tb[IET_A_TID]);
	l->lun = nla_get_u32(tb[IET_A_LUN]);
	l->params.type = nla_get_u8(tb[IET_A_LUN_TYPE]);
	if (tb[IET_A_LUN_STATE])
		l->state = nla_get_u8(tb[IET_A_LUN_STATE]);
	if (tb[IET_A_LUN_IOMODE]) {
		l->params.iomode = nla_get_u8(tb[IET_A_LUN_IOMODE]);
		l->params.iomode_set = true;
	}
	if (tb[IET_A_LUN_BLOCKSIZE])
		l->params.blocksize = nla_get_u32(tb[IET_A_LUN_BLOCKSIZE]);
	if (tb[IET_A_LUN_BLOCKS])
		l->params.blocks = nla_get_u64(tb[IET_A_LUN_BLOCKS]);
	copy_attr_str(l->params.scsi_id, sizeof(l->params.scsi_id),
		      tb[IET_A_LUN_SCSI_ID]);
	copy_attr_str(l->params.scsi_sn, sizeof(l->params.scsi_sn),
		      tb[IET_A_LUN_SCSI_SN]);
	if (tb[IET_A_LUN_PATH]) {
		l->params.path = strdup(nla_get_string(tb[IET_A_LUN_PATH]));
		if (!l->params.path)
			return -ENOMEM;
	}
	return 0;
}

void kern_luns_free(struct kern_lun *luns, unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		lun_params_free(&luns[i].params);
	free(luns);
}

int kern_lun_dump(struct kern *k, uint32_t tid, struct kern_lun **luns,
		  unsigned int *nr)
{
	struct array a = { .size = sizeof(struct kern_lun) };
	struct nl_msg *m = request_new(k, IET_CMD_GET_LUN, NLM_F_DUMP);
	int err;

	if (!m)
		return -ENOMEM;
	if (tid && nla_put_u32(m, IET_A_TID, tid)) {
		nlmsg_free(m);
		return -EMSGSIZE;
	}
	err = transact(k, m, parse_lun, &a);
	if (err) {
		kern_luns_free(a.items, a.nr);
		return err;
	}
	*luns = a.items;
	*nr = a.nr;
	return 0;
}

/* ---- sessions and connections ---- */

static int put_session_params(struct nl_msg *m, const uint32_t *params)
{
	struct nlattr *nest;
	int i;

	/* Strict kernel validation wants NLA_F_NESTED on a nest. */
	nest = nla_nest_start(m, IET_A_SESSION_PARAMS | NLA_F_NESTED);
	if (!nest)
		return -EMSGSIZE;
	for (i = IET_P_UNSPEC + 1; i <= IET_P_MAX; i++)
		if (nla_put_u32(m, i, params[i]))
			return -EMSGSIZE;
	nla_nest_end(m, nest);
	return 0;
}

int kern_conn_new(struct kern *k, const struct kern_conn *c)
{
	struct nl_msg *m = request_new(k, IET_CMD_NEW_CONN, 0);

	if (!m)
		return -ENOMEM;
	if (nla_put_u32(m, IET_A_TID, c->tid) ||
	    nla_put_u64(m, IET_A_SID, c->sid) ||
	    nla_put_u32(m, IET_A_CID, c->cid) ||
	    nla_put_string(m, IET_A_INITIATOR_NAME, c->initiator) ||
	    nla_put_u32(m, IET_A_FD, c->fd) ||
	    nla_put_u32(m, IET_A_STAT_SN, c->stat_sn) ||
	    nla_put_u32(m, IET_A_EXP_CMD_SN, c->exp_cmd_sn) ||
	    put_session_params(m, c->params)) {
		nlmsg_free(m);
		return -EMSGSIZE;
	}
	return transact(k, m, NULL, NULL);
}

int kern_session_del(struct kern *k, uint32_t tid, uint64_t sid)
{
	struct nl_msg *m = request_new(k, IET_CMD_DEL_SESSION, 0);

	if (!m)
		return -ENOMEM;
	if (nla_put_u32(m, IET_A_TID, tid) || nla_put_u64(m, IET_A_SID, sid)) {
		nlmsg_free(m);
		return -EMSGSIZE;
	}
	return transact(k, m, NULL, NULL);
}

int kern_conn_del(struct kern *k, uint32_t tid, uint64_t sid, uint32_t cid)
{
	struct nl_msg *m = request_new(k, IET_CMD_DEL_CONN, 0);

	if (!m)
		return -ENOMEM;
	if (nla_put_u32(m, IET_A_TID, tid) || nla_put_u64(m, IET_A_SID, sid) ||
	    nla_put_u32(m, IET_A_CID, cid)) {
		nlmsg_free(m);
		return -EMSGSIZE;
	}
	return transact(k, m, NULL, NULL);
}

static void parse_session_params(struct nlattr *nest, struct kern_session *s)
{
	struct nlattr *a;
	int rem;

	nla_for_each_nested(a, nest, rem) {
		if (nla_type(a) > IET_P_UNSPEC && nla_type(a) <= IET_P_MAX &&
		    nla_len(a) >= (int)sizeof(uint32_t))
			s->params[nla_type(a)] = nla_get_u32(a);
	}
	s->has_params = true;
}

static void parse_conn(struct nlattr *nest, struct kern_session *s)
{
	struct nlattr *tb[IET_A_MAX + 1];
	struct kern_conn_info *c;

	if (s->nr_conns == KERN_CONNS_MAX ||
	    nla_parse_nested(tb, IET_A_MAX, nest, NULL) || !tb[IET_A_CID])
		return;
	c = &s->conns[s->nr_conns++];
	c->cid = nla_get_u32(tb[IET_A_CID]);
	if (tb[IET_A_CONN_STATE])
		c->state = nla_get_u8(tb[IET_A_CONN_STATE]);
	copy_attr_str(c->addr, sizeof(c->addr), tb[IET_A_CONN_ADDR]);
	if (tb[IET_A_CONN_DIGEST_ERRORS] &&
	    nla_len(tb[IET_A_CONN_DIGEST_ERRORS]) >= (int)sizeof(uint32_t))
		c->digest_errors = nla_get_u32(tb[IET_A_CONN_DIGEST_ERRORS]);
}

/* The nests come after the fixed attributes; CONN repeats, so walk them. */
static void parse_session_nests(struct nlattr *attrs, int len,
				struct kern_session *s)
{
	struct nlattr *a;
	int rem;

	nla_for_each_attr(a, attrs, len, rem) {
		if (nla_type(a) == IET_A_SESSION_PARAMS)
			parse_session_params(a, s);
		else if (nla_type(a) == IET_A_CONN)
			parse_conn(a, s);
	}
}

static int parse_session(struct nlattr **tb, void *arg)
{
	struct kern_session *s;

	if (!tb[IET_A_TID] || !tb[IET_A_SID] || !tb[IET_A_INITIATOR_NAME])
		return -EPROTO;
	s = array_add(arg);
	if (!s)
		return -ENOMEM;
	s->tid = nla_get_u32(tb[IET_A_TID]);
	s->sid = nla_get_u64(tb[IET_A_SID]);
	copy_attr_str(s->initiator, sizeof(s->initiator),
		      tb[IET_A_INITIATOR_NAME]);
	parse_session_nests(genlmsg_attrdata(nlmsg_data(current_reply), 0),
			    genlmsg_attrlen(nlmsg_data(current_reply), 0), s);
	return 0;
}

int kern_session_dump(struct kern *k, uint32_t tid, struct kern_session **s,
		      unsigned int *nr)
{
	struct array a = { .size = sizeof(struct kern_session) };
	struct nl_msg *m = request_new(k, IET_CMD_GET_SESSION, NLM_F_DUMP);
	int err;

	if (!m)
		return -ENOMEM;
	if (tid && nla_put_u32(m, IET_A_TID, tid)) {
		nlmsg_free(m);
		return -EMSGSIZE;
	}
	err = transact(k, m, parse_session, &a);
	if (err) {
		free(a.items);
		return err;
	}
	*s = a.items;
	*nr = a.nr;
	return 0;
}

/* ---- the link ---- */

static int check_version(struct kern *k, char *err, size_t len)
{
	char version[64];
	uint32_t protocol;
	int ret;

	ret = kern_version(k, version, sizeof(version), &protocol);
	if (ret) {
		snprintf(err, len, "cannot ask iscsi_trgt its version: %s%s%s",
			 strerror(-ret), *k->msg ? ": " : "", k->msg);
		return ret;
	}
	if (protocol != IET_GENL_VERSION) {
		snprintf(err, len, "iscsi_trgt speaks protocol %u, ietd speaks %d",
			 protocol, IET_GENL_VERSION);
		return -EPROTO;
	}
	return 0;
}

/* Ask for the kernel's explanations, without our request echoed back. */
static void ask_ext_ack(struct kern *k)
{
	int fd = nl_socket_get_fd(k->sk), one = 1;

	/* Older kernels lack these; errors then come without words. */
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
}

int kern_open(struct kern **kp, char *err, size_t len)
{
	struct kern *k = calloc(1, sizeof(*k));
	int ret;

	if (k) {
		k->sk = nl_socket_alloc();
		k->pr_dir = -1;
	}
	if (!k || !k->sk) {
		free(k);
		snprintf(err, len, "out of memory");
		return -ENOMEM;
	}
	ret = genl_connect(k->sk);
	if (ret) {
		snprintf(err, len, "cannot open a generic netlink socket: %s",
			 nl_geterror(ret));
		goto fail;
	}
	ask_ext_ack(k);
	k->family = genl_ctrl_resolve(k->sk, IET_GENL_NAME);
	if (k->family < 0) {
		ret = k->family;
		if (ret == -NLE_OBJ_NOTFOUND)
			snprintf(err, len,
				 "kernel module iscsi_trgt is not loaded (no generic netlink family '%s')",
				 IET_GENL_NAME);
		else
			snprintf(err, len, "cannot look up generic netlink family '%s': %s",
				 IET_GENL_NAME, nl_geterror(ret));
		goto fail;
	}
	ret = check_version(k, err, len);
	if (ret)
		goto fail_errno;
	*kp = k;
	return 0;
fail:
	ret = nle_errno(ret);
fail_errno:
	kern_close(k);
	return ret;
}

void kern_set_pr_dir(struct kern *k, int fd)
{
	if (k->pr_dir >= 0)
		close(k->pr_dir);
	k->pr_dir = fd;
}

void kern_close(struct kern *k)
{
	if (!k)
		return;
	if (k->pr_dir >= 0)
		close(k->pr_dir);
	nl_socket_free(k->sk);
	free(k);
}
