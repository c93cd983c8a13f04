// SPDX-License-Identifier: GPL-2.0
/*
 * TFTP transfers: sockets, sends, timers.
 */
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "evloop.h"
#include "log.h"
#include "tftp_conn.h"
#include "tftp_xfer.h"

/* Packets one transfer sends before the others get their turn. */
#define TFTP_BURST	64

struct tconn {
	struct watch w;		/* first: the watch is the transfer */
	struct tconn *next;
	struct tftp_xfer x;
	int file;
	uint32_t events;
	long long deadline;
	long long started;
	struct sockaddr_storage peer_addr;
	socklen_t peer_len;
	char peer[NI_MAXHOST + NI_MAXSERV + 4];
	char *name;
	uint8_t *pkt;		/* the packet being sent */
	size_t pending;		/* its length, while the socket is full */
};

static struct tconn *tconns;
static unsigned int nr_tconns;
static int refusing;		/* the cap was hit and logged */

static void tconn_free(struct tconn *c)
{
	struct tconn **p;

	for (p = &tconns; *p; p = &(*p)->next) {
		if (*p == c) {
			*p = c->next;
			nr_tconns--;
			break;
		}
	}
	if (c->w.fd >= 0) {
		evloop_del(&c->w);
		close(c->w.fd);
	}
	close(c->file);
	xfer_free(&c->x);
	free(c->pkt);
	free(c->name);
	free(c);
	if (nr_tconns < TFTP_XFERS_MAX)
		refusing = 0;
}

/* End a transfer, telling the client @why unless it ended it (NULL). */
static void tconn_end(struct tconn *c, const char *why)
{
	uint8_t buf[128];
	size_t n;

	if (why) {
		n = tftp_build_error(buf, sizeof(buf), TFTP_EUNDEF, why);
		send(c->w.fd, buf, n, 0);
	}
	log_debug(1, "tftp: %s to %s ended: %s", c->name, c->peer,
		  why ? why : "the client gave up");
	tconn_free(c);
}

static void tconn_done(struct tconn *c)
{
	log_info("tftp: sent %s to %s, blksize %u, windowsize %u, in %lld ms",
		  c->name, c->peer, c->x.blksize, c->x.window,
		  evloop_now_ms() - c->started);
	tconn_free(c);
}

static void want(struct tconn *c, uint32_t events)
{
	if (events != c->events && !evloop_mod(&c->w, events))
		c->events = events;
}

/*
 * Send what the window allows, up to a burst. A full socket buffer keeps
 * the packet for when the socket can take it. Returns 0 or -1 when the
 * transfer was ended.
 */
static int pump(struct tconn *c)
{
	ssize_t n;
	int i;

	for (i = 0; i < TFTP_BURST; i++) {
		if (!c->pending) {
			if (!xfer_can_send(&c->x))
				break;
			n = xfer_next_packet(&c->x, c->pkt);
			if (n < 0) {
				tconn_end(c, "cannot read the file");
				return -1;
			}
			c->pending = n;
		}
		if (send(c->w.fd, c->pkt, c->pending, 0) < 0) {
			if (errno == EAGAIN || errno == EINTR)
				break;
			/* ENOBUFS and the like: as if lost on the wire. */
			if (errno == ECONNREFUSED) {
				tconn_end(c, NULL);
				return -1;
			}
		}
		c->pending = 0;
	}
	want(c, c->pending || xfer_can_send(&c->x) ? EPOLLIN | EPOLLOUT :
	     EPOLLIN);
	c->deadline = evloop_now_ms() + c->x.rto_ms;
	return 0;
}

static void act(struct tconn *c, enum xfer_act a)
{
	if (a == XFER_SEND)
		pump(c);
	else if (a == XFER_DONE)
		tconn_done(c);
	else if (a == XFER_FAIL)
		tconn_end(c, "cannot read the file");
}

/* ACKs and ERRORs from the client; anything else is left alone. */
static void on_reply(struct tconn *c)
{
	uint8_t buf[TFTP_REQ_MAX];
	enum xfer_act a;
	uint16_t block;
	ssize_t n;

	for (;;) {
		n = recv(c->w.fd, buf, sizeof(buf), 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == ECONNREFUSED) {
			tconn_end(c, NULL);
			return;
		}
		if (n < 0)
			return;
		switch (tftp_parse_reply(buf, n, &block)) {
		case TFTP_ACK:
			a = xfer_ack(&c->x, block);
			/* What was waiting to go out is now stale. */
			if (a != XFER_WAIT)
				c->pending = 0;
			act(c, a);
			return;
		case TFTP_ERROR:
			tconn_end(c, NULL);
			return;
		}
	}
}

static void on_event(struct watch *w, uint32_t events)
{
	struct tconn *c = (struct tconn *)w;

	if (events & (EPOLLIN | EPOLLERR))
		on_reply(c);
	else if (events & EPOLLOUT)
		pump(c);
}

/* Retransmit or give up on the transfers whose time ran out. */
static int sweep(void)
{
	long long now = evloop_now_ms(), next = -1;
	struct tconn *c, *n;

	for (c = tconns; c; c = n) {
		n = c->next;
		if (c->deadline <= now) {
			if (xfer_timeout(&c->x) == XFER_FAIL) {
				tconn_end(c, "timed out");
				continue;
			}
			log_debug(2, "tftp: %s to %s: sending again, next wait %u ms",
				  c->name, c->peer, c->x.rto_ms);
			c->pending = 0;
			if (pump(c))
				continue;
		}
		if (next < 0 || c->deadline < next)
			next = c->deadline;
	}
	return next < 0 ? -1 : (int)(next - now);
}

static ssize_t xfer_read(void *ctx, void *buf, size_t len, uint64_t off)
{
	struct tconn *c = ctx;
	ssize_t n;

	do {
		n = pread(c->file, buf, len, off);
	} while (n < 0 && errno == EINTR);
	return n < 0 ? -errno : n;
}

/* The transfer's socket: from @local, to @peer only. */
static int tconn_socket(const struct sockaddr *peer, socklen_t plen,
			const struct sockaddr *local, socklen_t llen)
{
	int fd;

	fd = socket(peer->sa_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
		    0);
	if (fd < 0)
		return -1;
	if (bind(fd, local, llen) || connect(fd, peer, plen)) {
		close(fd);
		return -1;
	}
	return fd;
}

static void peer_name(const struct sockaddr *sa, socklen_t len, char *buf,
		      size_t size)
{
	char host[NI_MAXHOST], serv[NI_MAXSERV];

	if (getnameinfo(sa, len, host, sizeof(host), serv, sizeof(serv),
			NI_NUMERICHOST | NI_NUMERICSERV))
		snprintf(buf, size, "?");
	else
		snprintf(buf, size, sa->sa_family == AF_INET6 ? "[%s]:%s" :
			 "%s:%s", host, serv);
}

static struct tconn *tconn_new(int file, const char *name,
			       const struct tftp_req *req, uint64_t size)
{
	struct tconn *c = calloc(1, sizeof(*c));
	size_t cap;

	if (!c)
		return NULL;
	c->w.fd = -1;
	c->w.fn = on_event;
	c->file = file;
	c->name = strdup(name);
	if (!c->name || xfer_init(&c->x, req, size, xfer_read, c))
		goto bad;
	cap = 4 + c->x.blksize;
	c->pkt = malloc(cap > TFTP_OACK_MAX ? cap : TFTP_OACK_MAX);
	if (c->pkt)
		return c;
bad:
	xfer_free(&c->x);
	free(c->name);
	free(c);
	return NULL;
}

static int too_many(const char **why)
{
	if (!refusing)
		log_warn("tftp: %u transfers at once; refusing more",
			 TFTP_XFERS_MAX);
	refusing = 1;
	*why = "too many transfers; try again later";
	return -1;
}

/* The transfer to @peer's address and port, if one runs. */
static struct tconn *find(const struct sockaddr *peer, socklen_t plen)
{
	struct tconn *c;

	for (c = tconns; c; c = c->next)
		if (c->peer_len == plen && !memcmp(&c->peer_addr, peer, plen))
			return c;
	return NULL;
}

int tftp_conn_start(int file, uint64_t size, const char *name,
		    const struct tftp_req *req, const struct sockaddr *peer,
		    socklen_t plen, const struct sockaddr *local,
		    socklen_t llen, const char **why)
{
	struct tconn *c;

	/*
	 * A request sent again before our first answer reached the client
	 * (PXE ROMs do): the transfer under way answers it.
	 */
	if (find(peer, plen)) {
		close(file);
		return 0;
	}
	if (nr_tconns >= TFTP_XFERS_MAX) {
		close(file);
		return too_many(why);
	}
	c = tconn_new(file, name, req, size);
	if (!c) {
		close(file);
		*why = "out of memory";
		return -1;
	}
	c->w.fd = tconn_socket(peer, plen, local, llen);
	if (c->w.fd < 0 || evloop_add(&c->w, EPOLLIN)) {
		*why = "cannot open a socket";
		tconn_free(c);
		return -1;
	}
	c->events = EPOLLIN;
	memcpy(&c->peer_addr, peer, plen);
	c->peer_len = plen;
	c->next = tconns;
	tconns = c;
	nr_tconns++;
	peer_name(peer, plen, c->peer, sizeof(c->peer));
	c->started = evloop_now_ms();
	log_debug(1, "tftp: sending %s to %s", name, c->peer);
	pump(c);
	return 0;
}

int tftp_conn_init(void)
{
	return evloop_add_sweep(sweep);
}

void tftp_conn_close_all(void)
{
	while (tconns)
		tconn_free(tconns);
}
