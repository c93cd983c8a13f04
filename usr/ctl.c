// SPDX-License-Identifier: GPL-2.0
/*
 * The control socket: accept ietadm's connections, read one request
 * each, answer it and hang up. A client gets CLIENT_TIMEOUT_MS to send
 * its request, and at most CLIENTS_MAX wait at once, so a silent local
 * user cannot lock root out.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "admin.h"
#include "ctl.h"
#include "ctlmsg.h"
#include "evloop.h"
#include "log.h"

#define CLIENTS_MAX		32
#define CLIENT_TIMEOUT_MS	5000

struct client {
	struct watch w;		/* first: the watch is the client */
	uid_t uid;
	long long deadline;
	struct client *next;
};

static struct watch listener = { .fd = -1 };
static struct client *clients;
static unsigned int nr_clients;
static struct kern *kern;
static struct ctl_req req;
static struct ctl_rsp rsp;

static void client_close(struct client *c)
{
	struct client **p;

	for (p = &clients; *p; p = &(*p)->next) {
		if (*p == c) {
			*p = c->next;
			break;
		}
	}
	evloop_del(&c->w);
	close(c->w.fd);
	free(c);
	nr_clients--;
}

static void answer(struct client *c)
{
	size_t len = CTL_RSP_HDR + strlen(rsp.text) + 1;

	if (send(c->w.fd, &rsp, len, MSG_NOSIGNAL | MSG_DONTWAIT) < 0)
		log_debug(1, "control socket: cannot reply: %m");
}

static void request(struct client *c)
{
	ssize_t n = recv(c->w.fd, &req, sizeof(req), MSG_DONTWAIT | MSG_TRUNC);

	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n < 0 || n == 0) {
		client_close(c);
		return;
	}
	rsp.magic = CTL_MAGIC;
	if ((size_t)n != sizeof(req) || req.magic != CTL_MAGIC) {
		rsp.err = -EPROTO;
		snprintf(rsp.text, sizeof(rsp.text),
			 "ietadm and ietd do not speak the same protocol; install them together");
	} else {
		req.params[sizeof(req.params) - 1] = '\0';
		admin_handle(kern, &req, c->uid, &rsp);
	}
	answer(c);
	client_close(c);
}

static void on_client(struct watch *w, uint32_t events)
{
	struct client *c = (struct client *)w;

	if (events & EPOLLIN)
		request(c);
	else
		client_close(c);
}

static void client_add(int fd, const struct sockaddr *peer __maybe_unused,
		       socklen_t peer_len __maybe_unused)
{
	struct ucred cred;
	socklen_t len = sizeof(cred);
	struct client *c;

	if (nr_clients >= CLIENTS_MAX ||
	    getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len)) {
		close(fd);
		return;
	}
	c = calloc(1, sizeof(*c));
	if (!c) {
		close(fd);
		return;
	}
	c->w.fd = fd;
	c->w.fn = on_client;
	c->uid = cred.uid;
	c->deadline = evloop_now_ms() + CLIENT_TIMEOUT_MS;
	if (evloop_add(&c->w, EPOLLIN)) {
		close(fd);
		free(c);
		return;
	}
	c->next = clients;
	clients = c;
	nr_clients++;
}

static void on_accept(struct watch *w, uint32_t events __maybe_unused)
{
	evloop_accept_all(w, "control socket", client_add);
}

/* Hang up on clients too slow to ask; say when the next one is due. */
static int sweep(void)
{
	long long now = evloop_now_ms(), next = -1;
	struct client *c, *n;

	for (c = clients; c; c = n) {
		n = c->next;
		if (c->deadline <= now)
			client_close(c);
		else if (next < 0 || c->deadline < next)
			next = c->deadline;
	}
	return next < 0 ? -1 : (int)(next - now);
}

int ctl_open(char *err, size_t len)
{
	struct sockaddr_un addr;
	socklen_t alen = ctl_addr(&addr);
	int fd, ret;

	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		ret = -errno;
		snprintf(err, len, "cannot create the control socket: %m");
		return ret;
	}
	if (bind(fd, (struct sockaddr *)&addr, alen) || listen(fd, 32)) {
		ret = -errno;
		snprintf(err, len, "cannot listen on the control socket @%s: %m%s",
			 CTL_SOCKET_NAME,
			 ret == -EADDRINUSE ? " (is another ietd running?)" : "");
		close(fd);
		return ret;
	}
	listener.fd = fd;
	listener.fn = on_accept;
	return 0;
}

int ctl_start(struct kern *k)
{
	int err;

	kern = k;
	err = evloop_add_sweep(sweep);
	return err ? err : evloop_add(&listener, EPOLLIN);
}

void ctl_close(void)
{
	while (clients)
		client_close(clients);
	if (listener.fd >= 0)
		close(listener.fd);
	listener.fd = -1;
}
