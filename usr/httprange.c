// SPDX-License-Identifier: GPL-2.0
/*
 * Range: bytes=FIRST-LAST | bytes=FIRST- | bytes=-SUFFIX (RFC 9110 14.1.2).
 */
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "httprange.h"

/* Digits at *s into @v, up to 19 of them. Returns false if none. */
static bool number(const char **s, uint64_t *v)
{
	const char *p = *s;

	*v = 0;
	while (*p >= '0' && *p <= '9') {
		if (p - *s >= 19)
			return false;
		*v = *v * 10 + (*p++ - '0');
	}
	if (p == *s)
		return false;
	*s = p;
	return true;
}

static enum http_range suffix(const char *s, uint64_t size, uint64_t *first,
			      uint64_t *last)
{
	uint64_t n;

	if (!number(&s, &n) || *s)
		return RANGE_NONE;
	if (!n || !size)
		return RANGE_UNSATISFIABLE;
	*first = n >= size ? 0 : size - n;
	*last = size - 1;
	return RANGE_PART;
}

enum http_range http_range_parse(const char *field, uint64_t size,
				 uint64_t *first, uint64_t *last)
{
	const char *s = field;
	uint64_t a, b;

	if (strncasecmp(s, "bytes=", 6))
		return RANGE_NONE;
	s += 6;
	if (*s == '-')
		return suffix(s + 1, size, first, last);
	if (!number(&s, &a) || *s++ != '-')
		return RANGE_NONE;
	if (!*s)
		b = size ? size - 1 : 0;
	else if (!number(&s, &b) || *s || b < a)
		return RANGE_NONE;
	if (a >= size)
		return RANGE_UNSATISFIABLE;
	*first = a;
	*last = b >= size ? size - 1 : b;
	return RANGE_PART;
}
