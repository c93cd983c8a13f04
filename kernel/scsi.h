/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SCSI emulation of a direct-access block device (SPC-4, SBC-3): how a CDB
 * is read, and the answers the target gives without touching the store.
 * Pure logic (see pure.h): no allocation, callers pass every buffer.
 *
 * Every command goes through scsi_decode() first. Then, by req->kind:
 *   SCSI_K_EMULATE  call scsi_emulate(), even when data_len is 0: it checks
 *                   the fields scsi_decode() left to it (page codes...);
 *   SCSI_K_NONE     answer GOOD;
 *   SCSI_K_READ, _WRITE, _VERIFY, _SYNC  move or flush the blocks.
 * A NULL lu stands for a LUN the target does not have: INQUIRY, REPORT
 * LUNS and REQUEST SENSE still answer there, as SPC-4 says for an
 * incorrect logical unit; everything else is LOGICAL UNIT NOT SUPPORTED.
 */
#ifndef IET_SCSI_H
#define IET_SCSI_H

#include "pure.h"

/* SAM-5 status codes */
#define SCSI_STATUS_GOOD			0x00
#define SCSI_STATUS_CHECK_CONDITION		0x02
#define SCSI_STATUS_CONDITION_MET		0x04
#define SCSI_STATUS_BUSY			0x08
#define SCSI_STATUS_RESERVATION_CONFLICT	0x18
#define SCSI_STATUS_TASK_SET_FULL		0x28
#define SCSI_STATUS_ACA_ACTIVE			0x30
#define SCSI_STATUS_TASK_ABORTED		0x40

/* SPC-4 sense keys */
#define SCSI_SENSE_NO_SENSE			0x00
#define SCSI_SENSE_RECOVERED_ERROR		0x01
#define SCSI_SENSE_NOT_READY			0x02
#define SCSI_SENSE_MEDIUM_ERROR			0x03
#define SCSI_SENSE_HARDWARE_ERROR		0x04
#define SCSI_SENSE_ILLEGAL_REQUEST		0x05
#define SCSI_SENSE_UNIT_ATTENTION		0x06
#define SCSI_SENSE_DATA_PROTECT			0x07
#define SCSI_SENSE_ABORTED_COMMAND		0x0b
#define SCSI_SENSE_MISCOMPARE			0x0e

/* SPC-4 additional sense code and qualifier, as ASC << 8 | ASCQ */
#define SCSI_ASC_NO_ADDITIONAL_SENSE		0x0000
#define SCSI_ASC_WRITE_ERROR			0x0c00
#define SCSI_ASC_UNRECOVERED_READ_ERROR		0x1100
#define SCSI_ASC_MISCOMPARE_DURING_VERIFY	0x1d00
#define SCSI_ASC_INVALID_OPCODE			0x2000
#define SCSI_ASC_LBA_OUT_OF_RANGE		0x2100
#define SCSI_ASC_INVALID_FIELD_IN_CDB		0x2400
#define SCSI_ASC_LU_NOT_SUPPORTED		0x2500
#define SCSI_ASC_INVALID_FIELD_IN_PARAM_LIST	0x2600
#define SCSI_ASC_WRITE_PROTECTED		0x2700
#define SCSI_ASC_POWER_ON_RESET			0x2900
#define SCSI_ASC_CAPACITY_CHANGED		0x2a09
#define SCSI_ASC_REPORTED_LUNS_CHANGED		0x3f0e
#define SCSI_ASC_INTERNAL_TARGET_FAILURE	0x4400

/* SPC-4 and SBC-3 operation codes the emulation knows */
#define SCSI_OP_TEST_UNIT_READY			0x00
#define SCSI_OP_REQUEST_SENSE			0x03
#define SCSI_OP_READ_6				0x08
#define SCSI_OP_WRITE_6				0x0a
#define SCSI_OP_INQUIRY				0x12
#define SCSI_OP_MODE_SENSE_6			0x1a
#define SCSI_OP_START_STOP_UNIT			0x1b
#define SCSI_OP_READ_CAPACITY_10		0x25
#define SCSI_OP_READ_10				0x28
#define SCSI_OP_WRITE_10			0x2a
#define SCSI_OP_VERIFY_10			0x2f
#define SCSI_OP_SYNCHRONIZE_CACHE_10		0x35
#define SCSI_OP_MODE_SENSE_10			0x5a
#define SCSI_OP_READ_16				0x88
#define SCSI_OP_WRITE_16			0x8a
#define SCSI_OP_VERIFY_16			0x8f
#define SCSI_OP_SYNCHRONIZE_CACHE_16		0x91
#define SCSI_OP_SERVICE_ACTION_IN_16		0x9e
#define SCSI_OP_REPORT_LUNS			0xa0
#define SCSI_OP_READ_12				0xa8
#define SCSI_OP_WRITE_12			0xaa
#define SCSI_OP_VERIFY_12			0xaf

#define SCSI_SAI_READ_CAPACITY_16		0x10

#define SCSI_SENSE_FIXED_LEN			18
#define SCSI_SENSE_DESC_LEN			8

/* The longest ScsiId and ScsiSN used; longer ones are cut. */
#define SCSI_ID_MAX				32
#define SCSI_SN_MAX				64

struct scsi_lu {		/* what the emulation knows of a logical unit */
	u64 blocks;		/* size in logical blocks */
	u32 blocksize;		/* 512, 1024, 2048 or 4096 */
	bool ro;		/* write protected */
	bool wce;		/* volatile write cache in front of the store */
	const char *scsi_id;	/* ScsiId= or "" (NULL counts as "") */
	const char *scsi_sn;	/* ScsiSN= or "" (NULL counts as "") */
	const char *target_name;
	u32 tid, lun;
	u16 tpgt;		/* target portal group tag; 0 counts as 1 */
	u32 max_xfer_blocks;	/* Block Limits VPD; 0: no limit */
	u32 opt_xfer_blocks;	/* Block Limits VPD; 0: not reported */
	u16 opt_gran_blocks;	/* Block Limits VPD; 0: not reported */
	u16 rotation_rate;	/* VPD B1h: 0 not reported, 1 non-rotating */
	bool can_compare;	/* the data path does VERIFY with BYTCHK=1 */
};

struct scsi_sense {
	u8 key, asc, ascq;
};

enum scsi_kind {
	SCSI_K_EMULATE,		/* scsi_emulate() builds the data-in */
	SCSI_K_NONE,		/* nothing to do: GOOD */
	SCSI_K_READ,
	SCSI_K_WRITE,
	SCSI_K_VERIFY,		/* if compare: check data-out against store */
	SCSI_K_SYNC,		/* write the volatile cache back */
};

struct scsi_req {
	enum scsi_kind kind;
	u64 lba;		/* READ/WRITE/VERIFY/SYNC */
	u32 nblocks;		/* 0: no transfer (SYNC: 0 means to the end) */
	bool fua;		/* force unit access */
	bool compare;		/* VERIFY: data_len bytes come to compare */
	u32 data_len;		/* nblocks * blocksize, or allocation length */
	bool data_in, data_out;	/* the command's direction, even if 0 bytes */
};

/*
 * Reads a CDB. 0: req is filled. SCSI_STATUS_CHECK_CONDITION: sense says
 * why. cdb_len is what the initiator sent (16 for a plain iSCSI CDB).
 */
int scsi_decode(const u8 *cdb, unsigned int cdb_len, const struct scsi_lu *lu,
		struct scsi_req *req, struct scsi_sense *sense);

/*
 * For SCSI_K_EMULATE: writes the response, up to len bytes of it (buf may
 * be NULL when len is 0), and returns its full length; the caller cuts it
 * to the allocation length and the expected transfer length. Or returns
 * -SCSI_STATUS_CHECK_CONDITION with sense set. luns lists the target's
 * LUNs for REPORT LUNS.
 */
int scsi_emulate(const u8 *cdb, const struct scsi_lu *lu, const u32 *luns,
		 unsigned int nr_luns, u8 *buf, unsigned int len,
		 struct scsi_sense *sense);

/* Sense data, up to len bytes of it; each returns its full length. */
unsigned int scsi_sense_fixed(u8 *buf, unsigned int len,
			      const struct scsi_sense *s);
unsigned int scsi_sense_desc(u8 *buf, unsigned int len,
			     const struct scsi_sense *s);

/* Sets sense; returns SCSI_STATUS_CHECK_CONDITION. */
int scsi_fail(struct scsi_sense *s, u8 key, u16 asc_ascq);

/*
 * Between the emulation's files. A response is written through a
 * scsi_out: bytes past len are counted, not stored, so a builder writes
 * its whole answer and pos ends as its full length.
 */
struct scsi_out {
	u8 *buf;
	unsigned int len;
	unsigned int pos;
};

void scsi_out_init(struct scsi_out *o, u8 *buf, unsigned int len);
void scsi_out_mem(struct scsi_out *o, const void *src, unsigned int n);
void scsi_out_fill(struct scsi_out *o, u8 c, unsigned int n);
void scsi_out_u8(struct scsi_out *o, u8 v);
void scsi_out_be16(struct scsi_out *o, u16 v);
void scsi_out_be32(struct scsi_out *o, u32 v);
void scsi_out_be64(struct scsi_out *o, u64 v);
void scsi_out_str(struct scsi_out *o, const char *s, unsigned int width);
void scsi_out_set_u8(struct scsi_out *o, unsigned int at, u8 v);
void scsi_out_set_be16(struct scsi_out *o, unsigned int at, u16 v);

/* Each returns 0 or SCSI_STATUS_CHECK_CONDITION with sense set. */
int scsi_em_inquiry(const u8 *cdb, const struct scsi_lu *lu,
		    struct scsi_out *o, struct scsi_sense *s);
int scsi_em_vpd(u8 page, const struct scsi_lu *lu, struct scsi_out *o,
		struct scsi_sense *s);
int scsi_em_mode_sense(const u8 *cdb, const struct scsi_lu *lu,
		       struct scsi_out *o, struct scsi_sense *s);
int scsi_em_read_capacity10(const u8 *cdb, const struct scsi_lu *lu,
			    struct scsi_out *o, struct scsi_sense *s);
int scsi_em_read_capacity16(const u8 *cdb, const struct scsi_lu *lu,
			    struct scsi_out *o, struct scsi_sense *s);

#endif /* IET_SCSI_H */
