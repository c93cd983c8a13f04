// SPDX-License-Identifier: GPL-2.0
/*
 * Safe opening of files under HTTPRoot.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "httpfile.h"
#include "util.h"

static bool has_dotdot(const char *path)
{
	const char *s = path;

	for (;;) {
		if (s[0] == '.' && s[1] == '.' && (!s[2] || s[2] == '/'))
			return true;
		s = strchr(s, '/');
		if (!s)
			return false;
		s++;
	}
}

/* @real is @root or below it. */
static bool under(const char *root, const char *real)
{
	size_t n = strlen(root);

	if (strncmp(root, real, n))
		return false;
	return real[n] == '/' || !real[n] || (n == 1 && root[0] == '/');
}

int http_file_open(const char *root, const char *path, struct stat *st)
{
	char full[PATH_MAX], rroot[PATH_MAX], real[PATH_MAX];
	int fd;

	if (has_dotdot(path) || strchr(path, '\\'))
		return -EACCES;
	if (!realpath(root, rroot))
		return -ENOENT;
	if (snprintf(full, sizeof(full), "%s/%s", rroot, path) >=
	    (int)sizeof(full))
		return -ENOENT;
	if (!realpath(full, real))
		return -ENOENT;
	if (!under(rroot, real))
		return -EACCES;
	/* Checked already: a link swapped in since is not followed. */
	fd = open(real, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -ENOENT;
	if (fstat(fd, st) || !S_ISREG(st->st_mode)) {
		close(fd);
		return -ENOENT;
	}
	return fd;
}

static const struct {
	const char *ext;
	const char *type;
} types[] = {
	{ ".ipxe", "text/plain; charset=utf-8" },
	{ ".txt", "text/plain; charset=utf-8" },
	{ ".cfg", "text/plain; charset=utf-8" },
	{ ".html", "text/html; charset=utf-8" },
	{ ".iso", "application/x-iso9660-image" },
	{ ".img", "application/octet-stream" },
	{ ".efi", "application/efi" },
};

const char *http_file_type(const char *path)
{
	const char *dot = strrchr(path, '.');
	unsigned int i;

	for (i = 0; dot && !strchr(dot, '/') && i < ARRAY_SIZE(types); i++)
		if (!strcasecmp(dot, types[i].ext))
			return types[i].type;
	return "application/octet-stream";
}
