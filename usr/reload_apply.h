/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Carrying out a reload of ietd.conf (see reload.h for what is planned):
 * the kernel's targets, LUNs and target keys, then ietd's store of
 * accounts and session keys, then what goes.
 *
 * - Additions and changes come first, and if one fails, every one done
 *   before is undone (a LUN replaced is put back as it was): the reload
 *   then changed nothing, and "FILE:LINE: ..." says why.
 * - A target ietd.conf still names but the kernel lacks (deleted with
 *   ietadm) is left alone, as ietadm left it.
 * - A new stanza whose target is live already (made with ietadm) takes it
 *   over as a start would: its target keys become the file's, its live
 *   LUNs stay as they are.
 * - An account in the file replaces one of the same name that ietadm
 *   added; the accounts ietadm added under other names stay.
 * - A LUN goes as with ietadm --op delete --lun, sessions or not; a
 *   target does not while it has sessions (the kernel answers EBUSY): it
 *   stays, with its accounts, until ietadm deletes it. Neither counts as
 *   a failure of the reload.
 * - Sessions keep what they negotiated; new keys, accounts, Alias and
 *   MaxSessions are for later logins.
 */
#ifndef IET_RELOAD_APPLY_H
#define IET_RELOAD_APPLY_H

#include <stddef.h>

#include "reload.h"

struct kern;

/*
 * Go from @old, the file in force, to @new, logging each step and a
 * summary, which @st holds too. Returns 0, after which @new is the file in
 * force (it holds Alias and MaxSessions), or a negative errno with nothing
 * changed and "FILE:LINE: ..." in @err.
 */
int reload_apply(struct kern *k, const struct config *old,
		 const struct config *new, struct reload_stats *st, char *err,
		 size_t len);

#endif /* IET_RELOAD_APPLY_H */
