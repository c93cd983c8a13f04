/* SPDX-License-Identifier: GPL-2.0 */
#ifndef IET_GATE_H
#define IET_GATE_H

#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

/*
 * A LUN's write gate: plain writes pass it together, COMPARE AND WRITE
 * and ORWRITE close it and wait for the writes inside to leave. Unlike a
 * rw_semaphore it may be entered by one task and left by another: a write
 * submitted by the rx thread leaves when its bios end, in the tx work.
 */
struct iet_gate {
	spinlock_t lock;
	unsigned int inside;		/* writes that passed */
	bool closed;			/* an exclusive holder wants it */
	struct mutex excl;		/* one exclusive holder at a time */
	wait_queue_head_t wait;
};

void iet_gate_init(struct iet_gate *g);
bool iet_gate_try_enter(struct iet_gate *g);
void iet_gate_enter(struct iet_gate *g);
void iet_gate_leave(struct iet_gate *g);
void iet_gate_close(struct iet_gate *g);
void iet_gate_open(struct iet_gate *g);

#endif /* IET_GATE_H */
