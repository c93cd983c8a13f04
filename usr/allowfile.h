/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The access rules in force: initiators.allow and targets.allow, read
 * from one directory (/etc/iet) when ietd starts, and again on request.
 * A file with an error changes nothing: at startup ietd refuses to start,
 * on a reload the rules read before stay. See allow.h for the syntax.
 */
#ifndef IET_ALLOWFILE_H
#define IET_ALLOWFILE_H

#include <stddef.h>
#include <stdio.h>
#include <sys/socket.h>

#define ALLOW_DIR		"/etc/iet"
#define ALLOW_INITIATORS_FILE	"initiators.allow"
#define ALLOW_TARGETS_FILE	"targets.allow"

enum allow_verdict {
	ALLOW_YES,
	ALLOW_NO_PORTAL,	/* targets.allow: not offered on this portal */
	ALLOW_NO_INITIATOR,	/* initiators.allow: not for this initiator */
};

/*
 * Read both files from @dir and put them in force, logging their
 * warnings. Returns 0, or a negative errno with "FILE:LINE: ..." in @err
 * and the rules in force unchanged.
 */
int allow_files_load(const char *dir, char *err, size_t len);

/* Read them again from the same directory; errors are logged. */
int allow_files_reload(void);

void allow_files_free(void);

/* "FILE: ok, N lines" for each file read, for ietd -t. */
void allow_files_summary(FILE *f);

/*
 * Whether the initiator called @initiator at @peer may use @target
 * through our address @portal; when not, a sentence in @why.
 */
enum allow_verdict allow_files_check(const char *target, const char *initiator,
				     const struct sockaddr *peer,
				     const struct sockaddr *portal,
				     char *why, size_t len);

#endif /* IET_ALLOWFILE_H */
