/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The security stage of a login (RFC 7143 6.3.1, 12.1): AuthMethod, and
 * CHAP with the algorithms of IANA's numbers (chap.h), one-way or mutual.
 *
 * The exchange, for a target with IncomingUser accounts:
 *   I: AuthMethod=CHAP,None        T: AuthMethod=CHAP
 *   I: CHAP_A=7,5                  T: CHAP_A=7 CHAP_I=.. CHAP_C=0x..
 *   I: CHAP_N=user CHAP_R=0x..     T: (mutual: CHAP_N=.. CHAP_R=0x..)
 *      (mutual: CHAP_I=.. CHAP_C=0x..)
 * A target without IncomingUser accounts takes AuthMethod=None.
 *
 * Pure logic: accounts come through struct auth_accounts, digests and
 * challenges from crypto.c.
 */
#ifndef IET_AUTH_H
#define IET_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "chap.h"
#include "text.h"

struct auth_accounts {
	/*
	 * The secret of IncomingUser @name of target @target ("" for
	 * discovery sessions). Returns 0 or -ENOENT.
	 */
	int (*incoming)(void *ctx, const char *target, const char *name,
			char *secret, size_t len);
	/* The OutgoingUser of @target: 0 or -ENOENT. */
	int (*outgoing)(void *ctx, const char *target, char *name,
			size_t nlen, char *secret, size_t slen);
};

enum auth_method {
	AUTH_NONE,
	AUTH_CHAP,
};

enum auth_state {
	AUTH_START,		/* waiting for AuthMethod */
	AUTH_WAIT_A,		/* CHAP chosen; waiting for CHAP_A */
	AUTH_WAIT_R,		/* challenge sent; waiting for CHAP_N, CHAP_R */
	AUTH_OK,		/* the initiator may leave the security stage */
};

/* The CHAP keys of the request being read, pointing into its text. */
struct auth_keys {
	bool method;		/* CHAP was chosen in this request */
	const char *a, *n, *r, *i, *c;
};

struct auth {
	bool required;		/* the target has IncomingUser accounts */
	enum auth_method method;
	enum auth_state state;
	bool method_seen;	/* AuthMethod was offered and answered */

	const struct auth_accounts *acc;
	void *ctx;
	const char *target;	/* "" for discovery */

	const struct chap_alg *alg;
	uint8_t id;
	uint8_t challenge[CHAP_DIGEST_MAX];
	struct auth_keys keys;

	char why[256];		/* why the initiator is refused */
};

/* Whether @key is a security key: AuthMethod, or CHAP_A and the like. */
bool auth_is_key(const char *key);

/*
 * Start the security stage of a login to @target ("" for discovery),
 * which must authenticate with CHAP if @required.
 */
void auth_start(struct auth *a, bool required,
		const struct auth_accounts *acc, void *ctx,
		const char *target);

/*
 * The initiator's security key @key=@val, of a request whose text lives
 * until auth_step(). Returns 0, -EEXIST for a key sent twice, -EACCES
 * with the reason in a->why, or -ENOMEM.
 */
int auth_offer(struct auth *a, const char *key, const char *val,
	       struct text_out *out);

/*
 * The request's keys are all read: answer CHAP_A with a challenge, or
 * check the response. Returns 0, -EACCES with the reason in a->why, or
 * -ENOMEM.
 */
int auth_step(struct auth *a, struct text_out *out);

/* Whether the initiator may leave the security stage now. */
bool auth_done(const struct auth *a);

#endif /* IET_AUTH_H */
