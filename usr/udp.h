/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Datagrams with the place they came in at, for the boot services' UDP
 * servers, which answer from the address a client asked (TFTP) or as the
 * interface it asked on (proxyDHCP).
 */
#ifndef IET_UDP_H
#define IET_UDP_H

#include <sys/socket.h>
#include <sys/types.h>

struct udp_in {
	struct sockaddr_storage peer;
	socklen_t plen;
	/*
	 * The address it was sent to; for a broadcast, the address of the
	 * interface it came in on. llen 0: not known.
	 */
	struct sockaddr_storage local;
	socklen_t llen;
	unsigned int ifindex;
};

/* Have @fd, of @family, tell udp_recv() where datagrams come in. */
int udp_want_pktinfo(int fd, int family);

/*
 * One datagram of @fd into the @len bytes at @buf, and where it came from
 * and in at. Returns its length, more than @len if it was cut, or -1 with
 * errno set (EAGAIN: there are no more).
 */
ssize_t udp_recv(int fd, void *buf, size_t len, struct udp_in *in);

#endif /* IET_UDP_H */
