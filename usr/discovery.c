// SPDX-License-Identifier: GPL-2.0
/*
 * Discovery sessions: SendTargets, NOP-Out, Logout, Reject.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth.h"
#include "discovery.h"
#include "nego.h"
#include "util.h"

#define F_BIT	ISCSI_FLAG_FINAL
#define C_BIT	ISCSI_FLAG_CONTINUE

void disc_init(struct disc *d, const struct disc_env *env, void *ctx,
	       const char *portal, uint16_t cid, uint32_t statsn,
	       uint32_t cmdsn, uint32_t max_xmit)
{
	memset(d, 0, sizeof(*d));
	d->env = env;
	d->ctx = ctx;
	snprintf(d->portal, sizeof(d->portal), "%s", portal);
	d->cid = cid;
	d->statsn = statsn;
	d->exp_cmdsn = cmdsn;
	d->max_xmit = max_xmit < DISC_XMIT_MAX ? max_xmit : DISC_XMIT_MAX;
}

static void exchange_end(struct disc *d)
{
	free(d->in);
	d->in = NULL;
	d->in_len = 0;
	text_free(&d->answer);
	d->sent = 0;
	d->busy = false;
}

void disc_free(struct disc *d)
{
	exchange_end(d);
}

int portal_name(const struct sockaddr *sa, char *buf, size_t len)
{
	const struct sockaddr_in6 *s6 = (const void *)sa;
	const struct sockaddr_in *s4 = (const void *)sa;
	char a[INET6_ADDRSTRLEN];

	if (sa->sa_family == AF_INET) {
		inet_ntop(AF_INET, &s4->sin_addr, a, sizeof(a));
		return snprintf(buf, len, "%s:%u", a, ntohs(s4->sin_port));
	}
	if (sa->sa_family != AF_INET6)
		return -EAFNOSUPPORT;
	/* An IPv4 client of a dual-stack socket: its IPv4 address. */
	if (IN6_IS_ADDR_V4MAPPED(&s6->sin6_addr)) {
		inet_ntop(AF_INET, &s6->sin6_addr.s6_addr[12], a, sizeof(a));
		return snprintf(buf, len, "%s:%u", a, ntohs(s6->sin6_port));
	}
	/* inet_ntop() leaves out the zone, which means nothing elsewhere. */
	inet_ntop(AF_INET6, &s6->sin6_addr, a, sizeof(a));
	return snprintf(buf, len, "[%s]:%u", a, ntohs(s6->sin6_port));
}

static int one_target(struct text_out *out, const char *name,
		      const char *portal)
{
	char addr[PORTAL_MAX + 8];

	snprintf(addr, sizeof(addr), "%s,%u", portal, 1);
	if (text_add(out, "TargetName", name) ||
	    text_add(out, "TargetAddress", addr))
		return -ENOMEM;
	return 0;
}

int sendtargets(struct text_out *out, const char *which,
		const struct kern_target *t, unsigned int nr,
		const char *portal)
{
	bool all = !strcmp(which, "All");
	unsigned int i;

	for (i = 0; i < nr; i++) {
		if (!all && strcasecmp(which, t[i].name))
			continue;
		if (one_target(out, t[i].name, portal))
			return -ENOMEM;
	}
	return 0;
}

static void header(struct disc *d, struct pdu_out *rsp, uint8_t opcode,
		   uint8_t flags, uint32_t itt)
{
	memset(rsp, 0, sizeof(*rsp));
	rsp->bhs[0] = opcode;
	rsp->bhs[1] = flags;
	put_be32(rsp->bhs + 16, itt);
	put_be32(rsp->bhs + 24, d->statsn++);
	put_be32(rsp->bhs + 28, d->exp_cmdsn);
	/* A window of one command: ietd answers one at a time anyway. */
	put_be32(rsp->bhs + 32, d->exp_cmdsn);
}

static void set_data(struct pdu_out *rsp, const void *data, uint32_t len)
{
	iscsi_set_dlength(rsp->bhs + 5, len);
	rsp->data = data;
	rsp->dlen = len;
}

/* Reject @bhs (RFC 7143 11.17): the rejected header is the data. */
static enum disc_result reject(struct disc *d, const uint8_t *bhs,
			       uint8_t reason, const char *why,
			       struct pdu_out *rsp)
{
	snprintf(d->why, sizeof(d->why), "%s", why);
	memcpy(d->rejected, bhs, ISCSI_BHS_LEN);
	header(d, rsp, ISCSI_OP_REJECT, F_BIT, ISCSI_RSVD_TAG);
	rsp->bhs[2] = reason;
	set_data(rsp, d->rejected, ISCSI_BHS_LEN);
	return DISC_REPLY;
}

enum disc_result disc_reject(struct disc *d, const uint8_t *bhs,
			     uint8_t reason, struct pdu_out *rsp)
{
	reject(d, bhs, reason, "malformed PDU", rsp);
	return DISC_CLOSE;
}

/*
 * The length of the next piece of the answer: all that is left if it
 * fits, else up to the last record (TargetName=) or pair that fits;
 * @cut when not even one pair fits.
 */
static size_t piece(const struct disc *d, bool *cut)
{
	size_t left = d->answer.len - d->sent, off = 0, pair = 0, record = 0;
	const char *p;

	*cut = false;
	if (left <= d->max_xmit)
		return left;
	p = d->answer.buf + d->sent;
	while (off + strlen(p + off) + 1 <= d->max_xmit) {
		off += strlen(p + off) + 1;
		pair = off;
		if (!strncmp(p + off, "TargetName=", 11))
			record = off;
	}
	if (record)
		return record;
	*cut = !pair;
	return pair ? pair : d->max_xmit;
}

/* The next piece of the answer; the last one ends the exchange if F=1. */
static enum disc_result send_answer(struct disc *d, bool final,
				    struct pdu_out *rsp)
{
	bool cut, last;
	size_t n = piece(d, &cut);
	uint8_t flags;

	last = d->sent + n == d->answer.len;
	flags = cut ? C_BIT : last && final ? F_BIT : 0;
	header(d, rsp, ISCSI_OP_TEXT_RSP, flags, d->itt);
	/* The tag the initiator quotes to go on: none once it is over. */
	put_be32(rsp->bhs + 20, last && final ? ISCSI_RSVD_TAG : d->ttt);
	set_data(rsp, n ? d->answer.buf + d->sent : NULL, n);
	d->sent += n;
	/* @rsp points into the answer: it is freed by the next exchange. */
	if (last && final)
		d->busy = false;
	return DISC_REPLY;
}

static bool login_only(const char *key)
{
	return auth_is_key(key) || nego_key(key) >= 0 ||
		!strcmp(key, "InitiatorName") || !strcmp(key, "TargetName") ||
		!strcmp(key, "SessionType") || !strcmp(key, "TargetAlias") ||
		!strcmp(key, "TargetAddress") ||
		!strcmp(key, "TargetPortalGroupTag");
}

/* MaxRecvDataSegmentLength may be declared again in a Text Request. */
static int declare(struct disc *d, const char *val)
{
	const struct param_key *key =
		&session_params.keys[SESS_MAX_RECV_DSL];
	unsigned long long v;

	if (param_parse_u64(val, &v) || v < key->min || v > key->max)
		return text_add(&d->answer, key->name, "Reject");
	d->max_xmit = v < DISC_XMIT_MAX ? v : DISC_XMIT_MAX;
	return 0;
}

/* Leave out of @t what this initiator may not see on this portal. */
static unsigned int visible_only(struct disc *d, struct kern_target *t,
				 unsigned int nr)
{
	unsigned int i, n = 0;

	if (!d->env->visible)
		return nr;
	for (i = 0; i < nr; i++)
		if (d->env->visible(d->ctx, t[i].name))
			t[n++] = t[i];
	return n;
}

static int send_targets(struct disc *d, const char *which)
{
	struct kern_target *t;
	unsigned int nr;
	int err;

	err = d->env->targets(d->ctx, &t, &nr);
	if (err)
		return err;
	nr = visible_only(d, t, nr);
	err = sendtargets(&d->answer, which, t, nr, d->portal);
	free(t);
	return err;
}

static int answer_key(struct disc *d, const char *key, const char *val)
{
	if (!strcmp(key, "SendTargets"))
		return send_targets(d, val);
	if (!strcmp(key, "MaxRecvDataSegmentLength"))
		return declare(d, val);
	if (!strcmp(key, "InitiatorAlias"))
		return 0;
	return text_add(&d->answer, key,
			login_only(key) ? "Reject" : "NotUnderstood");
}

static int build_answer(struct disc *d)
{
	struct text_pair pairs[TEXT_PAIRS_MAX];
	int nr, i, err = 0;

	nr = text_parse(d->in, d->in_len, pairs, ARRAY_SIZE(pairs));
	if (nr < 0)
		return nr;
	text_reset(&d->answer);
	d->sent = 0;
	for (i = 0; i < nr && !err; i++)
		err = answer_key(d, pairs[i].key, pairs[i].val);
	d->in_len = 0;
	return err;
}

static int gather(struct disc *d, const uint8_t *data, uint32_t dlen)
{
	char *in;

	if (d->in_len + dlen > DISC_TEXT_MAX)
		return -E2BIG;
	in = realloc(d->in, d->in_len + dlen + 1);
	if (!in)
		return -ENOMEM;
	memcpy(in + d->in_len, data, dlen);
	d->in = in;
	d->in_len += dlen;
	return 0;
}

/* A tag for a new exchange: anything but the reserved 0xffffffff. */
static uint32_t new_ttt(struct disc *d)
{
	if (++d->last_ttt == ISCSI_RSVD_TAG)
		d->last_ttt = 1;
	return d->last_ttt;
}

/* Which exchange a Text Request belongs to: a new one, or ours. */
static const char *join_exchange(struct disc *d, uint32_t itt, uint32_t ttt)
{
	if (ttt == ISCSI_RSVD_TAG) {
		/* A new exchange; one under way is dropped (RFC 7143 11.10.4). */
		exchange_end(d);
		d->busy = true;
		d->itt = itt;
		d->ttt = new_ttt(d);
		return NULL;
	}
	if (!d->busy || ttt != d->ttt)
		return "a Target Transfer Tag the target did not give";
	if (itt != d->itt)
		return "another Initiator Task Tag in the same exchange";
	return NULL;
}

static enum disc_result on_text(struct disc *d, const uint8_t *bhs,
			     const uint8_t *data, uint32_t dlen,
			     struct pdu_out *rsp)
{
	bool final = bhs[1] & F_BIT, more = bhs[1] & C_BIT;
	const char *bad;
	int err;

	if (final && more)
		return reject(d, bhs, ISCSI_REASON_PROTOCOL_ERROR,
			      "a Text Request with both F and C set", rsp);
	bad = join_exchange(d, pdu_itt(bhs), get_be32(bhs + 20));
	if (bad)
		return reject(d, bhs, ISCSI_REASON_INVALID_PDU_FIELD, bad, rsp);
	if (d->sent < d->answer.len) {
		if (dlen || more)
			return reject(d, bhs, ISCSI_REASON_PROTOCOL_ERROR,
				      "text while the target's answer continues",
				      rsp);
		return send_answer(d, final, rsp);
	}
	err = gather(d, data, dlen);
	if (!err && more) {
		/* RFC 7143 11.10.2: the answer to C=1 is empty. */
		header(d, rsp, ISCSI_OP_TEXT_RSP, 0, d->itt);
		put_be32(rsp->bhs + 20, d->ttt);
		return DISC_REPLY;
	}
	if (!err)
		err = build_answer(d);
	if (err == -EINVAL || err == -E2BIG)
		return reject(d, bhs, ISCSI_REASON_PROTOCOL_ERROR,
			      "malformed or oversized text", rsp);
	if (err || d->answer.failed)
		return reject(d, bhs, ISCSI_REASON_CMD_NOT_SUPPORTED,
			      "cannot list the targets", rsp);
	return send_answer(d, final, rsp);
}

static enum disc_result nop(struct disc *d, const uint8_t *bhs,
			    const uint8_t *data, uint32_t dlen,
			    struct pdu_out *rsp)
{
	/* A reply to a NOP-In ping; ietd sends none, so nothing to do. */
	if (pdu_itt(bhs) == ISCSI_RSVD_TAG)
		return DISC_QUIET;
	header(d, rsp, ISCSI_OP_NOP_IN, F_BIT, pdu_itt(bhs));
	memcpy(rsp->bhs + 8, bhs + 8, 8);	/* the LUN */
	put_be32(rsp->bhs + 20, ISCSI_RSVD_TAG);
	/* The ping data comes back, as much as the initiator takes. */
	set_data(rsp, data, dlen < d->max_xmit ? dlen : d->max_xmit);
	return DISC_REPLY;
}

static enum disc_result logout(struct disc *d, const uint8_t *bhs,
			       struct pdu_out *rsp)
{
	const struct iscsi_logout_req *req = (const void *)bhs;
	uint8_t reason = req->flags & ISCSI_LOGOUT_REASON_MASK, response;

	if (reason == ISCSI_LOGOUT_CLOSE_SESSION)
		response = ISCSI_LOGOUT_SUCCESS;
	else if (reason != ISCSI_LOGOUT_CLOSE_CONNECTION)
		response = ISCSI_LOGOUT_NO_RECOVERY;
	else if (get_be16(&req->cid) == d->cid)
		response = ISCSI_LOGOUT_SUCCESS;
	else
		response = ISCSI_LOGOUT_CID_NOT_FOUND;
	header(d, rsp, ISCSI_OP_LOGOUT_RSP, F_BIT, pdu_itt(bhs));
	rsp->bhs[2] = response;
	return response == ISCSI_LOGOUT_SUCCESS ? DISC_CLOSE : DISC_REPLY;
}

/* Whether the opcode carries a CmdSN: every request but these two. */
static bool has_cmdsn(uint8_t op)
{
	return op != ISCSI_OP_DATA_OUT && op != ISCSI_OP_SNACK;
}

enum disc_result disc_rx(struct disc *d, const uint8_t *bhs,
			 const uint8_t *data, uint32_t dlen,
			 struct pdu_out *rsp)
{
	uint8_t op = pdu_opcode(bhs);

	if (has_cmdsn(op) && !pdu_immediate(bhs)) {
		/* RFC 7143 3.2.2.1: what is outside the window is dropped. */
		if (get_be32(bhs + 24) != d->exp_cmdsn)
			return DISC_QUIET;
		d->exp_cmdsn++;
	}
	switch (op) {
	case ISCSI_OP_TEXT_REQ:
		return on_text(d, bhs, data, dlen, rsp);
	case ISCSI_OP_NOP_OUT:
		return nop(d, bhs, data, dlen, rsp);
	case ISCSI_OP_LOGOUT_REQ:
		return logout(d, bhs, rsp);
	case ISCSI_OP_DATA_OUT:
	case ISCSI_OP_LOGIN_REQ:
		return reject(d, bhs, ISCSI_REASON_PROTOCOL_ERROR,
			      "a Data-Out or Login Request in a discovery session",
			      rsp);
	}
	return reject(d, bhs, ISCSI_REASON_CMD_NOT_SUPPORTED,
		      "a request discovery sessions do not take", rsp);
}
