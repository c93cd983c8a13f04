// SPDX-License-Identifier: GPL-2.0
/*
 * The full feature phase of a connection (RFC 7143): one rx thread per
 * connection reads every PDU, sequences commands, gathers Data-Out with
 * R2Ts and hands complete commands to workers; workers and the rx thread
 * send under the connection's tx_mutex.
 */
#include <linux/blkdev.h>
#include <linux/bvec.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include "cmd.h"
#include "iscsi.h"
#include "lun.h"
#include "pdu.h"
#include "pr_state.h"
#include "serial.h"
#include "session.h"
#include "target.h"
#include "taskset.h"
#include "ua_state.h"

#define IET_ASC_DATA_PHASE_ERROR	0x4b00	/* SPC-4 D.2 */

static u32 iet_param(struct iet_conn *conn, int p)
{
	return conn->session->params[p];
}

/* StatSN and the command window of a response; the caller holds tx_mutex. */
static void iet_fill_sn(struct iet_conn *conn, __be32 *statsn, __be32 *exp,
			__be32 *max, bool advance)
{
	u32 e, m;

	iet_session_sn(conn->session, &e, &m);
	*statsn = cpu_to_be32(advance ? conn->stat_sn++ : conn->stat_sn);
	*exp = cpu_to_be32(e);
	*max = cpu_to_be32(m);
}

/* A response on its own: the next StatSN, the window, one PDU. */
static int iet_send_status(struct iet_conn *conn, void *bhs, __be32 *statsn,
			   __be32 *exp, __be32 *max, struct kvec *vec,
			   unsigned int nr, u32 len)
{
	int err;

	mutex_lock(&conn->tx_mutex);
	iet_fill_sn(conn, statsn, exp, max, true);
	err = iet_send(conn, bhs, vec, nr, len);
	mutex_unlock(&conn->tx_mutex);
	return err;
}

static int iet_send_reject(struct iet_conn *conn, struct iscsi_bhs *bad,
			   u8 reason)
{
	struct kvec vec = { .iov_base = bad, .iov_len = ISCSI_BHS_LEN };
	struct iscsi_reject rej = {
		.opcode = ISCSI_OP_REJECT,
		.flags = ISCSI_FLAG_FINAL,
		.reason = reason,
		.ffffffff = cpu_to_be32(ISCSI_RSVD_TAG),
	};

	return iet_send_status(conn, &rej, &rej.statsn, &rej.exp_cmdsn,
			       &rej.max_cmdsn, &vec, 1, ISCSI_BHS_LEN);
}

/*
 * Whether a command may run: immediate ones always, the others only with
 * the next CmdSN inside the window. On one connection TCP keeps them in
 * order, so anything else is stale or beyond MaxCmdSN: dropped, as
 * RFC 7143 4.2.2.1 asks.
 */
static bool iet_cmd_sn_ok(struct iet_session *sess, u32 cmd_sn, bool immediate,
			  bool counts)
{
	u32 queued = sess->target->params.queued_cmds;
	bool ok = immediate;
	u32 max;

	spin_lock_bh(&sess->sn_lock);
	max = sess->exp_cmd_sn - 1 + queued - min(sess->active, queued);
	if (!immediate && cmd_sn == sess->exp_cmd_sn &&
	    iet_sn_le(cmd_sn, max)) {
		sess->exp_cmd_sn++;
		ok = true;
	}
	if (ok && counts)
		sess->active++;
	spin_unlock_bh(&sess->sn_lock);
	return ok;
}

static int iet_rx_nop_out(struct iet_conn *conn, struct iscsi_bhs *bhs, u32 len)
{
	struct iscsi_nop *req = (struct iscsi_nop *)bhs;
	bool immediate = req->opcode & ISCSI_OP_IMMEDIATE;
	struct iscsi_nop rsp = { .opcode = ISCSI_OP_NOP_IN };
	struct kvec vec;
	void *data = NULL;
	int err;

	/*
	 * An answer to a keepalive NOP-In (its TTT, ITT 0xffffffff), or a
	 * ping that wants none: nothing to send. Reading it was the sign of
	 * life the keepalive waits for, whatever the TTT.
	 */
	if (req->itt == cpu_to_be32(ISCSI_RSVD_TAG) ||
	    !iet_cmd_sn_ok(conn->session, be32_to_cpu(req->cmdsn_statsn),
			   immediate, false))
		return iet_discard(conn, ISCSI_PAD(len));
	if (len) {
		data = kvmalloc(ISCSI_PAD(len), GFP_KERNEL);
		if (!data)
			return -ENOMEM;
		err = iet_recv(conn, data, ISCSI_PAD(len));
		if (err)
			goto out;
	}
	rsp.flags = ISCSI_FLAG_FINAL;
	memcpy(rsp.lun, req->lun, sizeof(rsp.lun));
	rsp.itt = req->itt;
	rsp.ttt = cpu_to_be32(ISCSI_RSVD_TAG);
	vec = (struct kvec) { .iov_base = data, .iov_len = len };
	err = iet_send_status(conn, &rsp, &rsp.cmdsn_statsn,
			      &rsp.expstatsn_expcmdsn, &rsp.max_cmdsn, &vec, 1,
			      len);
out:
	kvfree(data);
	return err;
}

/*
 * The keepalive's ping (RFC 7143 11.19): a TTT to echo, no ITT, and the
 * next StatSN without taking it. The caller holds tx_mutex.
 */
int iet_send_ping(struct iet_conn *conn, u32 ttt)
{
	struct iscsi_nop nop = {
		.opcode = ISCSI_OP_NOP_IN,
		.flags = ISCSI_FLAG_FINAL,
		.itt = cpu_to_be32(ISCSI_RSVD_TAG),
		.ttt = cpu_to_be32(ttt),
	};

	iet_fill_sn(conn, &nop.cmdsn_statsn, &nop.expstatsn_expcmdsn,
		    &nop.max_cmdsn, false);
	return iet_send(conn, &nop, NULL, 0, 0);
}

/* Asks for the next bursts of a write, up to MaxOutstandingR2T at once. */
static int iet_send_r2ts(struct iet_cmd *cmd)
{
	struct iet_conn *conn = cmd->conn;
	u32 burst = iet_param(conn, IET_P_MAX_BURST);
	struct iscsi_r2t r2t;
	int err = 0;

	mutex_lock(&conn->tx_mutex);
	while (!err && cmd->r2ts_out < iet_param(conn, IET_P_MAX_R2T) &&
	       cmd->r2t_offset < cmd->len) {
		u32 len = min(burst, cmd->len - cmd->r2t_offset);

		r2t = (struct iscsi_r2t) {
			.opcode = ISCSI_OP_R2T,
			.flags = ISCSI_FLAG_FINAL,
			.itt = cpu_to_be32(cmd->itt),
			.ttt = cpu_to_be32(cmd->ttt),
			.r2tsn = cpu_to_be32(cmd->r2t_sn++),
			.offset = cpu_to_be32(cmd->r2t_offset),
			.length = cpu_to_be32(len),
		};
		memcpy(r2t.lun, cmd->lun_raw, sizeof(r2t.lun));
		iet_fill_sn(conn, &r2t.statsn, &r2t.exp_cmdsn, &r2t.max_cmdsn,
			    false);
		err = iet_send(conn, &r2t, NULL, 0, 0);
		cmd->r2t_offset += len;
		cmd->r2ts_out++;
	}
	mutex_unlock(&conn->tx_mutex);
	return err;
}

/* Reads len bytes of a data segment of seg bytes into the buffer at off. */
static int iet_recv_data(struct iet_cmd *cmd, u32 off, u32 len, u32 seg)
{
	struct kvec vec[32];
	unsigned int n, i;
	u32 done = 0, chunk;
	int err;

	while (done < len) {
		n = iet_cmd_kvec(cmd, off + done, len - done, vec,
				 ARRAY_SIZE(vec));
		if (!n)
			return -EINVAL;
		for (chunk = 0, i = 0; i < n; i++)
			chunk += vec[i].iov_len;
		err = iet_recv_kvec(cmd->conn, vec, n, chunk);
		if (err)
			return err;
		done += chunk;
	}
	return iet_discard(cmd->conn, ISCSI_PAD(seg) - len);
}

/*
 * A command this large fills the device's queue on its own: waiting for
 * more to batch with it (iet_rx_thread) only delays it.
 */
#define IET_PLUG_MAX_LEN	(128 * 1024)

/* The write has all its data, or never will: run it. */
static void iet_cmd_start(struct iet_cmd *cmd)
{
	u32 len = cmd->len;	/* cmd may be gone once it runs */

	cmd->executing = true;
	iet_ts_ready(cmd);
	if (len >= IET_PLUG_MAX_LEN)
		iet_rx_unplug();
}

static int iet_rx_scsi_cmd(struct iet_conn *conn, struct iscsi_bhs *bhs, u32 len)
{
	struct iscsi_scsi_cmd *req = (struct iscsi_scsi_cmd *)bhs;
	bool immediate = req->opcode & ISCSI_OP_IMMEDIATE;
	struct iet_cmd *cmd;
	u32 imm;
	int err;

	if (!iet_cmd_sn_ok(conn->session, be32_to_cpu(req->cmdsn), immediate,
			   !immediate))
		return iet_discard(conn, ISCSI_PAD(len));
	cmd = iet_cmd_alloc(conn);
	if (!cmd)
		return -ENOMEM;
	cmd->itt = be32_to_cpu(req->itt);
	cmd->cmd_sn = be32_to_cpu(req->cmdsn);
	cmd->edtl = be32_to_cpu(req->exp_xfer_len);
	cmd->flags = req->flags;
	cmd->immediate = immediate;
	memcpy(cmd->lun_raw, req->lun, sizeof(cmd->lun_raw));
	memcpy(cmd->cdb, req->cdb, sizeof(cmd->cdb));
	iet_cmd_prepare(cmd);

	if (cmd->status || !cmd->req.data_out || !cmd->len) {
		err = iet_discard(conn, ISCSI_PAD(len));
		if (err)
			iet_cmd_free(cmd);
		else
			iet_cmd_start(cmd);
		return err;
	}
	imm = min(len, cmd->len);
	err = iet_recv_data(cmd, 0, imm, len);
	if (err) {
		iet_cmd_free(cmd);
		return err;
	}
	cmd->received = imm;
	cmd->ttt = conn->ttt++;
	if (cmd->ttt == ISCSI_RSVD_TAG)
		cmd->ttt = conn->ttt++;
	/* F clear with InitialR2T=No: unsolicited Data-Out up to FirstBurst. */
	cmd->unsolicited = !(req->flags & ISCSI_FLAG_FINAL) &&
			   !iet_param(conn, IET_P_INITIAL_R2T);
	cmd->r2t_offset = cmd->unsolicited ?
		min(iet_param(conn, IET_P_FIRST_BURST), cmd->len) : imm;
	if (cmd->received >= cmd->len) {
		iet_cmd_start(cmd);
		return 0;
	}
	return cmd->unsolicited ? 0 : iet_send_r2ts(cmd);
}

static int iet_rx_data_out(struct iet_conn *conn, struct iscsi_bhs *bhs, u32 len)
{
	struct iscsi_data *d = (struct iscsi_data *)bhs;
	u32 ttt = be32_to_cpu(d->ttt), off = be32_to_cpu(d->offset);
	bool final = d->flags & ISCSI_FLAG_FINAL;
	struct iet_cmd *cmd;
	u32 n;
	int err;

	cmd = iet_cmd_find(conn, be32_to_cpu(d->itt));
	if (!cmd ||
	    (ttt == ISCSI_RSVD_TAG ? !cmd->unsolicited : ttt != cmd->ttt))
		return iet_discard(conn, ISCSI_PAD(len));
	/*
	 * DataPDUInOrder and DataSequenceInOrder are Yes: each PDU must
	 * continue where the last ended, DataSN counting from 0 in every
	 * sequence. ErrorRecoveryLevel 0 cannot ask for the data again, so
	 * the command fails (and what else it sends is dropped); the other
	 * commands of the connection go on.
	 */
	if (off != cmd->received || len > cmd->len - off ||
	    be32_to_cpu(d->datasn) != cmd->data_sn) {
		err = iet_discard(conn, ISCSI_PAD(len));
		if (err)
			return err;
		cmd->status = scsi_fail(&cmd->sense, SCSI_SENSE_ABORTED_COMMAND,
					IET_ASC_DATA_PHASE_ERROR);
		cmd->len = 0;
		iet_cmd_start(cmd);
		return 0;
	}
	cmd->data_sn = final ? 0 : cmd->data_sn + 1;
	n = len;
	err = iet_recv_data(cmd, off, n, len);
	if (err)
		return err;
	cmd->received += n;
	if (final && ttt == ISCSI_RSVD_TAG)
		cmd->unsolicited = false;
	else if (final && cmd->r2ts_out)
		cmd->r2ts_out--;
	if (cmd->received >= cmd->len) {
		iet_cmd_start(cmd);
		return 0;
	}
	return final ? iet_send_r2ts(cmd) : 0;
}

static u8 iet_tmf_run(struct iet_conn *conn, struct iscsi_tmf_req *req)
{
	u8 function = req->function & ISCSI_TMF_FUNC_MASK;

	switch (function) {
	case ISCSI_TMF_ABORT_TASK:
		return iet_cmd_abort(conn, be32_to_cpu(req->rtt), NULL) ?
			ISCSI_TMF_RSP_COMPLETE : ISCSI_TMF_RSP_NO_TASK;
	case ISCSI_TMF_ABORT_TASK_SET:
	case ISCSI_TMF_CLEAR_TASK_SET:
		iet_cmd_abort(conn, ISCSI_RSVD_TAG, req->lun);
		return ISCSI_TMF_RSP_COMPLETE;
	case ISCSI_TMF_LUN_RESET:
		iet_cmd_abort(conn, ISCSI_RSVD_TAG, req->lun);
		iet_ua_reset(conn->session->target, iet_lun_number(req->lun));
		iet_pr_reset(conn->session->target, iet_lun_number(req->lun));
		return ISCSI_TMF_RSP_COMPLETE;
	case ISCSI_TMF_TARGET_WARM_RESET:
	case ISCSI_TMF_TARGET_COLD_RESET:
		iet_cmd_abort(conn, ISCSI_RSVD_TAG, NULL);
		iet_ua_reset(conn->session->target, U32_MAX);
		iet_pr_reset(conn->session->target, U32_MAX);
		return ISCSI_TMF_RSP_COMPLETE;
	case ISCSI_TMF_TASK_REASSIGN:
		return ISCSI_TMF_RSP_NO_FAILOVER;	/* ErrorRecoveryLevel 0 */
	case ISCSI_TMF_CLEAR_ACA:
		return ISCSI_TMF_RSP_NOT_SUPPORTED;
	default:
		return ISCSI_TMF_RSP_REJECTED;
	}
}

/* Answered only once the commands it ends are gone (RFC 7143 4.2.3.3). */
static int iet_rx_tmf(struct iet_conn *conn, struct iscsi_bhs *bhs, u32 len)
{
	struct iscsi_tmf_req *req = (struct iscsi_tmf_req *)bhs;
	struct iscsi_tmf_rsp rsp = {
		.opcode = ISCSI_OP_TMF_RSP,
		.flags = ISCSI_FLAG_FINAL,
		.itt = req->itt,
	};
	int err;

	err = iet_discard(conn, ISCSI_PAD(len));
	if (err)
		return err;
	if (!iet_cmd_sn_ok(conn->session, be32_to_cpu(req->cmdsn),
			   req->opcode & ISCSI_OP_IMMEDIATE, false))
		return 0;
	rsp.response = iet_tmf_run(conn, req);
	err = iet_send_status(conn, &rsp, &rsp.statsn, &rsp.exp_cmdsn,
			      &rsp.max_cmdsn, NULL, 0, 0);
	if (!err && (req->function & ISCSI_TMF_FUNC_MASK) ==
		    ISCSI_TMF_TARGET_COLD_RESET)
		err = -ECONNRESET;	/* a cold reset ends the connection */
	return err;
}

/* Ends the rx loop (1) once the response is out. */
static int iet_rx_logout(struct iet_conn *conn, struct iscsi_bhs *bhs, u32 len)
{
	struct iscsi_logout_req *req = (struct iscsi_logout_req *)bhs;
	u8 reason = req->flags & ISCSI_LOGOUT_REASON_MASK;
	struct iscsi_logout_rsp rsp = {
		.opcode = ISCSI_OP_LOGOUT_RSP,
		.flags = ISCSI_FLAG_FINAL,
		.itt = req->itt,
	};
	int err;

	err = iet_discard(conn, ISCSI_PAD(len));
	if (err)
		return err;
	iet_cmd_sn_ok(conn->session, be32_to_cpu(req->cmdsn),
		      req->opcode & ISCSI_OP_IMMEDIATE, false);
	/* Recovery needs ErrorRecoveryLevel 2; the rest is one connection. */
	if (reason == ISCSI_LOGOUT_RECOVERY)
		rsp.response = ISCSI_LOGOUT_NO_RECOVERY;
	else if (reason == ISCSI_LOGOUT_CLOSE_CONNECTION &&
		 be16_to_cpu(req->cid) != conn->cid)
		rsp.response = ISCSI_LOGOUT_CID_NOT_FOUND;
	/*
	 * A logout that closes terminates the pending commands (RFC 7143
	 * 11.14): a write still waiting for Data-Out would otherwise hold
	 * this thread here for good. One that does not close leaves them.
	 */
	if (rsp.response == ISCSI_LOGOUT_SUCCESS) {
		iet_cmd_drop_pending(conn);
		iet_cmd_wait_all(conn);
	}
	err = iet_send_status(conn, &rsp, &rsp.statsn, &rsp.exp_cmdsn,
			      &rsp.max_cmdsn, NULL, 0, 0);
	return err ? err : rsp.response == ISCSI_LOGOUT_SUCCESS;
}

static void iet_residual(struct iet_cmd *cmd, u8 *flags, __be32 *residual)
{
	if (cmd->want < cmd->edtl) {
		*flags |= ISCSI_FLAG_UNDERFLOW;
		*residual = cpu_to_be32(cmd->edtl - cmd->want);
	} else if (cmd->want > cmd->edtl) {
		*flags |= ISCSI_FLAG_OVERFLOW;
		*residual = cpu_to_be32(cmd->want - cmd->edtl);
	}
}

/*
 * Data-In PDUs of at most MaxXmitDataSegmentLength, F at the end of each
 * MaxBurstLength sequence; the last carries the status when it is GOOD.
 * Data read into pages goes out from them (iet_send_pages); an emulated
 * answer is small and copied.
 */
static int iet_send_data_in(struct iet_cmd *cmd, u32 *datasn)
{
	struct iet_conn *conn = cmd->conn;
	u32 mxdsl = iet_param(conn, IET_P_MAX_XMIT_DSL);
	u32 burst = iet_param(conn, IET_P_MAX_BURST);
	struct bio_vec bv[72];	/* 256 KiB and an unaligned start */
	struct iscsi_data d;
	struct kvec flat;
	u32 off = 0, len;
	unsigned int n;
	int err = 0;

	while (!err && off < cmd->len) {
		len = min3(mxdsl, cmd->len - off, burst - off % burst);
		if (cmd->flat)
			flat = (struct kvec) { cmd->flat + off, len };
		else
			len = iet_cmd_bvec(cmd, off, len, bv, ARRAY_SIZE(bv),
					   &n);
		d = (struct iscsi_data) {
			.opcode = ISCSI_OP_DATA_IN,
			.itt = cpu_to_be32(cmd->itt),
			.ttt = cpu_to_be32(ISCSI_RSVD_TAG),
			.datasn = cpu_to_be32((*datasn)++),
			.offset = cpu_to_be32(off),
		};
		memcpy(d.lun, cmd->lun_raw, sizeof(d.lun));
		off += len;
		if (off == cmd->len || !(off % burst))
			d.flags |= ISCSI_FLAG_FINAL;
		if (off == cmd->len) {
			d.flags |= ISCSI_FLAG_DATA_STATUS;
			d.status = cmd->status;
			iet_residual(cmd, &d.flags, &d.residual);
		}
		iet_fill_sn(conn, &d.statsn, &d.exp_cmdsn, &d.max_cmdsn,
			    off == cmd->len);
		if (cmd->flat)
			err = iet_send(conn, &d, &flat, 1, len);
		else
			err = iet_send_pages(conn, &d, bv, n, len);
	}
	return err;
}

static int iet_send_scsi_rsp(struct iet_cmd *cmd, u32 datasn)
{
	struct iet_conn *conn = cmd->conn;
	struct iscsi_scsi_rsp rsp = {
		.opcode = ISCSI_OP_SCSI_RSP,
		.flags = ISCSI_FLAG_FINAL,
		.response = ISCSI_RESPONSE_COMPLETED,
		.status = cmd->status,
		.itt = cpu_to_be32(cmd->itt),
		.exp_datasn = cpu_to_be32(datasn ? datasn : cmd->r2t_sn),
	};
	u8 sense[2 + 32];
	struct kvec vec = { .iov_base = sense };
	u32 len = 0;

	if (cmd->status == SCSI_STATUS_CHECK_CONDITION) {
		len = scsi_sense_fixed(sense + 2, sizeof(sense) - 2, &cmd->sense);
		sense[0] = len >> 8;
		sense[1] = len;
		len += 2;
	}
	vec.iov_len = len;
	iet_residual(cmd, &rsp.flags, &rsp.residual);
	iet_fill_sn(conn, &rsp.statsn, &rsp.exp_cmdsn, &rsp.max_cmdsn, true);
	return iet_send(conn, &rsp, &vec, 1, len);
}

/* The command is done, tell the initiator; the caller holds tx_mutex. */
int iet_cmd_respond(struct iet_cmd *cmd)
{
	u32 datasn = 0;

	lockdep_assert_held(&cmd->conn->tx_mutex);
	iet_cmd_window_release(cmd);
	if (cmd->status == SCSI_STATUS_GOOD && cmd->req.data_in && cmd->len)
		return iet_send_data_in(cmd, &datasn);
	return iet_send_scsi_rsp(cmd, datasn);
}

/*
 * The handler of each opcode reads the whole data segment before it acts
 * on it, and the read of its last byte checks the data digest.
 */
static int iet_rx_dispatch(struct iet_conn *conn, struct iscsi_bhs *bhs,
			   u32 len)
{
	int err;

	switch (bhs->opcode & ISCSI_OPCODE_MASK) {
	case ISCSI_OP_NOP_OUT:
		return iet_rx_nop_out(conn, bhs, len);
	case ISCSI_OP_SCSI_CMD:
		return iet_rx_scsi_cmd(conn, bhs, len);
	case ISCSI_OP_DATA_OUT:
		return iet_rx_data_out(conn, bhs, len);
	case ISCSI_OP_TMF_REQ:
		return iet_rx_tmf(conn, bhs, len);
	case ISCSI_OP_LOGOUT_REQ:
		return iet_rx_logout(conn, bhs, len);
	case ISCSI_OP_TEXT_REQ:
	case ISCSI_OP_SNACK:
		err = iet_discard(conn, ISCSI_PAD(len));
		return err ? err : iet_send_reject(conn, bhs,
					ISCSI_REASON_CMD_NOT_SUPPORTED);
	default:
		iet_send_reject(conn, bhs, ISCSI_REASON_PROTOCOL_ERROR);
		return -EPROTO;
	}
}

static int iet_rx_pdu(struct iet_conn *conn)
{
	struct iscsi_bhs bhs;
	u32 len;
	int err;

	/* A header digest error ends it here: no field can be trusted. */
	err = iet_recv_header(conn, &bhs, &len);
	if (err)
		return err;
	if (len > iet_param(conn, IET_P_MAX_RECV_DSL)) {
		iet_send_reject(conn, &bhs, ISCSI_REASON_PROTOCOL_ERROR);
		return -EPROTO;
	}
	err = iet_rx_dispatch(conn, &bhs, len);
	/* A data digest error is answered before the end (RFC 7143 7.8). */
	if (err == -EBADMSG)
		iet_send_reject(conn, &bhs, ISCSI_REASON_DATA_DIGEST_ERROR);
	if (err >= 0 && WARN_ON_ONCE(conn->rx_left))
		err = -EPROTO;
	return err;
}

/*
 * The connection's life: PDUs until the peer goes, logs out or errs, or
 * the connection is shut; then wait for the commands still running, and
 * for iet_conn_destroy to collect what is left.
 *
 * The I/O the thread submits is plugged, so that the commands of a burst
 * reach the device as one batch (one wake-up of a loop or dm worker, one
 * doorbell) instead of one at a time; iet_recv_raw lets the plug go before
 * the thread waits for the socket.
 */
int iet_rx_thread(void *arg)
{
	struct iet_conn *conn = arg;
	struct blk_plug plug;
	int err;

	blk_start_plug(&plug);
	do {
		err = iet_rx_pdu(conn);
		if (test_and_clear_bit(IET_CONN_F_REAP, &conn->flags))
			iet_cmd_reap(conn);
	} while (!err && !test_bit(IET_CONN_F_CLOSING, &conn->flags));
	blk_finish_plug(&plug);
	/* Digest errors said so already. */
	if (err < 0 && err != -ECONNRESET && err != -EPIPE &&
	    err != -EBADMSG && !test_bit(IET_CONN_F_CLOSING, &conn->flags))
		pr_info_ratelimited("target %u: connection %u of session %llu: error %d\n",
				    conn->session->target->tid, conn->cid,
				    conn->session->sid, err);
	iet_conn_shutdown(conn);
	iet_cmd_drop_pending(conn);
	iet_cmd_wait_all(conn);
	iet_conn_closed(conn);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}
