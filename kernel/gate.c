// SPDX-License-Identifier: GPL-2.0
/*
 * The write gate of gate.h. A closed gate lets no new write in, so an
 * exclusive holder waits only for the writes already inside; those that
 * come meanwhile wait for it to open, in order of nothing in particular
 * (SAM leaves the order of SIMPLE commands to the target).
 */
#include <linux/sched.h>
#include "gate.h"

void iet_gate_init(struct iet_gate *g)
{
	spin_lock_init(&g->lock);
	g->inside = 0;
	g->closed = false;
	mutex_init(&g->excl);
	init_waitqueue_head(&g->wait);
}

/* A write passes unless the gate is closed; never sleeps. */
bool iet_gate_try_enter(struct iet_gate *g)
{
	bool in;

	spin_lock(&g->lock);
	in = !g->closed;
	if (in)
		g->inside++;
	spin_unlock(&g->lock);
	return in;
}

void iet_gate_enter(struct iet_gate *g)
{
	wait_event(g->wait, iet_gate_try_enter(g));
}

void iet_gate_leave(struct iet_gate *g)
{
	bool last;

	spin_lock(&g->lock);
	last = !--g->inside && g->closed;
	spin_unlock(&g->lock);
	if (last)
		wake_up_all(&g->wait);
}

static bool iet_gate_empty(struct iet_gate *g)
{
	bool empty;

	spin_lock(&g->lock);
	empty = !g->inside;
	spin_unlock(&g->lock);
	return empty;
}

/* Returns with no write inside and none let in until iet_gate_open. */
void iet_gate_close(struct iet_gate *g)
{
	mutex_lock(&g->excl);
	spin_lock(&g->lock);
	g->closed = true;
	spin_unlock(&g->lock);
	wait_event(g->wait, iet_gate_empty(g));
}

void iet_gate_open(struct iet_gate *g)
{
	spin_lock(&g->lock);
	g->closed = false;
	spin_unlock(&g->lock);
	wake_up_all(&g->wait);
	mutex_unlock(&g->excl);
}
