/* SPDX-License-Identifier: GPL-2.0 */
/*
 * iSCSI connections while ietd holds them: the login phase, then either
 * the handoff to the kernel or, for a discovery session, its whole life.
 *
 * No connection can hold up another: each has its own buffers and state
 * in the one event loop, reads at most one PDU ahead of its answers,
 * and is closed when its login takes longer than CONN_LOGIN_MS or its
 * discovery session idles for CONN_IDLE_MS. At most CONN_MAX connections
 * are held at once, CONN_PER_PEER of them from one address; when all are
 * taken, a new connection evicts the oldest one still in login, so that a
 * flood of connections that never log in cannot lock real clients out.
 */
#ifndef IET_CONN_H
#define IET_CONN_H

#include <sys/socket.h>

#define CONN_LOGIN_MS	15000
#define CONN_IDLE_MS	60000
#define CONN_MAX	64
#define CONN_PER_PEER	16

int conn_start(void);

/* A new TCP connection accepted on a portal: @fd is non-blocking. */
void conn_accept(int fd, const struct sockaddr *peer, socklen_t len);

void conn_close_all(void);

#endif /* IET_CONN_H */
