/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ietd -u/-g: run as another user, keeping only CAP_NET_ADMIN, which
 * every request to iscsi_trgt needs.
 */
#ifndef IET_PRIVS_H
#define IET_PRIVS_H

#include <stddef.h>
#include <sys/types.h>

/* A user or group, by name or number. */
int privs_parse_user(const char *s, uid_t *uid);
int privs_parse_group(const char *s, gid_t *gid);

/*
 * Become @gid (if not (gid_t)-1) and @uid (if not (uid_t)-1). Returns 0
 * or a negative errno with a sentence in @err.
 */
int privs_drop(uid_t uid, gid_t gid, char *err, size_t len);

#endif /* IET_PRIVS_H */
