/* SPDX-License-Identifier: GPL-2.0 */
#ifndef IET_TASKSET_H
#define IET_TASKSET_H

#include <linux/list.h>
#include <linux/spinlock.h>

struct iet_cmd;

/*
 * The task set of a logical unit (SAM-5 8.6): its commands in the order
 * they arrived, from every I_T nexus (the control mode page says TST 0).
 */
struct iet_task_set {
	spinlock_t lock;
	struct list_head tasks;		/* iet_cmd.ts_entry, oldest first */
	unsigned int ordered;		/* ORDERED commands in tasks */
};

void iet_ts_init(struct iet_task_set *ts);
/* At arrival, before any command that arrives later. */
void iet_ts_enter(struct iet_cmd *cmd);
/* The command has its data: runs it now, or once its attribute allows. */
void iet_ts_ready(struct iet_cmd *cmd);
/* Before it is freed: the commands it held back may run. */
void iet_ts_leave(struct iet_cmd *cmd);
/* Aborted while held back: true if it will not run and may be freed. */
bool iet_ts_withdraw(struct iet_cmd *cmd);
/*
 * PREEMPT AND ABORT, from a worker that owns none of the commands: each of
 * ts that pick() chooses, but except, is aborted. Returns how many may
 * still reach the store; each leaves through iet_cmd_free(), which counts
 * them down on lun->aborting.
 */
unsigned int iet_ts_abort(struct iet_task_set *ts,
			  bool (*pick)(const struct iet_cmd *cmd, void *arg),
			  void *arg, const struct iet_cmd *except);

#endif /* IET_TASKSET_H */
