/* SPDX-License-Identifier: GPL-2.0 */
/*
 * When a connection is pinged and when it is given up (NOPInterval,
 * NOPTimeout): decisions on ticks and counters only, so that tests/unit
 * runs them without a clock or a socket.
 */
#ifndef IET_PING_H
#define IET_PING_H

#include "pure.h"

/* What the connection has done; the counters only ever matter by change. */
struct iet_ping_view {
	unsigned long now;
	unsigned long last_rx;		/* when the rx thread last read */
	unsigned long arrived;		/* when TCP last queued data for it */
	u32 rx;				/* reads so far */
	u32 tx;				/* PDUs sent so far */
	unsigned long interval;		/* idle time before a ping; > 0 */
	unsigned long timeout;		/* time to answer one; > 0 */
	unsigned long retry;		/* between tries to send one */
};

/* The keepalive's own state; all zero is "nothing asked". */
struct iet_ping {
	bool asked;			/* a ping is due since at */
	bool sent;			/* and on the wire since at */
	unsigned long at;
	u32 rx;				/* the view's counters at 'at' */
	u32 tx;
};

enum iet_ping_verdict {
	IET_PING_WAIT,			/* look again at *wake */
	IET_PING_SEND,			/* send a NOP-In now, else retry at *wake */
	IET_PING_DEAD,			/* no sign of life in time: close */
};

enum iet_ping_verdict iet_ping_tick(struct iet_ping *p,
				    const struct iet_ping_view *v,
				    unsigned long *wake);
void iet_ping_sent(struct iet_ping *p, const struct iet_ping_view *v,
		   unsigned long *wake);
u32 iet_nop_timeout(u32 interval, u32 timeout);

#endif /* IET_PING_H */
