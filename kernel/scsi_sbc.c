// SPDX-License-Identifier: GPL-2.0
/*
 * READ CAPACITY (10) and (16) of SBC-3: the size of the LU as
 * its last LBA and the logical block length.
 */
#include "scsi.h"

#define RC_PMI			0x01	/* partial medium indicator */
#define RC16_LEN		32
#define RC16_LBPME		0x80	/* byte 14 */
#define RC16_LBPRZ		0x40

static u64 last_lba(const struct scsi_lu *lu)
{
	return lu->blocks ? lu->blocks - 1 : 0;
}

/*
 * A last LBA that 32 bits cannot hold reads FFFFFFFFh, which sends the
 * initiator to READ CAPACITY(16). Without PMI the LBA field must be 0;
 * with it, the answer is the same: the LU has no slow region to announce.
 */
int scsi_em_read_capacity10(const u8 *cdb, const struct scsi_lu *lu,
			    struct scsi_out *o, struct scsi_sense *s)
{
	u64 last = last_lba(lu);

	if (!(cdb[8] & RC_PMI) && get_be32(cdb + 2))
		return scsi_invalid_cdb(s);
	scsi_out_be32(o, last > 0xffffffffu ? 0xffffffffu : (u32)last);
	scsi_out_be32(o, lu->blocksize);
	return 0;
}

/*
 * SERVICE ACTION IN(16) / READ CAPACITY(16). No protection information
 * (PROT_EN 0), one logical block per physical block (LBPPBE 0), lowest
 * aligned LBA 0. LBPME when the store deallocates; LBPRZ when what it
 * deallocates reads back as zeroes.
 */
int scsi_em_read_capacity16(const u8 *cdb, const struct scsi_lu *lu,
			    struct scsi_out *o, struct scsi_sense *s)
{
	if ((cdb[1] & 0x1f) != SCSI_SAI_READ_CAPACITY_16)
		return scsi_invalid_cdb(s);
	if (!(cdb[14] & RC_PMI) && get_be64(cdb + 2))
		return scsi_invalid_cdb(s);
	scsi_out_be64(o, last_lba(lu));
	scsi_out_be32(o, lu->blocksize);
	scsi_out_be16(o, 0);		/* PROT_EN, P_TYPE, LBPPBE */
	scsi_out_u8(o, (lu->can_unmap ? RC16_LBPME : 0) |
		    (lu->can_unmap && lu->lbprz ? RC16_LBPRZ : 0));
	scsi_out_fill(o, 0, RC16_LEN - 15);
	return 0;
}
