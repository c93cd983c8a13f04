/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Files under HTTPRoot, opened so that no request leaves it: a path with
 * a ".." segment is refused, and so is one whose real path, symbolic
 * links followed, is not under the root's real path. Only regular files
 * are served.
 */
#ifndef IET_HTTPFILE_H
#define IET_HTTPFILE_H

#include <sys/stat.h>

/*
 * Open the decoded request path @path under @root. Returns a descriptor
 * with its stat in @st, -ENOENT (404) or -EACCES (403, for paths that
 * try to leave the root).
 */
int http_file_open(const char *root, const char *path, struct stat *st);

/* The Content-Type for @path, by its extension. */
const char *http_file_type(const char *path);

#endif /* IET_HTTPFILE_H */
