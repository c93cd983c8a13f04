/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Unit attention conditions (SAM-5 5.14, SPC-4): what is pending for one
 * logical unit on one I_T nexus, and what a command does with it. Pure
 * logic (see pure.h); ua_state.c keeps the sets and takes the locks.
 */
#ifndef IET_UA_H
#define IET_UA_H

#include "scsi.h"

/* One bit per condition, the highest priority in the lowest bit. */
#define SCSI_UA_POWER_ON	0x01	/* 29 00: a new I_T nexus */
#define SCSI_UA_LU_RESET	0x02	/* 29 03: LUN or target reset */
#define SCSI_UA_CAPACITY	0x04	/* 2A 09 */
#define SCSI_UA_LUNS_CHANGED	0x08	/* 3F 0E */
#define SCSI_UA_MODE_CHANGED	0x10	/* 2A 01 */
#define SCSI_UA_RES_PREEMPTED	0x20	/* 2A 03 */
#define SCSI_UA_RES_RELEASED	0x40	/* 2A 04 */
#define SCSI_UA_REG_PREEMPTED	0x80	/* 2A 05 */

enum scsi_ua_action {
	SCSI_UA_PASS,		/* the command runs */
	SCSI_UA_FAIL,		/* CHECK CONDITION with the taken UA */
	SCSI_UA_DATA,		/* REQUEST SENSE returns the taken UA */
};

/*
 * What the command in cdb does with the pending conditions: it may take
 * (clear) one, as *pending then says, with s set to report it.
 */
enum scsi_ua_action scsi_ua_take(const u8 *cdb, u8 *pending,
				 struct scsi_sense *s);

/* REQUEST SENSE's parameter data for s, in the format the CDB asks for. */
unsigned int scsi_ua_sense_data(const u8 *cdb, const struct scsi_sense *s,
				u8 *buf, unsigned int len);

#endif /* IET_UA_H */
