// SPDX-License-Identifier: GPL-2.0
/*
 * SCSI commands: decoding against their LUN, buffers, execution in a
 * worker, and task management's view of them.
 */
#include <linux/bvec.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/uio.h>
#include "cmd.h"
#include "iscsi.h"
#include "lun.h"
#include "pr_state.h"
#include "session.h"
#include "target.h"
#include "taskset.h"
#include "tx.h"
#include "ua_state.h"

static struct workqueue_struct *iet_wq;
/*
 * The hot allocation has a cache of its own: /proc/slabinfo then counts
 * the commands alive, and unloading with one left is reported.
 */
static struct kmem_cache *iet_cmd_cache;

int iet_cmd_init(void)
{
	iet_cmd_cache = KMEM_CACHE(iet_cmd, 0);
	if (!iet_cmd_cache)
		return -ENOMEM;
	/* Unbound: blocking I/O in one command must not hold up others. */
	iet_wq = alloc_workqueue("iet", WQ_UNBOUND | WQ_MEM_RECLAIM, 0);
	if (!iet_wq)
		goto err_cache;
	if (iet_tx_init())
		goto err_wq;
	return 0;

err_wq:
	destroy_workqueue(iet_wq);
err_cache:
	kmem_cache_destroy(iet_cmd_cache);
	return -ENOMEM;
}

void iet_cmd_exit(void)
{
	iet_tx_exit();
	destroy_workqueue(iet_wq);
	kmem_cache_destroy(iet_cmd_cache);
}

struct iet_cmd *iet_cmd_alloc(struct iet_conn *conn)
{
	struct iet_cmd *cmd = kmem_cache_zalloc(iet_cmd_cache, GFP_NOIO);

	if (!cmd)
		return NULL;
	cmd->conn = conn;
	spin_lock(&conn->cmds_lock);
	list_add_tail(&cmd->list, &conn->cmds);
	conn->nr_cmds++;
	spin_unlock(&conn->cmds_lock);
	return cmd;
}

/* Gives back the command's place in the window (once). */
void iet_cmd_window_release(struct iet_cmd *cmd)
{
	struct iet_session *sess = cmd->conn->session;

	if (!cmd->windowed)
		return;
	cmd->windowed = false;
	spin_lock_bh(&sess->sn_lock);
	sess->active--;
	spin_unlock_bh(&sess->sn_lock);
}

void iet_cmd_free(struct iet_cmd *cmd)
{
	struct iet_conn *conn = cmd->conn;

	iet_cmd_window_release(cmd);
	iet_pages_put(&conn->pages, cmd->pages, cmd->nr_pages);
	if (cmd->pages != cmd->inline_pages)
		kvfree(cmd->pages);
	kvfree(cmd->flat);
	if (cmd->lun) {
		iet_ts_leave(cmd);
		if (cmd->abort_counted &&
		    atomic_dec_and_test(&cmd->lun->aborting))
			wake_up_all(&cmd->lun->abort_wait);
		iet_lun_put(cmd->lun);
	}
	/*
	 * The wake-up happens under the lock that the waiters test under:
	 * once the rx thread sees no command left it may free conn, so this
	 * must not touch conn after the unlock.
	 */
	spin_lock(&conn->cmds_lock);
	list_del(&cmd->list);
	conn->nr_cmds--;
	wake_up_all(&conn->cmds_wait);
	spin_unlock(&conn->cmds_lock);
	kmem_cache_free(iet_cmd_cache, cmd);
}

static int iet_cmd_alloc_pages(struct iet_cmd *cmd, u32 len)
{
	unsigned int nr = DIV_ROUND_UP(len, PAGE_SIZE);

	/* Most commands are small: their page list comes with them. */
	cmd->pages = nr <= ARRAY_SIZE(cmd->inline_pages) ? cmd->inline_pages :
		     kvcalloc(nr, sizeof(*cmd->pages), GFP_NOIO);
	if (!cmd->pages)
		return -ENOMEM;
	if (iet_pages_get(&cmd->conn->pages, cmd->pages, nr))
		return -ENOMEM;
	cmd->nr_pages = nr;
	return 0;
}

/*
 * The pages from off as bio_vecs, at most len bytes and max entries, for
 * iet_send_pages; returns the bytes they cover. Not for the flat buffer.
 */
u32 iet_cmd_bvec(struct iet_cmd *cmd, u32 off, u32 len, struct bio_vec *bv,
		 unsigned int max, unsigned int *nr)
{
	u32 chunk, done = 0;
	unsigned int n;

	for (n = 0; done < len && n < max && off / PAGE_SIZE < cmd->nr_pages;
	     n++) {
		chunk = min_t(u32, len - done, PAGE_SIZE - off % PAGE_SIZE);
		bv[n] = (struct bio_vec) {
			.bv_page = cmd->pages[off / PAGE_SIZE],
			.bv_offset = off % PAGE_SIZE,
			.bv_len = chunk,
		};
		off += chunk;
		done += chunk;
	}
	*nr = n;
	return done;
}

/* The buffer as kvecs from off, at most len bytes and max entries. */
unsigned int iet_cmd_kvec(struct iet_cmd *cmd, u32 off, u32 len,
			  struct kvec *vec, unsigned int max)
{
	unsigned int n = 0;
	u32 chunk;

	if (cmd->flat) {
		vec[0] = (struct kvec) { .iov_base = cmd->flat + off,
					 .iov_len = len };
		return 1;
	}
	for (; len && n < max && off / PAGE_SIZE < cmd->nr_pages; n++) {
		chunk = min_t(u32, len, PAGE_SIZE - off % PAGE_SIZE);
		vec[n] = (struct kvec) {
			.iov_base = page_address(cmd->pages[off / PAGE_SIZE]) +
				    off % PAGE_SIZE,
			.iov_len = chunk,
		};
		off += chunk;
		len -= chunk;
	}
	return n;
}

/* SAM-5 4.6: peripheral (00b) and flat space (01b) addressing. */
u32 iet_lun_number(const u8 *l)
{
	switch (l[0] >> 6) {
	case 0:
		return l[0] ? U32_MAX : l[1];
	case 1:
		return (l[0] & 0x3f) << 8 | l[1];
	default:
		return U32_MAX;
	}
}

/* What the SCSI emulation knows of the LUN; NULL when there is none. */
const struct scsi_lu *iet_cmd_lu(struct iet_cmd *cmd, struct scsi_lu *lu)
{
	struct iet_target *target = cmd->conn->session->target;
	struct iet_lun *lun = cmd->lun;

	if (!lun)
		return NULL;
	*lu = (struct scsi_lu) {
		.target_name = target->name,
		.tid = target->tid,
		.lun = lun->lun,
		.blocks = lun->blocks,
		.blocksize = lun->blocksize,
		.ro = lun->iomode == IET_IOMODE_RO || READ_ONCE(lun->swp),
		.swp = READ_ONCE(lun->swp),
		.wce = READ_ONCE(lun->wce),
		/* Only the page cache of fileio can be bypassed at will. */
		.wce_changeable = lun->type == IET_LUN_FILEIO &&
				  lun->iomode != IET_IOMODE_RO,
		.scsi_id = lun->scsi_id,
		.scsi_sn = lun->scsi_sn,
		.max_xfer_blocks = IET_MAX_IO >> lun->blkbits,
		.can_compare = true,
		.can_unmap = lun->can_unmap,
		.lbprz = lun->lbprz,
		.unmap_gran_blocks = lun->unmap_gran_blocks,
		.unmap_align_blocks = lun->unmap_align_blocks,
		.max_ws_blocks = IET_MAX_WS >> lun->blkbits,
		.max_caw_blocks = IET_MAX_CAW_BLOCKS,
	};
	return lu;
}

/* SPC-4 D.2 */
#define IET_ASC_INVALID_FIELD_IN_IU	0x0e03

/* The largest emulated response: REPORT LUNS of every possible LUN. */
#define IET_MAX_EMULATED	(8 + 8 * (IET_LUN_MAX + 1))

/*
 * A pending unit attention comes before any check of the CDB (SAM-5
 * 5.14): the initiator hears of the reset or the change first.
 */
static bool iet_cmd_unit_attention(struct iet_cmd *cmd)
{
	switch (iet_ua_take(cmd->conn->session, cmd->lun->lun, cmd->cdb,
			    &cmd->ua)) {
	case SCSI_UA_FAIL:
		cmd->sense = cmd->ua;
		cmd->status = SCSI_STATUS_CHECK_CONDITION;
		return true;
	case SCSI_UA_DATA:
		cmd->ua_data = true;
		return false;
	default:
		return false;
	}
}

/*
 * Decodes the CDB and sizes the data. A LUN that does not exist still
 * answers INQUIRY, REPORT LUNS and REQUEST SENSE (SPC-4 4.6.3).
 */
void iet_cmd_prepare(struct iet_cmd *cmd)
{
	struct iet_target *target = cmd->conn->session->target;
	struct scsi_lu lu;
	u32 len;
	int err;

	cmd->windowed = !cmd->immediate;
	cmd->lun = iet_lun_get(target, iet_lun_number(cmd->lun_raw));
	if (cmd->lun)
		iet_ua_check_capacity(cmd->lun);
	if (cmd->lun && iet_cmd_unit_attention(cmd))
		return;
	cmd->status = scsi_decode(cmd->cdb, sizeof(cmd->cdb),
				  iet_cmd_lu(cmd, &lu), &cmd->req, &cmd->sense);
	if (cmd->status)
		return;
	if (cmd->lun && iet_pr_conflict(cmd)) {
		cmd->status = SCSI_STATUS_RESERVATION_CONFLICT;
		return;
	}
	if (cmd->lun)
		iet_ts_enter(cmd);
	/* An allocation length only bounds what emulation may return. */
	if (cmd->req.kind == SCSI_K_EMULATE)
		cmd->req.data_len = min_t(u32, cmd->req.data_len,
					  IET_MAX_EMULATED);
	cmd->want = cmd->req.data_len;
	/*
	 * A write of more than the initiator will send writes what it does
	 * send, in whole blocks (the overflow residual tells it so); a part
	 * of a block cannot be written (SAM-5 5.4.3, as libiscsi expects).
	 */
	if (cmd->req.data_out && cmd->req.data_len > cmd->edtl &&
	    cmd->edtl & (cmd->lun->blocksize - 1)) {
		cmd->status = scsi_fail(&cmd->sense, SCSI_SENSE_ILLEGAL_REQUEST,
					IET_ASC_INVALID_FIELD_IN_IU);
		return;
	}
	len = min(cmd->req.data_len, cmd->edtl);
	if (!len)
		return;
	if (cmd->req.kind == SCSI_K_EMULATE ||
	    cmd->req.kind == SCSI_K_LU_STATE) {
		cmd->flat = kvzalloc(cmd->req.data_len, GFP_NOIO);
		err = cmd->flat ? 0 : -ENOMEM;
	} else {
		err = iet_cmd_alloc_pages(cmd, len);
	}
	if (err) {
		cmd->status = scsi_fail(&cmd->sense, SCSI_SENSE_ABORTED_COMMAND,
					IET_ASC_INSUFFICIENT_RESOURCES);
		return;
	}
	cmd->len = len;
}

static void iet_cmd_emulate(struct iet_cmd *cmd)
{
	struct iet_target *target = cmd->conn->session->target;
	static const u32 none;
	struct scsi_lu lu;
	u32 *luns;
	unsigned int nr;
	int ret;

	/* Only REPORT LUNS needs the list of LUNs. */
	luns = cmd->cdb[0] != SCSI_OP_REPORT_LUNS ? NULL :
	       kmalloc_array(IET_LUN_MAX + 1, sizeof(*luns), GFP_NOIO);
	nr = luns ? iet_lun_numbers(target, luns, IET_LUN_MAX + 1) : 0;
	if (cmd->ua_data)
		ret = scsi_ua_sense_data(cmd->cdb, &cmd->ua, cmd->flat,
					 cmd->req.data_len);
	else
		ret = scsi_emulate(cmd->cdb, iet_cmd_lu(cmd, &lu),
				   luns ? luns : &none, nr, cmd->flat,
				   cmd->req.data_len, &cmd->sense);
	kfree(luns);
	if (ret < 0) {
		cmd->status = SCSI_STATUS_CHECK_CONDITION;
		cmd->len = 0;
		return;
	}
	cmd->want = min_t(u32, ret, cmd->req.data_len);
	cmd->len = min(cmd->want, cmd->edtl);
}

/* The medium failed the command: no data, and sense that says which way. */
static void iet_cmd_io_failed(struct iet_cmd *cmd, bool read)
{
	scsi_fail(&cmd->sense, SCSI_SENSE_MEDIUM_ERROR,
		  read ? SCSI_ASC_UNRECOVERED_READ_ERROR : SCSI_ASC_WRITE_ERROR);
	cmd->status = SCSI_STATUS_CHECK_CONDITION;
	cmd->len = 0;
}

static void iet_cmd_io(struct iet_cmd *cmd)
{
	const struct iet_backend_io *io = cmd->lun->ops->io;
	int err = 0;

	switch (cmd->req.kind) {
	case SCSI_K_READ:
		err = cmd->len ? io->read(cmd->lun, cmd) : 0;
		break;
	case SCSI_K_WRITE:
		/* Shared: only COMPARE AND WRITE excludes the others. */
		iet_gate_enter(&cmd->lun->write_gate);
		err = cmd->len ? io->write(cmd->lun, cmd) : 0;
		iet_gate_leave(&cmd->lun->write_gate);
		break;
	case SCSI_K_SYNC:
		err = io->flush(cmd->lun, cmd->req.lba, cmd->req.nblocks);
		break;
	default:		/* VERIFY, UNMAP, WRITE SAME ... */
		iet_cmd_sbc(cmd);
		return;
	}
	if (err)
		iet_cmd_io_failed(cmd, cmd->req.kind == SCSI_K_READ);
}

/*
 * A command either answers or is aborted, never both: task management
 * reports FUNCTION COMPLETE only for a command whose response it stopped,
 * and TASK DOES NOT EXIST once the response has gone (RFC 7143 11.5.1).
 */
bool iet_cmd_claim_response(struct iet_cmd *cmd)
{
	struct iet_conn *conn = cmd->conn;
	bool claimed;

	spin_lock(&conn->cmds_lock);
	claimed = !READ_ONCE(cmd->aborted);
	cmd->responded = claimed;
	spin_unlock(&conn->cmds_lock);
	return claimed;
}

static void iet_cmd_exec(struct work_struct *work)
{
	struct iet_cmd *cmd = container_of(work, struct iet_cmd, work);

	if (!cmd->status && !READ_ONCE(cmd->aborted)) {
		if (cmd->req.kind == SCSI_K_EMULATE)
			iet_cmd_emulate(cmd);
		else if (cmd->req.kind == SCSI_K_LU_STATE)
			iet_cmd_lu_state(cmd);
		else
			iet_cmd_io(cmd);
	}
	iet_tx_queue(cmd);
}

void iet_cmd_queue(struct iet_cmd *cmd)
{
	INIT_WORK(&cmd->work, iet_cmd_exec);
	queue_work(iet_wq, &cmd->work);
}

/*
 * Starts a plain read or write on a backend that can do it without
 * blocking, so that no worker wakes for it (the common case, and the one
 * that counts). A write needs the LUN's write gate open; if COMPARE AND
 * WRITE holds it, the write waits at a worker, not here.
 */
static bool iet_cmd_submit(struct iet_cmd *cmd)
{
	struct iet_lun *lun = cmd->lun;
	bool write = cmd->req.kind == SCSI_K_WRITE;

	/* INQUIRY and REPORT LUNS answer for a LUN that does not exist. */
	if (!lun || cmd->status || !cmd->len || READ_ONCE(cmd->aborted) ||
	    (cmd->req.kind != SCSI_K_READ && !write) ||
	    !lun->ops->io->submit)
		return false;
	if (write && !iet_gate_try_enter(&lun->write_gate))
		return false;
	cmd->submitted = true;
	lun->ops->io->submit(lun, cmd);
	return true;
}

/* A command may run now: called by the rx thread, which may sleep. */
void iet_cmd_run(struct iet_cmd *cmd)
{
	if (!iet_cmd_submit(cmd))
		iet_cmd_queue(cmd);
}

/* The end of a submitted command's I/O, from any context. */
void iet_cmd_io_done(struct iet_cmd *cmd, int err)
{
	cmd->io_err = err;
	iet_tx_queue(cmd);
}

/* From the tx work, before the response: what the I/O's end could not do. */
void iet_cmd_finish(struct iet_cmd *cmd)
{
	if (!cmd->submitted)
		return;
	cmd->submitted = false;
	if (cmd->req.kind == SCSI_K_WRITE)
		iet_gate_leave(&cmd->lun->write_gate);
	if (cmd->io_err)
		iet_cmd_io_failed(cmd, cmd->req.kind == SCSI_K_READ);
}

/*
 * The rx thread's lookup of a command that waits for Data-Out. Only the rx
 * thread hands a command to a worker, so one found here stays its own; a
 * command already executing may be freed by its worker at any time and is
 * never returned.
 */
struct iet_cmd *iet_cmd_find(struct iet_conn *conn, u32 itt)
{
	struct iet_cmd *cmd, *found = NULL;

	spin_lock(&conn->cmds_lock);
	list_for_each_entry(cmd, &conn->cmds, list) {
		if (cmd->itt == itt && !READ_ONCE(cmd->aborted) &&
		    !cmd->executing) {
			found = cmd;
			break;
		}
	}
	spin_unlock(&conn->cmds_lock);
	return found;
}

static bool iet_cmd_matches(struct iet_cmd *cmd, u32 itt, const u8 *lun_raw)
{
	if (itt != ISCSI_RSVD_TAG)
		return cmd->itt == itt;
	return !lun_raw || !memcmp(cmd->lun_raw, lun_raw, 8);
}

static bool iet_cmd_none_aborted(struct iet_conn *conn)
{
	struct iet_cmd *cmd;
	bool none = true;

	spin_lock(&conn->cmds_lock);
	/*
	 * Only those at a worker: one that gathers data never runs, and
	 * one marked from afar just now is the rx thread's to free later.
	 */
	list_for_each_entry(cmd, &conn->cmds, list)
		none &= !(READ_ONCE(cmd->aborted) && cmd->executing);
	spin_unlock(&conn->cmds_lock);
	return none;
}

/*
 * From the rx thread: aborts the commands itt names (none when itt is
 * NULL), and frees those that will not run, with those another nexus's
 * PREEMPT AND ABORT marked while they gathered data. Whether itt named
 * any.
 */
static bool iet_cmd_abort_free(struct iet_conn *conn, const u32 *itt,
			       const u8 *lun_raw)
{
	struct iet_cmd *cmd, *next;
	LIST_HEAD(pending);
	bool found = false;

	spin_lock(&conn->cmds_lock);
	list_for_each_entry_safe(cmd, next, &conn->cmds, list) {
		if (itt && iet_cmd_matches(cmd, *itt, lun_raw) &&
		    !READ_ONCE(cmd->aborted) && !cmd->responded) {
			found = true;
			WRITE_ONCE(cmd->aborted, true);
			if (cmd->executing && iet_ts_withdraw(cmd)) {
				list_move(&cmd->list, &pending);
				continue;
			}
		}
		if (READ_ONCE(cmd->aborted) && !cmd->executing)
			list_move(&cmd->list, &pending);
	}
	spin_unlock(&conn->cmds_lock);
	list_for_each_entry_safe(cmd, next, &pending, list) {
		spin_lock(&conn->cmds_lock);
		list_move(&cmd->list, &conn->cmds);
		spin_unlock(&conn->cmds_lock);
		iet_cmd_free(cmd);
	}
	return found;
}

/*
 * Task management, from the rx thread: the commands still gathering data
 * are freed at once; those running finish without a response, and this
 * returns only once they are gone. itt ISCSI_RSVD_TAG means all commands
 * (of lun_raw, when given).
 */
bool iet_cmd_abort(struct iet_conn *conn, u32 itt, const u8 *lun_raw)
{
	bool found = iet_cmd_abort_free(conn, &itt, lun_raw);

	wait_event(conn->cmds_wait, iet_cmd_none_aborted(conn));
	return found;
}

/* The rx thread frees what PREEMPT AND ABORT marked (IET_CONN_F_REAP). */
void iet_cmd_reap(struct iet_conn *conn)
{
	iet_cmd_abort_free(conn, NULL, NULL);
}

/* The connection is going: writes still waiting for data never run. */
void iet_cmd_drop_pending(struct iet_conn *conn)
{
	iet_cmd_abort(conn, ISCSI_RSVD_TAG, NULL);
}

static bool iet_cmd_none_left(struct iet_conn *conn)
{
	bool none;

	spin_lock(&conn->cmds_lock);
	none = !conn->nr_cmds;
	spin_unlock(&conn->cmds_lock);
	return none;
}

void iet_cmd_wait_all(struct iet_conn *conn)
{
	wait_event(conn->cmds_wait, iet_cmd_none_left(conn));
}
