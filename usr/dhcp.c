// SPDX-License-Identifier: GPL-2.0
/*
 * proxyDHCP: the two sockets, and the answers. See dhcp.h.
 *
 * Both sockets are bound to every address: a socket bound to one address
 * does not see the broadcasts of clients that have none. With an address
 * in ProxyDHCPListen, requests are taken from the interface holding it
 * only, and answered as it.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "dhcp.h"
#include "dhcp_boot.h"
#include "dhcp_pkt.h"
#include "evloop.h"
#include "hostport.h"
#include "live.h"
#include "located.h"
#include "log.h"
#include "udp.h"

/* Requests taken at once before other events get their turn. */
#define REQ_BURST	32

static struct watch socks[2] = {
	[DHCP_SOCK_SERVER] = { .fd = -1 },
	[DHCP_SOCK_PXE] = { .fd = -1 },
};
static unsigned int ports[2];
static struct in_addr only;	/* ProxyDHCPListen's address; 0: any */
static unsigned int only_ifindex;
static char *listen_spec;
static unsigned int pxe_port_set;	/* ProxyDHCPPXEPort; 0: none */
/* HTTPListen at start, for the menu's URL; NULL: no HTTP server. */
static char *http_addr;
static unsigned int http_port;

/* A request as it came, and our address on its interface. */
struct origin {
	struct udp_in in;
	struct in_addr local;
};

static const struct sockaddr_in *peer_of(const struct origin *o)
{
	return (const struct sockaddr_in *)&o->in.peer;
}

/* Many clients are no PXE client: one line a second tells of them. */
static void note_ignored(const struct origin *o, const char *why)
{
	static time_t last;
	static unsigned int more;
	time_t now = time(NULL);
	char a[INET_ADDRSTRLEN];

	if (now == last) {
		more++;
		return;
	}
	inet_ntop(AF_INET, &peer_of(o)->sin_addr, a, sizeof(a));
	if (more)
		log_debug(1, "dhcp: ignored a packet from %s: %s (and %u more before)",
			  a, why, more);
	else
		log_debug(1, "dhcp: ignored a packet from %s: %s", a, why);
	last = now;
	more = 0;
}

static const char *file_of(const struct config *cfg, enum dhcp_file_kind k,
			   const char *dflt)
{
	return cfg && cfg->boot.dhcp.file[k] ? cfg->boot.dhcp.file[k] : dflt;
}

/* The file for @r, the menu's URL written to @url if it is that. */
static const char *boot_file(const struct dhcp_req *r, struct in_addr server,
			     char *url, size_t len, const char **why)
{
	const struct config *cfg = live_config();
	struct dhcp_files f = {
		.bios = file_of(cfg, DHCP_BOOT_BIOS, DHCP_FILE_BIOS),
		.efi = file_of(cfg, DHCP_BOOT_EFI, DHCP_FILE_EFI),
		.ipxe = file_of(cfg, DHCP_BOOT_IPXE, NULL),
	};

	if (!f.ipxe && http_addr &&
	    !dhcp_menu_url(url, len, http_addr, http_port, server))
		f.ipxe = url;
	return dhcp_boot_file(&f, r, why);
}

static void send_reply(int fd, const uint8_t *buf, size_t len,
		       const struct dhcp_dest *d, const struct origin *o)
{
	union {
		char buf[CMSG_SPACE(sizeof(struct in_pktinfo))];
		struct cmsghdr align;
	} c = { { 0 } };
	struct sockaddr_in to = {
		.sin_family = AF_INET,
		.sin_port = htons(d->port),
		.sin_addr = d->addr,
	};
	struct iovec iov = { .iov_base = (void *)buf, .iov_len = len };
	struct msghdr mh = {
		.msg_name = &to, .msg_namelen = sizeof(to),
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = c.buf, .msg_controllen = sizeof(c.buf),
	};
	struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
	struct in_pktinfo *pi = (struct in_pktinfo *)CMSG_DATA(cm);

	/* From the address asked; a broadcast out of the interface asked. */
	cm->cmsg_level = IPPROTO_IP;
	cm->cmsg_type = IP_PKTINFO;
	cm->cmsg_len = CMSG_LEN(sizeof(*pi));
	pi->ipi_spec_dst = o->local;
	if (d->broadcast)
		pi->ipi_ifindex = o->in.ifindex;
	if (sendmsg(fd, &mh, 0) < 0)
		log_debug(1, "dhcp: cannot answer: %m");
}

static void log_answer(const struct dhcp_req *r, int type, const char *file)
{
	const uint8_t *m = r->chaddr;

	log_debug(1, "dhcp: %s %s to %02x:%02x:%02x:%02x:%02x:%02x (arch %d%s)",
		  type == DHCPOFFER ? "offered" : "acked", file, m[0], m[1],
		  m[2], m[3], m[4], m[5], r->arch, r->ipxe ? ", iPXE" : "");
}

/* Answer the @len bytes at @pkt; NULL, or why not. */
static const char *reply_to(enum dhcp_sock sock, const uint8_t *pkt,
			  size_t len, const struct origin *o)
{
	uint8_t buf[DHCP_REPLY_MAX];
	char url[DHCP_FILE_LEN];
	struct dhcp_req r;
	struct dhcp_dest d;
	const char *file, *why;
	int type;

	if (dhcp_parse(pkt, len, &r, &why))
		return why;
	type = dhcp_answer_type(&r, sock, o->local);
	if (!type)
		return "not a request for a proxyDHCP";
	file = boot_file(&r, o->local, url, sizeof(url), &why);
	if (!file)
		return why;
	len = dhcp_build_reply(buf, sizeof(buf), &r, type, o->local, file);
	if (!len)
		return "no room for the answer";
	dhcp_reply_dest(&r, peer_of(o)->sin_addr, ntohs(peer_of(o)->sin_port),
			ports[DHCP_SOCK_SERVER], &d);
	send_reply(socks[sock].fd, buf, len, &d, o);
	log_answer(&r, type, file);
	return NULL;
}

/* Where it came in; false if not IPv4 or not on ProxyDHCPListen's. */
static bool arrival(struct origin *o)
{
	const struct sockaddr_in *local = (void *)&o->in.local;

	if (o->in.plen != sizeof(struct sockaddr_in) ||
	    o->in.llen != sizeof(*local))
		return false;
	o->local = local->sin_addr;
	if (only.s_addr) {
		if (o->in.ifindex != only_ifindex)
			return false;
		o->local = only;
	}
	return o->in.ifindex && o->local.s_addr;
}

static void on_packet(struct watch *w, uint32_t events __maybe_unused)
{
	enum dhcp_sock sock = w == &socks[DHCP_SOCK_PXE] ? DHCP_SOCK_PXE :
			      DHCP_SOCK_SERVER;
	uint8_t pkt[DHCP_PKT_MAX + 1];
	const char *why;
	struct origin o;
	ssize_t n;
	int i;

	for (i = 0; i < REQ_BURST; i++) {
		n = udp_recv(w->fd, pkt, sizeof(pkt), &o.in);
		if (n < 0)
			return;
		if (!arrival(&o))
			continue;
		if (n > DHCP_PKT_MAX)
			why = "longer than an Ethernet frame";
		else
			why = reply_to(sock, pkt, n, &o);
		if (why)
			note_ignored(&o, why);
	}
}

/* The interface that holds @addr, or 0. */
static unsigned int interface_of(struct in_addr addr)
{
	struct ifaddrs *ifs, *i;
	unsigned int index = 0;

	if (getifaddrs(&ifs))
		return 0;
	for (i = ifs; i && !index; i = i->ifa_next) {
		if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET)
			continue;
		if (((struct sockaddr_in *)i->ifa_addr)->sin_addr.s_addr ==
		    addr.s_addr)
			index = if_nametoindex(i->ifa_name);
	}
	freeifaddrs(ifs);
	return index;
}

static int bind_port(enum dhcp_sock sock, unsigned int port)
{
	struct sockaddr_in sa = {
		.sin_family = AF_INET,
		.sin_port = htons(port),
		.sin_addr.s_addr = htonl(INADDR_ANY),
	};
	int fd, one = 1, ret;

	fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &one, sizeof(one)) ||
	    udp_want_pktinfo(fd, AF_INET) ||
	    bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		ret = -errno;
		close(fd);
		return ret;
	}
	socks[sock].fd = fd;
	socks[sock].fn = on_packet;
	ports[sock] = port;
	return 0;
}

static int bind_both(const struct config *cfg, unsigned int port,
		     char *err, size_t len)
{
	const struct dhcpconf *d = &cfg->boot.dhcp;
	unsigned int pxe = d->pxe_port ? d->pxe_port : DHCP_PXE_PORT;
	int ret;

	ret = bind_port(DHCP_SOCK_SERVER, port);
	if (ret == -EADDRINUSE)
		return located_error(err, len, cfg->file, d->listen_line, ret,
				     "ProxyDHCPListen: UDP port %u is taken, by a DHCP server on this host? proxyDHCP is for hosts whose DHCP server is elsewhere",
				     port);
	if (ret)
		return located_error(err, len, cfg->file, d->listen_line, ret,
				     "ProxyDHCPListen: cannot bind UDP port %u: %s",
				     port, strerror(-ret));
	ret = bind_port(DHCP_SOCK_PXE, pxe);
	if (ret)
		return located_error(err, len, cfg->file,
				     d->pxe_port_line ?: d->listen_line, ret,
				     "proxyDHCP: cannot bind UDP port %u: %s",
				     pxe, strerror(-ret));
	return 0;
}

/* HTTPListen, to point iPXE clients at the menu. */
static int keep_http(const struct config *cfg)
{
	char addr[64];

	if (!cfg->boot.listen)
		return 0;
	http_port = HTTP_PORT_DEFAULT;
	if (hostport_parse(cfg->boot.listen, addr, sizeof(addr), &http_port))
		return 0;
	http_addr = strdup(addr);
	return http_addr ? 0 : -ENOMEM;
}

static int open_all(const struct config *cfg, char *err, size_t len)
{
	const struct dhcpconf *d = &cfg->boot.dhcp;
	unsigned int port = DHCP_PORT;
	char addr[64];

	if (hostport_parse(d->listen, addr, sizeof(addr), &port) ||
	    (*addr && inet_pton(AF_INET, addr, &only) != 1))
		return located_error(err, len, cfg->file, d->listen_line,
				     -EINVAL,
				     "ProxyDHCPListen '%s' is not an IPv4 ADDR[:PORT]",
				     d->listen);
	if (only.s_addr) {
		only_ifindex = interface_of(only);
		if (!only_ifindex)
			return located_error(err, len, cfg->file,
					     d->listen_line, -EADDRNOTAVAIL,
					     "ProxyDHCPListen: no interface has the address %s",
					     addr);
	}
	listen_spec = strdup(d->listen);
	if (!listen_spec || keep_http(cfg))
		return -ENOMEM;
	pxe_port_set = d->pxe_port;
	return bind_both(cfg, port, err, len);
}

int dhcp_open(const struct config *cfg, char *err, size_t len)
{
	int ret;

	if (!cfg->boot.dhcp.listen)
		return 0;
	ret = open_all(cfg, err, len);
	if (ret == -ENOMEM)
		snprintf(err, len, "proxyDHCP: %s", strerror(ENOMEM));
	if (ret)
		dhcp_close();
	return ret;
}

int dhcp_start(void)
{
	int ret = 0;

	if (socks[DHCP_SOCK_SERVER].fd < 0)
		return 0;
	ret = evloop_add(&socks[DHCP_SOCK_SERVER], EPOLLIN);
	if (!ret)
		ret = evloop_add(&socks[DHCP_SOCK_PXE], EPOLLIN);
	if (!ret)
		log_info("dhcp: proxyDHCP on ports %u and %u",
			 ports[DHCP_SOCK_SERVER], ports[DHCP_SOCK_PXE]);
	return ret;
}

static bool differ(const char *a, const char *b)
{
	return a || b ? !a || !b || strcmp(a, b) : false;
}

void dhcp_reloaded(const struct config *cfg)
{
	if (differ(listen_spec, cfg->boot.dhcp.listen) ||
	    pxe_port_set != cfg->boot.dhcp.pxe_port)
		log_warn("%s: ProxyDHCPListen and ProxyDHCPPXEPort changes take effect at the next start",
			 cfg->file);
}

void dhcp_close(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(socks); i++) {
		if (socks[i].fd >= 0)
			close(socks[i].fd);
		socks[i].fd = -1;
	}
	only.s_addr = 0;
	free(listen_spec);
	listen_spec = NULL;
	pxe_port_set = 0;
	free(http_addr);
	http_addr = NULL;
}
