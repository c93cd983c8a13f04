// SPDX-License-Identifier: GPL-2.0
/*
 * A connection as ietd's conn.c serves it, on the initiator's bytes from
 * the input instead of a socket: PDUs framed by pdu.c, answered by the
 * login and then, for a discovery session, by discovery.c. Every answer
 * is checked on the way out.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

#define T_BIT	ISCSI_FLAG_TRANSIT
#define F_BIT	ISCSI_FLAG_FINAL
#define C_BIT	ISCSI_FLAG_CONTINUE

void wire_init(struct wire *w, const uint8_t *data, size_t size)
{
	memset(w, 0, sizeof(*w));
	w->p = data;
	w->left = size;
}

enum pdu_rx_status wire_next(struct wire *w)
{
	enum pdu_rx_status st;
	uint8_t *buf;
	size_t n;

	pdu_rx_reset(&w->rx);
	do {
		n = pdu_rx_want(&w->rx, &buf);
		if (n > w->left)
			n = w->left;
		/* The initiator hung up, maybe in the middle of a PDU. */
		if (!n)
			return PDU_RX_MORE;
		memcpy(buf, w->p, n);
		w->p += n;
		w->left -= n;
		st = pdu_rx_got(&w->rx, n);
	} while (st == PDU_RX_MORE);
	return st;
}

/* The text of a response, put together from its pieces. */
struct reply {
	char *buf;
	size_t len;
	uint32_t statsn;	/* the next response's */
	/* In a login: */
	uint8_t asked;		/* the flags of the request being answered */
	unsigned int declared;	/* MaxRecvDataSegmentLength= sent */
	bool secrets;		/* the initiator may know CHAP secrets */
};

static void append(struct reply *r, const void *data, size_t len)
{
	char *buf;

	if (!len)
		return;
	buf = realloc(r->buf, r->len + len);
	FUZZ_CHECK(buf);
	memcpy(buf + r->len, data, len);
	r->buf = buf;
	r->len += len;
}

/* The final response, and whether the world let the initiator in. */
static void check_done(const struct login *l, const struct pdu_out *rsp,
		       const struct reply *r)
{
	const struct iscsi_login_rsp *h = (const void *)rsp->bhs;

	FUZZ_CHECK(h->flags & T_BIT);
	FUZZ_CHECK(ISCSI_LOGIN_NSG(h->flags) == ISCSI_FULL_FEATURE_PHASE);
	FUZZ_CHECK(r->declared == 1);
	FUZZ_CHECK(l->session_tsih && get_be16(&h->tsih) == l->session_tsih);
	check_outcome(&l->nego);
	/* No one the fake world refuses, and CHAP only with its secrets. */
	FUZZ_CHECK(!strstr(l->initiator, "full"));
	if (l->type == NEGO_DISCOVERY) {
		FUZZ_CHECK(!strstr(l->initiator, "chap") || r->secrets);
		return;
	}
	FUZZ_CHECK(!strstr(l->initiator, "denied"));
	FUZZ_CHECK(!*l->target.redirect);
	FUZZ_CHECK(!l->target.auth_required || r->secrets);
}

static void check_login_rsp(const struct login *l, const uint8_t *req,
			    const struct pdu_out *rsp, enum login_result res,
			    struct reply *r)
{
	const struct iscsi_login_rsp *h = (const void *)rsp->bhs;
	uint16_t status = h->status_class << 8 | h->status_detail;

	fuzz_trace("login", rsp->bhs, rsp->data, rsp->dlen);
	check_pdu(rsp, PDU_DATA_MAX);
	FUZZ_CHECK(h->opcode == ISCSI_OP_LOGIN_RSP);
	FUZZ_CHECK(get_be32(&h->statsn) == r->statsn++);
	FUZZ_CHECK(!memcmp(h->isid, req + 8, sizeof(h->isid)));
	FUZZ_CHECK(get_be32(&h->itt) == pdu_itt(req));
	FUZZ_CHECK(!((h->flags & T_BIT) && (h->flags & C_BIT)));
	if (res == LOGIN_FAIL) {
		FUZZ_CHECK(status && status == l->status && *l->why);
		FUZZ_CHECK(!(h->flags & (T_BIT | C_BIT)));
		FUZZ_CHECK(*login_status_str(status));
		/* A redirection says where to; other refusals say nothing. */
		if (h->status_class != ISCSI_STATUS_CLS_REDIRECT) {
			FUZZ_CHECK(!rsp->dlen);
			return;
		}
		check_text(rsp->data, rsp->dlen);
		FUZZ_CHECK(text_count(rsp->data, rsp->dlen, "TargetAddress") ==
			   1);
		return;
	}
	FUZZ_CHECK(!status);
	FUZZ_CHECK(get_be32(&h->exp_cmdsn) == get_be32(req + 24));
	/* In the initiator's stage, and no further than it asked. */
	FUZZ_CHECK(ISCSI_LOGIN_CSG(h->flags) == ISCSI_LOGIN_CSG(r->asked));
	if (h->flags & T_BIT) {
		FUZZ_CHECK(r->asked & T_BIT);
		FUZZ_CHECK(ISCSI_LOGIN_NSG(h->flags) >
			   ISCSI_LOGIN_CSG(h->flags));
		FUZZ_CHECK(ISCSI_LOGIN_NSG(h->flags) <=
			   ISCSI_LOGIN_NSG(r->asked));
	}
	if (res == LOGIN_MORE)
		FUZZ_CHECK(get_be16(&h->tsih) == get_be16(req + 14));
	append(r, rsp->data, rsp->dlen);
	if (h->flags & C_BIT)
		return;
	check_text(r->buf, r->len);
	r->declared += text_count(r->buf, r->len, "MaxRecvDataSegmentLength");
	FUZZ_CHECK(r->declared <= 1);
	r->len = 0;
	if (res == LOGIN_DONE)
		check_done(l, rsp, r);
}

/* What conn.c does once the login is over. */
static void logged_in(const struct login *l, struct wire *w)
{
	struct disc d;

	if (l->type != NEGO_DISCOVERY)
		return;
	disc_init(&d, &fuzz_disc_env, NULL, FUZZ_PORTAL, l->cid, l->statsn,
		  l->cmdsn, l->nego.vals[SESS_MAX_RECV_DSL]);
	serve_discovery(&d, w);
	disc_free(&d);
}

void serve_login(struct wire *w, bool secrets)
{
	struct reply r = { .statsn = FUZZ_STATSN, .secrets = secrets };
	enum login_result res = LOGIN_MORE;
	enum pdu_rx_status st;
	struct pdu_out rsp;
	struct login l;

	login_init(&l, &fuzz_login_env, &l, FUZZ_STATSN);
	while (res == LOGIN_MORE) {
		st = wire_next(w);
		if (st == PDU_RX_MORE)
			break;
		/* A request that is not for the rest of the target's text. */
		if (l.out_sent == l.out.len)
			r.asked = w->rx.bhs[1];
		if (st == PDU_RX_DONE) {
			res = login_rx(&l, w->rx.bhs, w->rx.data, w->rx.dlen,
				       &rsp);
		} else {
			res = login_refuse(&l, w->rx.bhs, LS_INVALID_REQUEST,
					   "a PDU the framer refuses", &rsp);
			FUZZ_CHECK(res == LOGIN_FAIL);
		}
		check_login_rsp(&l, w->rx.bhs, &rsp, res, &r);
	}
	if (res == LOGIN_DONE)
		logged_in(&l, w);
	login_free(&l);
	free(r.buf);
}

static void check_text_rsp(const struct disc *d, const struct pdu_out *rsp,
			   struct reply *r)
{
	uint8_t flags = rsp->bhs[1];
	bool final = flags & F_BIT;

	FUZZ_CHECK(!(final && (flags & C_BIT)));
	/* A tag to go on with, until the exchange is over. */
	FUZZ_CHECK(final == (get_be32(rsp->bhs + 20) == ISCSI_RSVD_TAG));
	/* Pieces end with a whole pair, unless one alone is too long. */
	if (rsp->dlen && !(flags & C_BIT))
		FUZZ_CHECK(((const char *)rsp->data)[rsp->dlen - 1] == '\0');
	/* The first piece of an answer: any earlier one was dropped. */
	if (d->sent == rsp->dlen)
		r->len = 0;
	append(r, rsp->data, rsp->dlen);
	if (d->sent == d->answer.len && !(flags & C_BIT)) {
		check_text(r->buf, r->len);
		/* fuzz_disc_env hides these from the initiator. */
		FUZZ_CHECK(!r->len || !memmem(r->buf, r->len, ":disk1", 6));
		r->len = 0;
	}
}

static void check_disc_rsp(const struct disc *d, const uint8_t *req,
			   const struct pdu_out *rsp, struct reply *r)
{
	uint32_t itt = pdu_itt(rsp->bhs);

	fuzz_trace("discovery", rsp->bhs, rsp->data, rsp->dlen);
	FUZZ_CHECK(d->max_xmit >= 512 && d->max_xmit <= DISC_XMIT_MAX);
	check_pdu(rsp, d->max_xmit);
	FUZZ_CHECK(get_be32(rsp->bhs + 24) == r->statsn++);
	FUZZ_CHECK(get_be32(rsp->bhs + 28) == d->exp_cmdsn);
	switch (rsp->bhs[0]) {
	case ISCSI_OP_TEXT_RSP:
		FUZZ_CHECK(itt == pdu_itt(req));
		check_text_rsp(d, rsp, r);
		break;
	case ISCSI_OP_REJECT:
		/* The data is the header rejected. */
		FUZZ_CHECK(itt == ISCSI_RSVD_TAG);
		FUZZ_CHECK(rsp->dlen == ISCSI_BHS_LEN);
		FUZZ_CHECK(!memcmp(rsp->data, req, ISCSI_BHS_LEN));
		break;
	case ISCSI_OP_NOP_IN:
		FUZZ_CHECK(itt == pdu_itt(req));
		FUZZ_CHECK(get_be32(rsp->bhs + 20) == ISCSI_RSVD_TAG);
		break;
	case ISCSI_OP_LOGOUT_RSP:
		FUZZ_CHECK(itt == pdu_itt(req));
		FUZZ_CHECK(!rsp->dlen);
		break;
	default:
		FUZZ_CHECK(!"a response opcode");
	}
}

void serve_discovery(struct disc *d, struct wire *w)
{
	struct reply r = { .statsn = d->statsn };
	enum disc_result res = DISC_QUIET;
	enum pdu_rx_status st;
	struct pdu_out rsp;

	while (res != DISC_CLOSE) {
		st = wire_next(w);
		if (st == PDU_RX_MORE)
			break;
		if (st == PDU_RX_DONE) {
			res = disc_rx(d, w->rx.bhs, w->rx.data, w->rx.dlen,
				      &rsp);
		} else {
			res = disc_reject(d, w->rx.bhs,
					  ISCSI_REASON_PROTOCOL_ERROR, &rsp);
			FUZZ_CHECK(res == DISC_CLOSE);
		}
		if (res != DISC_QUIET)
			check_disc_rsp(d, w->rx.bhs, &rsp, &r);
	}
	free(r.buf);
}
