/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ietadm requests: which one a command line asks for, and whether it is
 * well formed. ietadm checks before sending and ietd again on receipt,
 * with this same code, so both say the same thing.
 */
#ifndef IET_CTLREQ_H
#define IET_CTLREQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ctlmsg.h"
#include "store.h"

struct ctl_args {
	const char *op;		/* --op, or NULL */
	uint32_t flags;		/* CTL_F_* of the ids given */
	bool user;		/* --user */
	bool params;		/* --params given */
	bool redirect;		/* --redirect given */
};

/*
 * The request the options ask for. As in IET the most specific option
 * decides: --user, then --lun, --cid, --sid, --tid, then none. Returns 0,
 * or -EINVAL (-EOPNOTSUPP) with a sentence in @msg.
 */
int ctl_classify(const struct ctl_args *a, uint32_t *op, char *msg,
		 size_t len);

#define CTL_USER_MAX	255	/* account names and passwords */

/* "[addr]:65535" and a little room: the longest TargetAddress we send. */
#define CTL_REDIRECT_MAX	255

/*
 * Parse --redirect's ADDR[:PORT] (IPv6 as [ADDR][:PORT]; ADDR may be a
 * host name) into the TargetAddress value @out, the port made explicit
 * (3260 if not given); "" clears a redirection and gives "". Returns 0 or
 * -EINVAL with a sentence in @msg.
 */
int ctl_redirect_parse(const char *val, char *out, size_t len, char *msg,
		       size_t mlen);

/* An account request's --params: "IncomingUser=u[,Password=p]". */
struct ctl_user {
	enum user_dir dir;
	char name[CTL_USER_MAX + 1];	/* "": none given */
	char password[CTL_USER_MAX + 1];	/* "": none given */
};

/*
 * Parse the --params of account request @op (CTL_USER_*): a new account
 * needs a name and a Password, deleting one a name alone, showing one an
 * optional name. Returns 0 or -EINVAL with a sentence in @msg.
 */
int ctl_user_parse(uint32_t op, const char *params, struct ctl_user *u,
		   char *msg, size_t len);

/* Whether @req has the ids and well-formed params its op needs. */
int ctl_check(const struct ctl_req *req, char *msg, size_t len);

#endif /* IET_CTLREQ_H */
