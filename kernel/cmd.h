/* SPDX-License-Identifier: GPL-2.0 */
#ifndef IET_CMD_H
#define IET_CMD_H

#include <linux/list.h>
#include <linux/llist.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include "iscsi_proto.h"
#include "scsi.h"

struct iet_conn;
struct iet_lun;
struct bio_vec;
struct page;
struct kvec;

/*
 * A SCSI command from its PDU to its response. The rx thread owns it while
 * it gathers Data-Out; a worker owns it while it executes, the
 * connection's tx work (tx.c) while it responds.
 */
struct iet_cmd {
	struct list_head list;		/* in conn->cmds */
	struct iet_conn *conn;
	struct iet_lun *lun;		/* a reference, or NULL: no such LUN */
	struct work_struct work;
	struct llist_node tx_node;	/* in conn->tx_list once done */

	u32 itt;
	u32 cmd_sn;
	u32 edtl;			/* expected data transfer length */
	u8 flags;			/* R, W of the PDU */
	bool immediate;
	u8 lun_raw[8];
	u8 cdb[16];

	struct scsi_req req;
	u8 status;
	struct scsi_sense sense;
	struct scsi_sense ua;		/* the UA a REQUEST SENSE reports */
	bool ua_data;			/* ua is REQUEST SENSE's answer */

	/* The data: pages for I/O, or one flat buffer for emulation. */
	struct page **pages;
	unsigned int nr_pages;
	struct page *inline_pages[16];	/* pages of up to 64 KiB */
	void *flat;
	u32 len;			/* bytes that move on the wire */

	/* Data-Out bookkeeping (rx thread only). */
	u32 received;
	u32 r2t_offset;			/* next offset to ask for */
	u32 r2t_sn;
	u32 r2ts_out;
	u32 ttt;
	u32 data_sn;			/* expected next, per sequence */
	bool unsolicited;		/* unsolicited Data-Out may still come */
	bool executing;			/* handed to a worker */
	bool aborted;			/* by task management: no response */
	bool responded;			/* its response is on its way */
	bool windowed;			/* holds a place in the CmdSN window */
	bool submitted;			/* its I/O started without a worker */
	int io_err;			/* how that I/O ended */
	/* Its place in the LU's task set (taskset.c). */
	struct list_head ts_entry;
	bool ts_member;			/* in lun->ts */
	bool ts_ready;			/* has its data, wants to run */
	bool ts_started;		/* handed to a worker */
	bool abort_counted;		/* in lun->aborting (iet_ts_abort) */
	u32 want;			/* bytes the command would move: residuals */
};

#define IET_MAX_IO	(8U << 20)	/* the largest transfer of one command */
/*
 * The most bytes one WRITE SAME covers: no more than a transfer, as
 * libiscsi writes a WRITE SAME's whole range before unmapping it.
 */
#define IET_MAX_WS	IET_MAX_IO
#define IET_MAX_CAW_BLOCKS	255	/* COMPARE AND WRITE: the CDB's most */

/* SPC-4 D.2: what a command that cannot get memory ends with. */
#define IET_ASC_INSUFFICIENT_RESOURCES	0x5503

struct iet_cmd *iet_cmd_alloc(struct iet_conn *conn);
void iet_cmd_free(struct iet_cmd *cmd);
void iet_cmd_queue(struct iet_cmd *cmd);
void iet_cmd_run(struct iet_cmd *cmd);
void iet_cmd_io_done(struct iet_cmd *cmd, int err);
void iet_cmd_finish(struct iet_cmd *cmd);
void iet_cmd_prepare(struct iet_cmd *cmd);
void iet_cmd_sbc(struct iet_cmd *cmd);
u32 iet_lun_number(const u8 *l);
const struct scsi_lu *iet_cmd_lu(struct iet_cmd *cmd, struct scsi_lu *lu);
void iet_cmd_lu_state(struct iet_cmd *cmd);	/* SCSI_K_LU_STATE: cmd_spc.c */
struct iet_cmd *iet_cmd_find(struct iet_conn *conn, u32 itt);
unsigned int iet_cmd_kvec(struct iet_cmd *cmd, u32 off, u32 len,
			  struct kvec *vec, unsigned int max);
u32 iet_cmd_bvec(struct iet_cmd *cmd, u32 off, u32 len, struct bio_vec *bv,
		 unsigned int max, unsigned int *nr);

bool iet_cmd_abort(struct iet_conn *conn, u32 itt, const u8 *lun_raw);
void iet_cmd_drop_pending(struct iet_conn *conn);
void iet_cmd_reap(struct iet_conn *conn);
void iet_cmd_wait_all(struct iet_conn *conn);
void iet_cmd_window_release(struct iet_cmd *cmd);
bool iet_cmd_claim_response(struct iet_cmd *cmd);
int iet_cmd_init(void);
void iet_cmd_exit(void);

#endif /* IET_CMD_H */
