/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The text of Login and Text PDUs (RFC 7143 6.1): "key=value" pairs, each
 * ended by a zero byte. Reading splits a received text in place; writing
 * appends pairs to a growing buffer.
 *
 * Pure logic, no I/O.
 */
#ifndef IET_TEXT_H
#define IET_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#define TEXT_KEY_MAX	63	/* bytes in a key name */
#define TEXT_VALUE_MAX	255	/* bytes in most values */
#define TEXT_PAIRS_MAX	128	/* pairs in one text; far more than used */

struct text_pair {
	const char *key;
	const char *val;
};

/*
 * Split the @len bytes at @buf, which must have room for one more byte,
 * into pairs that point into it. A missing zero byte after the last pair
 * is forgiven, and so are empty pairs (two zero bytes in a row). Returns
 * the number of pairs, or -EINVAL for a pair without '=' or with a key
 * name that is empty, longer than TEXT_KEY_MAX or not made of the
 * characters RFC 7143 allows, or -E2BIG for more than @max pairs.
 */
int text_parse(char *buf, size_t len, struct text_pair *pairs,
	       unsigned int max);

/* A text being written; start from {0} and text_free() it. */
struct text_out {
	char *buf;
	size_t len;
	size_t cap;
	bool failed;	/* out of memory or over TEXT_OUT_MAX: len is stale */
};

#define TEXT_OUT_MAX	(4U << 20)

/* Append "key=val\0". Returns 0 or -ENOMEM (and sets failed). */
int text_add(struct text_out *t, const char *key, const char *val);
int text_add_u32(struct text_out *t, const char *key, unsigned int val);
void text_reset(struct text_out *t);
void text_free(struct text_out *t);

/* Whether @key is an extension key, "X-..." or "X#..." (RFC 7143 13.5). */
bool text_key_is_extension(const char *key);

#endif /* IET_TEXT_H */
