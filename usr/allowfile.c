// SPDX-License-Identifier: GPL-2.0
/*
 * Reading initiators.allow and targets.allow, and asking them.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "allow.h"
#include "allowfile.h"
#include "log.h"

/* Larger than any list of rules a person writes: a sign of a wrong file. */
#define ALLOW_FILE_MAX	(1 << 20)

/* Zeroed, as with no file: everything is allowed until the first load. */
static struct allow_list initiators, targets;
static char *dir;

/* Read all of @fd into *@buf: 0, or -errno. */
static int read_all(int fd, char **buf, size_t *len)
{
	size_t cap = 0;
	ssize_t r;
	char *n;

	for (;;) {
		if (*len == cap) {
			if (cap >= ALLOW_FILE_MAX)
				return -EFBIG;
			cap = cap ? cap * 2 : 4096;
			n = realloc(*buf, cap);
			if (!n)
				return -ENOMEM;
			*buf = n;
		}
		r = read(fd, *buf + *len, cap - *len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (!r)
			return 0;
		*len += r;
	}
}

/* The contents of @path in *@buf; -ENOENT when it does not exist. */
static int read_file(const char *path, char **buf, size_t *len, char *err,
		     size_t errlen)
{
	int fd, ret;

	*buf = NULL;
	*len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		ret = -errno;
	else
		ret = read_all(fd, buf, len);
	if (fd >= 0)
		close(fd);
	if (ret)
		snprintf(err, errlen, "%s: %s", path, strerror(-ret));
	return ret;
}

/* One file into @l: a missing file leaves @l empty, allowing all. */
static int load_one(struct allow_list *l, enum allow_kind kind,
		    const char *d, const char *name, char *err, size_t len)
{
	char path[4096], *buf;
	size_t n;
	int ret;

	memset(l, 0, sizeof(*l));
	snprintf(path, sizeof(path), "%s/%s", d, name);
	ret = read_file(path, &buf, &n, err, len);
	if (ret == -ENOENT) {
		log_debug(1, "no %s: every %s allowed", path,
			  kind == ALLOW_INITIATORS ? "initiator" : "portal");
		ret = 0;
	} else if (!ret) {
		ret = allow_parse(l, kind, path, buf, n, err, len);
	}
	free(buf);
	return ret;
}

static void warnings(const struct allow_list *l)
{
	unsigned int i;

	for (i = 0; i < l->nr_warnings; i++)
		log_located(LOG_WARNING, l->warnings[i]);
}

int allow_files_load(const char *d, char *err, size_t len)
{
	struct allow_list ini, tgt;
	char *nd;
	int ret;

	nd = strdup(d);
	if (!nd) {
		snprintf(err, len, "out of memory");
		return -ENOMEM;
	}
	ret = load_one(&ini, ALLOW_INITIATORS, d, ALLOW_INITIATORS_FILE, err,
		       len);
	if (!ret)
		ret = load_one(&tgt, ALLOW_TARGETS, d, ALLOW_TARGETS_FILE, err,
			       len);
	if (ret) {
		allow_free(&ini);
		free(nd);
		return ret;
	}
	warnings(&ini);
	warnings(&tgt);
	allow_files_free();
	initiators = ini;
	targets = tgt;
	dir = nd;
	return 0;
}

int allow_files_reload(void)
{
	char err[1024];
	int ret;

	ret = allow_files_load(dir ? dir : ALLOW_DIR, err, sizeof(err));
	if (ret) {
		log_located(LOG_ERR, err);
		log_warn("the access rules read before stay in force");
		return ret;
	}
	log_info("read the access rules in %s again", dir);
	return 0;
}

void allow_files_free(void)
{
	allow_free(&initiators);
	allow_free(&targets);
	free(dir);
	dir = NULL;
}

static void summary(FILE *f, const struct allow_list *l)
{
	if (l->file)
		fprintf(f, "%s: ok, %u line%s\n", l->file, l->nr_rules,
			l->nr_rules == 1 ? "" : "s");
}

void allow_files_summary(FILE *f)
{
	summary(f, &initiators);
	summary(f, &targets);
}

enum allow_verdict allow_files_check(const char *target, const char *initiator,
				     const struct sockaddr *peer,
				     const struct sockaddr *portal,
				     char *why, size_t len)
{
	uint8_t from[ALLOW_ADDR_LEN], to[ALLOW_ADDR_LEN];
	char a[INET6_ADDRSTRLEN];
	unsigned int line;

	/* Both are TCP sockets: IPv4 or IPv6, which allow_addr() takes. */
	if (allow_addr(peer, from) || allow_addr(portal, to)) {
		snprintf(why, len, "target %s: an address of an unknown family",
			 target);
		return ALLOW_NO_INITIATOR;
	}
	if (!allow_check(&targets, target, to, NULL, &line)) {
		allow_addr_str(to, a, sizeof(a));
		if (line)
			snprintf(why, len, "target %s is not offered on %s (%s:%u)",
				 target, a, targets.file, line);
		else
			snprintf(why, len, "target %s is not offered on %s (no line of %s names it or ALL)",
				 target, a, targets.file);
		return ALLOW_NO_PORTAL;
	}
	if (!allow_check(&initiators, target, from, initiator, &line)) {
		allow_addr_str(from, a, sizeof(a));
		if (line)
			snprintf(why, len, "target %s: %s:%u lists neither %s nor %s",
				 target, initiators.file, line, a, initiator);
		else
			snprintf(why, len, "target %s: no line of %s names it or ALL",
				 target, initiators.file);
		return ALLOW_NO_INITIATOR;
	}
	return ALLOW_YES;
}
