// SPDX-License-Identifier: GPL-2.0
/*
 * Splitting "key=value,key=value" lists.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kvlist.h"

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The item at @p without its surrounding blanks: *start, length. */
static size_t item_trim(const char *p, size_t n, const char **start)
{
	while (n && is_blank(*p)) {
		p++;
		n--;
	}
	while (n && is_blank(p[n - 1]))
		n--;
	*start = p;
	return n;
}

static int item_add(struct kv_list *l, char **w, const char *item, size_t n,
		    char *msg, size_t len)
{
	const char *eq = memchr(item, '=', n);
	struct kv *kv;

	if (memchr(item, ' ', n) || memchr(item, '\t', n)) {
		snprintf(msg, len,
			 "'%.*s' has a blank inside; separate parameters with commas",
			 (int)n, item);
		return -EINVAL;
	}
	if (!eq) {
		if (!l->nr) {
			snprintf(msg, len, "'%.*s' is not key=value",
				 (int)n, item);
			return -EINVAL;
		}
		/* Continue the last value: it ends right before *w. */
		(*w)[-1] = ',';
		memcpy(*w, item, n);
		*w += n;
		*(*w)++ = '\0';
		return 0;
	}
	if (eq == item) {
		snprintf(msg, len, "'%.*s' has no key before '='", (int)n, item);
		return -EINVAL;
	}
	if (l->nr == KV_MAX) {
		snprintf(msg, len, "more than %d parameters", KV_MAX);
		return -EINVAL;
	}
	kv = &l->kv[l->nr++];
	kv->key = *w;
	memcpy(*w, item, eq - item);
	*w += eq - item;
	*(*w)++ = '\0';
	kv->val = *w;
	memcpy(*w, eq + 1, n - (eq + 1 - item));
	*w += n - (eq + 1 - item);
	*(*w)++ = '\0';
	return 0;
}

int kv_parse(struct kv_list *l, const char *str, char *msg, size_t len)
{
	const char *p = str, *item;
	size_t n, i;
	char *w;
	int err;

	l->nr = 0;
	/* Each item grows by at most one byte: the NUL after its key. */
	l->buf = malloc(2 * strlen(str) + 2);
	if (!l->buf) {
		snprintf(msg, len, "out of memory");
		return -ENOMEM;
	}
	w = l->buf;
	for (;;) {
		n = strcspn(p, ",");
		i = item_trim(p, n, &item);
		/* Empty items, as after a trailing comma, say nothing. */
		if (i) {
			err = item_add(l, &w, item, i, msg, len);
			if (err)
				return err;
		}
		if (!p[n])
			return 0;
		p += n + 1;
	}
}

void kv_free(struct kv_list *l)
{
	free(l->buf);
	l->buf = NULL;
	l->nr = 0;
}
