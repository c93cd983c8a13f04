// SPDX-License-Identifier: GPL-2.0
/*
 * The keepalive's decisions. A connection that has received nothing for
 * an interval is asked for a sign of life with a NOP-In (RFC 7143 11.19);
 * anything received after that is the answer, since an initiator busy
 * with other PDUs may well send those before its NOP-Out. Received means
 * read by the rx thread, or queued by TCP while the rx thread is busy
 * elsewhere (waiting for the commands a task management function ends).
 */
#include "ping.h"

/* Whether tick t has come, with the wrap-around of jiffies. */
static bool iet_ping_due(unsigned long t, unsigned long now)
{
	return (long)(now - t) >= 0;
}

static unsigned long iet_ping_later(unsigned long a, unsigned long b)
{
	return (long)(a - b) > 0 ? a : b;
}

static bool iet_ping_answered(const struct iet_ping *p,
			      const struct iet_ping_view *v)
{
	return v->rx != p->rx || (long)(v->arrived - p->at) > 0;
}

static void iet_ping_ask(struct iet_ping *p, const struct iet_ping_view *v)
{
	*p = (struct iet_ping) {
		.asked = true,
		.at = v->now,
		.rx = v->rx,
		.tx = v->tx,
	};
}

/*
 * A ping that could not be sent (another sender holds the socket, or the
 * socket is full) is no question the initiator can answer: it fails only
 * if nothing went out either, for then the initiator takes no data at all.
 */
enum iet_ping_verdict iet_ping_tick(struct iet_ping *p,
				    const struct iet_ping_view *v,
				    unsigned long *wake)
{
	if (p->asked && iet_ping_answered(p, v))
		p->asked = false;
	if (!p->asked) {
		*wake = iet_ping_later(v->last_rx, v->arrived) + v->interval;
		if (!iet_ping_due(*wake, v->now))
			return IET_PING_WAIT;
		iet_ping_ask(p, v);
	}
	if (iet_ping_due(p->at + v->timeout, v->now)) {
		if (p->sent || v->tx == p->tx)
			return IET_PING_DEAD;
		p->at = v->now;
		p->tx = v->tx;
	}
	*wake = p->at + v->timeout;
	if (p->sent)
		return IET_PING_WAIT;
	if (iet_ping_due(v->now + v->retry, *wake))
		*wake = v->now + v->retry;
	return IET_PING_SEND;
}

/* The NOP-In is out: the initiator has the whole timeout from now. */
void iet_ping_sent(struct iet_ping *p, const struct iet_ping_view *v,
		   unsigned long *wake)
{
	p->sent = true;
	p->at = v->now;
	*wake = v->now + v->timeout;
}

/* IET's rule: no NOPTimeout, or one beyond NOPInterval, is NOPInterval. */
u32 iet_nop_timeout(u32 interval, u32 timeout)
{
	return !timeout || timeout > interval ? interval : timeout;
}
