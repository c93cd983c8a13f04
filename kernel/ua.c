// SPDX-License-Identifier: GPL-2.0
/*
 * Unit attention conditions: which one a command reports, and which
 * commands pass by them. SAM-5 has a device server report them one at a
 * time, the highest priority first, each cleared once reported.
 */
#include "ua.h"

#define RS_DESC			0x01	/* REQUEST SENSE: descriptor format */

static const u16 ua_codes[] = {
	[0] = SCSI_ASC_POWER_ON_RESET,
	[1] = SCSI_ASC_LU_RESET,
	[2] = SCSI_ASC_CAPACITY_CHANGED,
	[3] = SCSI_ASC_REPORTED_LUNS_CHANGED,
	[4] = SCSI_ASC_MODE_CHANGED,
	[5] = 0x2a03,		/* RESERVATIONS PREEMPTED */
	[6] = 0x2a04,		/* RESERVATIONS RELEASED */
	[7] = 0x2a05,		/* REGISTRATIONS PREEMPTED */
};

/* Clears the highest priority condition of *pending and reports it in s. */
static void take_first(u8 *pending, struct scsi_sense *s)
{
	unsigned int i = 0;

	while (!(*pending & (1U << i)))
		i++;
	*pending &= ~(1U << i);
	scsi_fail(s, SCSI_SENSE_UNIT_ATTENTION, ua_codes[i]);
}

/*
 * SAM-5 5.14 and SPC-4 6.4, 6.33: INQUIRY and REPORT LUNS neither report nor
 * clear a condition, so that an initiator can always find its LUNs; REPORT
 * LUNS does clear REPORTED LUNS DATA HAS CHANGED, which it answers. A
 * REQUEST SENSE returns the condition as its data and clears it (SAM-5
 * 5.14, UA_INTLCK_CTRL 00b). libiscsi and Linux clear the 29h condition
 * of a new login with TEST UNIT READY, which is why it is 29 00 exactly.
 */
enum scsi_ua_action scsi_ua_take(const u8 *cdb, u8 *pending,
				 struct scsi_sense *s)
{
	switch (cdb[0]) {
	case SCSI_OP_INQUIRY:
		return SCSI_UA_PASS;
	case SCSI_OP_REPORT_LUNS:
		*pending &= ~SCSI_UA_LUNS_CHANGED;
		return SCSI_UA_PASS;
	}
	if (!*pending)
		return SCSI_UA_PASS;
	take_first(pending, s);
	return cdb[0] == SCSI_OP_REQUEST_SENSE ? SCSI_UA_DATA : SCSI_UA_FAIL;
}

unsigned int scsi_ua_sense_data(const u8 *cdb, const struct scsi_sense *s,
				u8 *buf, unsigned int len)
{
	if (cdb[1] & RS_DESC)
		return scsi_sense_desc(buf, len, s);
	return scsi_sense_fixed(buf, len, s);
}
