// SPDX-License-Identifier: GPL-2.0
/*
 * REPORT SUPPORTED OPERATION CODES (MAINTENANCE IN, service action 0Ch)
 * of SPC-4 6.35, from one table of the commands scsi_decode() accepts.
 * tests/unit/test_scsi_rsoc.c checks the table against the decoder for
 * every opcode and service action, so the two cannot drift apart.
 */
#include "scsi.h"

#define RSOC_RCTD		0x80	/* return command timeouts descriptor */
#define RSOC_OPTIONS		0x07

#define RSOC_ALL		0	/* reporting options */
#define RSOC_ONE		1	/* opcode without service actions */
#define RSOC_ONE_SA		2	/* opcode and service action */
#define RSOC_ONE_ANY		3	/* opcode, and service action if any */

#define DESC_CTDP		0x02	/* command descriptor flags */
#define DESC_SERVACTV		0x01
#define ONE_CTDP		0x80	/* one_command parameter data, byte 1 */
#define SUPPORT_NO		0x01	/* not supported */
#define SUPPORT_YES		0x03	/* supported as the standard says */

#define TIMEOUTS_LEN		12	/* the command timeouts descriptor */

/*
 * The CONTROL byte: NACA and LINK are checked (and refused), so both are
 * in use. In each mask, a bit set is a bit the device server reads.
 */
#define CTL			0x05

#define RW_6(op)	{ op, 0, false, 6, { op, 0x1f, 0xff, 0xff, 0xff, CTL }, 0 }
/* RDPROTECT/WRPROTECT (checked), DPO, FUA; the group number is ignored. */
#define RW_10(op)	{ op, 0, false, 10, { op, 0xf8, 0xff, 0xff, 0xff, \
			  0xff, 0x00, 0xff, 0xff, CTL }, 0 }
#define RW_12(op)	{ op, 0, false, 12, { op, 0xf8, 0xff, 0xff, 0xff, \
			  0xff, 0xff, 0xff, 0xff, 0xff, 0x00, CTL }, 0 }
#define RW_16(op)	{ op, 0, false, 16, { op, 0xf8, 0xff, 0xff, 0xff, \
			  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, \
			  0xff, 0x00, CTL }, 0 }

/* PERSISTENT RESERVE IN and OUT: a row for each service action. */
#define PRIN(sa)	{ SCSI_OP_PERSISTENT_RESERVE_IN, sa, true, 10, \
			  { SCSI_OP_PERSISTENT_RESERVE_IN, 0x1f, 0, 0, 0, 0, \
			    0, 0xff, 0xff, CTL }, 0 }
/* SCOPE and TYPE; the PARAMETER LIST LENGTH must be 24 */
#define PROUT(sa)	{ SCSI_OP_PERSISTENT_RESERVE_OUT, sa, true, 10, \
			  { SCSI_OP_PERSISTENT_RESERVE_OUT, 0x1f, 0xff, 0, 0, \
			    0xff, 0xff, 0xff, 0xff, CTL }, 0 }

/* In the order REPORTING OPTIONS 000b lists them: by opcode. */
static const struct scsi_opinfo scsi_ops[] = {
	{ SCSI_OP_TEST_UNIT_READY, 0, false, 6, { 0x00, 0, 0, 0, 0, CTL }, 0 },
	{ SCSI_OP_REQUEST_SENSE, 0, false, 6,
	  { SCSI_OP_REQUEST_SENSE, 0x01, 0, 0, 0xff, CTL }, 0 },
	RW_6(SCSI_OP_READ_6),
	RW_6(SCSI_OP_WRITE_6),
	{ SCSI_OP_INQUIRY, 0, false, 6,
	  { SCSI_OP_INQUIRY, 0x03, 0xff, 0xff, 0xff, CTL }, 0 },
	/* PF, and SP (refused) */
	{ SCSI_OP_MODE_SELECT_6, 0, false, 6,
	  { SCSI_OP_MODE_SELECT_6, 0x11, 0, 0, 0xff, CTL }, 0 },
	/* 3RDPTY, refused */
	{ SCSI_OP_RESERVE_6, 0, false, 6,
	  { SCSI_OP_RESERVE_6, 0x10, 0, 0, 0, CTL }, 0 },
	{ SCSI_OP_RELEASE_6, 0, false, 6,
	  { SCSI_OP_RELEASE_6, 0x10, 0, 0, 0, CTL }, 0 },
	{ SCSI_OP_MODE_SENSE_6, 0, false, 6,
	  { SCSI_OP_MODE_SENSE_6, 0x08, 0xff, 0xff, 0xff, CTL }, 0 },
	{ SCSI_OP_START_STOP_UNIT, 0, false, 6,
	  { SCSI_OP_START_STOP_UNIT, 0x01, 0, 0, 0xf7, CTL }, 0 },
	{ SCSI_OP_READ_CAPACITY_10, 0, false, 10,
	  { SCSI_OP_READ_CAPACITY_10, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0x01,
	    CTL }, 0 },
	RW_10(SCSI_OP_READ_10),
	RW_10(SCSI_OP_WRITE_10),
	/* WRPROTECT and DPO; BYTCHK is not read: FUA leaves nothing to check */
	{ SCSI_OP_WRITE_VERIFY_10, 0, false, 10,
	  { SCSI_OP_WRITE_VERIFY_10, 0xf0, 0xff, 0xff, 0xff, 0xff, 0, 0xff,
	    0xff, CTL }, 0 },
	/* VRPROTECT, DPO and BYTCHK */
	{ SCSI_OP_VERIFY_10, 0, false, 10,
	  { SCSI_OP_VERIFY_10, 0xf6, 0xff, 0xff, 0xff, 0xff, 0, 0xff, 0xff,
	    CTL }, 0 },
	{ SCSI_OP_PRE_FETCH_10, 0, false, 10,
	  { SCSI_OP_PRE_FETCH_10, 0x02, 0xff, 0xff, 0xff, 0xff, 0, 0xff, 0xff,
	    CTL }, 0 },
	/* IMMED is accepted: the flush ends before the status. */
	{ SCSI_OP_SYNCHRONIZE_CACHE_10, 0, false, 10,
	  { SCSI_OP_SYNCHRONIZE_CACHE_10, 0x02, 0xff, 0xff, 0xff, 0xff, 0,
	    0xff, 0xff, CTL }, 0 },
	/* WRPROTECT, ANCHOR, UNMAP, PBDATA, LBDATA (the last three refused) */
	{ SCSI_OP_WRITE_SAME_10, 0, false, 10,
	  { SCSI_OP_WRITE_SAME_10, 0xfe, 0xff, 0xff, 0xff, 0xff, 0, 0xff,
	    0xff, CTL }, SCSI_OPN_WRITE_SAME },
	{ SCSI_OP_UNMAP, 0, false, 10,
	  { SCSI_OP_UNMAP, 0x01, 0, 0, 0, 0, 0, 0xff, 0xff, CTL },
	  SCSI_OPN_UNMAP },
	{ SCSI_OP_MODE_SELECT_10, 0, false, 10,
	  { SCSI_OP_MODE_SELECT_10, 0x11, 0, 0, 0, 0, 0, 0xff, 0xff, CTL },
	  0 },
	{ SCSI_OP_RESERVE_10, 0, false, 10,
	  { SCSI_OP_RESERVE_10, 0x10, 0, 0, 0, 0, 0, 0, 0, CTL }, 0 },
	{ SCSI_OP_RELEASE_10, 0, false, 10,
	  { SCSI_OP_RELEASE_10, 0x10, 0, 0, 0, 0, 0, 0, 0, CTL }, 0 },
	{ SCSI_OP_MODE_SENSE_10, 0, false, 10,
	  { SCSI_OP_MODE_SENSE_10, 0x18, 0xff, 0xff, 0, 0, 0, 0xff, 0xff,
	    CTL }, 0 },
	PRIN(0),
	PRIN(1),
	PRIN(2),
	PRIN(3),
	PROUT(0),
	PROUT(1),
	PROUT(2),
	PROUT(3),
	PROUT(4),
	PROUT(5),
	PROUT(6),
	RW_16(SCSI_OP_READ_16),
	{ SCSI_OP_COMPARE_AND_WRITE, 0, false, 16,
	  { SCSI_OP_COMPARE_AND_WRITE, 0xf8, 0xff, 0xff, 0xff, 0xff, 0xff,
	    0xff, 0xff, 0xff, 0, 0, 0, 0xff, 0, CTL }, SCSI_OPN_CAW },
	RW_16(SCSI_OP_WRITE_16),
	{ SCSI_OP_ORWRITE_16, 0, false, 16,
	  { SCSI_OP_ORWRITE_16, 0xf8, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, CTL }, SCSI_OPN_CAW },
	{ SCSI_OP_WRITE_VERIFY_16, 0, false, 16,
	  { SCSI_OP_WRITE_VERIFY_16, 0xf0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, CTL }, 0 },
	{ SCSI_OP_VERIFY_16, 0, false, 16,
	  { SCSI_OP_VERIFY_16, 0xf6, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, CTL }, 0 },
	{ SCSI_OP_PRE_FETCH_16, 0, false, 16,
	  { SCSI_OP_PRE_FETCH_16, 0x02, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, CTL }, 0 },
	{ SCSI_OP_SYNCHRONIZE_CACHE_16, 0, false, 16,
	  { SCSI_OP_SYNCHRONIZE_CACHE_16, 0x02, 0xff, 0xff, 0xff, 0xff, 0xff,
	    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, CTL }, 0 },
	/* as WRITE SAME (10), and NDOB */
	{ SCSI_OP_WRITE_SAME_16, 0, false, 16,
	  { SCSI_OP_WRITE_SAME_16, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, CTL }, SCSI_OPN_WRITE_SAME },
	{ SCSI_OP_SERVICE_ACTION_IN_16, SCSI_SAI_READ_CAPACITY_16, true, 16,
	  { SCSI_OP_SERVICE_ACTION_IN_16, 0x1f, 0xff, 0xff, 0xff, 0xff, 0xff,
	    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, CTL }, 0 },
	{ SCSI_OP_SERVICE_ACTION_IN_16, SCSI_SAI_GET_LBA_STATUS, true, 16,
	  { SCSI_OP_SERVICE_ACTION_IN_16, 0x1f, 0xff, 0xff, 0xff, 0xff, 0xff,
	    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, CTL },
	  SCSI_OPN_UNMAP },
	{ SCSI_OP_REPORT_LUNS, 0, false, 12,
	  { SCSI_OP_REPORT_LUNS, 0, 0xff, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0,
	    CTL }, 0 },
	{ SCSI_OP_MAINTENANCE_IN, SCSI_MI_REPORT_SUPPORTED_OPCODES, true, 12,
	  { SCSI_OP_MAINTENANCE_IN, 0x1f, RSOC_RCTD | RSOC_OPTIONS, 0xff,
	    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, CTL }, 0 },
	RW_12(SCSI_OP_READ_12),
	RW_12(SCSI_OP_WRITE_12),
	{ SCSI_OP_WRITE_VERIFY_12, 0, false, 12,
	  { SCSI_OP_WRITE_VERIFY_12, 0xf0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	    0xff, 0xff, 0, CTL }, 0 },
	{ SCSI_OP_VERIFY_12, 0, false, 12,
	  { SCSI_OP_VERIFY_12, 0xf6, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	    0xff, 0xff, 0, CTL }, 0 },
};

static bool available(const struct scsi_opinfo *d, const struct scsi_lu *lu)
{
	return (!(d->needs & SCSI_OPN_UNMAP) || lu->can_unmap) &&
	       (!(d->needs & SCSI_OPN_WRITE_SAME) || lu->max_ws_blocks) &&
	       (!(d->needs & SCSI_OPN_CAW) || lu->max_caw_blocks);
}

const struct scsi_opinfo *scsi_opinfo_find(const struct scsi_lu *lu, u8 op,
					   u16 sa, bool *op_has_sa)
{
	const struct scsi_opinfo *d, *found = NULL;
	unsigned int i;

	*op_has_sa = false;
	for (i = 0; i < ARRAY_SIZE(scsi_ops); i++) {
		d = &scsi_ops[i];
		if (d->op != op)
			continue;
		*op_has_sa = d->has_sa;
		if ((!d->has_sa || d->sa == sa) && available(d, lu))
			found = d;
	}
	return found;
}

/*
 * The command timeouts descriptor: its length, and no nominal or
 * recommended timeout (0: not specified), as a virtual disk has none.
 */
static void put_timeouts(struct scsi_out *o)
{
	scsi_out_be16(o, TIMEOUTS_LEN - 2);
	scsi_out_fill(o, 0, TIMEOUTS_LEN - 2);
}

static void put_all(const struct scsi_lu *lu, bool rctd, struct scsi_out *o)
{
	const struct scsi_opinfo *d;
	unsigned int i;

	scsi_out_be32(o, 0);
	for (i = 0; i < ARRAY_SIZE(scsi_ops); i++) {
		d = &scsi_ops[i];
		if (!available(d, lu))
			continue;
		scsi_out_u8(o, d->op);
		scsi_out_u8(o, 0);
		scsi_out_be16(o, d->has_sa ? d->sa : 0);
		scsi_out_u8(o, 0);
		scsi_out_u8(o, (rctd ? DESC_CTDP : 0) |
			    (d->has_sa ? DESC_SERVACTV : 0));
		scsi_out_be16(o, d->len);
		if (rctd)
			put_timeouts(o);
	}
	/* COMMAND DATA LENGTH, what follows it: the table keeps it short. */
	scsi_out_set_be16(o, 2, o->pos - 4);
}

static void put_one(const struct scsi_opinfo *d, bool rctd,
		    struct scsi_out *o)
{
	scsi_out_u8(o, 0);
	if (!d) {
		scsi_out_u8(o, SUPPORT_NO);
		scsi_out_be16(o, 0);
		return;
	}
	scsi_out_u8(o, (rctd ? ONE_CTDP : 0) | SUPPORT_YES);
	scsi_out_be16(o, d->len);
	scsi_out_mem(o, d->usage, d->len);
	if (rctd)
		put_timeouts(o);
}

int scsi_em_rsoc(const u8 *cdb, const struct scsi_lu *lu, struct scsi_out *o,
		 struct scsi_sense *s)
{
	u8 options = cdb[2] & RSOC_OPTIONS, op = cdb[3];
	bool rctd = cdb[2] & RSOC_RCTD, has_sa;
	u16 sa = get_be16(cdb + 4);
	const struct scsi_opinfo *d = scsi_opinfo_find(lu, op, sa, &has_sa);

	/*
	 * SPC-4 table 291: options 001b and 010b must fit the opcode. The
	 * field pointer names REPORTING OPTIONS, so that a refusal is not
	 * taken for the command missing (libiscsi reads a bare INVALID
	 * FIELD IN CDB of MAINTENANCE IN so).
	 */
	if (options > RSOC_ONE_ANY || (options == RSOC_ONE && has_sa) ||
	    (options == RSOC_ONE_SA && !has_sa))
		return scsi_invalid_cdb_at(s, 2, 2);
	if (options == RSOC_ALL)
		put_all(lu, rctd, o);
	else
		put_one(d, rctd, o);
	return 0;
}
