/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Persistent reservations (SPC-4 5.7, 6.15, 6.16): the state of one
 * logical unit and every decision on it, as pure logic (see pure.h). An
 * I_T nexus is the initiator's name and ISID (one target port).
 * pr_state.c keeps a struct scsi_pr per LUN and holds its lock.
 */
#ifndef IET_PR_H
#define IET_PR_H

#include "scsi.h"

#define SCSI_PR_MAX_REGS	32	/* registrations per LU */
#define SCSI_PR_NAME_MAX	223	/* an iSCSI name (RFC 7143 6.1) */

/* Reservation types (SPC-4 table 168) */
#define SCSI_PR_WE		0x1
#define SCSI_PR_EA		0x3
#define SCSI_PR_WE_RO		0x5
#define SCSI_PR_EA_RO		0x6
#define SCSI_PR_WE_AR		0x7
#define SCSI_PR_EA_AR		0x8

#define SCSI_ASC_INVALID_RELEASE		0x2604
#define SCSI_ASC_INSUFFICIENT_REG_RESOURCES	0x5504

struct scsi_pr_nexus {
	const char *name;	/* InitiatorName */
	u64 isid;		/* 48 bits */
};

struct scsi_pr_reg {
	bool used;
	u64 key;
	u64 isid;
	char name[SCSI_PR_NAME_MAX + 1];
};

/* What the last PERSISTENT RESERVE OUT tells a registrant: ua[i] */
#define SCSI_PR_NOTE_RES_PREEMPTED	0x01	/* 2A 03 */
#define SCSI_PR_NOTE_RES_RELEASED	0x02	/* 2A 04 */
#define SCSI_PR_NOTE_REG_PREEMPTED	0x04	/* 2A 05 */

struct scsi_pr {
	u32 generation;
	bool aptpl;		/* the last REGISTER's APTPL: state persists */
	bool ptpl_c;		/* the caller can persist it: APTPL accepted */
	struct scsi_pr_reg regs[SCSI_PR_MAX_REGS];
	bool reserved;
	u8 type;
	int holder;		/* index in regs; all registrants: -1 */
	/*
	 * Set by each scsi_pr_out() for the nexus of regs[i], whose name
	 * and ISID stay until the slot is reused: the unit attentions the
	 * caller raises (SPC-4 5.7.11).
	 */
	u8 notes[SCSI_PR_MAX_REGS];
};

void scsi_pr_init(struct scsi_pr *pr);

/* Whether pr holds anything a command must be checked against. */
static inline bool scsi_pr_active(const struct scsi_pr *pr)
{
	return pr->reserved;
}

/*
 * Whether the command in cdb, from me, meets RESERVATION CONFLICT under
 * the persistent reservation (SPC-4 5.7.1, table 45, and SBC-3 table 13).
 */
bool scsi_pr_conflict(const struct scsi_pr *pr,
		      const struct scsi_pr_nexus *me, const u8 *cdb);

/* The same for a reservation of RESERVE(6)/(10) held by another nexus. */
bool scsi_spc2_conflict(const u8 *cdb);

/*
 * PERSISTENT RESERVE OUT with its parameter list of len bytes: 0, or
 * SCSI_STATUS_RESERVATION_CONFLICT, or SCSI_STATUS_CHECK_CONDITION with
 * s set. pr changes only on success.
 */
int scsi_pr_out(struct scsi_pr *pr, const struct scsi_pr_nexus *me,
		const u8 *cdb, const u8 *p, u32 len, struct scsi_sense *s);

/* PERSISTENT RESERVE IN: the parameter data, through o; 0 or CHECK. */
int scsi_pr_in(const struct scsi_pr *pr, const u8 *cdb, struct scsi_out *o,
	       struct scsi_sense *s);

bool scsi_pr_type_valid(u8 type);

/*
 * Whether cdb is a PREEMPT AND ABORT: once it succeeds, the commands of
 * every nexus whose regs[i] got SCSI_PR_NOTE_REG_PREEMPTED are aborted.
 */
bool scsi_pr_aborts(const u8 *cdb);

/*
 * The state of pr as the text of an APTPL file (pr_file.c), seq ordering
 * the saves: its length, or -1 when len is too short (SCSI_PR_FILE_MAX is
 * not). scsi_pr_load() takes such a text back whole, or returns -1 and
 * leaves pr empty; ptpl_c and notes are not kept.
 */
#define SCSI_PR_FILE_MAX	(128 + SCSI_PR_MAX_REGS * (SCSI_PR_NAME_MAX + 48))
int scsi_pr_save(const struct scsi_pr *pr, u32 seq, char *buf, size_t len);
int scsi_pr_load(const char *buf, size_t len, struct scsi_pr *pr, u32 *seq);

#endif /* IET_PR_H */
