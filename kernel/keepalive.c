// SPDX-License-Identifier: GPL-2.0
/*
 * NOPInterval and NOPTimeout: a delayed work per connection pings an idle
 * initiator with a NOP-In and closes the connection when the initiator
 * stays silent; the rx thread then ends it as it ends a lost connection.
 * ping.c decides, this file reads the clock and the socket and acts. The
 * work never waits for the socket: while it waited, nothing would watch
 * the timeout.
 */
#include <linux/jiffies.h>
#include <linux/mutex.h>
#include <linux/net.h>
#include <net/inet_connection_sock.h>
#include <net/sock.h>
#include "iscsi.h"
#include "iscsi_proto.h"
#include "keepalive.h"
#include "session.h"
#include "target.h"

/* How soon a ping that found the socket busy is tried again. */
#define IET_PING_RETRY	(HZ / 4)

/*
 * When TCP last queued data of the initiator, from its 32-bit stamp:
 * data the rx thread has not come to read yet is a sign of life too.
 */
static unsigned long iet_keepalive_arrived(struct iet_conn *conn,
					   unsigned long now)
{
	u32 stamp = READ_ONCE(inet_csk(conn->sock->sk)->icsk_ack.lrcvtime);

	return now - (u32)((u32)now - stamp);
}

static void iet_keepalive_view(struct iet_conn *conn, u32 interval,
			       u32 timeout, struct iet_ping_view *v)
{
	unsigned long now = jiffies;

	*v = (struct iet_ping_view) {
		.now = now,
		.last_rx = READ_ONCE(conn->last_rx),
		.arrived = iet_keepalive_arrived(conn, now),
		.rx = READ_ONCE(conn->rx_reads),
		.tx = READ_ONCE(conn->tx_pdus),
		.interval = interval * HZ,
		.timeout = timeout * HZ,
		.retry = IET_PING_RETRY,
	};
}

/* Sends the NOP-In if that needs no waiting; -EAGAIN if not now. */
static int iet_keepalive_ping(struct iet_conn *conn)
{
	int err = -EAGAIN;

	if (!mutex_trylock(&conn->tx_mutex))
		return -EAGAIN;
	/* With that much room, a bare header goes out without blocking. */
	if (sk_stream_is_writeable(conn->sock->sk)) {
		if (++conn->ping_ttt == ISCSI_RSVD_TAG)
			conn->ping_ttt = 0;
		err = iet_send_ping(conn, conn->ping_ttt);
	}
	mutex_unlock(&conn->tx_mutex);
	return err;
}

static void iet_keepalive_dead(struct iet_conn *conn, u32 timeout)
{
	struct iet_session *sess = conn->session;

	pr_info("target %u: connection %u of session %llu (%s at %s): %s in %u s, closing\n",
		sess->target->tid, conn->cid, sess->sid, sess->initiator,
		conn->peer, conn->ping.sent ? "no answer to a NOP-In" :
		"no PDU read or taken", timeout);
	iet_conn_shutdown(conn);
}

static unsigned long iet_keepalive_delay(unsigned long wake)
{
	long delay = (long)(wake - jiffies);

	return delay > 0 ? delay : 0;
}

static void iet_keepalive_work(struct work_struct *work)
{
	struct iet_conn *conn = container_of(to_delayed_work(work),
					     struct iet_conn, ka_work);
	const struct iet_target_params *tp = &conn->session->target->params;
	u32 interval = READ_ONCE(tp->nop_interval);
	u32 timeout = iet_nop_timeout(interval, READ_ONCE(tp->nop_timeout));
	struct iet_ping_view v;
	unsigned long wake;
	int err;

	if (test_bit(IET_CONN_F_CLOSING, &conn->flags))
		return;
	if (!interval) {
		conn->ping = (struct iet_ping) {};	/* none outstanding */
		return;
	}
	iet_keepalive_view(conn, interval, timeout, &v);
	switch (iet_ping_tick(&conn->ping, &v, &wake)) {
	case IET_PING_DEAD:
		iet_keepalive_dead(conn, timeout);
		return;
	case IET_PING_SEND:
		err = iet_keepalive_ping(conn);
		if (!err) {
			iet_ping_sent(&conn->ping, &v, &wake);
		} else if (err != -EAGAIN) {
			iet_conn_shutdown(conn);	/* the stream is broken */
			return;
		}
		break;
	case IET_PING_WAIT:
		break;
	}
	schedule_delayed_work(&conn->ka_work, iet_keepalive_delay(wake));
}

void iet_keepalive_init(struct iet_conn *conn)
{
	INIT_DELAYED_WORK(&conn->ka_work, iet_keepalive_work);
	conn->last_rx = jiffies;
}

/*
 * The work looks at the connection now: when it starts, and when the
 * target's NOP keys change, so that live connections follow them.
 */
void iet_keepalive_kick(struct iet_conn *conn)
{
	if (!test_bit(IET_CONN_F_CLOSING, &conn->flags))
		mod_delayed_work(system_wq, &conn->ka_work, 0);
}

void iet_keepalive_kick_target(struct iet_target *target)
{
	struct iet_session *sess;
	struct iet_conn *conn;

	lockdep_assert_held(&iet_config_mutex);
	list_for_each_entry(sess, &target->sessions, list)
		list_for_each_entry(conn, &sess->conns, list)
			iet_keepalive_kick(conn);
}

/* The work may re-arm itself; once this returns it neither runs nor sends. */
void iet_keepalive_stop(struct iet_conn *conn)
{
	cancel_delayed_work_sync(&conn->ka_work);
}
