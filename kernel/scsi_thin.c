// SPDX-License-Identifier: GPL-2.0
/*
 * Logical block provisioning (SBC-3 4.7): WRITE SAME (10, 16), UNMAP and
 * GET LBA STATUS as CDBs and parameter data. Whether a LU deallocates at
 * all is the store's to say (lu->can_unmap); this file only reads and
 * writes the bytes. The checks keep SBC-3's order: CDB fields, then the
 * LBA range, then write protection.
 */
#include "scsi.h"

#define WS_NDOB			0x01	/* WRITE SAME (16): no data-out */
#define WS_LBDATA		0x02	/* obsolete */
#define WS_PBDATA		0x04	/* obsolete */
#define WS_UNMAP		0x08
#define WS_ANCHOR		0x10
#define UNMAP_ANCHOR		0x01	/* UNMAP, byte 1 */

#define UNMAP_HDR_LEN		8u
#define UNMAP_DESC_LEN		16
#define LBA_STATUS_HDR_LEN	8

/* SBC-3 5.4: provisioning status of an LBA status descriptor */
#define LBA_MAPPED		0x0
#define LBA_DEALLOCATED		0x1

static int write_protected(struct scsi_sense *s)
{
	return scsi_fail(s, SCSI_SENSE_DATA_PROTECT, SCSI_ASC_WRITE_PROTECTED);
}

/*
 * WRITE SAME (10, 16) of SBC-3 5.42, 5.43. WRPROTECT must be 0 (no
 * protection information); LBDATA and PBDATA are obsolete. ANCHOR needs
 * ANC_SUP, which is 0. The Block Limits page sets WSNZ, so 0 blocks
 * (which would mean "to the last LBA") is refused once the LBA is known
 * to exist. A store that cannot deallocate ignores UNMAP and writes, which
 * SBC-3 allows. NDOB sends no block: the range becomes zeroes.
 */
int scsi_decode_write_same(const u8 *cdb, const struct scsi_lu *lu,
			   struct scsi_req *req, struct scsi_sense *s)
{
	bool sixteen = cdb[0] == SCSI_OP_WRITE_SAME_16;
	u8 flags = cdb[1];

	if (!lu->max_ws_blocks)
		return scsi_fail(s, SCSI_SENSE_ILLEGAL_REQUEST,
				 SCSI_ASC_INVALID_OPCODE);
	/* NDOB is reserved in WRITE SAME (10). */
	if (flags >> 5 || flags & (WS_LBDATA | WS_PBDATA | WS_ANCHOR) ||
	    (!sixteen && flags & WS_NDOB))
		return scsi_invalid_cdb(s);
	if (sixteen) {
		req->lba = get_be64(cdb + 2);
		req->nblocks = get_be32(cdb + 10);
	} else {
		req->lba = get_be32(cdb + 2);
		req->nblocks = get_be16(cdb + 7);
	}
	req->kind = SCSI_K_WRITE_SAME;
	req->unmap = (flags & WS_UNMAP) && lu->can_unmap;
	req->ndob = flags & WS_NDOB;
	req->data_out = !req->ndob;
	req->data_len = req->ndob ? 0 : lu->blocksize;
	if (req->lba >= lu->blocks)
		return scsi_lba_out_of_range(s);
	if (!req->nblocks || req->nblocks > lu->max_ws_blocks)
		return scsi_invalid_cdb(s);
	if (scsi_beyond_end(lu, req->lba, req->nblocks))
		return scsi_lba_out_of_range(s);
	if (lu->ro)
		return write_protected(s);
	return 0;
}

/*
 * UNMAP of SBC-3 5.28. The descriptors come as data-out and are checked
 * by scsi_unmap_params(); here only the CDB: ANCHOR (no ANC_SUP) and a
 * PARAMETER LIST LENGTH too short for the header. 0 bytes is no work.
 */
int scsi_decode_unmap(const u8 *cdb, const struct scsi_lu *lu,
		      struct scsi_req *req, struct scsi_sense *s)
{
	u16 len = get_be16(cdb + 7);

	if (!lu->can_unmap)
		return scsi_fail(s, SCSI_SENSE_ILLEGAL_REQUEST,
				 SCSI_ASC_INVALID_OPCODE);
	if (cdb[1] & UNMAP_ANCHOR)
		return scsi_invalid_cdb(s);
	req->kind = len ? SCSI_K_UNMAP : SCSI_K_NONE;
	req->data_out = true;
	req->data_len = len;
	if (len && len < UNMAP_HDR_LEN)
		return scsi_fail(s, SCSI_SENSE_ILLEGAL_REQUEST,
				 SCSI_ASC_PARAM_LIST_LENGTH_ERROR);
	if (lu->ro)
		return write_protected(s);
	return 0;
}

/*
 * SBC-3 5.28.2. The UNMAP DATA LENGTH and UNMAP BLOCK DESCRIPTOR DATA
 * LENGTH may claim less than was sent, never more; a block descriptor
 * data length that is not a multiple of 16 ends in a partial descriptor,
 * which is ignored. The counts are bounded by what the Block Limits page
 * reports, and every extent must lie inside the LU.
 */
int scsi_unmap_params(const u8 *p, u32 len, const struct scsi_lu *lu,
		      struct scsi_extent *ext, unsigned int max,
		      struct scsi_sense *s)
{
	unsigned int nr, i, used = 0;
	u64 total = 0, lba;
	u32 n;

	if (len < UNMAP_HDR_LEN)
		return -scsi_fail(s, SCSI_SENSE_ILLEGAL_REQUEST,
				  SCSI_ASC_PARAM_LIST_LENGTH_ERROR);
	if (get_be16(p) + 2u > len ||
	    get_be16(p + 2) + UNMAP_HDR_LEN > len)
		return -scsi_invalid_param(s);
	nr = get_be16(p + 2) / UNMAP_DESC_LEN;
	if (nr > SCSI_UNMAP_MAX_DESC)
		return -scsi_invalid_param(s);
	for (i = 0; i < nr; i++) {
		lba = get_be64(p + UNMAP_HDR_LEN + i * UNMAP_DESC_LEN);
		n = get_be32(p + UNMAP_HDR_LEN + i * UNMAP_DESC_LEN + 8);
		total += n;
		if (total > SCSI_UNMAP_MAX_LBAS)
			return -scsi_invalid_param(s);
		/* 0 blocks at the LBA just past the end is no error. */
		if (lba > lu->blocks || n > lu->blocks - lba)
			return -scsi_lba_out_of_range(s);
		if (n && used < max)
			ext[used++] = (struct scsi_extent){ lba, n };
	}
	return used;
}

/*
 * GET LBA STATUS of SBC-3 5.6 (SERVICE ACTION IN (16), 12h). The
 * allocation length bounds the answer; the data path reports no more than
 * SCSI_LBA_STATUS_MAX bytes of it, a whole number of descriptors.
 */
int scsi_decode_lba_status(const u8 *cdb, const struct scsi_lu *lu,
			   struct scsi_req *req, struct scsi_sense *s)
{
	u32 alloc = get_be32(cdb + 10);

	if (!lu->can_unmap)
		return scsi_invalid_cdb(s);
	req->kind = SCSI_K_LBA_STATUS;
	req->data_in = true;
	req->lba = get_be64(cdb + 2);
	req->data_len = alloc < SCSI_LBA_STATUS_MAX ? alloc :
			SCSI_LBA_STATUS_MAX;
	if (req->lba >= lu->blocks)
		return scsi_lba_out_of_range(s);
	return 0;
}

void scsi_lba_status_begin(struct scsi_out *o)
{
	scsi_out_be32(o, 0);		/* PARAMETER DATA LENGTH, set at end */
	scsi_out_be32(o, 0);
}

void scsi_lba_status_add(struct scsi_out *o, u64 lba, u32 nblocks,
			 bool mapped)
{
	scsi_out_be64(o, lba);
	scsi_out_be32(o, nblocks);
	scsi_out_u8(o, mapped ? LBA_MAPPED : LBA_DEALLOCATED);
	scsi_out_fill(o, 0, 3);
}

/* The length counts the bytes after the field itself. */
void scsi_lba_status_end(struct scsi_out *o)
{
	u8 b[4];
	unsigned int i;

	put_be32(b, o->pos - 4);
	for (i = 0; i < 4; i++)
		scsi_out_set_u8(o, i, b[i]);
}
