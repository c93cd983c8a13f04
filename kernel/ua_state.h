/* SPDX-License-Identifier: GPL-2.0 */
#ifndef IET_UA_STATE_H
#define IET_UA_STATE_H

#include <linux/types.h>
#include "ua.h"

struct iet_lun;
struct scsi_pr;
struct iet_session;
struct iet_target;

/* Joins and leaves target->sessions; a new I_T nexus is a power on. */
int iet_ua_session_link(struct iet_session *sess);
void iet_ua_session_unlink(struct iet_session *sess);

/* The reported LUNs changed: lun came or went. */
int iet_ua_lun_added(struct iet_target *target, u32 lun);
void iet_ua_lun_removed(struct iet_target *target, u32 lun);

/* The store of lun changed size: the LUN follows, every nexus hears. */
void iet_ua_check_capacity(struct iet_lun *lun);

/* What PERSISTENT RESERVE OUT tells the registrants (pr->notes). */
void iet_ua_pr_notes(struct iet_target *target, u32 lun,
		     const struct scsi_pr *pr);

/* MODE SELECT on sess changed lun: the other nexuses hear of it. */
void iet_ua_mode_changed(struct iet_session *sess, u32 lun);

/* A LUN reset of lun, or with U32_MAX a reset of every LUN. */
void iet_ua_reset(struct iet_target *target, u32 lun);

/* The command's view of its UAs: see scsi_ua_take(). */
enum scsi_ua_action iet_ua_take(struct iet_session *sess, u32 lun,
				const u8 *cdb, struct scsi_sense *s);

#endif /* IET_UA_STATE_H */
