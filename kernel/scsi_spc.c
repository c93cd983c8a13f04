// SPDX-License-Identifier: GPL-2.0
/*
 * The SPC-4 commands every device type answers: INQUIRY (its standard
 * data; VPD pages are in scsi_vpd.c), REQUEST SENSE and REPORT LUNS, and
 * scsi_emulate(), which routes each emulated command to its builder.
 */
#include "scsi.h"

#define INQ_EVPD		0x01
#define INQ_CMDDT		0x02	/* obsolete since SPC-3 */

/* Standard INQUIRY data: its full size, and the fields scripts match. */
#define STD_INQ_LEN		96
#define INQ_VENDOR		"IET"
#define INQ_PRODUCT		"VIRTUAL-DISK"
#define INQ_REVISION		"0"

#define RS_DESC			0x01	/* REQUEST SENSE: descriptor format */

#define LUN_FLAT_MAX		0x3fff	/* flat space addressing: 14 bits */

static int lu_not_supported(struct scsi_sense *s)
{
	return scsi_fail(s, SCSI_SENSE_ILLEGAL_REQUEST,
			 SCSI_ASC_LU_NOT_SUPPORTED);
}

/*
 * SPC-4 6.4.2. The version descriptors claim SAM-5, SPC-4, SBC-3 and
 * iSCSI: initiators, and conformance suites, look there for SBC-3 before
 * trusting READ CAPACITY(16) and the Block Limits page. For a LUN the
 * target lacks, peripheral qualifier 011b with type 1Fh says so.
 */
static void std_inquiry(const struct scsi_lu *lu, struct scsi_out *o)
{
	static const u16 versions[] = { 0x00a0, 0x0460, 0x04c0, 0x0960 };
	unsigned int i;

	scsi_out_u8(o, lu ? 0x00 : 0x7f);
	scsi_out_u8(o, 0);		/* RMB=0: not removable */
	scsi_out_u8(o, 0x06);		/* VERSION: SPC-4 */
	scsi_out_u8(o, 0x12);		/* HISUP, RESPONSE DATA FORMAT 2 */
	scsi_out_u8(o, STD_INQ_LEN - 5);
	scsi_out_u8(o, 0);		/* no SCCS, ALUA, 3PC or PROTECT */
	scsi_out_u8(o, 0);
	scsi_out_u8(o, 0x02);		/* CMDQUE */
	scsi_out_str(o, INQ_VENDOR, 8);
	scsi_out_str(o, INQ_PRODUCT, 16);
	scsi_out_str(o, INQ_REVISION, 4);
	scsi_out_fill(o, 0, 22);	/* bytes 36-57 */
	for (i = 0; i < 8; i++)
		scsi_out_be16(o, i < ARRAY_SIZE(versions) ? versions[i] : 0);
	scsi_out_fill(o, 0, 22);	/* bytes 74-95 */
}

int scsi_em_inquiry(const u8 *cdb, const struct scsi_lu *lu,
		    struct scsi_out *o, struct scsi_sense *s)
{
	if (cdb[1] & INQ_CMDDT)
		return scsi_invalid_cdb(s);
	if (!(cdb[1] & INQ_EVPD)) {
		if (cdb[2])	/* a page code needs EVPD */
			return scsi_invalid_cdb(s);
		std_inquiry(lu, o);
		return 0;
	}
	if (!lu)
		return lu_not_supported(s);
	return scsi_em_vpd(cdb[2], lu, o, s);
}

/*
 * REQUEST SENSE of SPC-4. Sense goes back with each command (autosense),
 * so nothing is ever pending here: NO SENSE, or for a LUN the target
 * lacks, the LOGICAL UNIT NOT SUPPORTED that SPC-4 asks for.
 */
static int request_sense(const u8 *cdb, const struct scsi_lu *lu,
			 struct scsi_out *o)
{
	struct scsi_sense sense = { 0 };
	u8 d[SCSI_SENSE_FIXED_LEN];
	unsigned int n;

	if (!lu)
		lu_not_supported(&sense);
	if (cdb[1] & RS_DESC)
		n = scsi_sense_desc(d, sizeof(d), &sense);
	else
		n = scsi_sense_fixed(d, sizeof(d), &sense);
	scsi_out_mem(o, d, n);
	return 0;
}

/*
 * SAM-5 LUN formats, as Linux reads them: peripheral device addressing
 * (bus 0) below 256, flat space addressing (01b) up to 16383.
 */
static void put_lun(struct scsi_out *o, u32 lun)
{
	u8 d[8] = { 0 };

	if (lun < 256) {
		d[1] = lun;
	} else {
		d[0] = 0x40 | (lun >> 8);
		d[1] = lun & 0xff;
	}
	scsi_out_mem(o, d, sizeof(d));
}

/*
 * REPORT LUNS of SPC-4. SELECT REPORT 00h and 02h list every LUN; 01h
 * lists only well known LUs, of which there are none. A LUN that flat
 * space addressing cannot carry is left out: no configuration makes one.
 */
static int report_luns(const u8 *cdb, const u32 *luns, unsigned int nr_luns,
		       struct scsi_out *o, struct scsi_sense *s)
{
	unsigned int i, n = 0;

	if (get_be32(cdb + 6) < 16 || cdb[2] > 0x02)
		return scsi_invalid_cdb(s);
	if (cdb[2] != 0x01)
		for (i = 0; i < nr_luns; i++)
			n += luns[i] <= LUN_FLAT_MAX;
	scsi_out_be32(o, n * 8);
	scsi_out_be32(o, 0);
	if (cdb[2] == 0x01)
		return 0;
	for (i = 0; i < nr_luns; i++)
		if (luns[i] <= LUN_FLAT_MAX)
			put_lun(o, luns[i]);
	return 0;
}

static int emulate(const u8 *cdb, const struct scsi_lu *lu, const u32 *luns,
		   unsigned int nr_luns, struct scsi_out *o,
		   struct scsi_sense *s)
{
	switch (cdb[0]) {
	case SCSI_OP_INQUIRY:
		return scsi_em_inquiry(cdb, lu, o, s);
	case SCSI_OP_REQUEST_SENSE:
		return request_sense(cdb, lu, o);
	case SCSI_OP_REPORT_LUNS:
		return report_luns(cdb, luns, nr_luns, o, s);
	}
	if (!lu)
		return lu_not_supported(s);
	switch (cdb[0]) {
	case SCSI_OP_MODE_SENSE_6:
	case SCSI_OP_MODE_SENSE_10:
		return scsi_em_mode_sense(cdb, lu, o, s);
	case SCSI_OP_READ_CAPACITY_10:
		return scsi_em_read_capacity10(cdb, lu, o, s);
	case SCSI_OP_SERVICE_ACTION_IN_16:
		return scsi_em_read_capacity16(cdb, lu, o, s);
	case SCSI_OP_MAINTENANCE_IN:
		return scsi_em_rsoc(cdb, lu, o, s);
	default:
		return scsi_fail(s, SCSI_SENSE_ILLEGAL_REQUEST,
				 SCSI_ASC_INVALID_OPCODE);
	}
}

int scsi_emulate(const u8 *cdb, const struct scsi_lu *lu, const u32 *luns,
		 unsigned int nr_luns, u8 *buf, unsigned int len,
		 struct scsi_sense *sense)
{
	struct scsi_out o;

	scsi_out_init(&o, buf, len);
	if (emulate(cdb, lu, luns, nr_luns, &o, sense))
		return -SCSI_STATUS_CHECK_CONDITION;
	return o.pos;
}
