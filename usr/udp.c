// SPDX-License-Identifier: GPL-2.0
/*
 * Receiving datagrams with IP_PKTINFO and IPV6_PKTINFO. See udp.h.
 */
#include <netinet/in.h>
#include <string.h>

#include "udp.h"

int udp_want_pktinfo(int fd, int family)
{
	int one = 1;

	if (family == AF_INET6)
		return setsockopt(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, &one,
				  sizeof(one));
	return setsockopt(fd, IPPROTO_IP, IP_PKTINFO, &one, sizeof(one));
}

static void local4(const struct in_pktinfo *p, struct udp_in *in)
{
	struct sockaddr_in *s4 = (struct sockaddr_in *)&in->local;

	s4->sin_family = AF_INET;
	/* The interface's own address, even for a broadcast. */
	s4->sin_addr = p->ipi_spec_dst;
	in->llen = sizeof(*s4);
	in->ifindex = p->ipi_ifindex;
}

static void local6(const struct in6_pktinfo *p, struct udp_in *in)
{
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&in->local;

	s6->sin6_family = AF_INET6;
	s6->sin6_addr = p->ipi6_addr;
	if (IN6_IS_ADDR_LINKLOCAL(&p->ipi6_addr))
		s6->sin6_scope_id = p->ipi6_ifindex;
	in->llen = sizeof(*s6);
	in->ifindex = p->ipi6_ifindex;
}

ssize_t udp_recv(int fd, void *buf, size_t len, struct udp_in *in)
{
	union {
		char buf[CMSG_SPACE(sizeof(struct in6_pktinfo)) +
			 CMSG_SPACE(sizeof(struct in_pktinfo))];
		struct cmsghdr align;
	} c;
	struct iovec iov = { .iov_base = buf, .iov_len = len };
	struct msghdr mh = {
		.msg_name = &in->peer, .msg_namelen = sizeof(in->peer),
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = c.buf, .msg_controllen = sizeof(c.buf),
	};
	struct cmsghdr *cm;
	ssize_t n;

	memset(in, 0, sizeof(*in));
	n = recvmsg(fd, &mh, 0);
	if (n < 0)
		return n;
	in->plen = mh.msg_namelen;
	for (cm = CMSG_FIRSTHDR(&mh); cm; cm = CMSG_NXTHDR(&mh, cm)) {
		if (cm->cmsg_level == IPPROTO_IP &&
		    cm->cmsg_type == IP_PKTINFO)
			local4((struct in_pktinfo *)CMSG_DATA(cm), in);
		else if (cm->cmsg_level == IPPROTO_IPV6 &&
			 cm->cmsg_type == IPV6_PKTINFO)
			local6((struct in6_pktinfo *)CMSG_DATA(cm), in);
	}
	return mh.msg_flags & MSG_TRUNC ? (ssize_t)len + 1 : n;
}
