// SPDX-License-Identifier: GPL-2.0
/*
 * "FILE:LINE: what" messages and lists of them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "located.h"

void located_vformat(char *buf, size_t len, const char *file,
		     unsigned int line, const char *fmt, va_list ap)
{
	int n;

	if (line)
		n = snprintf(buf, len, "%s:%u: ", file, line);
	else
		n = snprintf(buf, len, "%s: ", file);
	if (n < 0 || (size_t)n >= len)
		return;
	vsnprintf(buf + n, len - n, fmt, ap);
}

int located_error(char *buf, size_t len, const char *file, unsigned int line,
		  int ret, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	located_vformat(buf, len, file, line, fmt, ap);
	va_end(ap);
	return ret;
}

int located_once(unsigned int *seen, unsigned int line, const char *key,
		 char *msg, size_t len)
{
	if (*seen) {
		snprintf(msg, len, "%s is already given on line %u", key,
			 *seen);
		return -EINVAL;
	}
	*seen = line;
	return 0;
}

int located_add(char ***list, unsigned int *nr, const char *msg)
{
	char **l, *copy = strdup(msg);

	if (!copy)
		return -ENOMEM;
	l = realloc(*list, (*nr + 1) * sizeof(*l));
	if (!l) {
		free(copy);
		return -ENOMEM;
	}
	l[(*nr)++] = copy;
	*list = l;
	return 0;
}

void located_free(char **list, unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		free(list[i]);
	free(list);
}
