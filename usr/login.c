// SPDX-License-Identifier: GPL-2.0
/*
 * The login phase: checks on each request, the stages, the text.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "login.h"
#include "util.h"

#define T_BIT		ISCSI_FLAG_TRANSIT
#define C_BIT		ISCSI_FLAG_CONTINUE
#define SEC		ISCSI_SECURITY_NEGOTIATION
#define OP		ISCSI_OP_PARMS_NEGOTIATION
#define FFP		ISCSI_FULL_FEATURE_PHASE
#define RSP_FLAGS(t, csg, nsg)	((t) | (csg) << 2 | (nsg))

void login_init(struct login *l, const struct login_env *env, void *ctx,
		uint32_t statsn)
{
	memset(l, 0, sizeof(*l));
	l->env = env;
	l->ctx = ctx;
	l->stage = -1;
	l->statsn = statsn;
	l->statsn_first = statsn;
}

void login_free(struct login *l)
{
	free(l->in);
	l->in = NULL;
	text_free(&l->out);
}

/* Record why the login fails; returns @status. */
static uint16_t __printf(3, 4) refuse(struct login *l, uint16_t status,
				      const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(l->why, sizeof(l->why), fmt, ap);
	va_end(ap);
	l->status = status;
	return status;
}

static void header(struct login *l, const uint8_t *bhs, uint8_t flags,
		   uint16_t tsih, struct pdu_out *rsp)
{
	const struct iscsi_login_req *req = (const void *)bhs;
	struct iscsi_login_rsp *h = (void *)rsp->bhs;

	memset(rsp, 0, sizeof(*rsp));
	h->opcode = ISCSI_OP_LOGIN_RSP;
	h->flags = flags;
	h->max_version = ISCSI_DRAFT20_VERSION;
	h->active_version = ISCSI_DRAFT20_VERSION;
	memcpy(h->isid, req->isid, sizeof(h->isid));
	put_be16(&h->tsih, tsih);
	memcpy(&h->itt, &req->itt, sizeof(h->itt));
	put_be32(&h->statsn, l->statsn++);
	/* Login is immediate: the first command will carry this CmdSN. */
	put_be32(&h->exp_cmdsn, l->cmdsn);
	put_be32(&h->max_cmdsn, l->cmdsn);
}

static enum login_result fail(struct login *l, const uint8_t *bhs,
			      struct pdu_out *rsp)
{
	struct iscsi_login_rsp *h = (void *)rsp->bhs;
	int stage = l->stage >= 0 ? l->stage : SEC;

	header(l, bhs, RSP_FLAGS(0, stage, 0), get_be16(bhs + 14), rsp);
	h->status_class = l->status >> 8;
	h->status_detail = l->status & 0xff;
	/* A redirection carries TargetAddress; other refusals nothing. */
	if (h->status_class == 1 && !l->out.failed) {
		iscsi_set_dlength(h->dlength, l->out.len);
		rsp->data = l->out.buf;
		rsp->dlen = l->out.len;
	}
	return LOGIN_FAIL;
}

enum login_result login_refuse(struct login *l, const uint8_t *bhs,
			       uint16_t status, const char *why,
			       struct pdu_out *rsp)
{
	refuse(l, status, "%s", why);
	return fail(l, bhs, rsp);
}

static uint16_t first_request(struct login *l,
			      const struct iscsi_login_req *req)
{
	l->started = true;
	memcpy(l->isid, req->isid, sizeof(l->isid));
	l->tsih = get_be16(&req->tsih);
	l->cid = get_be16(&req->cid);
	l->itt = get_be32(&req->itt);
	l->cmdsn = get_be32(&req->cmdsn);
	l->version_max = req->max_version;
	l->version_min = req->min_version;
	/* Version 0x00 is the only one there is. */
	if (req->min_version > ISCSI_DRAFT20_VERSION)
		return refuse(l, LS_NO_VERSION,
			      "the initiator speaks versions %u to %u, the target 0",
			      req->min_version, req->max_version);
	return 0;
}

/* RFC 7143 11.12: these stay as the first request had them. */
static uint16_t same_login(struct login *l, const struct iscsi_login_req *req)
{
	uint32_t exp = get_be32(&req->exp_statsn);
	const char *what = NULL;

	if (memcmp(l->isid, req->isid, sizeof(l->isid)))
		what = "ISID";
	else if (l->tsih != get_be16(&req->tsih))
		what = "TSIH";
	else if (l->cid != get_be16(&req->cid))
		what = "CID";
	else if (l->itt != get_be32(&req->itt))
		what = "ITT";
	else if (l->cmdsn != get_be32(&req->cmdsn))
		what = "CmdSN";
	else if (l->version_max != req->max_version ||
		 l->version_min != req->min_version)
		what = "version range";
	if (what)
		return refuse(l, LS_INVALID_REQUEST,
			      "the %s changed during the login", what);
	/* ExpStatSN acknowledges responses: only those sent so far. */
	if ((uint32_t)(exp - l->statsn_first) >
	    (uint32_t)(l->statsn - l->statsn_first))
		return refuse(l, LS_INVALID_REQUEST,
			      "ExpStatSN %u acknowledges a response not sent (next StatSN %u)",
			      exp, l->statsn);
	return 0;
}

static uint16_t check_stage(struct login *l, const struct iscsi_login_req *req)
{
	uint8_t f = req->flags;
	int csg = ISCSI_LOGIN_CSG(f), nsg = ISCSI_LOGIN_NSG(f);

	if ((f & T_BIT) && (f & C_BIT))
		return refuse(l, LS_INVALID_REQUEST,
			      "a Login Request with both T and C set");
	if (csg != SEC && csg != OP)
		return refuse(l, LS_INVALID_REQUEST,
			      "CSG %d is not a login stage", csg);
	if (l->stage < 0)
		l->stage = csg;
	if (csg != l->stage)
		return refuse(l, LS_INVALID_REQUEST,
			      "a Login Request for stage %d in stage %d",
			      csg, l->stage);
	if ((f & T_BIT) && !(csg == SEC && (nsg == OP || nsg == FFP)) &&
	    !(csg == OP && nsg == FFP))
		return refuse(l, LS_INVALID_REQUEST,
			      "no transition from stage %d to stage %d",
			      csg, nsg);
	return 0;
}

static uint16_t gather(struct login *l, const uint8_t *data, uint32_t dlen)
{
	char *in;

	if (l->in_len + dlen > LOGIN_TEXT_MAX)
		return refuse(l, LS_INVALID_REQUEST,
			      "more than %u bytes of login text",
			      LOGIN_TEXT_MAX);
	in = realloc(l->in, l->in_len + dlen + 1);
	if (!in)
		return refuse(l, LS_NO_RESOURCES, "out of memory");
	memcpy(in + l->in_len, data, dlen);
	l->in = in;
	l->in_len += dlen;
	return 0;
}

static bool is_identity(const char *key)
{
	return !strcmp(key, "InitiatorName") || !strcmp(key, "TargetName") ||
		!strcmp(key, "SessionType") || !strcmp(key, "InitiatorAlias");
}

/* Keys only a target declares, or only the full feature phase knows. */
static bool is_wrong_side(const char *key)
{
	return !strcmp(key, "TargetAlias") || !strcmp(key, "TargetAddress") ||
		!strcmp(key, "TargetPortalGroupTag") ||
		!strcmp(key, "SendTargets");
}

/* The identity keys of the first text, each at most once. */
struct identity {
	const char *initiator;
	const char *target;
	const char *type;
	const char *alias;
};

static uint16_t read_identity(struct login *l, const struct text_pair *p,
			      int nr, struct identity *id)
{
	const char **slot;
	int i;

	for (i = 0; i < nr; i++) {
		if (!strcmp(p[i].key, "InitiatorName"))
			slot = &id->initiator;
		else if (!strcmp(p[i].key, "TargetName"))
			slot = &id->target;
		else if (!strcmp(p[i].key, "SessionType"))
			slot = &id->type;
		else if (!strcmp(p[i].key, "InitiatorAlias"))
			slot = &id->alias;
		else
			continue;
		if (*slot)
			return refuse(l, LS_INITIATOR_ERROR, "%s sent twice",
				      p[i].key);
		*slot = p[i].val;
	}
	return 0;
}

static uint16_t check_names(struct login *l, const struct identity *id)
{
	char msg[128];

	if (!id->type || !strcmp(id->type, "Normal"))
		l->type = NEGO_NORMAL;
	else if (!strcmp(id->type, "Discovery"))
		l->type = NEGO_DISCOVERY;
	else
		return refuse(l, LS_NO_SESSION_TYPE,
			      "SessionType=%.64s is not supported", id->type);
	if (!id->initiator || !*id->initiator)
		return refuse(l, LS_MISSING_PARAM, "no InitiatorName");
	if (iscsi_name_check(id->initiator, msg, sizeof(msg)))
		return refuse(l, LS_INITIATOR_ERROR,
			      "the InitiatorName is not an iSCSI name");
	snprintf(l->initiator, sizeof(l->initiator), "%s", id->initiator);
	if (l->type == NEGO_NORMAL && (!id->target || !*id->target))
		return refuse(l, LS_MISSING_PARAM, "no TargetName");
	return 0;
}

static uint16_t find_target(struct login *l, const char *name)
{
	int err = l->env->find_target(l->ctx, name, &l->target);

	if (err == -ENOENT)
		return refuse(l, LS_NOT_FOUND, "no target %.*s", IET_NAME_MAX,
			      name);
	if (err)
		return refuse(l, LS_TARGET_ERROR, "cannot look up %.*s: %s",
			      IET_NAME_MAX, name, strerror(-err));
	return 0;
}

/* A non-zero TSIH adds a connection to a session (RFC 7143 6.3.1). */
static uint16_t check_tsih(struct login *l)
{
	uint32_t tid = l->type == NEGO_NORMAL ? l->target.tid : 0;
	int ret;

	if (!l->tsih)
		return 0;
	ret = l->env->session_exists(l->ctx, tid, l->tsih, l->isid);
	if (ret < 0)
		return refuse(l, LS_TARGET_ERROR, "cannot look up sessions: %s",
			      strerror(-ret));
	if (!ret)
		return refuse(l, LS_NO_SESSION, "no session with TSIH %u",
			      l->tsih);
	return refuse(l, LS_TOO_MANY_CONNS,
		      "session with TSIH %u already has its one connection",
		      l->tsih);
}

/* Before any security: the initiator goes elsewhere (RFC 7143 6.2). */
static uint16_t redirect(struct login *l)
{
	text_reset(&l->out);
	text_add(&l->out, "TargetAddress", l->target.redirect);
	return refuse(l, LS_MOVED_TEMP, "redirected to %s",
		      l->target.redirect);
}

static uint16_t identify(struct login *l, const struct text_pair *p, int nr)
{
	struct identity id = { NULL };
	bool auth;
	uint16_t st;

	st = read_identity(l, p, nr, &id);
	if (!st)
		st = check_names(l, &id);
	if (!st && l->type == NEGO_NORMAL)
		st = find_target(l, id.target);
	if (!st && l->type == NEGO_NORMAL && l->env->access) {
		char why[sizeof(l->why)];

		st = l->env->access(l->ctx, l, why, sizeof(why));
		if (st)
			return refuse(l, st, "%s", why);
	}
	if (st)
		return st;
	if (l->type == NEGO_NORMAL && *l->target.redirect)
		return redirect(l);
	auth = l->type == NEGO_NORMAL ? l->target.auth_required :
		l->env->discovery_auth(l->ctx);
	auth_start(&l->auth, auth, &l->env->accounts, l->ctx,
		   l->type == NEGO_NORMAL ? l->target.name : "");
	if (auth && l->stage != SEC)
		return refuse(l, LS_AUTH_FAILED,
			      "CHAP is required, and the login skipped the security stage");
	st = check_tsih(l);
	if (st)
		return st;
	nego_init(&l->nego, l->type,
		  l->type == NEGO_NORMAL ? l->target.sparams : NULL);
	l->identified = true;
	if (l->type == NEGO_DISCOVERY)
		return 0;
	/* RFC 7143 13.9: in the first response of a normal session. */
	text_add_u32(&l->out, "TargetPortalGroupTag", LOGIN_TPGT);
	if (*l->target.alias)
		text_add(&l->out, "TargetAlias", l->target.alias);
	return 0;
}

/* The login status of the security stage's error @err. */
static uint16_t auth_status(struct login *l, int err, const char *key)
{
	if (!err)
		return 0;
	if (err == -EEXIST)
		return refuse(l, LS_INITIATOR_ERROR, "%s sent twice", key);
	if (err == -EACCES)
		return refuse(l, LS_AUTH_FAILED, "%s", l->auth.why);
	return refuse(l, LS_NO_RESOURCES, "out of memory");
}

static uint16_t security_key(struct login *l, const char *key,
			     const char *val)
{
	if (l->stage != SEC) {
		text_add(&l->out, key, "Reject");
		return 0;
	}
	return auth_status(l, auth_offer(&l->auth, key, val, &l->out), key);
}

static uint16_t one_key(struct login *l, const char *key, const char *val,
			bool first)
{
	int k, err;

	if (is_identity(key))
		return first ? 0 : refuse(l, LS_INITIATOR_ERROR,
					  "%s sent after the first request",
					  key);
	if (auth_is_key(key))
		return security_key(l, key, val);
	k = nego_key(key);
	if (k >= 0) {
		err = nego_offer(&l->nego, k, val);
		if (err == -EEXIST)
			return refuse(l, LS_INITIATOR_ERROR,
				      "%s negotiated twice", key);
		if (err)
			return refuse(l, LS_INITIATOR_ERROR,
				      "%s=%.64s breaks the negotiation rules",
				      key, val);
		return 0;
	}
	text_add(&l->out, key, is_wrong_side(key) ? "Reject" : "NotUnderstood");
	return 0;
}

/* Agree to move on, or stay, or propose keys first: the response flags. */
static uint16_t decide(struct login *l, uint8_t req_flags)
{
	int csg = l->stage, nsg = ISCSI_LOGIN_NSG(req_flags);
	char why[sizeof(l->why)];
	int proposals;
	uint16_t st;

	l->out_flags = RSP_FLAGS(0, csg, 0);
	if (csg == OP)
		nego_declare(&l->nego, &l->out);
	if (!(req_flags & T_BIT) || (csg == SEC && !auth_done(&l->auth)))
		return 0;
	if (nsg == OP) {
		l->out_flags = RSP_FLAGS(T_BIT, csg, OP);
		return 0;
	}
	if (nego_waiting(&l->nego))
		return refuse(l, LS_INITIATOR_ERROR,
			      "the initiator did not answer the target's keys");
	/* Keys go out in the operational stage; from security, go there. */
	proposals = nego_propose(&l->nego, csg == OP ? &l->out : NULL);
	if (proposals > 0) {
		if (csg == SEC)
			l->out_flags = RSP_FLAGS(T_BIT, csg, OP);
		return 0;
	}
	if (nego_check(&l->nego, why, sizeof(why)))
		return refuse(l, LS_INITIATOR_ERROR, "%s", why);
	nego_declare(&l->nego, &l->out);
	st = l->env->admit(l->ctx, l, &l->session_tsih, why, sizeof(why));
	if (st)
		return refuse(l, st, "%s", why);
	l->out_flags = RSP_FLAGS(T_BIT, csg, FFP);
	l->out_final = true;
	return 0;
}

static uint16_t process(struct login *l, uint8_t req_flags)
{
	struct text_pair pairs[TEXT_PAIRS_MAX];
	bool first = !l->identified;
	uint16_t st = 0;
	int nr, i;

	text_reset(&l->out);
	l->out_sent = 0;
	nr = text_parse(l->in, l->in_len, pairs, ARRAY_SIZE(pairs));
	l->in_len = 0;
	if (nr < 0)
		return refuse(l, LS_INVALID_REQUEST, "malformed login text");
	if (first)
		st = identify(l, pairs, nr);
	for (i = 0; i < nr && !st; i++)
		st = one_key(l, pairs[i].key, pairs[i].val, first);
	if (!st && l->stage == SEC)
		st = auth_status(l, auth_step(&l->auth, &l->out), "CHAP");
	if (!st && nego_answer(&l->nego, &l->out))
		st = refuse(l, LS_NO_RESOURCES, "out of memory");
	if (!st)
		st = decide(l, req_flags);
	if (!st && l->out.failed)
		st = refuse(l, LS_NO_RESOURCES, "out of memory");
	return st;
}

/* The next piece of the response text, C=1 while more follows. */
static enum login_result send_text(struct login *l, const uint8_t *bhs,
				   struct pdu_out *rsp)
{
	struct iscsi_login_rsp *h = (void *)rsp->bhs;
	size_t left = l->out.len - l->out_sent;
	size_t n = left < PDU_DATA_MAX ? left : PDU_DATA_MAX;
	bool last = n == left;
	uint8_t flags = last ? l->out_flags : RSP_FLAGS(C_BIT, l->stage, 0);

	header(l, bhs, flags, last && l->out_final ? l->session_tsih : l->tsih,
	       rsp);
	iscsi_set_dlength(h->dlength, n);
	/* An empty text has no buffer: no offset into NULL. */
	rsp->data = n ? l->out.buf + l->out_sent : NULL;
	rsp->dlen = n;
	l->out_sent += n;
	if (!last)
		return LOGIN_MORE;
	if (flags & T_BIT)
		l->stage = ISCSI_LOGIN_NSG(flags);
	return l->out_final ? LOGIN_DONE : LOGIN_MORE;
}

enum login_result login_rx(struct login *l, const uint8_t *bhs,
			   const uint8_t *data, uint32_t dlen,
			   struct pdu_out *rsp)
{
	const struct iscsi_login_req *req = (const void *)bhs;
	uint16_t st;

	if (pdu_opcode(bhs) != ISCSI_OP_LOGIN_REQ) {
		refuse(l, LS_INVALID_REQUEST, "opcode 0x%02x during login",
		       pdu_opcode(bhs));
		return fail(l, bhs, rsp);
	}
	st = l->started ? same_login(l, req) : first_request(l, req);
	if (!st)
		st = check_stage(l, req);
	/* The target's text goes on when the initiator says nothing. */
	if (!st && l->out_sent < l->out.len) {
		if (!dlen && !(req->flags & C_BIT))
			return send_text(l, bhs, rsp);
		st = refuse(l, LS_INVALID_REQUEST,
			    "text from the initiator while the target's continues");
	}
	if (!st)
		st = gather(l, data, dlen);
	if (st)
		return fail(l, bhs, rsp);
	if (req->flags & C_BIT) {
		header(l, bhs, RSP_FLAGS(0, l->stage, 0), l->tsih, rsp);
		return LOGIN_MORE;
	}
	if (process(l, req->flags))
		return fail(l, bhs, rsp);
	return send_text(l, bhs, rsp);
}

const char *login_status_str(uint16_t status)
{
	switch (status) {
	case LS_SUCCESS:
		return "success";
	case LS_MOVED_TEMP:
		return "target moved temporarily";
	case LS_INITIATOR_ERROR:
		return "initiator error";
	case LS_AUTH_FAILED:
		return "authentication failed";
	case LS_AUTHORIZATION:
		return "authorization failure";
	case LS_NOT_FOUND:
		return "target not found";
	case LS_NO_VERSION:
		return "unsupported version";
	case LS_TOO_MANY_CONNS:
		return "too many connections";
	case LS_MISSING_PARAM:
		return "missing parameter";
	case LS_NO_SESSION_TYPE:
		return "session type not supported";
	case LS_NO_SESSION:
		return "session does not exist";
	case LS_INVALID_REQUEST:
		return "invalid request during login";
	case LS_TARGET_ERROR:
		return "target error";
	case LS_NO_RESOURCES:
		return "out of resources";
	}
	return "refused";
}
