/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ietd.conf in IET's syntax: global keys, then one stanza per
 * "Target <name>". Parsing is all or nothing and stops at the first error,
 * which reads "FILE:LINE: what is wrong".
 *
 * The syntax, where IET left room:
 * - A line whose first non-blank character is '#' is a comment, and so
 *   is the rest of a line from a word that starts with '#': IET's manual
 *   disallowed trailing comments, but its sample ietd.conf has them on
 *   lines meant to be uncommented ("#MaxBurstLength 262144  # ..."), and
 *   IET read only the words it needed. A '#' inside a word (a password
 *   "ab#cd") is data.
 * - A backslash at the end of a line (blanks may follow it) joins the next
 *   line to it; comments are recognised after joining, and errors name the
 *   first physical line.
 * - Keys and Lun parameter names are matched ignoring case; so are target
 *   names when looking for duplicates, since iSCSI names are.
 * - Target and session keys, Alias, MaxSessions and Lun belong to a target;
 *   iSNSServer and iSNSAccessControl to the global section; IncomingUser
 *   and OutgoingUser to either. A key given twice in one place is an error
 *   (except IncomingUser, which may repeat), and so is an unknown key.
 * - A target with LUNs but no LUN 0 is a warning, not an error: IET's
 *   manual asks for LUN 0 but IET itself never enforced it.
 */
#ifndef IET_CONFIG_H
#define IET_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "bootconf.h"
#include "lunparams.h"
#include "params.h"

struct config_user {
	char *name;
	char *password;
	unsigned int line;
};

struct config_auth {
	struct config_user *incoming;	/* may repeat */
	unsigned int nr_incoming;
	struct config_user outgoing;	/* name NULL: none */
};

struct config_lun {
	unsigned int lun;
	unsigned int line;
	struct lun_params params;
};

struct config_target {
	char *name;
	unsigned int line;
	char *alias;
	unsigned int max_sessions;	/* 0: unlimited */
	unsigned int max_sessions_line;
	/* Values, defaults where the file says nothing. */
	unsigned int tparams[TGT_NR];
	unsigned int sparams[SESS_NR];
	/* The line that set each value; 0 means the default. */
	unsigned int tparams_line[TGT_NR];
	unsigned int sparams_line[SESS_NR];
	struct config_auth auth;
	struct config_lun *luns;
	unsigned int nr_luns;
};

struct config {
	char *file;
	struct config_auth discovery;
	char *isns_server;
	bool isns_access_control;
	/* TFTPRoot (NULL: no TFTP server) and TFTPListen (NULL: default). */
	char *tftp_root;
	unsigned int tftp_root_line;
	char *tftp_listen;
	unsigned int tftp_listen_line;
	struct config_target *targets;
	unsigned int nr_targets;
	struct bootconf boot;		/* HTTP and menu keys: bootconf.h */
	/* "FILE:LINE: ..." sentences about things that work but look wrong. */
	char **warnings;
	unsigned int nr_warnings;
};

/*
 * Parse @len bytes of @text, read from @file, into @cfg. Returns 0, or a
 * negative errno with "FILE:LINE: ..." in @err and @cfg left empty.
 */
int config_parse(struct config *cfg, const char *file, const char *text,
		 size_t len, char *err, size_t errlen);

/* Read and parse @file; a file that cannot be read is an error too. */
int config_load(struct config *cfg, const char *file, char *err,
		size_t errlen);

void config_free(struct config *cfg);

/* The target called @name, ignoring case, or NULL. */
const struct config_target *config_find_target(const struct config *cfg,
					       const char *name);

#endif /* IET_CONFIG_H */
