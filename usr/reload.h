/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A reload of ietd.conf as a plan: the steps from the file in force to the
 * new one. Only the difference between the two files is planned, so that
 * what ietadm changed at run time, and what the file never named, stays.
 *
 * - A target is matched by name, ignoring case. A stanza with nothing
 *   changed but its place or its comments gets no step at all.
 * - A new stanza: the target, its LUNs, session keys and accounts.
 * - A stanza gone: the target goes (the kernel refuses while it has
 *   sessions). Its LUNs and accounts go with it.
 * - A stanza changed: the target keys and session keys whose values
 *   differ between the two files (a key ietadm changed and the file did
 *   not keeps ietadm's value); LUNs added, removed, or, when their
 *   parameters changed, removed and added again; accounts added, removed
 *   or given their new password; Alias and MaxSessions.
 * - The global accounts (discovery) likewise.
 *
 * Steps come in the order they are to be carried out: first what adds or
 * changes kernel state, which can be undone if a later one fails; then
 * what ietd alone keeps (accounts, keys for later logins); then LUNs and
 * targets that go, which cannot be undone.
 *
 * Pure logic, no I/O.
 */
#ifndef IET_RELOAD_H
#define IET_RELOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "store.h"

enum reload_op {
	/* The kernel; undone if a later one of these fails. */
	RELOAD_TARGET_ADD,
	RELOAD_TARGET_KEYS,
	RELOAD_LUN_DEL,		/* the old LUN of one replaced */
	RELOAD_LUN_ADD,
	/* ietd's store and the configuration logins read. */
	RELOAD_USER_DEL,
	RELOAD_USER_CHANGE,	/* same name, new password */
	RELOAD_USER_ADD,
	RELOAD_SESSION_KEYS,
	RELOAD_ALIAS,
	RELOAD_MAX_SESSIONS,
	/* The kernel, for good. */
	RELOAD_LUN_GONE,	/* a LUN the new stanza does not have */
	RELOAD_TARGET_DEL,
};

struct reload_action {
	enum reload_op op;
	/* The target's name, as its stanza spells it; "": discovery. */
	const char *target;
	/* The new stanza; the old one for TARGET_DEL; NULL for discovery. */
	const struct config_target *t;
	/* LUN_ADD: the new LUN; LUN_DEL, LUN_GONE: the old one. */
	const struct config_lun *lun;
	/* LUN_ADD: after a LUN_DEL of the same number. */
	bool replace;
	/* USER_*: the new account; the old one for USER_DEL. */
	const struct config_user *user;
	enum user_dir dir;
	/* TARGET_KEYS, SESSION_KEYS: 1 << key for each key that changed. */
	unsigned int mask;
	/* Part of a new stanza, which TARGET_ADD announces. */
	bool new_target;
};

struct reload_plan {
	struct reload_action *actions;
	unsigned int nr;
	/* Targets by stanza: new, gone, and changed in any way. */
	unsigned int added;
	unsigned int removed;
	unsigned int changed;
};

/*
 * The steps from @old to @new, which must both outlive @p: actions point
 * into them. Returns 0 or -ENOMEM, with @p empty.
 */
int reload_plan_make(struct reload_plan *p, const struct config *old,
		     const struct config *new);
void reload_plan_free(struct reload_plan *p);

/*
 * The keys of @table whose bit is in @mask, with their values, as ietadm
 * takes them: "Wthreads=4,NOPInterval=5". Returns what snprintf() does.
 */
int reload_keys_format(const struct param_table *table,
		       const unsigned int *vals, unsigned int mask, char *buf,
		       size_t len);

/* Whether two LUN lines say the same thing. */
bool reload_lun_equal(const struct lun_params *a, const struct lun_params *b);

/* What a reload did, for its summary. */
struct reload_stats {
	unsigned int targets_added;
	unsigned int targets_removed;
	unsigned int targets_changed;
	unsigned int targets_refused;	/* removal refused: sessions */
	unsigned int luns_added;
	unsigned int luns_removed;
	unsigned int luns_replaced;
	unsigned int users_added;
	unsigned int users_removed;
	unsigned int users_changed;
	unsigned int failed;		/* steps that could not be done */
};

/*
 * One line: "reload: 1 target added, 1 removed, 0 changed, 1 refused;
 * 2 LUNs added, 0 removed, 0 replaced; 1 account added, 0 removed,
 * 0 changed; 0 failed". Returns what snprintf() does.
 */
int reload_summary(const struct reload_stats *st, char *buf, size_t len);

#endif /* IET_RELOAD_H */
