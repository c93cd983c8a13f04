// SPDX-License-Identifier: GPL-2.0
/*
 * Operational key negotiation: offers, answers, proposals, the outcome.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "nego.h"
#include "util.h"

enum key_state {
	KEY_UNSEEN,
	KEY_OFFERED,	/* the answer goes out with the next nego_answer() */
	KEY_PROPOSED,	/* the target offered; the initiator must answer */
	KEY_DONE,
};

enum key_answer {
	ANSWER_VALUE,
	ANSWER_REJECT,
	ANSWER_IRRELEVANT,
	ANSWER_NONE,	/* declarative: nothing to say */
};

#define BIT(k)	(1U << (k))

/* RFC 7143 13: "Irrelevant when: SessionType=Discovery". */
static const unsigned int normal_only =
	BIT(SESS_MAX_CONNECTIONS) | BIT(SESS_INITIAL_R2T) |
	BIT(SESS_IMMEDIATE_DATA) | BIT(SESS_MAX_BURST) |
	BIT(SESS_FIRST_BURST) | BIT(SESS_MAX_R2T) |
	BIT(SESS_DATA_PDU_IN_ORDER) | BIT(SESS_DATA_SEQ_IN_ORDER) |
	BIT(NEGO_TASK_REPORTING);

/* TaskReporting's only value here, and the protocol level of RFC 7143. */
#define TASK_REPORTING		"RFC3720"
#define PROTOCOL_LEVEL		1
#define PROTOCOL_LEVEL_MAX	31
#define RFC_MAX_RECV_DSL	8192

static const char *key_name(int k)
{
	if (k == NEGO_TASK_REPORTING)
		return "TaskReporting";
	if (k == NEGO_PROTOCOL_LEVEL)
		return "iSCSIProtocolLevel";
	return session_params.keys[k].name;
}

int nego_key(const char *name)
{
	int k;

	for (k = 0; k < NEGO_NR; k++) {
		/* IET's own key: never on the wire. */
		if (k == SESS_MAX_XMIT_DSL)
			continue;
		if (!strcmp(key_name(k), name))
			return k;
	}
	return -1;
}

/* Narrow the configured values to what the module can do. */
static void clamp(struct nego *n)
{
	n->ours[SESS_MAX_CONNECTIONS] = 1;
	n->ours[SESS_ERL] = 0;
	n->ours[SESS_DATA_PDU_IN_ORDER] = 1;
	n->ours[SESS_DATA_SEQ_IN_ORDER] = 1;
	n->ours[SESS_TIME2RETAIN] = 0;
	n->ours[SESS_OF_MARKER] = 0;
	n->ours[SESS_IF_MARKER] = 0;
	n->ours[NEGO_PROTOCOL_LEVEL] = PROTOCOL_LEVEL;
	if (n->type == NEGO_DISCOVERY) {
		n->ours[SESS_HEADER_DIGEST] = PARAM_DIGEST_NONE;
		n->ours[SESS_DATA_DIGEST] = PARAM_DIGEST_NONE;
	}
}

void nego_init(struct nego *n, enum nego_type type,
	       const unsigned int *config)
{
	memset(n, 0, sizeof(*n));
	n->type = type;
	param_defaults(&session_params, n->vals);
	/* What the initiator receives until it says (RFC 7143 13.12). */
	n->vals[SESS_MAX_RECV_DSL] = RFC_MAX_RECV_DSL;
	n->vals[NEGO_PROTOCOL_LEVEL] = PROTOCOL_LEVEL;
	if (config)
		memcpy(n->ours, config, SESS_NR * sizeof(*config));
	else
		param_defaults(&session_params, n->ours);
	clamp(n);
}

static bool is_reserved(const char *val)
{
	return !strcmp(val, "Reject") || !strcmp(val, "Irrelevant") ||
		!strcmp(val, "NotUnderstood");
}

/* The first value of the list @val that is in @set; 0 if none. */
static unsigned int pick_digest(const char *val, unsigned int set)
{
	const char *p = val;
	unsigned int bit;
	size_t n;

	for (;;) {
		n = strcspn(p, ",");
		bit = 0;
		if (n == 4 && !strncmp(p, "None", n))
			bit = PARAM_DIGEST_NONE;
		else if (n == 6 && !strncmp(p, "CRC32C", n))
			bit = PARAM_DIGEST_CRC32C;
		if (bit & set)
			return bit;
		if (!p[n])
			return 0;
		p += n + 1;
	}
}

static bool list_has(const char *val, const char *word)
{
	size_t w = strlen(word), n;
	const char *p = val;

	for (;;) {
		n = strcspn(p, ",");
		if (n == w && !strncmp(p, word, n))
			return true;
		if (!p[n])
			return false;
		p += n + 1;
	}
}

static enum key_answer parse_number(const char *val, unsigned int lo,
				    unsigned int hi, unsigned int *v)
{
	unsigned long long x;

	if (param_parse_u64(val, &x) || x < lo || x > hi)
		return ANSWER_REJECT;
	*v = x;
	return ANSWER_VALUE;
}

/* Read an offer of key @k into n->offer[k]; say how to answer it. */
static enum key_answer read_offer(struct nego *n, int k, const char *val)
{
	const struct param_key *key;
	char msg[128];

	if (n->type == NEGO_DISCOVERY && (normal_only & BIT(k)))
		return ANSWER_IRRELEVANT;
	if (strlen(val) > TEXT_VALUE_MAX)
		return ANSWER_REJECT;
	if (k == NEGO_TASK_REPORTING)
		return list_has(val, TASK_REPORTING) ?
			ANSWER_VALUE : ANSWER_REJECT;
	if (k == NEGO_PROTOCOL_LEVEL)
		return parse_number(val, 0, PROTOCOL_LEVEL_MAX, &n->offer[k]);
	key = &session_params.keys[k];
	switch (k) {
	case SESS_MAX_RECV_DSL:
		if (parse_number(val, key->min, key->max, &n->vals[k]))
			return ANSWER_REJECT;
		return ANSWER_NONE;
	case SESS_OF_MARK_INT:
	case SESS_IF_MARK_INT:
		/* RFC 7143 13.25: obsolete, and always answered so. */
		return ANSWER_REJECT;
	case SESS_OF_MARKER:
	case SESS_IF_MARKER:
		/* Yes or No: AND with our No gives No. */
		return !strcmp(val, "Yes") || !strcmp(val, "No") ?
			ANSWER_VALUE : ANSWER_REJECT;
	}
	if (key->fmt == PARAM_FMT_DIGEST) {
		n->offer[k] = pick_digest(val, n->ours[k]);
		return n->offer[k] ? ANSWER_VALUE : ANSWER_REJECT;
	}
	if (param_parse(key, val, &n->offer[k], msg, sizeof(msg)))
		return ANSWER_REJECT;
	return ANSWER_VALUE;
}

/* The answer to a proposal: what the initiator may pick instead. */
static int read_answer(struct nego *n, int k, const char *val)
{
	const struct param_key *key = &session_params.keys[k];
	unsigned int v;
	char msg[128];

	n->state[k] = KEY_DONE;
	/* Refused: the default stays, and nego_check() judges it. */
	if (is_reserved(val))
		return 0;
	if (key->fmt == PARAM_FMT_DIGEST) {
		v = pick_digest(val, n->ours[k]);
		if (!v || strchr(val, ','))
			return -EPROTO;
	} else if (param_parse(key, val, &v, msg, sizeof(msg))) {
		return -EPROTO;
	}
	if ((key->op == PARAM_OP_MIN && v > n->ours[k]) ||
	    (key->op == PARAM_OP_MAX && v < n->ours[k]) ||
	    (key->op == PARAM_OP_AND && v > n->ours[k]) ||
	    (key->op == PARAM_OP_OR && v < n->ours[k]))
		return -EPROTO;
	n->vals[k] = v;
	return 0;
}

int nego_offer(struct nego *n, int k, const char *val)
{
	enum key_answer answer;

	if (k < 0 || k >= NEGO_NR)
		return -EINVAL;
	if (n->state[k] == KEY_PROPOSED)
		return read_answer(n, k, val);
	if (n->state[k] != KEY_UNSEEN)
		return -EEXIST;
	if (is_reserved(val))
		return -EPROTO;
	answer = read_offer(n, k, val);
	/*
	 * A declaration has no answer of its own to say Reject in: the
	 * target declares its value under the same key, and a text holds
	 * a key once. One the target cannot take fails the login.
	 */
	if (k == SESS_MAX_RECV_DSL && answer == ANSWER_REJECT)
		return -EPROTO;
	n->state[k] = KEY_OFFERED;
	n->answer[k] = answer;
	n->order[n->nr_order++] = k;
	return 0;
}

static unsigned int result(const struct nego *n, int k)
{
	unsigned int o = n->offer[k], t = n->ours[k];

	switch (k) {
	case SESS_OF_MARKER:
	case SESS_IF_MARKER:
		return 0;
	case SESS_FIRST_BURST:
		/* RFC 7143 13.14: never above MaxBurstLength. */
		if (t > n->vals[SESS_MAX_BURST])
			t = n->vals[SESS_MAX_BURST];
		break;
	case NEGO_PROTOCOL_LEVEL:
		return o < t ? o : t;
	case NEGO_TASK_REPORTING:
		return 0;
	}
	switch (session_params.keys[k].op) {
	case PARAM_OP_OR:
		return o | t;
	case PARAM_OP_AND:
		return o & t;
	case PARAM_OP_MIN:
		return o < t ? o : t;
	case PARAM_OP_MAX:
		return o > t ? o : t;
	default:
		return o;	/* a list: the value picked */
	}
}

static int format_value(int k, unsigned int v, char *buf, size_t len)
{
	if (k == NEGO_TASK_REPORTING)
		return snprintf(buf, len, "%s", TASK_REPORTING);
	if (k == NEGO_PROTOCOL_LEVEL)
		return snprintf(buf, len, "%u", v);
	return param_format(&session_params.keys[k], v, buf, len);
}

static int emit(const struct nego *n, int k, struct text_out *out)
{
	char buf[32];

	switch (n->answer[k]) {
	case ANSWER_REJECT:
		return text_add(out, key_name(k), "Reject");
	case ANSWER_IRRELEVANT:
		return text_add(out, key_name(k), "Irrelevant");
	case ANSWER_NONE:
		return 0;
	}
	format_value(k, n->vals[k], buf, sizeof(buf));
	return text_add(out, key_name(k), buf);
}

int nego_answer(struct nego *n, struct text_out *out)
{
	unsigned int i;
	int k, err = 0;

	/* Key order puts MaxBurstLength before FirstBurstLength. */
	for (k = 0; k < NEGO_NR; k++) {
		if (n->state[k] != KEY_OFFERED)
			continue;
		if (n->answer[k] == ANSWER_VALUE)
			n->vals[k] = result(n, k);
		n->state[k] = KEY_DONE;
	}
	for (i = 0; i < n->nr_order && !err; i++)
		err = emit(n, n->order[i], out);
	n->nr_order = 0;
	return err;
}

int nego_declare(struct nego *n, struct text_out *out)
{
	if (n->declared)
		return 0;
	n->declared = true;
	return text_add_u32(out, key_name(SESS_MAX_RECV_DSL),
			    n->ours[SESS_MAX_RECV_DSL]);
}

/* Whether the target can live with @v as the outcome of key @k. */
static bool acceptable(const struct nego *n, int k, unsigned int v)
{
	const struct param_key *key = &session_params.keys[k];
	unsigned int t = n->ours[k];

	if (n->type == NEGO_DISCOVERY && (normal_only & BIT(k)))
		return true;
	switch (k) {
	case SESS_MAX_RECV_DSL:
	case SESS_MAX_XMIT_DSL:
	case SESS_TIME2RETAIN:	/* unused at ErrorRecoveryLevel 0 */
	case SESS_OF_MARKER:
	case SESS_IF_MARKER:
	case SESS_OF_MARK_INT:
	case SESS_IF_MARK_INT:
		return true;
	}
	switch (key->op) {
	case PARAM_OP_MIN:
	case PARAM_OP_AND:
		return v <= t;
	case PARAM_OP_MAX:
	case PARAM_OP_OR:
		return v >= t;
	case PARAM_OP_LIST:
		return v & t;
	default:
		return true;
	}
}

/* The value to propose for key @k: the target's own. */
static unsigned int proposal(const struct nego *n, int k)
{
	/* A set of digests: name one, preferring a digest to none. */
	if (session_params.keys[k].fmt == PARAM_FMT_DIGEST)
		return n->ours[k] & PARAM_DIGEST_CRC32C ?
			PARAM_DIGEST_CRC32C : PARAM_DIGEST_NONE;
	if (k == SESS_FIRST_BURST && n->ours[k] > n->ours[SESS_MAX_BURST])
		return n->ours[SESS_MAX_BURST];
	return n->ours[k];
}

int nego_propose(struct nego *n, struct text_out *out)
{
	int k, nr = 0;
	char buf[32];

	for (k = 0; k < SESS_NR; k++) {
		if (n->state[k] != KEY_UNSEEN || acceptable(n, k, n->vals[k]))
			continue;
		nr++;
		if (!out)
			continue;
		format_value(k, proposal(n, k), buf, sizeof(buf));
		if (text_add(out, key_name(k), buf))
			return -ENOMEM;
		n->state[k] = KEY_PROPOSED;
	}
	return nr;
}

bool nego_waiting(const struct nego *n)
{
	int k;

	for (k = 0; k < NEGO_NR; k++)
		if (n->state[k] == KEY_PROPOSED)
			return true;
	return false;
}

int nego_check(const struct nego *n, char *why, size_t len)
{
	char buf[32];
	int k;

	for (k = 0; k < SESS_NR; k++) {
		if (acceptable(n, k, n->vals[k]))
			continue;
		format_value(k, n->vals[k], buf, sizeof(buf));
		snprintf(why, len, "%s=%s is not allowed by the target",
			 key_name(k), buf);
		return -EINVAL;
	}
	return 0;
}

static uint32_t digest(unsigned int set)
{
	return set == PARAM_DIGEST_CRC32C ? IET_DIGEST_CRC32C :
		IET_DIGEST_NONE;
}

void nego_kernel_params(const struct nego *n, uint32_t *p)
{
	const unsigned int *v = n->vals;
	unsigned int xmit = v[SESS_MAX_RECV_DSL];

	if (xmit > n->ours[SESS_MAX_XMIT_DSL])
		xmit = n->ours[SESS_MAX_XMIT_DSL];
	memset(p, 0, (IET_P_MAX + 1) * sizeof(*p));
	p[IET_P_INITIAL_R2T] = v[SESS_INITIAL_R2T];
	p[IET_P_IMMEDIATE_DATA] = v[SESS_IMMEDIATE_DATA];
	p[IET_P_MAX_CONNECTIONS] = v[SESS_MAX_CONNECTIONS];
	p[IET_P_MAX_RECV_DSL] = n->ours[SESS_MAX_RECV_DSL];
	p[IET_P_MAX_XMIT_DSL] = xmit;
	p[IET_P_MAX_BURST] = v[SESS_MAX_BURST];
	p[IET_P_FIRST_BURST] = v[SESS_FIRST_BURST] < v[SESS_MAX_BURST] ?
		v[SESS_FIRST_BURST] : v[SESS_MAX_BURST];
	p[IET_P_TIME2WAIT] = v[SESS_TIME2WAIT];
	p[IET_P_TIME2RETAIN] = v[SESS_TIME2RETAIN];
	p[IET_P_MAX_R2T] = v[SESS_MAX_R2T];
	p[IET_P_DATA_PDU_IN_ORDER] = v[SESS_DATA_PDU_IN_ORDER];
	p[IET_P_DATA_SEQ_IN_ORDER] = v[SESS_DATA_SEQ_IN_ORDER];
	p[IET_P_ERL] = v[SESS_ERL];
	p[IET_P_HEADER_DIGEST] = digest(v[SESS_HEADER_DIGEST]);
	p[IET_P_DATA_DIGEST] = digest(v[SESS_DATA_DIGEST]);
}
