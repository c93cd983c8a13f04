/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The security stage of a login (RFC 7143 6.3.1, 12): AuthMethod, and
 * the keys of the method chosen. Only AuthMethod=None exists so far; a
 * target or discovery session that has IncomingUser accounts needs CHAP,
 * and is refused until CHAP is written here.
 *
 * Pure logic, no I/O.
 */
#ifndef IET_AUTH_H
#define IET_AUTH_H

#include <stdbool.h>
#include <stddef.h>

#include "text.h"

enum auth_method {
	AUTH_NONE,
	AUTH_CHAP,
};

struct auth {
	bool required;		/* the target has IncomingUser accounts */
	bool method_seen;	/* AuthMethod was offered and answered */
	enum auth_method method;
};

/* Whether @key is a security key: AuthMethod, or CHAP_A and the like. */
bool auth_is_key(const char *key);

/*
 * Start the security stage of a session whose target @required CHAP.
 * Returns 0, or -EACCES with the reason in @why.
 */
int auth_start(struct auth *a, bool required, char *why, size_t len);

/*
 * The initiator's security key @key=@val, sent in the security stage:
 * append the answer to @out. Returns 0, -EEXIST for a key sent twice, or
 * -ENOMEM.
 */
int auth_offer(struct auth *a, const char *key, const char *val,
	       struct text_out *out);

/* Whether the initiator may leave the security stage now. */
bool auth_done(const struct auth *a);

#endif /* IET_AUTH_H */
