// SPDX-License-Identifier: GPL-2.0
/*
 * Task attributes (SAM-5 8.6, 8.7). A SIMPLE command runs as soon as it
 * has its data, unless an ORDERED command arrived before it and has not
 * completed; an ORDERED command waits for every command that arrived
 * before it; HEAD OF QUEUE runs at once (and an ORDERED command after it
 * still waits for it). ACA is taken as SIMPLE: NACA is never accepted, so
 * there is no ACA condition to serve.
 *
 * Every command with a LUN enters its LU's task set at arrival, in the
 * order the rx threads see them; the set holds back the ones that may not
 * run yet and hands them to the workers when the commands before them
 * leave. With no ORDERED command in the set, nothing is ever held back.
 */
#include <linux/workqueue.h>
#include "cmd.h"
#include "lun.h"
#include "session.h"
#include "taskset.h"

#define TASK_SIMPLE		1
#define TASK_ORDERED		2
#define TASK_HEAD_OF_QUEUE	3

static u8 task_attr(const struct iet_cmd *cmd)
{
	return cmd->flags & ISCSI_CMD_ATTR_MASK;
}

void iet_ts_init(struct iet_task_set *ts)
{
	spin_lock_init(&ts->lock);
	INIT_LIST_HEAD(&ts->tasks);
	ts->ordered = 0;
}

void iet_ts_enter(struct iet_cmd *cmd)
{
	struct iet_task_set *ts = &cmd->lun->ts;

	spin_lock(&ts->lock);
	list_add_tail(&cmd->ts_entry, &ts->tasks);
	if (task_attr(cmd) == TASK_ORDERED)
		ts->ordered++;
	cmd->ts_member = true;
	spin_unlock(&ts->lock);
}

/* May cmd, in the set, run now? Called under ts->lock. */
static bool may_run(struct iet_task_set *ts, struct iet_cmd *cmd)
{
	struct iet_cmd *c;

	switch (task_attr(cmd)) {
	case TASK_HEAD_OF_QUEUE:
		return true;
	case TASK_ORDERED:
		return list_first_entry(&ts->tasks, struct iet_cmd,
					ts_entry) == cmd;
	default:
		if (!ts->ordered)
			return true;
		list_for_each_entry(c, &ts->tasks, ts_entry) {
			if (c == cmd)
				return true;
			if (task_attr(c) == TASK_ORDERED)
				return false;
		}
		return true;
	}
}

/* The rx thread has the command whole: it runs now, or when let. */
void iet_ts_ready(struct iet_cmd *cmd)
{
	struct iet_task_set *ts;
	bool run = true;

	if (cmd->ts_member) {
		ts = &cmd->lun->ts;
		spin_lock(&ts->lock);
		cmd->ts_ready = true;
		run = may_run(ts, cmd);
		cmd->ts_started = run;
		spin_unlock(&ts->lock);
	}
	if (run)
		iet_cmd_run(cmd);
}

/*
 * Hands the held-back commands that may now run to the workers: those
 * before the first ORDERED command still in the set, and that command
 * itself if it is the oldest. Called under ts->lock.
 */
static void release_held(struct iet_task_set *ts)
{
	struct iet_cmd *c;
	bool first = true;

	list_for_each_entry(c, &ts->tasks, ts_entry) {
		bool ordered = task_attr(c) == TASK_ORDERED;

		if (c->ts_ready && !c->ts_started && (!ordered || first)) {
			c->ts_started = true;
			iet_cmd_queue(c);
		}
		if (ordered)
			break;
		first = false;
	}
}

void iet_ts_leave(struct iet_cmd *cmd)
{
	struct iet_task_set *ts;

	if (!cmd->ts_member)
		return;
	ts = &cmd->lun->ts;
	spin_lock(&ts->lock);
	list_del(&cmd->ts_entry);
	cmd->ts_member = false;
	if (task_attr(cmd) == TASK_ORDERED)
		ts->ordered--;
	/* Only an ORDERED command, left or still there, holds any back. */
	if (ts->ordered || task_attr(cmd) == TASK_ORDERED)
		release_held(ts);
	spin_unlock(&ts->lock);
}

/*
 * A held-back command cannot wait for the commands before it to finish:
 * one of them may be waiting for Data-Out that the rx thread, busy with
 * the abort, would never read.
 */
bool iet_ts_withdraw(struct iet_cmd *cmd)
{
	struct iet_task_set *ts;
	bool withdrawn = false;

	if (!cmd->ts_member)
		return false;
	ts = &cmd->lun->ts;
	spin_lock(&ts->lock);
	if (cmd->ts_ready && !cmd->ts_started) {
		list_del(&cmd->ts_entry);
		cmd->ts_member = false;
		if (task_attr(cmd) == TASK_ORDERED)
			ts->ordered--;
		release_held(ts);
		withdrawn = true;
	}
	spin_unlock(&ts->lock);
	return withdrawn;
}

/*
 * The rx thread may be reading Data-Out into a command, so none is freed
 * here. One still gathering data is only marked: its rx thread drops what
 * else comes for it and frees it (IET_CONN_F_REAP). One held back goes to
 * a worker, which drops it. One at a worker may be at the store: the
 * caller waits for those, so that no write of a preempted nexus lands
 * after PREEMPT AND ABORT has answered.
 */
unsigned int iet_ts_abort(struct iet_task_set *ts,
			  bool (*pick)(const struct iet_cmd *cmd, void *arg),
			  void *arg, const struct iet_cmd *except)
{
	struct iet_cmd *c;
	unsigned int running = 0;

	spin_lock(&ts->lock);
	list_for_each_entry(c, &ts->tasks, ts_entry) {
		if (c == except || READ_ONCE(c->aborted) || !pick(c, arg))
			continue;
		WRITE_ONCE(c->aborted, true);
		if (!c->ts_ready) {
			set_bit(IET_CONN_F_REAP, &c->conn->flags);
			continue;
		}
		if (!c->ts_started) {
			c->ts_started = true;
			iet_cmd_queue(c);
		}
		c->abort_counted = true;
		atomic_inc(&c->lun->aborting);
		running++;
	}
	spin_unlock(&ts->lock);
	return running;
}
