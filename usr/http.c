// SPDX-License-Identifier: GPL-2.0
/*
 * The HTTP server's sockets and connections. See http.h.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bootconf.h"
#include "config.h"
#include "evloop.h"
#include "hostport.h"
#include "http.h"
#include "httpboot.h"
#include "httpreq.h"
#include "httpserve.h"
#include "log.h"
#include "util.h"

#define LISTEN_MAX	2
#define BACKLOG		128
#define FILE_CHUNK	65536
/* How long a refused client may go on sending before it is cut off. */
#define DRAIN_MS	2000

struct hconn {
	struct watch w;
	struct hconn *next;
	struct sockaddr_storage peer;
	char server[64];	/* our address, as sanboot URIs want it */
	char in[HTTP_HEAD_MAX + 1];
	size_t in_len;
	struct http_resp resp;
	bool answering;		/* resp is being sent */
	bool waiting;		/* for a head, nothing of it read yet */
	bool draining;		/* refused: reading to the end, discarding */
	char *out;		/* what is being sent: head, body or chunk */
	size_t out_len;
	size_t out_sent;
	unsigned int part;	/* 0 head, 1 body, 2 file */
	char *chunk;
	long long deadline;
};

static struct watch listeners[LISTEN_MAX];
static unsigned int nr_listeners;
static struct hconn *conns;
static unsigned int nr_conns;

static void hconn_close(struct hconn *c)
{
	struct hconn **pp;

	for (pp = &conns; *pp; pp = &(*pp)->next) {
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	}
	nr_conns--;
	evloop_del(&c->w);
	close(c->w.fd);
	http_resp_free(&c->resp);
	free(c->chunk);
	free(c);
}

/* The next piece of the answer into out; false when all is sent. */
static bool next_piece(struct hconn *c)
{
	struct http_resp *r = &c->resp;
	ssize_t n;

	c->out_sent = 0;
	c->out_len = 0;
	while (!c->out_len) {
		if (c->part == 0) {
			c->out = r->head;
			c->out_len = r->head_len;
		} else if (c->part == 1) {
			c->out = r->body;
			c->out_len = r->body ? r->body_len : 0;
		} else if (r->fd >= 0 && r->left) {
			if (!c->chunk)
				c->chunk = malloc(FILE_CHUNK);
			if (!c->chunk)
				return false;
			n = pread(r->fd, c->chunk, r->left < FILE_CHUNK ?
				  r->left : FILE_CHUNK, r->off);
			if (n <= 0)
				return false;	/* shrunk under us: give up */
			r->off += n;
			r->left -= n;
			c->out = c->chunk;
			c->out_len = n;
			return true;
		} else {
			return false;
		}
		c->part++;
	}
	return true;
}

static void watch_for(struct hconn *c, uint32_t events)
{
	if (evloop_mod(&c->w, events))
		log_warn("HTTP: epoll: %s", strerror(errno));
}

static void answer(struct hconn *c, const struct http_req *req, int status)
{
	if (status)
		http_serve_error(status, &c->resp);
	else
		http_serve(req, c->server, &c->resp);
	c->answering = true;
	c->part = 0;
	c->out_len = 0;
	c->out_sent = 0;
	c->deadline = evloop_now_ms() + HTTP_SEND_MS;
	watch_for(c, EPOLLOUT);
}

/* A request head complete in c->in: answer it. Returns false to wait. */
static bool take_request(struct hconn *c)
{
	struct http_req req;
	int ret;

	ret = http_req_parse(c->in, c->in_len, &req);
	if (ret == 1)
		return false;
	if (ret) {
		log_debug(1, "HTTP: request refused with %d", ret);
		c->in_len = 0;
		answer(c, NULL, ret);
		return true;
	}
	memmove(c->in, c->in + req.head_len, c->in_len - req.head_len);
	c->in_len -= req.head_len;
	log_debug(2, "HTTP: %s %s", req.method == HTTP_GET ? "GET" :
		  req.method == HTTP_HEAD ? "HEAD" : "other", req.target);
	answer(c, &req, 0);
	return true;
}

/* Returns false if the connection is to close. */
static bool receive(struct hconn *c)
{
	ssize_t n;

	for (;;) {
		if (c->draining)
			c->in_len = 0;
		if (c->in_len >= HTTP_HEAD_MAX) {
			take_request(c);
			return true;
		}
		n = read(c->w.fd, c->in + c->in_len, HTTP_HEAD_MAX - c->in_len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno == EAGAIN;
		if (!n)
			return false;
		if (c->waiting) {
			c->waiting = false;
			c->deadline = evloop_now_ms() + HTTP_REQUEST_MS;
		}
		c->in_len += n;
		if (!c->draining && take_request(c))
			return true;
	}
}

/* The answer is out: the next request, or the end. */
static bool answered(struct hconn *c)
{
	bool keep = !c->resp.close;
	int status = c->resp.status;

	http_resp_free(&c->resp);
	c->answering = false;
	if (!keep && status < 400)
		return false;
	if (!keep) {
		/*
		 * Closing with unread bytes would reset the connection and
		 * could take the refusal with it: say no more, and read on.
		 */
		shutdown(c->w.fd, SHUT_WR);
		c->draining = true;
		c->deadline = evloop_now_ms() + DRAIN_MS;
		watch_for(c, EPOLLIN);
		return true;
	}
	c->waiting = !c->in_len;
	c->deadline = evloop_now_ms() + (c->in_len ? HTTP_REQUEST_MS : HTTP_IDLE_MS);
	watch_for(c, EPOLLIN);
	/* A pipelined request is read already. */
	if (c->in_len)
		take_request(c);
	return true;
}

static bool send_out(struct hconn *c)
{
	ssize_t n;

	if (!c->resp.head)
		return false;	/* out of memory */
	for (;;) {
		if (c->out_sent == c->out_len && !next_piece(c))
			return c->resp.fd < 0 || !c->resp.left ?
				answered(c) : false;
		n = send(c->w.fd, c->out + c->out_sent,
			 c->out_len - c->out_sent, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno == EAGAIN;
		c->out_sent += n;
		c->deadline = evloop_now_ms() + HTTP_SEND_MS;
	}
}

static void on_conn(struct watch *w, uint32_t events)
{
	struct hconn *c = (struct hconn *)w;
	bool ok;

	if (events & (EPOLLERR | EPOLLHUP) && !(events & EPOLLIN)) {
		hconn_close(c);
		return;
	}
	ok = c->answering ? send_out(c) : receive(c);
	/* A request answered at once may be sent at once too. */
	if (ok && c->answering && !(events & EPOLLOUT))
		ok = send_out(c);
	if (!ok)
		hconn_close(c);
}

static unsigned int from_peer(const struct sockaddr_storage *peer)
{
	const struct sockaddr_in6 *a6 = (const void *)peer;
	const struct sockaddr_in *a4 = (const void *)peer;
	unsigned int n = 0;
	struct hconn *c;

	for (c = conns; c; c = c->next) {
		const struct sockaddr_in6 *c6 = (const void *)&c->peer;
		const struct sockaddr_in *c4 = (const void *)&c->peer;

		if (c->peer.ss_family != peer->ss_family)
			continue;
		if (peer->ss_family == AF_INET ?
		    c4->sin_addr.s_addr == a4->sin_addr.s_addr :
		    !memcmp(&c6->sin6_addr, &a6->sin6_addr,
			    sizeof(a6->sin6_addr)))
			n++;
	}
	return n;
}

/* Evict the connection idle, or waiting for its head, the longest. */
static bool make_room(void)
{
	struct hconn *c, *old = NULL;

	for (c = conns; c; c = c->next)
		if (!c->answering && (!old || c->deadline < old->deadline))
			old = c;
	if (!old)
		return false;
	log_debug(1, "HTTP: too many connections: one evicted");
	hconn_close(old);
	return true;
}

/* Our address as a URI host: "10.0.0.1" or "[fe80::1]". */
static void server_name(int fd, char *buf, size_t len)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	char host[INET6_ADDRSTRLEN];

	buf[0] = '\0';
	if (getsockname(fd, (struct sockaddr *)&ss, &sl) ||
	    getnameinfo((struct sockaddr *)&ss, sl, host, sizeof(host), NULL,
			0, NI_NUMERICHOST))
		return;
	/* A v4-mapped address is an IPv4 client on a dual socket. */
	if (!strncmp(host, "::ffff:", 7) && strchr(host, '.'))
		snprintf(buf, len, "%s", host + 7);
	else if (ss.ss_family == AF_INET6)
		snprintf(buf, len, "[%s]", host);
	else
		snprintf(buf, len, "%s", host);
}

static void accept_one(int fd, const struct sockaddr *sa, socklen_t len)
{
	struct sockaddr_storage peer = { 0 };
	struct hconn *c;

	memcpy(&peer, sa, len < sizeof(peer) ? len : sizeof(peer));
	if (from_peer(&peer) >= HTTP_PER_PEER ||
	    (nr_conns >= HTTP_MAX && !make_room())) {
		log_debug(1, "HTTP: too many connections: one refused");
		close(fd);
		return;
	}
	c = calloc(1, sizeof(*c));
	if (!c) {
		close(fd);
		return;
	}
	c->w.fd = fd;
	c->w.fn = on_conn;
	c->peer = peer;
	c->waiting = true;
	c->resp.fd = -1;
	c->deadline = evloop_now_ms() + HTTP_REQUEST_MS;
	server_name(fd, c->server, sizeof(c->server));
	if (evloop_add(&c->w, EPOLLIN)) {
		close(fd);
		free(c);
		return;
	}
	c->next = conns;
	conns = c;
	nr_conns++;
}

static void on_accept(struct watch *w, uint32_t events __maybe_unused)
{
	evloop_accept_all(w, "HTTP", accept_one);
}

/* Close connections past their deadline; say when the next one is due. */
static int sweep(void)
{
	long long now = evloop_now_ms(), next = -1;
	struct hconn *c, *n;

	for (c = conns; c; c = n) {
		n = c->next;
		if (c->deadline <= now) {
			log_debug(1, "HTTP: connection timed out");
			hconn_close(c);
		} else if (next < 0 || c->deadline < next) {
			next = c->deadline;
		}
	}
	return next < 0 ? -1 : (int)(next - now);
}

static int listen_on(const struct addrinfo *ai, char *err, size_t len,
		     const char *name)
{
	int fd, one = 1;

	fd = socket(ai->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
		    0);
	if (fd < 0)
		goto fail;
	/* A restart must not wait for the old connections' TIME_WAIT. */
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (ai->ai_family == AF_INET6 &&
	    setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one)))
		goto fail;
	if (bind(fd, ai->ai_addr, ai->ai_addrlen) || listen(fd, BACKLOG))
		goto fail;
	listeners[nr_listeners].fd = fd;
	listeners[nr_listeners].fn = on_accept;
	nr_listeners++;
	return 0;
fail:
	snprintf(err, len, "HTTPListen: cannot listen on %s: %s", name,
		 strerror(errno));
	if (fd >= 0)
		close(fd);
	return -errno;
}

int http_open(const char *listen, unsigned int iscsi_port, char *err,
	      size_t len)
{
	struct addrinfo hints = {
		.ai_socktype = SOCK_STREAM,
		.ai_flags = AI_PASSIVE | AI_NUMERICHOST | AI_NUMERICSERV,
	};
	struct addrinfo *ai, *a;
	unsigned int port = HTTP_PORT_DEFAULT;
	char addr[64], serv[8];
	int ret;

	http_boot_set_port(iscsi_port);
	if (hostport_parse(listen, addr, sizeof(addr), &port))
		return -EINVAL;
	snprintf(serv, sizeof(serv), "%u", port);
	ret = getaddrinfo(*addr ? addr : NULL, serv, &hints, &ai);
	if (ret) {
		snprintf(err, len, "HTTPListen %s: %s", listen,
			 gai_strerror(ret));
		return -EINVAL;
	}
	ret = 0;
	for (a = ai; a && !ret && nr_listeners < LISTEN_MAX; a = a->ai_next)
		ret = listen_on(a, err, len, listen);
	freeaddrinfo(ai);
	if (ret)
		http_close();
	else
		log_debug(1, "HTTP on %s", listen);
	return ret;
}

int http_start(void)
{
	unsigned int i;
	int ret;

	if (!nr_listeners)
		return 0;
	for (i = 0; i < nr_listeners; i++) {
		ret = evloop_add(&listeners[i], EPOLLIN);
		if (ret)
			return ret;
	}
	return evloop_add_sweep(sweep);
}

void http_reloaded(const struct config *old, const struct config *cfg)
{
	const char *a = old ? old->boot.listen : NULL, *b = cfg->boot.listen;

	if ((a || b) && (!a || !b || strcmp(a, b)))
		log_warn("%s: HTTPListen changes at the next start, not on SIGHUP",
			 cfg->file);
}

void http_close(void)
{
	while (conns)
		hconn_close(conns);
	while (nr_listeners)
		close(listeners[--nr_listeners].fd);
}
