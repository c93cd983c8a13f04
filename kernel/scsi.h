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
 *   SCSI_K_READ, _WRITE, _VERIFY, _SYNC  move or flush the blocks;
 *   SCSI_K_UNMAP, _WRITE_SAME, _LBA_STATUS, _CAW, _ORWRITE  the same, with
 *                   the helpers of scsi_thin.c and scsi_cmp.c.
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
#define SCSI_ASC_PARAM_LIST_LENGTH_ERROR	0x1a00
#define SCSI_ASC_UNRECOVERED_READ_ERROR		0x1100
#define SCSI_ASC_MISCOMPARE_DURING_VERIFY	0x1d00
#define SCSI_ASC_INVALID_OPCODE			0x2000
#define SCSI_ASC_LBA_OUT_OF_RANGE		0x2100
#define SCSI_ASC_INVALID_FIELD_IN_CDB		0x2400
#define SCSI_ASC_LU_NOT_SUPPORTED		0x2500
#define SCSI_ASC_INVALID_FIELD_IN_PARAM_LIST	0x2600
#define SCSI_ASC_WRITE_PROTECTED		0x2700
#define SCSI_ASC_POWER_ON_RESET			0x2900
#define SCSI_ASC_LU_RESET			0x2903
#define SCSI_ASC_MODE_CHANGED			0x2a01
#define SCSI_ASC_CAPACITY_CHANGED		0x2a09
#define SCSI_ASC_REPORTED_LUNS_CHANGED		0x3f0e
#define SCSI_ASC_INTERNAL_TARGET_FAILURE	0x4400

/* SPC-4 and SBC-3 operation codes the emulation knows */
#define SCSI_OP_TEST_UNIT_READY			0x00
#define SCSI_OP_REQUEST_SENSE			0x03
#define SCSI_OP_READ_6				0x08
#define SCSI_OP_WRITE_6				0x0a
#define SCSI_OP_INQUIRY				0x12
#define SCSI_OP_MODE_SELECT_6			0x15
#define SCSI_OP_RESERVE_6			0x16
#define SCSI_OP_RELEASE_6			0x17
#define SCSI_OP_MODE_SENSE_6			0x1a
#define SCSI_OP_START_STOP_UNIT			0x1b
#define SCSI_OP_READ_CAPACITY_10		0x25
#define SCSI_OP_READ_10				0x28
#define SCSI_OP_WRITE_10			0x2a
#define SCSI_OP_WRITE_VERIFY_10			0x2e
#define SCSI_OP_VERIFY_10			0x2f
#define SCSI_OP_PRE_FETCH_10			0x34
#define SCSI_OP_SYNCHRONIZE_CACHE_10		0x35
#define SCSI_OP_WRITE_SAME_10			0x41
#define SCSI_OP_UNMAP				0x42
#define SCSI_OP_MODE_SELECT_10			0x55
#define SCSI_OP_RESERVE_10			0x56
#define SCSI_OP_RELEASE_10			0x57
#define SCSI_OP_MODE_SENSE_10			0x5a
#define SCSI_OP_PERSISTENT_RESERVE_IN		0x5e
#define SCSI_OP_PERSISTENT_RESERVE_OUT		0x5f
#define SCSI_OP_READ_16				0x88
#define SCSI_OP_COMPARE_AND_WRITE		0x89
#define SCSI_OP_WRITE_16			0x8a
#define SCSI_OP_ORWRITE_16			0x8b
#define SCSI_OP_WRITE_VERIFY_16			0x8e
#define SCSI_OP_VERIFY_16			0x8f
#define SCSI_OP_PRE_FETCH_16			0x90
#define SCSI_OP_SYNCHRONIZE_CACHE_16		0x91
#define SCSI_OP_WRITE_SAME_16			0x93
#define SCSI_OP_SERVICE_ACTION_IN_16		0x9e
#define SCSI_OP_REPORT_LUNS			0xa0
#define SCSI_OP_MAINTENANCE_IN			0xa3
#define SCSI_OP_READ_12				0xa8
#define SCSI_OP_WRITE_12			0xaa
#define SCSI_OP_WRITE_VERIFY_12			0xae
#define SCSI_OP_VERIFY_12			0xaf

#define SCSI_SAI_READ_CAPACITY_16		0x10
#define SCSI_SAI_GET_LBA_STATUS			0x12
#define SCSI_MI_REPORT_SUPPORTED_OPCODES	0x0c

#define SCSI_SENSE_FIXED_LEN			18
#define SCSI_SENSE_DESC_LEN			8

/* The longest ScsiId and ScsiSN used; longer ones are cut. */
#define SCSI_ID_MAX				32
#define SCSI_SN_MAX				64

struct scsi_lu {		/* what the emulation knows of a logical unit */
	u64 blocks;		/* size in logical blocks */
	u32 blocksize;		/* 512, 1024, 2048 or 4096 */
	bool ro;		/* write protected: read-only store, or SWP */
	bool swp;		/* control mode page SWP, set by MODE SELECT */
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
	bool wce_changeable;	/* MODE SELECT may switch the write cache */
	/* Logical block provisioning (SBC-3 4.7), as the store allows. */
	bool can_unmap;		/* UNMAP and WRITE SAME's UNMAP deallocate */
	bool lbprz;		/* a deallocated block reads back as zeroes */
	u32 unmap_gran_blocks;	/* OPTIMAL UNMAP GRANULARITY; 0 not reported */
	u32 unmap_align_blocks;	/* UNMAP GRANULARITY ALIGNMENT */
	u32 max_ws_blocks;	/* WRITE SAME; 0: no WRITE SAME */
	u8 max_caw_blocks;	/* COMPARE AND WRITE; 0: not supported */
};

struct scsi_sense {
	u8 key, asc, ascq;
	bool info_valid;	/* INFORMATION holds info */
	u32 info;
	/* Sense-key specific field pointer (SPC-4 4.5.2.4.2) */
	bool sks_valid;
	bool sks_cdb;		/* in the CDB, else in the parameter list */
	u8 sks_bit;		/* 0-7; SCSI_SKS_NO_BIT: the whole byte */
	u16 sks_field;		/* byte offset */
};

#define SCSI_SKS_NO_BIT		8

enum scsi_kind {
	SCSI_K_EMULATE,		/* scsi_emulate() builds the data-in */
	SCSI_K_NONE,		/* nothing to do: GOOD */
	SCSI_K_READ,
	SCSI_K_WRITE,
	SCSI_K_VERIFY,		/* if compare: check data-out against store */
	SCSI_K_SYNC,		/* write the volatile cache back */
	SCSI_K_UNMAP,		/* data-out: an UNMAP parameter list */
	SCSI_K_WRITE_SAME,	/* one block (or none: NDOB) over the range */
	SCSI_K_LBA_STATUS,	/* GET LBA STATUS: data-in from the store */
	SCSI_K_CAW,		/* COMPARE AND WRITE: 2 * nblocks come */
	SCSI_K_ORWRITE,		/* ORWRITE: the store |= the data-out */
	SCSI_K_LU_STATE,	/* MODE SELECT, reservations: cmd_spc.c */
};

struct scsi_req {
	enum scsi_kind kind;
	u64 lba;		/* READ/WRITE/VERIFY/SYNC */
	u32 nblocks;		/* 0: no transfer (SYNC: 0 means to the end) */
	bool fua;		/* force unit access */
	bool compare;		/* VERIFY: data_len bytes come to compare */
	bool unmap;		/* WRITE SAME: may deallocate */
	bool ndob;		/* WRITE SAME: no data-out, write zeroes */
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

/* The refusals every decoder uses. */
static inline int scsi_invalid_cdb(struct scsi_sense *s)
{
	return scsi_fail(s, SCSI_SENSE_ILLEGAL_REQUEST,
			 SCSI_ASC_INVALID_FIELD_IN_CDB);
}

/* The same, pointing at the CDB's byte field and its bit (SPC-4 4.5.2.4.2). */
static inline int scsi_invalid_cdb_at(struct scsi_sense *s, u16 field, u8 bit)
{
	scsi_invalid_cdb(s);
	s->sks_valid = true;
	s->sks_cdb = true;
	s->sks_field = field;
	s->sks_bit = bit;
	return SCSI_STATUS_CHECK_CONDITION;
}

static inline int scsi_invalid_param(struct scsi_sense *s)
{
	return scsi_fail(s, SCSI_SENSE_ILLEGAL_REQUEST,
			 SCSI_ASC_INVALID_FIELD_IN_PARAM_LIST);
}

static inline int scsi_lba_out_of_range(struct scsi_sense *s)
{
	return scsi_fail(s, SCSI_SENSE_ILLEGAL_REQUEST,
			 SCSI_ASC_LBA_OUT_OF_RANGE);
}

/* SBC-3: the LBA must exist, and so must every block a command spans. */
bool scsi_beyond_end(const struct scsi_lu *lu, u64 lba, u64 n);

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
int scsi_em_rsoc(const u8 *cdb, const struct scsi_lu *lu, struct scsi_out *o,
		 struct scsi_sense *s);

/* PERSISTENT RESERVE IN and OUT, RESERVE and RELEASE (pr.c) */
int scsi_decode_reservation(const u8 *cdb, struct scsi_req *req,
			    struct scsi_sense *s);

/* What MODE SELECT may change: the values a parameter list asks for. */
struct scsi_mode_set {
	bool wce;		/* caching page: volatile write cache */
	bool swp;		/* control page: software write protect */
};

/*
 * MODE SELECT (6) and (10) (scsi_mode.c): the CDB, then the parameter
 * list of len bytes, checked whole before anything changes. 0 or
 * SCSI_STATUS_CHECK_CONDITION; *set is what the list asks for (the LU's
 * current values where it is silent).
 */
int scsi_decode_mode_select(const u8 *cdb, struct scsi_req *req,
			    struct scsi_sense *s);
int scsi_mode_select(const u8 *cdb, const struct scsi_lu *lu, const u8 *p,
		     u32 len, struct scsi_mode_set *set, struct scsi_sense *s);

/*
 * A command scsi_decode() accepts, as REPORT SUPPORTED OPERATION CODES
 * shows it: its CDB length and the CDB bits the device server reads.
 * Some need what only some stores can do (SCSI_OPN_*).
 */
struct scsi_opinfo {
	u8 op;
	u16 sa;			/* if has_sa */
	bool has_sa;
	u8 len;
	u8 usage[16];
	u8 needs;
};

#define SCSI_OPN_UNMAP		0x01	/* lu->can_unmap */
#define SCSI_OPN_WRITE_SAME	0x02	/* lu->max_ws_blocks */
#define SCSI_OPN_CAW		0x04	/* lu->max_caw_blocks */

/*
 * The entry of op, with sa if op has service actions, when lu supports
 * it; NULL otherwise. *op_has_sa: op has service actions.
 */
const struct scsi_opinfo *scsi_opinfo_find(const struct scsi_lu *lu, u8 op,
					   u16 sa, bool *op_has_sa);
bool scsi_op_supported(u8 op);

/*
 * Thin provisioning (scsi_thin.c) and compares (scsi_cmp.c): the decoders
 * scsi_decode() calls, and what the data path needs to finish the work.
 */
int scsi_decode_write_same(const u8 *cdb, const struct scsi_lu *lu,
			   struct scsi_req *req, struct scsi_sense *s);
int scsi_decode_unmap(const u8 *cdb, const struct scsi_lu *lu,
		      struct scsi_req *req, struct scsi_sense *s);
int scsi_decode_lba_status(const u8 *cdb, const struct scsi_lu *lu,
			   struct scsi_req *req, struct scsi_sense *s);
int scsi_decode_caw(const u8 *cdb, const struct scsi_lu *lu,
		    struct scsi_req *req, struct scsi_sense *s);
int scsi_decode_prefetch(const u8 *cdb, const struct scsi_lu *lu,
			 struct scsi_req *req, struct scsi_sense *s);
int scsi_decode_orwrite(const u8 *cdb, const struct scsi_lu *lu,
			struct scsi_req *req, struct scsi_sense *s);

/* The UNMAP block descriptors the data path may use, and their limits. */
#define SCSI_UNMAP_MAX_DESC		256
#define SCSI_UNMAP_MAX_LBAS		0xffffffffu	/* no limit */
#define SCSI_LBA_STATUS_MAX		4096	/* of data-in, at most */

struct scsi_extent {
	u64 lba;
	u32 nblocks;
};

/*
 * Checks an UNMAP parameter list of len bytes against lu; on success
 * returns the number of descriptors and fills ext with up to max of them
 * (those of 0 blocks left out), else -SCSI_STATUS_CHECK_CONDITION.
 */
int scsi_unmap_params(const u8 *p, u32 len, const struct scsi_lu *lu,
		      struct scsi_extent *ext, unsigned int max,
		      struct scsi_sense *s);

/* GET LBA STATUS parameter data: the header, then each descriptor. */
void scsi_lba_status_begin(struct scsi_out *o);
void scsi_lba_status_add(struct scsi_out *o, u64 lba, u32 nblocks,
			 bool mapped);
void scsi_lba_status_end(struct scsi_out *o);

/* Offset of the first byte where a and b differ; n if none does. */
u32 scsi_first_diff(const u8 *a, const u8 *b, u32 n);
/* MISCOMPARE with the offset of the first differing byte (SBC-3 5.3). */
int scsi_miscompare(struct scsi_sense *s, u32 offset);

#endif /* IET_SCSI_H */
