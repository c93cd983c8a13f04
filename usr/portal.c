// SPDX-License-Identifier: GPL-2.0
/*
 * Listening for initiators.
 */
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "conn.h"
#include "evloop.h"
#include "log.h"
#include "portal.h"
#include "util.h"

#define PORTALS_MAX	2
#define BACKLOG		128

static struct watch portals[PORTALS_MAX];
static unsigned int nr_portals;

static void on_accept(struct watch *w, uint32_t events __maybe_unused)
{
	evloop_accept_all(w, "iSCSI portal", conn_accept);
}

static int listen_on(const struct sockaddr *sa, socklen_t len, char *err,
		     size_t errlen, const char *name)
{
	int fd, one = 1, ret;

	fd = socket(sa->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
		    0);
	if (fd < 0)
		goto fail;
	/* A restart must not wait for the old connections' TIME_WAIT. */
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (sa->sa_family == AF_INET6 &&
	    setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one)))
		goto fail;
	if (bind(fd, sa, len) || listen(fd, BACKLOG))
		goto fail;
	portals[nr_portals].fd = fd;
	portals[nr_portals].fn = on_accept;
	nr_portals++;
	return 0;
fail:
	ret = -errno;
	snprintf(err, errlen, "cannot listen on %s: %s%s", name,
		 strerror(-ret),
		 ret == -EADDRINUSE ? " (is another iSCSI target running?)" :
		 "");
	if (fd >= 0)
		close(fd);
	return ret;
}

static int wildcards(unsigned int port, char *err, size_t len)
{
	struct sockaddr_in6 s6 = {
		.sin6_family = AF_INET6,
		.sin6_port = htons(port),
		.sin6_addr = IN6ADDR_ANY_INIT,
	};
	struct sockaddr_in s4 = {
		.sin_family = AF_INET,
		.sin_port = htons(port),
		.sin_addr.s_addr = htonl(INADDR_ANY),
	};
	char name[32];
	int ret;

	snprintf(name, sizeof(name), "0.0.0.0:%u", port);
	ret = listen_on((struct sockaddr *)&s4, sizeof(s4), err, len, name);
	if (ret)
		return ret;
	snprintf(name, sizeof(name), "[::]:%u", port);
	ret = listen_on((struct sockaddr *)&s6, sizeof(s6), err, len, name);
	/* A host without IPv6 still serves IPv4. */
	if (ret == -EAFNOSUPPORT || ret == -EADDRNOTAVAIL) {
		log_warn("%s", err);
		ret = 0;
	}
	return ret;
}

/* "[::1]" as getaddrinfo() wants it: "::1". */
static void strip_brackets(const char *address, char *host, size_t len)
{
	size_t n = strlen(address);

	if (n >= 2 && address[0] == '[' && address[n - 1] == ']')
		snprintf(host, len, "%.*s", (int)(n - 2), address + 1);
	else
		snprintf(host, len, "%s", address);
}

static int one_address(const char *address, unsigned int port, char *err,
		       size_t len)
{
	struct addrinfo hints = {
		.ai_family = AF_UNSPEC,
		.ai_socktype = SOCK_STREAM,
		.ai_flags = AI_PASSIVE | AI_NUMERICHOST | AI_NUMERICSERV,
	};
	struct addrinfo *ai;
	char host[256], serv[8], name[300];
	int ret;

	strip_brackets(address, host, sizeof(host));
	snprintf(serv, sizeof(serv), "%u", port);
	ret = getaddrinfo(host, serv, &hints, &ai);
	if (ret) {
		snprintf(err, len, "--address %s: %s", address,
			 gai_strerror(ret));
		return -EINVAL;
	}
	snprintf(name, sizeof(name), "%s%s%s:%u",
		 ai->ai_family == AF_INET6 ? "[" : "", host,
		 ai->ai_family == AF_INET6 ? "]" : "", port);
	ret = listen_on(ai->ai_addr, ai->ai_addrlen, err, len, name);
	freeaddrinfo(ai);
	return ret;
}

int portal_open(const char *address, unsigned int port, char *err,
		size_t len)
{
	int ret;

	ret = address ? one_address(address, port, err, len) :
		wildcards(port, err, len);
	if (ret)
		portal_close();
	return ret;
}

int portal_start(void)
{
	unsigned int i;
	int ret;

	ret = conn_start();
	for (i = 0; i < nr_portals && !ret; i++)
		ret = evloop_add(&portals[i], EPOLLIN);
	return ret;
}

void portal_close(void)
{
	unsigned int i;

	conn_close_all();
	for (i = 0; i < nr_portals; i++)
		close(portals[i].fd);
	nr_portals = 0;
}
