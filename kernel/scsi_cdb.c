// SPDX-License-Identifier: GPL-2.0
/*
 * Reading a CDB: which command, which blocks, how many bytes which way.
 * Block commands are checked here in the order SBC-3 implies: CDB fields,
 * then the transfer length, then the LBA range, then write protection,
 * so an initiator learns of a malformed command before of the medium.
 */
#include "scsi.h"

#define CONTROL_NACA		0x04	/* SAM-5: normal ACA */
#define CONTROL_LINK		0x01	/* linked commands, gone since SAM-5 */

#define SSU_LOEJ		0x02	/* START STOP UNIT, byte 4 */
#define SSU_START		0x01
#define SSU_NO_FLUSH		0x04

#define RW_FUA			0x08	/* READ/WRITE (10, 12, 16), byte 1 */

bool scsi_beyond_end(const struct scsi_lu *lu, u64 lba, u64 n)
{
	return lba >= lu->blocks || n > lu->blocks - lba;
}

/* SPC-4: the group code, the top three opcode bits, sets the CDB size. */
static unsigned int cdb_size(u8 op)
{
	switch (op >> 5) {
	case 0:
		return 6;
	case 1:
	case 2:
		return 10;
	case 4:
		return 16;
	case 5:
		return 12;
	default:		/* variable length, reserved, vendor specific */
		return 0;
	}
}

/* Commands a LUN the target does not have still answers. */
static bool lu_independent(u8 op)
{
	return op == SCSI_OP_INQUIRY || op == SCSI_OP_REPORT_LUNS ||
	       op == SCSI_OP_REQUEST_SENSE;
}

/* The LBA and transfer length, wherever the CDB's size keeps them. */
static void block_fields(const u8 *cdb, u64 *lba, u32 *n)
{
	switch (cdb_size(cdb[0])) {
	case 6:			/* 21-bit LBA; 0 blocks means 256 */
		*lba = get_be32(cdb) & 0x1fffff;
		*n = cdb[4] ? cdb[4] : 256;
		break;
	case 10:
		*lba = get_be32(cdb + 2);
		*n = get_be16(cdb + 7);
		break;
	case 12:
		*lba = get_be32(cdb + 2);
		*n = get_be32(cdb + 6);
		break;
	default:
		*lba = get_be64(cdb + 2);
		*n = get_be32(cdb + 10);
		break;
	}
}

/*
 * The bytes a transfer of n blocks moves. It must fit the limit the Block
 * Limits VPD page reports (SBC-3 6.5.3) and the 32 bits of an iSCSI
 * expected data transfer length.
 */
static int transfer_len(const struct scsi_lu *lu, u32 n, struct scsi_req *req,
			struct scsi_sense *s)
{
	u64 bytes = (u64)n * lu->blocksize;

	if ((lu->max_xfer_blocks && n > lu->max_xfer_blocks) ||
	    bytes > 0xffffffffu)
		return scsi_invalid_cdb(s);
	req->data_len = bytes;
	return 0;
}

/*
 * READ and WRITE (6, 10, 12, 16). The 6-byte forms have no flags; the
 * others carry RDPROTECT/WRPROTECT, which must be 0 as the LU has no
 * protection information (INQUIRY PROTECT=0), and FUA. DPO only hints at
 * cache retention: accepted and ignored, as MODE SENSE's DPOFUA promises.
 */
static int decode_rw(const u8 *cdb, const struct scsi_lu *lu,
		     struct scsi_req *req, struct scsi_sense *s, bool write)
{
	u32 n;

	if (cdb_size(cdb[0]) != 6) {
		if (cdb[1] >> 5)
			return scsi_invalid_cdb(s);
		req->fua = cdb[1] & RW_FUA;
	}
	block_fields(cdb, &req->lba, &n);
	req->nblocks = n;
	req->kind = write ? SCSI_K_WRITE : SCSI_K_READ;
	req->data_in = !write;
	req->data_out = write;
	if (transfer_len(lu, n, req, s))
		return SCSI_STATUS_CHECK_CONDITION;
	if (scsi_beyond_end(lu, req->lba, n))
		return scsi_lba_out_of_range(s);
	if (write && lu->ro)
		return scsi_fail(s, SCSI_SENSE_DATA_PROTECT,
				 SCSI_ASC_WRITE_PROTECTED);
	return 0;
}

/*
 * VERIFY (10, 12, 16) of SBC-3. VRPROTECT must be 0. BYTCHK 00b only
 * checks the range; 01b sends the blocks to compare, which only a data
 * path that can compare takes; 10b is reserved and 11b (one block to
 * compare with each) is not supported.
 */
static int decode_verify(const u8 *cdb, const struct scsi_lu *lu,
			 struct scsi_req *req, struct scsi_sense *s)
{
	u8 bytchk = (cdb[1] >> 1) & 0x03;
	u32 n;

	if (cdb[1] >> 5 || bytchk > 1 || (bytchk && !lu->can_compare))
		return scsi_invalid_cdb(s);
	block_fields(cdb, &req->lba, &n);
	req->nblocks = n;
	req->kind = SCSI_K_VERIFY;
	if (bytchk) {
		req->compare = true;
		req->data_out = true;
		if (transfer_len(lu, n, req, s))
			return SCSI_STATUS_CHECK_CONDITION;
	}
	if (scsi_beyond_end(lu, req->lba, n))
		return scsi_lba_out_of_range(s);
	return 0;
}

/*
 * SYNCHRONIZE CACHE (10, 16) of SBC-3: 0 blocks means up to the end.
 * IMMED asks for status before the flush ends; flushing first is allowed.
 */
static int decode_sync(const u8 *cdb, const struct scsi_lu *lu,
		       struct scsi_req *req, struct scsi_sense *s)
{
	u32 n;

	block_fields(cdb, &req->lba, &n);
	req->nblocks = n;
	req->kind = SCSI_K_SYNC;
	if (scsi_beyond_end(lu, req->lba, n ? n : 1))
		return scsi_lba_out_of_range(s);
	return 0;
}

/*
 * START STOP UNIT of SBC-3. A power condition other than START_VALID
 * (0h) is accepted and ignored: the LU has no power states. The medium is
 * not removable, so LOEJ has nothing to load or eject. A stop without
 * NO_FLUSH must write the cache back first, which is a SYNC of all blocks.
 */
static int decode_start_stop(const u8 *cdb, struct scsi_req *req,
			     struct scsi_sense *s)
{
	req->kind = SCSI_K_NONE;
	if (cdb[4] >> 4)
		return 0;
	if (cdb[4] & SSU_LOEJ)
		return scsi_invalid_cdb(s);
	if (!(cdb[4] & (SSU_START | SSU_NO_FLUSH)))
		req->kind = SCSI_K_SYNC;
	return 0;
}

/*
 * WRITE AND VERIFY (10, 12, 16) of SBC-3: a write whose blocks must be on
 * the medium when it ends, which FUA gives; the verify of what was just
 * written then has nothing to find. Byte 1 bit 3 is reserved here, not FUA.
 */
static int decode_write_verify(const u8 *cdb, const struct scsi_lu *lu,
			       struct scsi_req *req, struct scsi_sense *s)
{
	int ret = decode_rw(cdb, lu, req, s, true);

	req->fua = true;
	return ret;
}

/* Commands scsi_emulate() answers: the allocation length bounds data-in. */
static int decode_emulated(const u8 *cdb, struct scsi_req *req,
			   struct scsi_sense *s)
{
	req->kind = SCSI_K_EMULATE;
	req->data_in = true;
	switch (cdb[0]) {
	case SCSI_OP_INQUIRY:
		req->data_len = get_be16(cdb + 3);
		break;
	case SCSI_OP_REQUEST_SENSE:
	case SCSI_OP_MODE_SENSE_6:
		req->data_len = cdb[4];
		break;
	case SCSI_OP_MODE_SENSE_10:
		req->data_len = get_be16(cdb + 7);
		break;
	case SCSI_OP_READ_CAPACITY_10:
		req->data_len = 8;
		break;
	case SCSI_OP_SERVICE_ACTION_IN_16:
		if ((cdb[1] & 0x1f) != SCSI_SAI_READ_CAPACITY_16)
			return scsi_invalid_cdb(s);
		req->data_len = get_be32(cdb + 10);
		break;
	case SCSI_OP_MAINTENANCE_IN:
		if ((cdb[1] & 0x1f) != SCSI_MI_REPORT_SUPPORTED_OPCODES)
			return scsi_invalid_cdb(s);
		req->data_len = get_be32(cdb + 6);
		break;
	default:		/* REPORT LUNS */
		req->data_len = get_be32(cdb + 6);
		break;
	}
	return 0;
}

/* What a supported opcode is; DEC_UNKNOWN: INVALID COMMAND OPERATION CODE. */
enum decoder {
	DEC_UNKNOWN,
	DEC_NONE,
	DEC_START_STOP,
	DEC_READ,
	DEC_WRITE,
	DEC_VERIFY,
	DEC_SYNC,
	DEC_EMULATED,
	DEC_MODE_SELECT,
	DEC_RESERVATION,
	DEC_WRITE_VERIFY,
	DEC_WRITE_SAME,
	DEC_UNMAP,
	DEC_CAW,
	DEC_PREFETCH,
	DEC_ORWRITE,
};

static enum decoder decoder(u8 op)
{
	switch (op) {
	case SCSI_OP_TEST_UNIT_READY:
		return DEC_NONE;
	case SCSI_OP_START_STOP_UNIT:
		return DEC_START_STOP;
	case SCSI_OP_READ_6:
	case SCSI_OP_READ_10:
	case SCSI_OP_READ_12:
	case SCSI_OP_READ_16:
		return DEC_READ;
	case SCSI_OP_WRITE_6:
	case SCSI_OP_WRITE_10:
	case SCSI_OP_WRITE_12:
	case SCSI_OP_WRITE_16:
		return DEC_WRITE;
	case SCSI_OP_VERIFY_10:
	case SCSI_OP_VERIFY_12:
	case SCSI_OP_VERIFY_16:
		return DEC_VERIFY;
	case SCSI_OP_SYNCHRONIZE_CACHE_10:
	case SCSI_OP_SYNCHRONIZE_CACHE_16:
		return DEC_SYNC;
	case SCSI_OP_WRITE_VERIFY_10:
	case SCSI_OP_WRITE_VERIFY_12:
	case SCSI_OP_WRITE_VERIFY_16:
		return DEC_WRITE_VERIFY;
	case SCSI_OP_WRITE_SAME_10:
	case SCSI_OP_WRITE_SAME_16:
		return DEC_WRITE_SAME;
	case SCSI_OP_UNMAP:
		return DEC_UNMAP;
	case SCSI_OP_COMPARE_AND_WRITE:
		return DEC_CAW;
	case SCSI_OP_PRE_FETCH_10:
	case SCSI_OP_PRE_FETCH_16:
		return DEC_PREFETCH;
	case SCSI_OP_ORWRITE_16:
		return DEC_ORWRITE;
	case SCSI_OP_INQUIRY:
	case SCSI_OP_REQUEST_SENSE:
	case SCSI_OP_MODE_SENSE_6:
	case SCSI_OP_MODE_SENSE_10:
	case SCSI_OP_READ_CAPACITY_10:
	case SCSI_OP_SERVICE_ACTION_IN_16:
	case SCSI_OP_REPORT_LUNS:
	case SCSI_OP_MAINTENANCE_IN:
		return DEC_EMULATED;
	case SCSI_OP_MODE_SELECT_6:
	case SCSI_OP_MODE_SELECT_10:
		return DEC_MODE_SELECT;
	case SCSI_OP_PERSISTENT_RESERVE_IN:
	case SCSI_OP_PERSISTENT_RESERVE_OUT:
	case SCSI_OP_RESERVE_6:
	case SCSI_OP_RELEASE_6:
	case SCSI_OP_RESERVE_10:
	case SCSI_OP_RELEASE_10:
		return DEC_RESERVATION;
	default:
		return DEC_UNKNOWN;
	}
}

/* For the test that holds scsi_rsoc.c's table to the decoder. */
bool scsi_op_supported(u8 op)
{
	return decoder(op) != DEC_UNKNOWN;
}

static int decode_op(enum decoder dec, const u8 *cdb,
		     const struct scsi_lu *lu, struct scsi_req *req,
		     struct scsi_sense *s)
{
	switch (dec) {
	case DEC_START_STOP:
		return decode_start_stop(cdb, req, s);
	case DEC_READ:
		return decode_rw(cdb, lu, req, s, false);
	case DEC_WRITE:
		return decode_rw(cdb, lu, req, s, true);
	case DEC_VERIFY:
		return decode_verify(cdb, lu, req, s);
	case DEC_SYNC:
		return decode_sync(cdb, lu, req, s);
	case DEC_MODE_SELECT:
		return scsi_decode_mode_select(cdb, req, s);
	case DEC_RESERVATION:
		return scsi_decode_reservation(cdb, req, s);
	case DEC_EMULATED:
		/* GET LBA STATUS shares READ CAPACITY (16)'s opcode. */
		if (cdb[0] == SCSI_OP_SERVICE_ACTION_IN_16 &&
		    (cdb[1] & 0x1f) == SCSI_SAI_GET_LBA_STATUS)
			return scsi_decode_lba_status(cdb, lu, req, s);
		return decode_emulated(cdb, req, s);
	case DEC_WRITE_VERIFY:
		return decode_write_verify(cdb, lu, req, s);
	case DEC_WRITE_SAME:
		return scsi_decode_write_same(cdb, lu, req, s);
	case DEC_UNMAP:
		return scsi_decode_unmap(cdb, lu, req, s);
	case DEC_CAW:
		return scsi_decode_caw(cdb, lu, req, s);
	case DEC_PREFETCH:
		return scsi_decode_prefetch(cdb, lu, req, s);
	case DEC_ORWRITE:
		return scsi_decode_orwrite(cdb, lu, req, s);
	default:
		req->kind = SCSI_K_NONE;
		return 0;
	}
}

/*
 * The checks every command shares, in SPC-4's order: the LUN exists (or
 * the command needs none), the opcode is supported, the CDB is whole and
 * its CONTROL byte asks for nothing unsupported.
 */
int scsi_decode(const u8 *cdb, unsigned int cdb_len, const struct scsi_lu *lu,
		struct scsi_req *req, struct scsi_sense *sense)
{
	enum decoder dec;
	unsigned int size;

	memset(req, 0, sizeof(*req));
	if (!cdb_len)
		return scsi_fail(sense, SCSI_SENSE_ILLEGAL_REQUEST,
				 SCSI_ASC_INVALID_OPCODE);
	if (!lu && !lu_independent(cdb[0]))
		return scsi_fail(sense, SCSI_SENSE_ILLEGAL_REQUEST,
				 SCSI_ASC_LU_NOT_SUPPORTED);
	dec = decoder(cdb[0]);
	if (dec == DEC_UNKNOWN)
		return scsi_fail(sense, SCSI_SENSE_ILLEGAL_REQUEST,
				 SCSI_ASC_INVALID_OPCODE);
	size = cdb_size(cdb[0]);
	if (cdb_len < size)
		return scsi_invalid_cdb(sense);
	/* SAM-5: NACA is not supported, and linked commands are gone. */
	if (cdb[size - 1] & (CONTROL_NACA | CONTROL_LINK))
		return scsi_invalid_cdb(sense);
	return decode_op(dec, cdb, lu, req, sense);
}
