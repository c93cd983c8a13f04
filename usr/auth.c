// SPDX-License-Identifier: GPL-2.0
/*
 * The security stage: AuthMethod negotiation and CHAP.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "crypto.h"
#include "util.h"

bool auth_is_key(const char *key)
{
	return !strcmp(key, "AuthMethod") || !strncmp(key, "CHAP_", 5);
}

void auth_start(struct auth *a, bool required,
		const struct auth_accounts *acc, void *ctx,
		const char *target)
{
	memset(a, 0, sizeof(*a));
	a->required = required;
	a->acc = acc;
	a->ctx = ctx;
	a->target = target;
}

static int __printf(2, 3) deny(struct auth *a, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->why, sizeof(a->why), fmt, ap);
	va_end(ap);
	return -EACCES;
}

/* Whether the list @val names @word. */
static bool offers(const char *val, const char *word)
{
	size_t w = strlen(word), n;

	for (;;) {
		n = strcspn(val, ",");
		if (n == w && !strncmp(val, word, n))
			return true;
		if (!val[n])
			return false;
		val += n + 1;
	}
}

/*
 * The target's choice is not the initiator's order: a target with
 * accounts takes CHAP or nothing, one without takes None or nothing.
 */
static int auth_method(struct auth *a, const char *val, struct text_out *out)
{
	if (a->method_seen)
		return -EEXIST;
	a->method_seen = true;
	if (a->required && offers(val, "CHAP")) {
		a->method = AUTH_CHAP;
		a->state = AUTH_WAIT_A;
		a->keys.method = true;
		return text_add(out, "AuthMethod", "CHAP");
	}
	if (!a->required && offers(val, "None")) {
		a->method = AUTH_NONE;
		a->state = AUTH_OK;
		return text_add(out, "AuthMethod", "None");
	}
	if (a->required)
		return deny(a, "CHAP is required, and the initiator offers AuthMethod=%.64s",
			    val);
	return deny(a, "the target has no IncomingUser account, and the initiator offers AuthMethod=%.64s",
		    val);
}

/* Where a CHAP key of this stage is kept; NULL for an unknown one. */
static const char **chap_slot(struct auth *a, const char *key)
{
	if (a->state == AUTH_WAIT_A && !strcmp(key, "CHAP_A"))
		return &a->keys.a;
	if (a->state != AUTH_WAIT_R)
		return NULL;
	if (!strcmp(key, "CHAP_N"))
		return &a->keys.n;
	if (!strcmp(key, "CHAP_R"))
		return &a->keys.r;
	if (!strcmp(key, "CHAP_I"))
		return &a->keys.i;
	if (!strcmp(key, "CHAP_C"))
		return &a->keys.c;
	return NULL;
}

int auth_offer(struct auth *a, const char *key, const char *val,
	       struct text_out *out)
{
	const char **slot;

	if (!strcmp(key, "AuthMethod"))
		return auth_method(a, val, out);
	if (a->method != AUTH_CHAP)
		return text_add(out, key, "Reject");
	slot = chap_slot(a, key);
	if (!slot)
		return deny(a, "%s out of place in the CHAP exchange", key);
	if (*slot)
		return -EEXIST;
	*slot = val;
	return 0;
}

/* CHAP_A: take an algorithm, send a challenge. */
static int send_challenge(struct auth *a, struct text_out *out)
{
	char hex[2 * CHAP_DIGEST_MAX + 3];
	int err;

	a->alg = chap_alg_pick(a->keys.a);
	if (!a->alg)
		return deny(a, "CHAP_A=%.64s names no algorithm the target does (5 MD5, 6 SHA-1, 7 SHA-256, 8 SHA3-256)",
			    a->keys.a);
	/* As long as the digest: RFC 7143 12.1.3 asks for no less. */
	err = crypto_random(&a->id, 1);
	if (!err)
		err = crypto_random(a->challenge, a->alg->len);
	if (err)
		return deny(a, "no random challenge: %s", strerror(-err));
	chap_encode(a->challenge, a->alg->len, hex);
	if (text_add_u32(out, "CHAP_A", a->alg->num) ||
	    text_add_u32(out, "CHAP_I", a->id) ||
	    text_add(out, "CHAP_C", hex))
		return -ENOMEM;
	a->state = AUTH_WAIT_R;
	return 0;
}

/* Compare without leaking where the first difference is. */
static bool same(const uint8_t *x, const uint8_t *y, size_t len)
{
	uint8_t d = 0;
	size_t i;

	for (i = 0; i < len; i++)
		d |= x[i] ^ y[i];
	return !d;
}

static int check_response(struct auth *a)
{
	uint8_t got[CHAP_DIGEST_MAX], want[CHAP_DIGEST_MAX];
	char secret[CHAP_SECRET_MAX + 1];
	const char *name = a->keys.n;
	int len;

	if (!name || !a->keys.r)
		return deny(a, "the CHAP answer lacks %s",
			    name ? "CHAP_R" : "CHAP_N");
	len = chap_decode(a->keys.r, got, sizeof(got));
	if (len < 0 || (unsigned int)len != a->alg->len)
		return deny(a, "CHAP_R of user %.64s is not a %s digest",
			    name, a->alg->name);
	if (a->acc->incoming(a->ctx, a->target, name, secret, sizeof(secret)))
		return deny(a, "no IncomingUser %.64s", name);
	len = crypto_chap(a->alg->num, a->id, secret, a->challenge,
			  a->alg->len, want);
	memset(secret, 0, sizeof(secret));
	if (len < 0)
		return deny(a, "no %s digest here", a->alg->name);
	if (!same(got, want, a->alg->len))
		return deny(a, "wrong CHAP_R for user %.64s: not the secret of that IncomingUser",
			    name);
	return 0;
}

/* Mutual CHAP: the initiator's challenge, answered with OutgoingUser. */
static int answer_challenge(struct auth *a, struct text_out *out)
{
	uint8_t chal[CHAP_CHALLENGE_MAX], rsp[CHAP_DIGEST_MAX];
	char name[CHAP_NAME_MAX + 1], secret[CHAP_SECRET_MAX + 1];
	char hex[2 * CHAP_DIGEST_MAX + 3];
	unsigned long id;
	int len, n;

	if (!a->keys.i || !a->keys.c)
		return deny(a, "mutual CHAP with %s but no %s",
			    a->keys.i ? "CHAP_I" : "CHAP_C",
			    a->keys.i ? "CHAP_C" : "CHAP_I");
	if (chap_number(a->keys.i, 255, &id))
		return deny(a, "CHAP_I=%.16s is not a number from 0 to 255",
			    a->keys.i);
	len = chap_decode(a->keys.c, chal, sizeof(chal));
	if (len <= 0)
		return deny(a, "CHAP_C is not %s",
			    len == -E2BIG ? "at most 1024 bytes" :
			    "a hex (0x) or base64 (0b) value");
	/* A reflection attack: make the target answer its own question. */
	if ((unsigned int)len == a->alg->len &&
	    same(chal, a->challenge, len))
		return deny(a, "the initiator sent back the target's own CHAP_C");
	if (a->acc->outgoing(a->ctx, a->target, name, sizeof(name), secret,
			     sizeof(secret)))
		return deny(a, "the initiator asks for mutual CHAP, and the target has no OutgoingUser");
	n = crypto_chap(a->alg->num, id, secret, chal, len, rsp);
	memset(secret, 0, sizeof(secret));
	if (n < 0)
		return deny(a, "no %s digest here", a->alg->name);
	chap_encode(rsp, n, hex);
	if (text_add(out, "CHAP_N", name) || text_add(out, "CHAP_R", hex))
		return -ENOMEM;
	return 0;
}

int auth_step(struct auth *a, struct text_out *out)
{
	int err = 0;

	if (a->state == AUTH_WAIT_A && a->keys.a)
		err = send_challenge(a, out);
	else if (a->state == AUTH_WAIT_A && !a->keys.method)
		err = deny(a, "CHAP was chosen, and the initiator sent no CHAP_A");
	else if (a->state == AUTH_WAIT_R) {
		err = check_response(a);
		if (!err && (a->keys.i || a->keys.c))
			err = answer_challenge(a, out);
		if (!err)
			a->state = AUTH_OK;
	}
	/* The pointers die with the request's text. */
	memset(&a->keys, 0, sizeof(a->keys));
	return err;
}

bool auth_done(const struct auth *a)
{
	/* Without AuthMethod, None is the default (RFC 7143 13.1). */
	if (!a->required)
		return a->state == AUTH_OK || !a->method_seen;
	return a->state == AUTH_OK;
}
