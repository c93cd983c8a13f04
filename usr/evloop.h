/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ietd's one event loop: epoll, each watched fd with its own handler.
 */
#ifndef IET_EVLOOP_H
#define IET_EVLOOP_H

#include <stdint.h>
#include <sys/socket.h>

struct watch {
	int fd;
	void (*fn)(struct watch *w, uint32_t events);
};

int evloop_init(void);
void evloop_exit(void);

/* Watch w->fd for @events (EPOLLIN...) until evloop_del(). */
int evloop_add(struct watch *w, uint32_t events);
void evloop_del(struct watch *w);
/* Watch for @events instead. */
int evloop_mod(struct watch *w, uint32_t events);

/*
 * Call @fn after each round of events and when its last answer, a
 * timeout in milliseconds (-1: none), runs out. It may close watches.
 * There is room for EVLOOP_SWEEPS of them.
 */
#define EVLOOP_SWEEPS	4
int evloop_add_sweep(int (*fn)(void));

/* CLOCK_MONOTONIC in milliseconds, what deadlines are kept in. */
long long evloop_now_ms(void);

/*
 * For a listening socket's handler: takes every connection waiting, each
 * non-blocking and close-on-exec, to @take; @what names the socket in a
 * warning when accept() fails for another reason than a peer's.
 */
void evloop_accept_all(struct watch *w, const char *what,
		       void (*take)(int fd, const struct sockaddr *peer,
				    socklen_t len));

/* Dispatch events until evloop_stop(); returns its @status. */
int evloop_run(void);
void evloop_stop(int status);

#endif /* IET_EVLOOP_H */
