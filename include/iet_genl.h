/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The generic netlink interface between ietd and iscsi_trgt.ko.
 *
 * Every command needs CAP_NET_ADMIN. Attributes are validated strictly:
 * an attribute the kernel does not know is an error, not something to skip,
 * so a newer ietd talking to an older module fails loudly. IET_GENL_VERSION
 * changes whenever a command or attribute changes meaning.
 */
#ifndef _UAPI_IET_GENL_H
#define _UAPI_IET_GENL_H

#define IET_GENL_NAME		"iet"
#define IET_GENL_VERSION	3

/* The release; dkms.conf carries the same string. */
#define IET_VERSION		"0.1.0"

#define IET_NAME_MAX		223	/* RFC 7143 4.2.7.1: iSCSI names */
#define IET_SCSI_ID_MAX		16	/* ScsiId= */
#define IET_SCSI_SN_MAX		16	/* ScsiSN= */
#define IET_LUN_MAX		16383	/* Lun 0..16383, as IET */

enum iet_genl_cmd {
	IET_CMD_UNSPEC,
	IET_CMD_GET_VERSION,	/* reply: VERSION, PROTOCOL */
	IET_CMD_NEW_TARGET,	/* TID (0: next free), TARGET_NAME, [params]; reply: TID */
	IET_CMD_DEL_TARGET,	/* TID, [FORCE]: EBUSY while it has sessions */
	IET_CMD_SET_TARGET,	/* TID, params */
	IET_CMD_GET_TARGET,	/* doit: TID; dumpit: all. TID, TARGET_NAME, params */
	IET_CMD_NEW_LUN,	/* TID, LUN, LUN_TYPE, [LUN_PATH], ...; see below */
	IET_CMD_DEL_LUN,	/* TID, LUN, [FORCE]: EBUSY while the target
				 * has sessions */
	IET_CMD_GET_LUN,	/* dumpit, [TID] filter: every IET_A_LUN_* */
	/*
	 * A logged-in connection: TID, SID, CID, INITIATOR_NAME, FD (the
	 * socket, in the sender's fd table), STAT_SN (for the first response
	 * after login), EXP_CMD_SN, SESSION_PARAMS. Creates the session when
	 * SID is new. The kernel takes its own reference to the socket.
	 */
	IET_CMD_NEW_CONN,
	IET_CMD_DEL_CONN,	/* TID, SID, CID */
	IET_CMD_DEL_SESSION,	/* TID, SID: ends every connection */
	IET_CMD_GET_SESSION,	/* dumpit, [TID]: TID, SID, INITIATOR_NAME,
				 * SESSION_PARAMS, a CONN nest per connection */
	__IET_CMD_MAX,
};
#define IET_CMD_MAX (__IET_CMD_MAX - 1)

enum iet_attr {
	IET_A_UNSPEC,
	IET_A_PAD,
	IET_A_VERSION,		/* string: IET_VERSION of the module */
	IET_A_PROTOCOL,		/* u32: IET_GENL_VERSION of the module */
	IET_A_TID,		/* u32 */
	IET_A_TARGET_NAME,	/* string, at most IET_NAME_MAX bytes */
	IET_A_WTHREADS,		/* u32, 1..128, default 8 */
	IET_A_QUEUED_CMDS,	/* u32, 1..256, default 32 */
	IET_A_NOP_INTERVAL,	/* u32 seconds, 0..90, default 0 */
	IET_A_NOP_TIMEOUT,	/* u32 seconds, 0..90, default 0 */
	IET_A_LUN,		/* u32, 0..IET_LUN_MAX */
	IET_A_LUN_TYPE,		/* u8, enum iet_lun_type */
	IET_A_LUN_PATH,		/* string: blockio and fileio only */
	IET_A_LUN_IOMODE,	/* u8, enum iet_iomode; default wt */
	IET_A_LUN_BLOCKSIZE,	/* u32: 512, 1024, 2048 or 4096 */
	IET_A_LUN_BLOCKS,	/* u64: nullio size in blocks; reply: size */
	IET_A_LUN_SCSI_ID,	/* string, at most IET_SCSI_ID_MAX bytes */
	IET_A_LUN_SCSI_SN,	/* string, at most IET_SCSI_SN_MAX bytes */
	IET_A_LUN_STATE,	/* u8, reply only: enum iet_lun_state */
	IET_A_SID,		/* u64: TSIH << 48 | ISID, as /proc shows it */
	IET_A_CID,		/* u32, 0..65535 */
	IET_A_INITIATOR_NAME,	/* string, at most IET_NAME_MAX bytes */
	IET_A_FD,		/* u32: a connected TCP socket */
	IET_A_STAT_SN,		/* u32 */
	IET_A_EXP_CMD_SN,	/* u32 */
	IET_A_SESSION_PARAMS,	/* nest of enum iet_session_param, u32 each */
	IET_A_CONN,		/* nest, reply only: CID, CONN_* */
	IET_A_CONN_ADDR,	/* string, reply only: the peer, as /proc shows it */
	IET_A_CONN_STATE,	/* u8, reply only: enum iet_conn_state */
	/* u32, reply only: header and data digest errors the connection read */
	IET_A_CONN_DIGEST_ERRORS,
	/*
	 * u32, NEW_LUN: a directory (an fd in the sender's table) where the
	 * LUN's persistent reservations are kept for APTPL; without it,
	 * APTPL is refused.
	 */
	IET_A_LUN_PR_DIR,
	/*
	 * flag, DEL_TARGET and DEL_LUN: delete under sessions. A target's
	 * sessions end first, each once its running commands are done; a
	 * LUN goes once the commands using it are done, and the sessions
	 * stay, told by a unit attention (REPORTED LUNS DATA HAS CHANGED).
	 */
	IET_A_FORCE,
	__IET_A_MAX,
};
#define IET_A_MAX (__IET_A_MAX - 1)

enum iet_lun_type {
	IET_LUN_FILEIO,
	IET_LUN_BLOCKIO,
	IET_LUN_NULLIO,
	__IET_LUN_TYPE_MAX,
};

/* The order IET printed them in: ro wins over wb, wb over wt. */
enum iet_iomode {
	IET_IOMODE_WT,
	IET_IOMODE_WB,
	IET_IOMODE_RO,
	__IET_IOMODE_MAX,
};

/*
 * The negotiated session keys, in IET's order (ietadm --op show --sid).
 * Booleans are 0/1; digests are enum iet_digest.
 */
enum iet_session_param {
	IET_P_UNSPEC,
	IET_P_INITIAL_R2T,
	IET_P_IMMEDIATE_DATA,
	IET_P_MAX_CONNECTIONS,
	IET_P_MAX_RECV_DSL,	/* what the target receives */
	IET_P_MAX_XMIT_DSL,	/* what the target sends: the initiator's MRDSL */
	IET_P_MAX_BURST,
	IET_P_FIRST_BURST,
	IET_P_TIME2WAIT,
	IET_P_TIME2RETAIN,
	IET_P_MAX_R2T,
	IET_P_DATA_PDU_IN_ORDER,
	IET_P_DATA_SEQ_IN_ORDER,
	IET_P_ERL,
	IET_P_HEADER_DIGEST,
	IET_P_DATA_DIGEST,
	__IET_P_MAX,
};
#define IET_P_MAX (__IET_P_MAX - 1)

enum iet_digest {
	IET_DIGEST_NONE,
	IET_DIGEST_CRC32C,
};

enum iet_conn_state {
	IET_CONN_ACTIVE,
	IET_CONN_CLOSING,
};

enum iet_lun_state {
	IET_LUN_RUNNING,
	IET_LUN_DELETING,
};

#endif /* _UAPI_IET_GENL_H */
