/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What ietd remembers about targets that the kernel does not: CHAP
 * accounts and the session keys offered at login. ietd.conf fills it at
 * startup; ietadm changes it afterwards. Nothing is written back to
 * ietd.conf, as with IET: a restart forgets what ietadm did.
 *
 * Entries are keyed by target name, ignoring case as iSCSI names are
 * compared; "" holds the discovery accounts. Keying by name rather than
 * tid lets ietd.conf's stanzas apply before the kernel gives out tids.
 *
 * Pure logic, no I/O.
 */
#ifndef IET_STORE_H
#define IET_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "params.h"

struct config;

enum user_dir {
	USER_INCOMING,
	USER_OUTGOING,
};

struct store_user {
	enum user_dir dir;
	char *name;
	char *password;
};

struct store_target {
	char *name;
	bool has_sparams;
	unsigned int sparams[SESS_NR];
	struct store_user *users;
	unsigned int nr_users;
	char *redirect;		/* TargetAddress for logins, or NULL */
};

struct store {
	struct store_target *targets;
	unsigned int nr;
};

/* ietd's own store. */
extern struct store ietd_store;

/* The ietd.conf keyword of @dir: "IncomingUser" or "OutgoingUser". */
const char *user_dir_name(enum user_dir dir);

/*
 * Add an account. Returns 0, -EEXIST if @name is there already (or, for
 * OutgoingUser, of which there is one at most, if any is), or -ENOMEM.
 */
int store_user_add(struct store *s, const char *target, enum user_dir dir,
		   const char *name, const char *password);
/* Returns 0 or -ENOENT. */
int store_user_del(struct store *s, const char *target, enum user_dir dir,
		   const char *name);
const struct store_user *store_user_find(const struct store *s,
					 const char *target,
					 enum user_dir dir, const char *name);
unsigned int store_nr_incoming(const struct store *s, const char *target);

/*
 * "IncomingUser NAME\n" and "OutgoingUser NAME\n" lines, incoming first,
 * in the order added. Returns the length, or -ENOSPC if @len is short.
 */
int store_users_list(const struct store *s, const char *target, char *buf,
		     size_t len);

/* The session keys set for @target, or NULL. */
const unsigned int *store_sparams(const struct store *s, const char *target);
int store_sparams_set(struct store *s, const char *target,
		      const unsigned int *vals);

/*
 * Send logins to @target to TargetAddress @addr ("" or NULL: no more).
 * Returns 0 or -ENOMEM.
 */
int store_redirect_set(struct store *s, const char *target, const char *addr);
/* Where logins to @target go instead, or NULL. */
const char *store_redirect(const struct store *s, const char *target);

/* Drop what is kept about @target: it was deleted. */
void store_forget(struct store *s, const char *target);

/* Replace the contents with @cfg's accounts and session keys. */
int store_load_config(struct store *s, const struct config *cfg);

void store_free(struct store *s);

#endif /* IET_STORE_H */
