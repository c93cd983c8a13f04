// SPDX-License-Identifier: GPL-2.0
/*
 * The security stage: AuthMethod negotiation.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "auth.h"

bool auth_is_key(const char *key)
{
	return !strcmp(key, "AuthMethod") || !strncmp(key, "CHAP_", 5);
}

int auth_start(struct auth *a, bool required, char *why, size_t len)
{
	memset(a, 0, sizeof(*a));
	a->required = required;
	if (required) {
		snprintf(why, len,
			 "the target has IncomingUser accounts, and CHAP is not implemented yet");
		return -EACCES;
	}
	return 0;
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

/* A list: the first method offered that the target will do. */
static int auth_method(struct auth *a, const char *val, struct text_out *out)
{
	if (a->method_seen)
		return -EEXIST;
	a->method_seen = true;
	if (strlen(val) <= TEXT_VALUE_MAX && offers(val, "None")) {
		a->method = AUTH_NONE;
		return text_add(out, "AuthMethod", "None");
	}
	return text_add(out, "AuthMethod", "Reject");
}

int auth_offer(struct auth *a, const char *key, const char *val,
	       struct text_out *out)
{
	if (!strcmp(key, "AuthMethod"))
		return auth_method(a, val, out);
	/* CHAP keys when CHAP was not chosen. */
	return text_add(out, key, "Reject");
}

bool auth_done(const struct auth *a)
{
	/* None needs no exchange; without AuthMethod, None is the default. */
	return a->method == AUTH_NONE;
}
