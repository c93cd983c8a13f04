// SPDX-License-Identifier: GPL-2.0
/*
 * The epoll loop.
 */
#include <errno.h>
#include <stdbool.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include "evloop.h"
#include "log.h"

static int epfd = -1;
static bool stopping;
static int stop_status;
static int (*sweeps[EVLOOP_SWEEPS])(void);

int evloop_init(void)
{
	epfd = epoll_create1(EPOLL_CLOEXEC);
	return epfd < 0 ? -errno : 0;
}

void evloop_exit(void)
{
	if (epfd >= 0)
		close(epfd);
	epfd = -1;
}

int evloop_add(struct watch *w, uint32_t events)
{
	struct epoll_event ev = { .events = events, .data.ptr = w };

	return epoll_ctl(epfd, EPOLL_CTL_ADD, w->fd, &ev) ? -errno : 0;
}

void evloop_del(struct watch *w)
{
	epoll_ctl(epfd, EPOLL_CTL_DEL, w->fd, NULL);
}

int evloop_mod(struct watch *w, uint32_t events)
{
	struct epoll_event ev = { .events = events, .data.ptr = w };

	return epoll_ctl(epfd, EPOLL_CTL_MOD, w->fd, &ev) ? -errno : 0;
}

int evloop_add_sweep(int (*fn)(void))
{
	unsigned int i;

	for (i = 0; i < EVLOOP_SWEEPS; i++) {
		if (!sweeps[i] || sweeps[i] == fn) {
			sweeps[i] = fn;
			return 0;
		}
	}
	return -ENOSPC;
}

/* Run every sweep; the soonest timeout any of them wants. */
static int sweep(void)
{
	int i, t, timeout = -1;

	for (i = 0; i < EVLOOP_SWEEPS && sweeps[i]; i++) {
		t = sweeps[i]();
		if (t >= 0 && (timeout < 0 || t < timeout))
			timeout = t;
	}
	return timeout;
}

void evloop_stop(int status)
{
	stopping = true;
	stop_status = status;
}

int evloop_run(void)
{
	struct epoll_event ev[16];
	int i, n, timeout = -1;
	struct watch *w;

	while (!stopping) {
		n = epoll_wait(epfd, ev, 16, timeout);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			log_error("epoll_wait: %m");
			return 1;
		}
		/*
		 * A handler may close its own watch but no other, since
		 * another may still be due in ev[]; the sweep may close any.
		 */
		for (i = 0; i < n && !stopping; i++) {
			w = ev[i].data.ptr;
			w->fn(w, ev[i].events);
		}
		timeout = sweep();
	}
	return stop_status;
}

long long evloop_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

void evloop_accept_all(struct watch *w, const char *what,
		       void (*take)(int fd, const struct sockaddr *peer,
				    socklen_t len))
{
	struct sockaddr_storage peer;
	socklen_t len;
	int fd;

	for (;;) {
		len = sizeof(peer);
		fd = accept4(w->fd, (struct sockaddr *)&peer, &len,
			     SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno != EAGAIN && errno != EINTR &&
			    errno != ECONNABORTED)
				log_warn("%s: accept: %m", what);
			return;
		}
		take(fd, (struct sockaddr *)&peer, len);
	}
}
