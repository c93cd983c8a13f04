// SPDX-License-Identifier: GPL-2.0
/*
 * Connections in the event loop: read a PDU, answer it, write the answer
 * out, and only then read the next one.
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

#include "conn.h"
#include "discovery.h"
#include "evloop.h"
#include "handoff.h"
#include "live.h"
#include "log.h"
#include "login.h"
#include "pdu.h"

/* PDUs one connection may have answered before others get their turn. */
#define CONN_BURST	16

enum conn_state {
	CONN_LOGIN,
	CONN_DISCOVERY,
	CONN_HANDOFF,	/* the final Login Response is going out */
	CONN_CLOSING,	/* the last answer is going out */
};

struct conn {
	struct watch w;		/* first: the watch is the connection */
	struct conn *next;
	enum conn_state state;
	uint32_t events;
	long long deadline;
	struct live_conn at;	/* both addresses, for the access rules */
	char peer_name[PORTAL_MAX];
	char portal[PORTAL_MAX];
	uint16_t tsih;		/* of a discovery session */
	struct pdu_rx rx;
	uint8_t *tx;		/* the answer being sent */
	size_t tx_cap;
	size_t tx_len;
	size_t tx_sent;
	struct login login;
	struct disc disc;
};

static struct conn *conns;
static unsigned int nr_conns;

static void unlink_conn(struct conn *c)
{
	struct conn **p;

	for (p = &conns; *p; p = &(*p)->next) {
		if (*p == c) {
			*p = c->next;
			break;
		}
	}
	nr_conns--;
}

static void conn_free(struct conn *c)
{
	evloop_del(&c->w);
	close(c->w.fd);
	unlink_conn(c);
	login_free(&c->login);
	disc_free(&c->disc);
	free(c->tx);
	free(c);
}

static void conn_close(struct conn *c, const char *why)
{
	if (why)
		log_debug(1, "connection from %s closed: %s", c->peer_name,
			  why);
	if (c->state == CONN_DISCOVERY)
		live_discovery_ended(c->tsih);
	/* Admitted, but the final Login Response never went out. */
	if (c->state == CONN_HANDOFF)
		live_session_failed(&c->login);
	conn_free(c);
}

static void to_kernel(struct conn *c)
{
	/* The kernel keeps the socket: take it out of our epoll first. */
	evloop_del(&c->w);
	handoff(c->w.fd, &c->login, c->peer_name);
	conn_free(c);
}

/* Copy @rsp out to be sent: 0, or -ENOMEM. */
static int queue(struct conn *c, const struct pdu_out *rsp)
{
	size_t pad = ISCSI_PAD(rsp->dlen) - rsp->dlen;
	size_t len = ISCSI_BHS_LEN + rsp->dlen + pad;
	uint8_t *tx;

	if (len > c->tx_cap) {
		tx = realloc(c->tx, len);
		if (!tx)
			return -ENOMEM;
		c->tx = tx;
		c->tx_cap = len;
	}
	memcpy(c->tx, rsp->bhs, ISCSI_BHS_LEN);
	if (rsp->dlen)
		memcpy(c->tx + ISCSI_BHS_LEN, rsp->data, rsp->dlen);
	memset(c->tx + ISCSI_BHS_LEN + rsp->dlen, 0, pad);
	c->tx_len = len;
	c->tx_sent = 0;
	return 0;
}

static void logged_in(struct conn *c)
{
	struct login *l = &c->login;

	if (l->type == NEGO_NORMAL) {
		c->state = CONN_HANDOFF;
		return;
	}
	log_debug(1, "login: discovery session of %s from %s (MaxRecvDataSegmentLength %u)",
		  l->initiator, c->peer_name, l->nego.vals[SESS_MAX_RECV_DSL]);
	c->at.initiator = l->initiator;
	disc_init(&c->disc, &live_disc_env, &c->at, c->portal, l->cid,
		  l->statsn, l->cmdsn, l->nego.vals[SESS_MAX_RECV_DSL]);
	c->tsih = l->session_tsih;
	c->state = CONN_DISCOVERY;
	c->deadline = evloop_now_ms() + CONN_IDLE_MS;
}

static void log_refusal(struct conn *c)
{
	struct login *l = &c->login;

	log_info("login from %s%s%s%s refused: %s (0x%04x): %s", c->peer_name,
		 *l->initiator ? " (" : "", l->initiator,
		 *l->initiator ? ")" : "", login_status_str(l->status),
		 l->status, l->why);
	c->state = CONN_CLOSING;
}

static int on_login_pdu(struct conn *c)
{
	struct pdu_out rsp;

	switch (login_rx(&c->login, c->rx.bhs, c->rx.data, c->rx.dlen, &rsp)) {
	case LOGIN_MORE:
		break;
	case LOGIN_FAIL:
		log_refusal(c);
		break;
	case LOGIN_DONE:
		logged_in(c);
		break;
	}
	return queue(c, &rsp);
}

static int on_discovery_pdu(struct conn *c)
{
	enum disc_result r;
	struct pdu_out rsp;

	c->disc.why[0] = '\0';
	r = disc_rx(&c->disc, c->rx.bhs, c->rx.data, c->rx.dlen, &rsp);
	if (*c->disc.why)
		log_debug(1, "discovery session from %s: rejected: %s",
			  c->peer_name, c->disc.why);
	if (r == DISC_CLOSE)
		c->state = CONN_CLOSING;
	c->deadline = evloop_now_ms() + CONN_IDLE_MS;
	return r == DISC_QUIET ? 0 : queue(c, &rsp);
}

/* The framer found a PDU it will not read: answer it, and close. */
static int on_bad_pdu(struct conn *c, enum pdu_rx_status st)
{
	const char *why = st == PDU_RX_AHS ? "a PDU with an AHS" :
		"a data segment longer than 8192 bytes";
	struct pdu_out rsp;

	if (c->state == CONN_LOGIN) {
		login_refuse(&c->login, c->rx.bhs, LS_INVALID_REQUEST, why,
			     &rsp);
		log_refusal(c);
	} else {
		disc_reject(&c->disc, c->rx.bhs, ISCSI_REASON_PROTOCOL_ERROR,
			    &rsp);
		log_debug(1, "discovery session from %s: %s", c->peer_name,
			  why);
		c->state = CONN_CLOSING;
	}
	return queue(c, &rsp);
}

/* Read until a PDU is complete: 1 when one was answered, 0, or -errno. */
static int receive(struct conn *c)
{
	enum pdu_rx_status st;
	uint8_t *buf;
	size_t want;
	ssize_t n;
	int err;

	for (;;) {
		want = pdu_rx_want(&c->rx, &buf);
		n = recv(c->w.fd, buf, want, 0);
		if (n == 0)
			return -ECONNRESET;
		if (n < 0)
			return errno == EAGAIN || errno == EINTR ? 0 : -errno;
		st = pdu_rx_got(&c->rx, n);
		if (st == PDU_RX_MORE)
			continue;
		if (st != PDU_RX_DONE)
			err = on_bad_pdu(c, st);
		else if (c->state == CONN_LOGIN)
			err = on_login_pdu(c);
		else
			err = on_discovery_pdu(c);
		pdu_rx_reset(&c->rx);
		return err ? err : 1;
	}
}

/* Write what is queued: 1 when all is out, 0, or -errno. */
static int flush(struct conn *c)
{
	ssize_t n;

	while (c->tx_sent < c->tx_len) {
		n = send(c->w.fd, c->tx + c->tx_sent, c->tx_len - c->tx_sent,
			 MSG_NOSIGNAL);
		if (n < 0)
			return errno == EAGAIN || errno == EINTR ? 0 : -errno;
		c->tx_sent += n;
	}
	return 1;
}

static void watch_for(struct conn *c, uint32_t events)
{
	if (c->events != events && !evloop_mod(&c->w, events))
		c->events = events;
}

/*
 * Write what is queued, then read and answer the next PDU: 1 to go on,
 * 0 when the socket must be waited for or the end is near, or -errno.
 */
static int step(struct conn *c)
{
	int ret = flush(c);

	if (ret <= 0)
		return ret;
	if (c->state == CONN_CLOSING || c->state == CONN_HANDOFF)
		return 0;
	return receive(c);
}

static void progress(struct conn *c)
{
	bool sent;
	int i, ret = 1;

	for (i = 0; i < CONN_BURST && ret > 0; i++)
		ret = step(c);
	sent = c->tx_sent == c->tx_len;
	if (ret < 0)
		conn_close(c, ret == -ECONNRESET ? "closed by the initiator" :
			   strerror(-ret));
	else if (sent && c->state == CONN_CLOSING)
		conn_close(c, "done");
	else if (sent && c->state == CONN_HANDOFF)
		to_kernel(c);
	else
		watch_for(c, sent ? EPOLLIN : EPOLLOUT);
}

static void on_conn(struct watch *w, uint32_t events)
{
	struct conn *c = (struct conn *)w;

	if (events & EPOLLERR)
		conn_close(c, "socket error");
	else
		progress(c);
}

static unsigned int from_peer(const struct sockaddr_storage *peer)
{
	const struct sockaddr_in6 *a6 = (const void *)peer, *b6;
	const struct sockaddr_in *a4 = (const void *)peer, *b4;
	unsigned int n = 0;
	struct conn *c;

	for (c = conns; c; c = c->next) {
		if (c->at.peer.ss_family != peer->ss_family)
			continue;
		b4 = (const void *)&c->at.peer;
		b6 = (const void *)&c->at.peer;
		if (peer->ss_family == AF_INET)
			n += a4->sin_addr.s_addr == b4->sin_addr.s_addr;
		else
			n += !memcmp(&a6->sin6_addr, &b6->sin6_addr,
				     sizeof(a6->sin6_addr));
	}
	return n;
}

static uint32_t first_statsn(void)
{
	uint32_t v;

	/* Any start will do; a random one shows who trusts zero. */
	if (getrandom(&v, sizeof(v), GRND_NONBLOCK) != sizeof(v))
		v = (uint32_t)evloop_now_ms();
	return v;
}

static int conn_setup(struct conn *c, int fd, const struct sockaddr *peer,
		      socklen_t len)
{
	struct sockaddr *local = (struct sockaddr *)&c->at.portal;
	socklen_t llen = sizeof(c->at.portal);
	int one = 1;

	memcpy(&c->at.peer, peer,
	       len < sizeof(c->at.peer) ? len : sizeof(c->at.peer));
	if (portal_name(peer, c->peer_name, sizeof(c->peer_name)) < 0 ||
	    getsockname(fd, local, &llen) ||
	    portal_name(local, c->portal, sizeof(c->portal)) < 0)
		return -EINVAL;
	/* Login PDUs are small and each waits for its answer. */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	c->w.fd = fd;
	c->w.fn = on_conn;
	c->events = EPOLLIN;
	c->deadline = evloop_now_ms() + CONN_LOGIN_MS;
	login_init(&c->login, &live_login_env, &c->at, first_statsn());
	return evloop_add(&c->w, EPOLLIN);
}

/*
 * Once a flood is on, one line every ten seconds says so, with the count
 * of connections turned away since the last.
 */
static void log_flood(const struct sockaddr *peer, const char *what)
{
	static long long last;
	static unsigned int dropped;
	char name[PORTAL_MAX];
	long long now = evloop_now_ms();

	dropped++;
	if (last && now - last < 10000)
		return;
	if (portal_name(peer, name, sizeof(name)) < 0)
		snprintf(name, sizeof(name), "?");
	log_warn("too many connections in login (%s): %u turned away in the last %lld s, the latest from %s",
		 what, dropped, last ? (now - last) / 1000 : 0, name);
	last = now;
	dropped = 0;
}

/*
 * With every slot taken, the oldest connection still in login makes room:
 * it had the most time, and a client that logs in within seconds, as real
 * ones do, gets through a flood of connections that never finish.
 */
static bool make_room(void)
{
	struct conn *c, *old = NULL;

	for (c = conns; c; c = c->next)
		if (c->state == CONN_LOGIN &&
		    (!old || c->deadline < old->deadline))
			old = c;
	if (!old)
		return false;
	conn_close(old, "evicted: too many connections in login");
	return true;
}

void conn_accept(int fd, const struct sockaddr *peer, socklen_t len)
{
	struct conn *c;

	/* One address cannot take more than its share. */
	if (from_peer((const struct sockaddr_storage *)peer) >= CONN_PER_PEER) {
		log_flood(peer, "per address");
		close(fd);
		return;
	}
	if (nr_conns >= CONN_MAX) {
		log_flood(peer, "in all");
		if (!make_room()) {
			close(fd);
			return;
		}
	}
	c = calloc(1, sizeof(*c));
	if (!c || conn_setup(c, fd, peer, len)) {
		close(fd);
		free(c);
		return;
	}
	log_debug(2, "connection from %s to %s", c->peer_name, c->portal);
	c->next = conns;
	conns = c;
	nr_conns++;
}

/* Close connections past their deadline; say when the next one is due. */
static int sweep(void)
{
	long long now = evloop_now_ms(), next = -1;
	struct conn *c, *n;

	for (c = conns; c; c = n) {
		n = c->next;
		if (c->deadline <= now)
			conn_close(c, c->state == CONN_DISCOVERY ?
				   "idle discovery session" :
				   "login timed out");
		else if (next < 0 || c->deadline < next)
			next = c->deadline;
	}
	return next < 0 ? -1 : (int)(next - now);
}

int conn_start(void)
{
	return evloop_add_sweep(sweep);
}

void conn_close_all(void)
{
	while (conns)
		conn_close(conns, NULL);
}
