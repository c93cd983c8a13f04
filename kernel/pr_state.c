// SPDX-License-Identifier: GPL-2.0
/*
 * The reservations of each LUN: the persistent ones (pr.c decides every
 * change) and SPC-2's RESERVE(6)/(10), held by a session and gone with
 * it or with a reset. A spinlock per LUN: each decision is short and
 * allocates nothing; the rx thread checks commands under it only while
 * a reservation exists. Lock order: a LUN's, then target->ua_lock.
 *
 * PERSISTENT RESERVE OUT works on a copy, under a mutex that keeps the
 * others out: with APTPL the copy is written down (pr_store.c) before it
 * takes the place of the state, so a state that was not saved is never
 * reported, and a failed save changes nothing.
 */
#include <linux/mutex.h>
#include <linux/rculist.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include "cmd.h"
#include "lun.h"
#include "pr.h"
#include "pr_state.h"
#include "pr_store.h"
#include "session.h"
#include "taskset.h"
#include "target.h"
#include "ua_state.h"

struct iet_pr_state {
	spinlock_t lock;
	bool active;			/* a reservation exists: a hint */
	struct iet_session *spc2;	/* RESERVE(6)/(10) holder, or NULL */
	struct scsi_pr pr;
	struct mutex out_lock;		/* one PERSISTENT RESERVE OUT at a time */
	struct scsi_pr next;		/* its copy of pr */
	struct iet_pr_store store;
};

static void iet_pr_update(struct iet_pr_state *st)
{
	WRITE_ONCE(st->active, st->spc2 || scsi_pr_active(&st->pr));
}

int iet_pr_lun_init(struct iet_lun *lun, int dir_fd)
{
	struct iet_pr_state *st = kvzalloc(sizeof(*st), GFP_KERNEL);
	int err;

	if (!st)
		return -ENOMEM;
	spin_lock_init(&st->lock);
	mutex_init(&st->out_lock);
	scsi_pr_init(&st->pr);
	err = iet_pr_store_open(&st->store, dir_fd, lun->target->name,
				lun->lun, &st->pr);
	if (err) {
		kvfree(st);
		return err;
	}
	st->pr.ptpl_c = iet_pr_store_usable(&st->store);
	lun->pr = st;
	iet_pr_update(st);
	return 0;
}

void iet_pr_lun_free(struct iet_lun *lun)
{
	if (lun->pr)
		iet_pr_store_close(&lun->pr->store);
	kvfree(lun->pr);
	lun->pr = NULL;
}


/* The I_T nexus of a session: its initiator name and ISID. */
static void iet_pr_nexus(struct iet_session *sess, struct scsi_pr_nexus *n)
{
	n->name = sess->initiator;
	n->isid = sess->sid & ((1ULL << 48) - 1);
}

static bool iet_pr_registered(const struct scsi_pr *pr)
{
	unsigned int i;

	for (i = 0; i < SCSI_PR_MAX_REGS; i++)
		if (pr->regs[i].used)
			return true;
	return false;
}

bool iet_pr_conflict(struct iet_cmd *cmd)
{
	struct iet_session *sess = cmd->conn->session;
	struct iet_pr_state *st = cmd->lun->pr;
	struct scsi_pr_nexus me;
	bool conflict;

	if (!READ_ONCE(st->active))
		return false;
	iet_pr_nexus(sess, &me);
	spin_lock(&st->lock);
	conflict = (st->spc2 && st->spc2 != sess &&
		    scsi_spc2_conflict(cmd->cdb)) ||
		   scsi_pr_conflict(&st->pr, &me, cmd->cdb);
	spin_unlock(&st->lock);
	return conflict;
}

/*
 * SPC-4 5.7.3 (CRH 1): with persistent registrations, RESERVE conflicts
 * and RELEASE does nothing. Otherwise SPC-2: one holder, which may
 * reserve again; a RELEASE by another does nothing.
 */
static u8 iet_spc2(struct iet_pr_state *st, struct iet_session *sess,
		   bool reserve)
{
	u8 status = SCSI_STATUS_GOOD;

	spin_lock(&st->lock);
	if (iet_pr_registered(&st->pr) || st->pr.reserved)
		status = reserve ? SCSI_STATUS_RESERVATION_CONFLICT : 0;
	else if (reserve && st->spc2 && st->spc2 != sess)
		status = SCSI_STATUS_RESERVATION_CONFLICT;
	else if (reserve)
		st->spc2 = sess;
	else if (st->spc2 == sess)
		st->spc2 = NULL;
	iet_pr_update(st);
	spin_unlock(&st->lock);
	return status;
}

/* The nexuses a PREEMPT AND ABORT preempted, copied out of the state. */
struct iet_pr_victims {
	unsigned int n;
	u64 isid[SCSI_PR_MAX_REGS];
	char name[SCSI_PR_MAX_REGS][SCSI_PR_NAME_MAX + 1];
};

/* Under st->lock, once the state took the change. */
static void iet_pr_collect(const struct scsi_pr *pr, struct iet_pr_victims *v)
{
	unsigned int i;

	v->n = 0;
	for (i = 0; i < SCSI_PR_MAX_REGS; i++) {
		if (!(pr->notes[i] & SCSI_PR_NOTE_REG_PREEMPTED))
			continue;
		v->isid[v->n] = pr->regs[i].isid;
		strscpy(v->name[v->n], pr->regs[i].name, sizeof(v->name[0]));
		v->n++;
	}
}

static bool iet_pr_victim(const struct iet_cmd *cmd, void *arg)
{
	const struct iet_pr_victims *v = arg;
	struct scsi_pr_nexus me;
	unsigned int i;

	iet_pr_nexus(cmd->conn->session, &me);
	for (i = 0; i < v->n; i++)
		if (v->isid[i] == me.isid && !strcmp(v->name[i], me.name))
			return true;
	return false;
}

/*
 * SPC-4 5.7.11.5: the preempted nexuses' commands for the LU end without
 * a response, and the ones at the store are waited for. Outside out_lock:
 * one of them may be a PERSISTENT RESERVE OUT waiting for it.
 */
static void iet_pr_abort(struct iet_cmd *cmd, struct iet_pr_victims *v)
{
	struct iet_lun *lun = cmd->lun;

	if (v->n && iet_ts_abort(&lun->ts, iet_pr_victim, v, cmd))
		wait_event(lun->abort_wait, !atomic_read(&lun->aborting));
}

static void iet_pr_out(struct iet_cmd *cmd, struct iet_pr_state *st)
{
	struct iet_pr_victims *v = NULL;
	struct scsi_pr_nexus me;
	int ret, err;

	if (scsi_pr_aborts(cmd->cdb)) {
		v = kmalloc(sizeof(*v), GFP_NOIO);
		if (!v) {
			cmd->status = scsi_fail(&cmd->sense,
						SCSI_SENSE_ABORTED_COMMAND,
						IET_ASC_INSUFFICIENT_RESOURCES);
			return;
		}
	}
	iet_pr_nexus(cmd->conn->session, &me);
	mutex_lock(&st->out_lock);
	spin_lock(&st->lock);
	/* SPC-2's reservation of another nexus keeps PR OUT away too. */
	if (st->spc2 && st->spc2 != cmd->conn->session) {
		ret = SCSI_STATUS_RESERVATION_CONFLICT;
	} else {
		st->next = st->pr;
		ret = scsi_pr_out(&st->next, &me, cmd->cdb, cmd->flat,
				  cmd->len, &cmd->sense);
	}
	spin_unlock(&st->lock);
	/* APTPL on before or after: the file must say so. */
	if (!ret && (st->next.aptpl || st->pr.aptpl)) {
		err = iet_pr_store_save(&st->store, &st->next);
		if (err) {
			pr_warn_ratelimited("%s: persistent reservations not saved: %d\n",
					    st->store.name, err);
			ret = scsi_fail(&cmd->sense, SCSI_SENSE_MEDIUM_ERROR,
					SCSI_ASC_WRITE_ERROR);
		}
	}
	if (!ret) {
		spin_lock(&st->lock);
		st->pr = st->next;
		iet_ua_pr_notes(cmd->lun->target, cmd->lun->lun, &st->pr);
		if (v)
			iet_pr_collect(&st->pr, v);
		iet_pr_update(st);
		spin_unlock(&st->lock);
	}
	mutex_unlock(&st->out_lock);
	if (!ret && v)
		iet_pr_abort(cmd, v);
	kfree(v);
	cmd->status = ret;
}

/* Data-in built under the lock, as scsi_emulate() builds its own. */
static void iet_pr_in(struct iet_cmd *cmd, struct iet_pr_state *st)
{
	struct scsi_out o;
	int ret;

	scsi_out_init(&o, cmd->flat, cmd->req.data_len);
	spin_lock(&st->lock);
	if (st->spc2 && st->spc2 != cmd->conn->session)
		ret = SCSI_STATUS_RESERVATION_CONFLICT;
	else
		ret = scsi_pr_in(&st->pr, cmd->cdb, &o, &cmd->sense);
	spin_unlock(&st->lock);
	if (ret) {
		cmd->status = ret;
		cmd->len = 0;
		return;
	}
	cmd->want = min_t(u32, o.pos, cmd->req.data_len);
	cmd->len = min(cmd->want, cmd->edtl);
}

void iet_pr_exec(struct iet_cmd *cmd)
{
	struct iet_pr_state *st = cmd->lun->pr;

	switch (cmd->cdb[0]) {
	case SCSI_OP_PERSISTENT_RESERVE_IN:
		iet_pr_in(cmd, st);
		break;
	case SCSI_OP_PERSISTENT_RESERVE_OUT:
		iet_pr_out(cmd, st);
		break;
	case SCSI_OP_RESERVE_6:
	case SCSI_OP_RESERVE_10:
		cmd->status = iet_spc2(st, cmd->conn->session, true);
		break;
	default:
		cmd->status = iet_spc2(st, cmd->conn->session, false);
		break;
	}
}

static void iet_pr_drop_spc2(struct iet_lun *lun, struct iet_session *sess)
{
	struct iet_pr_state *st = lun->pr;

	spin_lock(&st->lock);
	if (!sess || st->spc2 == sess)
		st->spc2 = NULL;
	iet_pr_update(st);
	spin_unlock(&st->lock);
}

/* Persistent reservations survive the nexus; SPC-2's do not. */
void iet_pr_session_gone(struct iet_session *sess)
{
	struct iet_lun *lun;

	rcu_read_lock();
	list_for_each_entry_rcu(lun, &sess->target->luns, list)
		iet_pr_drop_spc2(lun, sess);
	rcu_read_unlock();
}

/* SAM-5: a logical unit reset releases SPC-2 reservations. */
void iet_pr_reset(struct iet_target *target, u32 lun_nr)
{
	struct iet_lun *lun;

	rcu_read_lock();
	list_for_each_entry_rcu(lun, &target->luns, list)
		if (lun_nr == U32_MAX || lun->lun == lun_nr)
			iet_pr_drop_spc2(lun, NULL);
	rcu_read_unlock();
}
