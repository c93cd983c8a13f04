/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What ietd does for ietadm: one request in, one response out.
 */
#ifndef IET_ADMIN_H
#define IET_ADMIN_H

#include <sys/types.h>

#include "ctlmsg.h"

struct kern;

/* Carry out @req from a client running as @uid and fill in @rsp. */
void admin_handle(struct kern *k, const struct ctl_req *req, uid_t uid,
		  struct ctl_rsp *rsp);

#endif /* IET_ADMIN_H */
