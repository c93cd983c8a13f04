// SPDX-License-Identifier: GPL-2.0
/*
 * Checking the names TFTP clients ask for.
 */
#include <stdio.h>
#include <string.h>

#include "tftp_path.h"
#include "tftp_pkt.h"

/* @name without @root in front of it, if it starts with "@root/". */
static const char *strip_root(const char *name, const char *root)
{
	size_t n = strlen(root);

	while (n > 1 && root[n - 1] == '/')
		n--;
	if (n > 1 && !strncmp(name, root, n) && name[n] == '/')
		return name + n;
	return name;
}

static int has_dotdot(const char *s)
{
	const char *c;

	for (c = s; c; c = strchr(c, '/')) {
		if (*c == '/')
			c++;
		if (c[0] == '.' && c[1] == '.' && (!c[2] || c[2] == '/'))
			return 1;
	}
	return 0;
}

int tftp_path(const char *name, const char *root, char *out, size_t len,
	      const char **why)
{
	const char *s;

	for (s = name; *s; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f) {
			*why = "a control character in the file name";
			return TFTP_EACCESS;
		}
	}
	name = strip_root(name, root);
	while (*name == '/')
		name++;
	if (has_dotdot(name)) {
		*why = "\"..\" in the file name";
		return TFTP_EACCESS;
	}
	if (!*name) {
		*why = "no file name";
		return TFTP_EACCESS;
	}
	if ((size_t)snprintf(out, len, "%s", name) >= len) {
		*why = "a file name too long";
		return TFTP_EACCESS;
	}
	return 0;
}
