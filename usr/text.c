// SPDX-License-Identifier: GPL-2.0
/*
 * key=value text, in and out.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* RFC 7143 6.1: letters, digits and ". - + @ _"; X# keys add '#'. */
static bool key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		(c >= '0' && c <= '9') || strchr(".-+@_#", c);
}

static int split_pair(char *s, struct text_pair *p)
{
	char *eq = strchr(s, '=');
	char *c;

	if (!eq || eq == s || eq - s > TEXT_KEY_MAX)
		return -EINVAL;
	*eq = '\0';
	for (c = s; *c; c++)
		if (!key_char(*c))
			return -EINVAL;
	p->key = s;
	p->val = eq + 1;
	return 0;
}

int text_parse(char *buf, size_t len, struct text_pair *pairs,
	       unsigned int max)
{
	unsigned int nr = 0;
	size_t off = 0, n;
	int err;

	buf[len] = '\0';
	while (off < len) {
		n = strlen(buf + off);
		if (n) {
			if (nr == max)
				return -E2BIG;
			err = split_pair(buf + off, &pairs[nr]);
			if (err)
				return err;
			nr++;
		}
		off += n + 1;
	}
	return nr;
}

static int grow(struct text_out *t, size_t need)
{
	size_t cap = t->cap ? t->cap : 512;
	char *n;

	if (t->failed)
		return -ENOMEM;
	if (t->len + need <= t->cap)
		return 0;
	while (cap < t->len + need)
		cap *= 2;
	if (cap > TEXT_OUT_MAX)
		goto fail;
	n = realloc(t->buf, cap);
	if (!n)
		goto fail;
	t->buf = n;
	t->cap = cap;
	return 0;
fail:
	t->failed = true;
	return -ENOMEM;
}

int text_add(struct text_out *t, const char *key, const char *val)
{
	size_t k = strlen(key), v = strlen(val);

	if (grow(t, k + v + 2))
		return -ENOMEM;
	memcpy(t->buf + t->len, key, k);
	t->buf[t->len + k] = '=';
	memcpy(t->buf + t->len + k + 1, val, v);
	t->buf[t->len + k + 1 + v] = '\0';
	t->len += k + v + 2;
	return 0;
}

int text_add_u32(struct text_out *t, const char *key, unsigned int val)
{
	char num[16];

	snprintf(num, sizeof(num), "%u", val);
	return text_add(t, key, num);
}

void text_reset(struct text_out *t)
{
	t->len = 0;
	t->failed = false;
}

void text_free(struct text_out *t)
{
	free(t->buf);
	memset(t, 0, sizeof(*t));
}

bool text_key_is_extension(const char *key)
{
	return key[0] == 'X' && (key[1] == '-' || key[1] == '#');
}
