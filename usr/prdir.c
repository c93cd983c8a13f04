// SPDX-License-Identifier: GPL-2.0
/*
 * The directory of the APTPL files. The kernel writes them, through the
 * descriptor ietd hands it with each LUN, so they land in ietd's view of
 * the file system and nowhere else.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "prdir.h"

static int make_dir(const char *path, mode_t mode, char *err, size_t len)
{
	if (mkdir(path, mode) && errno != EEXIST) {
		snprintf(err, len, "cannot make %s: %s", path, strerror(errno));
		return -errno;
	}
	return 0;
}

int prdir_open(const char *state, char *err, size_t len)
{
	char path[4096];
	int fd, ret;

	if (snprintf(path, sizeof(path), "%s/pr", state) >= (int)sizeof(path)) {
		snprintf(err, len, "%s: name too long", state);
		return -ENAMETOOLONG;
	}
	ret = make_dir(state, 0755, err, len);
	if (!ret)
		ret = make_dir(path, 0700, err, len);
	if (ret)
		return ret;
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
		snprintf(err, len, "cannot open %s: %s", path, strerror(errno));
	}
	return fd < 0 ? ret : fd;
}
