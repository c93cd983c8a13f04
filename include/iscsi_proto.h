/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * iSCSI wire formats (RFC 7143) that ietd and the module both speak: the
 * 48-byte Basic Header Segment of each PDU, opcodes, flags and status
 * codes. Multi-byte fields are big-endian on the wire.
 */
#ifndef _UAPI_ISCSI_PROTO_H
#define _UAPI_ISCSI_PROTO_H

#include <linux/types.h>

#define ISCSI_PORT		3260
#define ISCSI_BHS_LEN		48
#define ISCSI_DIGEST_LEN	4
#define ISCSI_PAD(len)		(((len) + 3) & ~3U)
#define ISCSI_RSVD_TAG		0xffffffffU

/* Opcodes, byte 0 bits 0-5; bit 6 of an initiator opcode is Immediate. */
#define ISCSI_OP_IMMEDIATE	0x40
#define ISCSI_OPCODE_MASK	0x3f

enum iscsi_opcode {
	ISCSI_OP_NOP_OUT	= 0x00,
	ISCSI_OP_SCSI_CMD	= 0x01,
	ISCSI_OP_TMF_REQ	= 0x02,
	ISCSI_OP_LOGIN_REQ	= 0x03,
	ISCSI_OP_TEXT_REQ	= 0x04,
	ISCSI_OP_DATA_OUT	= 0x05,
	ISCSI_OP_LOGOUT_REQ	= 0x06,
	ISCSI_OP_SNACK		= 0x10,
	ISCSI_OP_NOP_IN		= 0x20,
	ISCSI_OP_SCSI_RSP	= 0x21,
	ISCSI_OP_TMF_RSP	= 0x22,
	ISCSI_OP_LOGIN_RSP	= 0x23,
	ISCSI_OP_TEXT_RSP	= 0x24,
	ISCSI_OP_DATA_IN	= 0x25,
	ISCSI_OP_LOGOUT_RSP	= 0x26,
	ISCSI_OP_R2T		= 0x31,
	ISCSI_OP_ASYNC		= 0x32,
	ISCSI_OP_REJECT		= 0x3f,
};

/* Byte 1 flags. */
#define ISCSI_FLAG_FINAL	0x80
#define ISCSI_FLAG_CONTINUE	0x40	/* text and login */
#define ISCSI_FLAG_TRANSIT	0x80	/* login */

/* The fields every BHS shares. */
struct iscsi_bhs {
	__u8 opcode;
	__u8 flags;
	__u8 rsvd2[2];
	__u8 ahslen;		/* in 4-byte words */
	__u8 dlength[3];	/* data segment length, 24-bit */
	__u8 lun[8];
	__be32 itt;
	__u8 other[28];
};

/* Login Request (0x03) and Login Response (0x23), RFC 7143 11.12-13. */
struct iscsi_login_req {
	__u8 opcode;
	__u8 flags;		/* T, C, CSG (bits 2-3), NSG (bits 0-1) */
	__u8 max_version;
	__u8 min_version;
	__u8 ahslen;
	__u8 dlength[3];
	__u8 isid[6];
	__be16 tsih;
	__be32 itt;
	__be16 cid;
	__be16 rsvd22;
	__be32 cmdsn;
	__be32 exp_statsn;
	__u8 rsvd32[16];
};

struct iscsi_login_rsp {
	__u8 opcode;
	__u8 flags;
	__u8 max_version;
	__u8 active_version;
	__u8 ahslen;
	__u8 dlength[3];
	__u8 isid[6];
	__be16 tsih;
	__be32 itt;
	__be32 rsvd20;
	__be32 statsn;
	__be32 exp_cmdsn;
	__be32 max_cmdsn;
	__u8 status_class;
	__u8 status_detail;
	__u8 rsvd38[10];
};

#define ISCSI_LOGIN_CSG(flags)	(((flags) >> 2) & 3)
#define ISCSI_LOGIN_NSG(flags)	((flags) & 3)
#define ISCSI_DRAFT20_VERSION	0x00

enum iscsi_login_stage {
	ISCSI_SECURITY_NEGOTIATION = 0,
	ISCSI_OP_PARMS_NEGOTIATION = 1,
	ISCSI_FULL_FEATURE_PHASE = 3,
};

/* Login status classes and details, RFC 7143 11.13.5. */
#define ISCSI_STATUS_CLS_SUCCESS		0x00
#define ISCSI_STATUS_CLS_REDIRECT		0x01
#define ISCSI_STATUS_CLS_INITIATOR_ERR		0x02
#define ISCSI_STATUS_CLS_TARGET_ERR		0x03

#define ISCSI_LOGIN_STATUS_TGT_MOVED_TEMP	0x01
#define ISCSI_LOGIN_STATUS_TGT_MOVED_PERM	0x02
#define ISCSI_LOGIN_STATUS_INIT_ERR		0x00
#define ISCSI_LOGIN_STATUS_AUTH_FAILED		0x01
#define ISCSI_LOGIN_STATUS_TGT_FORBIDDEN	0x02
#define ISCSI_LOGIN_STATUS_TGT_NOT_FOUND	0x03
#define ISCSI_LOGIN_STATUS_TGT_REMOVED		0x04
#define ISCSI_LOGIN_STATUS_NO_VERSION		0x05
#define ISCSI_LOGIN_STATUS_ISID_ERROR		0x06
#define ISCSI_LOGIN_STATUS_MISSING_FIELDS	0x07
#define ISCSI_LOGIN_STATUS_CONN_ADD_FAILED	0x08
#define ISCSI_LOGIN_STATUS_NO_SESSION_TYPE	0x09
#define ISCSI_LOGIN_STATUS_NO_SESSION		0x0a
#define ISCSI_LOGIN_STATUS_INVALID_REQUEST	0x0b
#define ISCSI_LOGIN_STATUS_TARGET_ERROR		0x00
#define ISCSI_LOGIN_STATUS_SVC_UNAVAILABLE	0x01
#define ISCSI_LOGIN_STATUS_NO_RESOURCES		0x02

/* Text Request (0x04) and Text Response (0x24). */
struct iscsi_text {
	__u8 opcode;
	__u8 flags;		/* F, C */
	__u8 rsvd2[2];
	__u8 ahslen;
	__u8 dlength[3];
	__u8 lun[8];
	__be32 itt;
	__be32 ttt;
	__be32 cmdsn_statsn;	/* CmdSN in a request, StatSN in a response */
	__be32 expstatsn_expcmdsn;
	__be32 max_cmdsn;	/* response only */
	__u8 rsvd36[12];
};

/* Logout Request (0x06) and Response (0x26). */
struct iscsi_logout_req {
	__u8 opcode;
	__u8 flags;		/* F, reason code in bits 0-6 */
	__u8 rsvd2[2];
	__u8 ahslen;
	__u8 dlength[3];
	__u8 rsvd8[8];
	__be32 itt;
	__be16 cid;
	__u8 rsvd22[2];
	__be32 cmdsn;
	__be32 exp_statsn;
	__u8 rsvd32[16];
};

#define ISCSI_LOGOUT_REASON_MASK	0x7f
#define ISCSI_LOGOUT_CLOSE_SESSION	0
#define ISCSI_LOGOUT_CLOSE_CONNECTION	1
#define ISCSI_LOGOUT_RECOVERY		2

/* Logout Response codes, RFC 7143 11.15.1. */
#define ISCSI_LOGOUT_SUCCESS		0
#define ISCSI_LOGOUT_CID_NOT_FOUND	1
#define ISCSI_LOGOUT_NO_RECOVERY	2
#define ISCSI_LOGOUT_CLEANUP_FAILED	3

struct iscsi_logout_rsp {
	__u8 opcode;
	__u8 flags;
	__u8 response;
	__u8 rsvd3;
	__u8 ahslen;
	__u8 dlength[3];
	__u8 rsvd8[8];
	__be32 itt;
	__be32 rsvd20;
	__be32 statsn;
	__be32 exp_cmdsn;
	__be32 max_cmdsn;
	__be32 rsvd36;
	__be16 time2wait;
	__be16 time2retain;
	__be32 rsvd44;
};

/* Reject (0x3f); the rejected header follows as data. */
struct iscsi_reject {
	__u8 opcode;
	__u8 flags;
	__u8 reason;
	__u8 rsvd3;
	__u8 ahslen;
	__u8 dlength[3];
	__u8 rsvd8[8];
	__be32 ffffffff;
	__be32 rsvd20;
	__be32 statsn;
	__be32 exp_cmdsn;
	__be32 max_cmdsn;
	__be32 datasn_r2tsn;
	__u8 rsvd40[8];
};

#define ISCSI_REASON_DATA_DIGEST_ERROR	0x02
#define ISCSI_REASON_PROTOCOL_ERROR	0x04
#define ISCSI_REASON_CMD_NOT_SUPPORTED	0x05
#define ISCSI_REASON_IMM_CMD_REJECT	0x06
#define ISCSI_REASON_TASK_IN_PROGRESS	0x07
#define ISCSI_REASON_INVALID_DATA_ACK	0x08
#define ISCSI_REASON_BOOKMARK_INVALID	0x09
#define ISCSI_REASON_INVALID_PDU_FIELD	0x09	/* RFC 7143's name */
#define ISCSI_REASON_WAITING_FOR_LOGOUT	0x0b
#define ISCSI_REASON_NEGOTIATION_RESET	0x0c

/* SCSI Command (0x01), RFC 7143 11.3. */
struct iscsi_scsi_cmd {
	__u8 opcode;
	__u8 flags;		/* F, R, W, ATTR (bits 0-2) */
	__u8 rsvd2[2];
	__u8 ahslen;
	__u8 dlength[3];
	__u8 lun[8];
	__be32 itt;
	__be32 exp_xfer_len;
	__be32 cmdsn;
	__be32 exp_statsn;
	__u8 cdb[16];
};

#define ISCSI_CMD_READ		0x40
#define ISCSI_CMD_WRITE		0x20
#define ISCSI_CMD_ATTR_MASK	0x07

/* SCSI Response (0x21), RFC 7143 11.4. */
struct iscsi_scsi_rsp {
	__u8 opcode;
	__u8 flags;		/* 1, o, u, O, U */
	__u8 response;
	__u8 status;
	__u8 ahslen;
	__u8 dlength[3];
	__u8 rsvd8[8];
	__be32 itt;
	__be32 snack_tag;
	__be32 statsn;
	__be32 exp_cmdsn;
	__be32 max_cmdsn;
	__be32 exp_datasn;
	__be32 bi_residual;
	__be32 residual;
};

#define ISCSI_FLAG_OVERFLOW	0x04	/* O in SCSI Response and Data-In */
#define ISCSI_FLAG_UNDERFLOW	0x02	/* U */
#define ISCSI_FLAG_DATA_STATUS	0x01	/* S in Data-In */
#define ISCSI_FLAG_DATA_ACK	0x40	/* A in Data-In */

#define ISCSI_RESPONSE_COMPLETED	0x00
#define ISCSI_RESPONSE_TARGET_FAILURE	0x01

/* SCSI Data-Out (0x05) and Data-In (0x25), RFC 7143 11.7-8. */
struct iscsi_data {
	__u8 opcode;
	__u8 flags;		/* F; Data-In: A, O, U, S */
	__u8 rsvd2;
	__u8 status;		/* Data-In with S */
	__u8 ahslen;
	__u8 dlength[3];
	__u8 lun[8];
	__be32 itt;
	__be32 ttt;
	__be32 statsn;		/* Data-Out: ExpStatSN */
	__be32 exp_cmdsn;	/* Data-Out: reserved */
	__be32 max_cmdsn;	/* Data-Out: reserved */
	__be32 datasn;
	__be32 offset;
	__be32 residual;	/* Data-In only */
};

/* Ready To Transfer (0x31), RFC 7143 11.8. */
struct iscsi_r2t {
	__u8 opcode;
	__u8 flags;
	__u8 rsvd2[2];
	__u8 ahslen;
	__u8 dlength[3];
	__u8 lun[8];
	__be32 itt;
	__be32 ttt;
	__be32 statsn;
	__be32 exp_cmdsn;
	__be32 max_cmdsn;
	__be32 r2tsn;
	__be32 offset;
	__be32 length;
};

/* NOP-Out (0x00) and NOP-In (0x20), RFC 7143 11.18-19. */
struct iscsi_nop {
	__u8 opcode;
	__u8 flags;
	__u8 rsvd2[2];
	__u8 ahslen;
	__u8 dlength[3];
	__u8 lun[8];
	__be32 itt;
	__be32 ttt;
	__be32 cmdsn_statsn;	/* NOP-Out: CmdSN; NOP-In: StatSN */
	__be32 expstatsn_expcmdsn;
	__be32 max_cmdsn;	/* NOP-In only */
	__u8 rsvd36[12];
};

/* Task Management Function Request (0x02) and Response (0x22). */
struct iscsi_tmf_req {
	__u8 opcode;
	__u8 function;		/* F bit and the function in bits 0-6 */
	__u8 rsvd2[2];
	__u8 ahslen;
	__u8 dlength[3];
	__u8 lun[8];
	__be32 itt;
	__be32 rtt;
	__be32 cmdsn;
	__be32 exp_statsn;
	__be32 refcmdsn;
	__be32 exp_datasn;
	__u8 rsvd40[8];
};

struct iscsi_tmf_rsp {
	__u8 opcode;
	__u8 flags;
	__u8 response;
	__u8 rsvd3;
	__u8 ahslen;
	__u8 dlength[3];
	__u8 rsvd8[8];
	__be32 itt;
	__be32 rsvd20;
	__be32 statsn;
	__be32 exp_cmdsn;
	__be32 max_cmdsn;
	__u8 rsvd36[12];
};

#define ISCSI_TMF_FUNC_MASK		0x7f
#define ISCSI_TMF_ABORT_TASK		1
#define ISCSI_TMF_ABORT_TASK_SET	2
#define ISCSI_TMF_CLEAR_ACA		3
#define ISCSI_TMF_CLEAR_TASK_SET	4
#define ISCSI_TMF_LUN_RESET		5
#define ISCSI_TMF_TARGET_WARM_RESET	6
#define ISCSI_TMF_TARGET_COLD_RESET	7
#define ISCSI_TMF_TASK_REASSIGN		8

#define ISCSI_TMF_RSP_COMPLETE		0x00
#define ISCSI_TMF_RSP_NO_TASK		0x01
#define ISCSI_TMF_RSP_NO_LUN		0x02
#define ISCSI_TMF_RSP_TASK_ALLEGIANT	0x03
#define ISCSI_TMF_RSP_NO_FAILOVER	0x04
#define ISCSI_TMF_RSP_NOT_SUPPORTED	0x05
#define ISCSI_TMF_RSP_AUTH_FAILED	0x06
#define ISCSI_TMF_RSP_REJECTED		0xff

static inline __u32 iscsi_dlength(const __u8 d[3])
{
	return (__u32)d[0] << 16 | (__u32)d[1] << 8 | d[2];
}

static inline void iscsi_set_dlength(__u8 d[3], __u32 len)
{
	d[0] = len >> 16;
	d[1] = len >> 8;
	d[2] = len;
}

#endif /* _UAPI_ISCSI_PROTO_H */
