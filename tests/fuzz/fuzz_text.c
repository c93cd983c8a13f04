// SPDX-License-Identifier: GPL-2.0
/*
 * The text of Login and Text PDUs: the input is a received text, split
 * by text_parse(), written back with text_add() and split again, which
 * must give the same pairs. Each value is also read as params.c reads
 * the key it belongs to, and written back the same way.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/* RFC 7143 6.1, as text.c has it. */
static bool key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		(c >= '0' && c <= '9') || (c && strchr(".-+@_#", c));
}

static void check_pair(const struct text_pair *p, const char *buf,
		       size_t len)
{
	const char *c;

	/* Both point into the buffer, and end before its extra byte. */
	FUZZ_CHECK(p->key >= buf && p->val > p->key);
	FUZZ_CHECK(p->val + strlen(p->val) <= buf + len);
	FUZZ_CHECK(p->val == p->key + strlen(p->key) + 1);
	FUZZ_CHECK(*p->key && strlen(p->key) <= TEXT_KEY_MAX);
	for (c = p->key; *c; c++)
		FUZZ_CHECK(key_char(*c));
}

/* A value of a key of @table read, written and read again is the same. */
static void check_param(const struct param_table *table, const char *key,
			const char *val)
{
	const struct param_key *k;
	unsigned int v, again;
	char msg[128], out[64];
	int i = param_find(table, key);

	if (i < 0)
		return;
	k = &table->keys[i];
	if (param_parse(k, val, &v, msg, sizeof(msg))) {
		FUZZ_CHECK(*msg);
		return;
	}
	if (k->fmt == PARAM_FMT_DIGEST)
		FUZZ_CHECK(v && !(v & ~PARAM_DIGEST_ALL));
	else
		FUZZ_CHECK(v >= k->min && v <= k->max);
	FUZZ_CHECK(param_format(k, v, out, sizeof(out)) < (int)sizeof(out));
	if (k->fmt == PARAM_FMT_MARKER)
		return;		/* written as Reject or Irrelevant only */
	FUZZ_CHECK(!param_parse(k, out, &again, msg, sizeof(msg)));
	FUZZ_CHECK(again == v);
}

static void check_value(const char *key, const char *val)
{
	unsigned long long u;
	char msg[300];

	text_key_is_extension(key);
	check_param(&session_params, key, val);
	check_param(&target_params, key, val);
	if (!param_parse_u64(val, &u))
		FUZZ_CHECK(*val);
	iscsi_name_check(val, msg, sizeof(msg));
}

/* Write @pairs back and split them again: the same pairs come out. */
static void rewrite(const struct text_pair *pairs, int nr)
{
	struct text_pair again[TEXT_PAIRS_MAX];
	struct text_out out = { 0 };
	size_t len = 0;
	char *buf;
	int i;

	for (i = 0; i < nr; i++) {
		FUZZ_CHECK(!text_add(&out, pairs[i].key, pairs[i].val));
		len += strlen(pairs[i].key) + strlen(pairs[i].val) + 2;
	}
	FUZZ_CHECK(!out.failed && out.len == len);
	text_add_u32(&out, "X-Pairs", nr);
	buf = malloc(out.len + 1);
	FUZZ_CHECK(buf);
	if (out.len)
		memcpy(buf, out.buf, out.len);
	FUZZ_CHECK(text_parse(buf, out.len, again, ARRAY_SIZE(again)) ==
		   (nr < TEXT_PAIRS_MAX ? nr + 1 : -E2BIG));
	for (i = 0; i < nr && nr < TEXT_PAIRS_MAX; i++) {
		FUZZ_CHECK(!strcmp(again[i].key, pairs[i].key));
		FUZZ_CHECK(!strcmp(again[i].val, pairs[i].val));
	}
	free(buf);
	text_reset(&out);
	FUZZ_CHECK(!out.len);
	text_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct text_pair pairs[TEXT_PAIRS_MAX];
	char *buf;
	int nr, i;

	/* Exactly the room text_parse() asks for: one more byte. */
	buf = malloc(size + 1);
	FUZZ_CHECK(buf);
	if (size)
		memcpy(buf, data, size);
	nr = text_parse(buf, size, pairs, ARRAY_SIZE(pairs));
	FUZZ_CHECK(nr == -EINVAL || nr == -E2BIG ||
		   (nr >= 0 && nr <= (int)ARRAY_SIZE(pairs)));
	for (i = 0; i < nr; i++) {
		check_pair(&pairs[i], buf, size);
		check_value(pairs[i].key, pairs[i].val);
	}
	if (nr >= 0)
		rewrite(pairs, nr);
	free(buf);
	return 0;
}
