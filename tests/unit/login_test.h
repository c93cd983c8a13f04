/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers for the tests of ietd's login and discovery: PDUs and texts.
 */
#ifndef IET_LOGIN_TEST_H
#define IET_LOGIN_TEST_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "iscsi_proto.h"
#include "pdu.h"
#include "text.h"

/* "k1=v1\0k2=v2\0" from "k1=v1", "k2=v2", NULL; returns its length. */
static inline size_t mktext(char *buf, size_t len, ...)
{
	const char *s;
	size_t n = 0;
	va_list ap;

	va_start(ap, len);
	while ((s = va_arg(ap, const char *))) {
		assert_true(n + strlen(s) + 1 <= len);
		memcpy(buf + n, s, strlen(s) + 1);
		n += strlen(s) + 1;
	}
	va_end(ap);
	return n;
}

/* Whether the text @data of @len bytes holds the pair "k=v" @pair. */
static inline int has_pair(const void *data, size_t len, const char *pair)
{
	const char *p = data, *end = p + len;

	while (p < end) {
		if (!strcmp(p, pair))
			return 1;
		p += strlen(p) + 1;
	}
	return 0;
}

/* How many pairs the text holds. */
static inline int nr_pairs(const void *data, size_t len)
{
	const char *p = data, *end = p + len;
	int n = 0;

	while (p < end) {
		n++;
		p += strlen(p) + 1;
	}
	return n;
}

static inline uint32_t bhs_u32(const uint8_t *bhs, int off)
{
	return get_be32(bhs + off);
}

#endif /* IET_LOGIN_TEST_H */
