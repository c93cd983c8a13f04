/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The text of ietadm --op show for sessions and for everything.
 *
 * Pure logic, no I/O.
 */
#ifndef IET_SHOWFMT_H
#define IET_SHOWFMT_H

#include <stddef.h>

#include "kernel.h"

/*
 * The session keys as IET listed them, "Key=Value" a line in its
 * session_keys order: from the kernel's negotiated values of @s, or, if @s
 * is NULL, from @configured (SESS_NR values). Markers are not negotiated
 * (RFC 7143 dropped them), so they come from @configured either way.
 * Returns the length, or -ENOSPC.
 */
int show_session_params(const struct kern_session *s,
			const unsigned int *configured, char *buf, size_t len);

/*
 * Every target with its LUNs and sessions, in plain words, for
 * "ietadm --op show" without ids. Returns the length, or -ENOSPC.
 */
int show_all(const struct kern_target *t, unsigned int nr_targets,
	     const struct kern_lun *l, unsigned int nr_luns,
	     const struct kern_session *s, unsigned int nr_sessions,
	     char *buf, size_t len);

#endif /* IET_SHOWFMT_H */
