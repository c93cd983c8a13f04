// SPDX-License-Identifier: GPL-2.0
/*
 * COMPARE AND WRITE, ORWRITE and PRE-FETCH of SBC-3 as CDBs, and the
 * miscompare that COMPARE AND WRITE and VERIFY report: which byte
 * differed first.
 */
#include "scsi.h"

/*
 * COMPARE AND WRITE of SBC-3 5.3: nblocks to compare, then nblocks to
 * write, both in the data-out. WRPROTECT must be 0; DPO is a hint; FUA
 * makes the write reach the medium. 0 blocks is no work, not an error,
 * but the data path still holds the data-out to that (none): the CDB's
 * count is one byte, and 256 blocks sent with a 0 there are refused.
 */
/*
 * What COMPARE AND WRITE and ORWRITE share: a data path that reads back,
 * no protection field, the LBA, FUA, and a data-out of kind.
 */
static int decode_read_back(const u8 *cdb, const struct scsi_lu *lu,
			    enum scsi_kind kind, struct scsi_req *req,
			    struct scsi_sense *s)
{
	if (!lu->max_caw_blocks)
		return scsi_fail(s, SCSI_SENSE_ILLEGAL_REQUEST,
				 SCSI_ASC_INVALID_OPCODE);
	if (cdb[1] >> 5)
		return scsi_invalid_cdb(s);
	req->lba = get_be64(cdb + 2);
	req->fua = cdb[1] & 0x08;
	req->kind = kind;
	req->data_out = true;
	return 0;
}

static int write_protected(struct scsi_sense *s)
{
	return scsi_fail(s, SCSI_SENSE_DATA_PROTECT, SCSI_ASC_WRITE_PROTECTED);
}

int scsi_decode_caw(const u8 *cdb, const struct scsi_lu *lu,
		    struct scsi_req *req, struct scsi_sense *s)
{
	if (decode_read_back(cdb, lu, SCSI_K_CAW, req, s))
		return SCSI_STATUS_CHECK_CONDITION;
	req->nblocks = cdb[13];
	req->data_len = 2 * req->nblocks * lu->blocksize;
	if (req->nblocks > lu->max_caw_blocks)
		return scsi_invalid_cdb(s);
	if (scsi_beyond_end(lu, req->lba, req->nblocks ? req->nblocks : 1))
		return scsi_lba_out_of_range(s);
	return lu->ro ? write_protected(s) : 0;
}

/*
 * PRE-FETCH (10, 16) of SBC-3 5.9, 5.10. The stores have no cache of the
 * target's own to load, so the answer is GOOD, which SBC-3 gives when the
 * blocks do not (all) go to a cache; IMMED changes nothing. 0 blocks
 * means up to the last LBA.
 */
int scsi_decode_prefetch(const u8 *cdb, const struct scsi_lu *lu,
			 struct scsi_req *req, struct scsi_sense *s)
{
	u32 n;

	if (cdb[0] == SCSI_OP_PRE_FETCH_16) {
		req->lba = get_be64(cdb + 2);
		n = get_be32(cdb + 10);
	} else {
		req->lba = get_be32(cdb + 2);
		n = get_be16(cdb + 7);
	}
	req->kind = SCSI_K_NONE;
	if (scsi_beyond_end(lu, req->lba, n ? n : 1))
		return scsi_lba_out_of_range(s);
	return 0;
}

/*
 * ORWRITE (16) of SBC-3 5.12: like WRITE (16), its blocks ORed into what
 * the medium holds, which the data path does as COMPARE AND WRITE does
 * its compare, with every other write of the LUN held off. ORPROTECT must
 * be 0; FUA as in WRITE. Only on a data path that can read back (the same
 * that does COMPARE AND WRITE).
 */
int scsi_decode_orwrite(const u8 *cdb, const struct scsi_lu *lu,
			struct scsi_req *req, struct scsi_sense *s)
{
	u64 bytes;

	if (decode_read_back(cdb, lu, SCSI_K_ORWRITE, req, s))
		return SCSI_STATUS_CHECK_CONDITION;
	req->nblocks = get_be32(cdb + 10);
	bytes = (u64)req->nblocks * lu->blocksize;
	if ((lu->max_xfer_blocks && req->nblocks > lu->max_xfer_blocks) ||
	    bytes > 0xffffffffu)
		return scsi_invalid_cdb(s);
	req->data_len = bytes;
	if (scsi_beyond_end(lu, req->lba, req->nblocks))
		return scsi_lba_out_of_range(s);
	return lu->ro ? write_protected(s) : 0;
}

u32 scsi_first_diff(const u8 *a, const u8 *b, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			break;
	return i;
}

/*
 * SBC-3 5.3, 5.33: MISCOMPARE, MISCOMPARE DURING VERIFY OPERATION, and in
 * INFORMATION the offset of the first differing byte in the compared data.
 */
int scsi_miscompare(struct scsi_sense *s, u32 offset)
{
	scsi_fail(s, SCSI_SENSE_MISCOMPARE, SCSI_ASC_MISCOMPARE_DURING_VERIFY);
	s->info_valid = true;
	s->info = offset;
	return SCSI_STATUS_CHECK_CONDITION;
}
