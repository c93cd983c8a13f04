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

/* Append a copy of @msg to the @nr strings of @list: 0 or -ENOMEM. */
int located_add(char ***list, unsigned int *nr, const char *msg);

void located_free(char **list, unsigned int nr);

#endif /* IET_LOCATED_H */
