/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Messages about a place in a file, "FILE:LINE: what", as the parsers of
 * ietd.conf and of the allow files give them, and the lists of warnings
 * they keep.
 */
#ifndef IET_LOCATED_H
#define IET_LOCATED_H

#include <stdarg.h>
#include <stddef.h>

#include "util.h"

/* "FILE:LINE: " (line 0: "FILE: ") and the message, cut to fit @len. */
void located_vformat(char *buf, size_t len, const char *file,
		     unsigned int line, const char *fmt, va_list ap);

/* The same, for a caller that then returns @ret, which it gives back. */
int located_error(char *buf, size_t len, const char *file, unsigned int line,
		  int ret, const char *fmt, ...) __printf(6, 7);

/*
 * A key that may be given once, at @line: 0, or -EINVAL with "KEY is
 * already given on line N" in @msg if *@seen (0: not yet) says where.
 */
int located_once(unsigned int *seen, unsigned int line, const char *key,
		 char *msg, size_t len);

/* Append a copy of @msg to the @nr strings of @list: 0 or -ENOMEM. */
int located_add(char ***list, unsigned int *nr, const char *msg);

void located_free(char **list, unsigned int nr);

#endif /* IET_LOCATED_H */
