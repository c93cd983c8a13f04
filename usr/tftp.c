// SPDX-License-Identifier: GPL-2.0
/*
 * TFTP requests: the listening sockets, the checks, opening the file.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "config.h"
#include "evloop.h"
#include "hostport.h"
#include "located.h"
#include "log.h"
#include "tftp.h"
#include "tftp_conn.h"
#include "tftp_path.h"
#include "tftp_pkt.h"
#include "udp.h"

#define TFTP_PORT	69
#define LISTENERS_MAX	2
/* Requests taken at once before the transfers get their turn. */
#define REQ_BURST	32

static struct watch listeners[LISTENERS_MAX];
static unsigned int nr_listeners;
static int root_fd = -1;
static char *root;
static char *listen_spec;	/* TFTPListen as given; NULL: none */

static void answer_error(int fd, const struct udp_in *o, enum tftp_err code,
			 const char *why)
{
	uint8_t buf[160];
	size_t n = tftp_build_error(buf, sizeof(buf), code, why);

	sendto(fd, buf, n, 0, (const struct sockaddr *)&o->peer, o->plen);
}

/* Beneath the root only: no "..", no symbolic link out, no /proc magic. */
static int open_beneath(const char *path)
{
	struct open_how how = {
		.flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK,
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
	};

	return syscall(SYS_openat2, root_fd, path, &how, sizeof(how));
}

/* Open the file a read request names; its size in @size. */
static int open_file(const char *name, uint64_t *size, const char **why)
{
	char path[4096];
	struct stat st;
	int code, fd;

	code = tftp_path(name, root, path, sizeof(path), why);
	if (code)
		return -code;
	fd = open_beneath(path);
	if (fd < 0) {
		*why = errno == ENOENT || errno == ENOTDIR ? "file not found" :
			"access denied";
		return errno == ENOENT || errno == ENOTDIR ? -TFTP_ENOTFOUND :
			-TFTP_EACCESS;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		*why = "not a regular file";
		return -TFTP_EACCESS;
	}
	*size = st.st_size;
	return fd;
}

/* @name for the log, unless it could forge lines there. */
static const char *printable(const char *name)
{
	const char *c;

	if (!name)
		return "a packet";
	for (c = name; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			return "a name with control characters";
	return name;
}

static void request(int lfd, char *pkt, size_t len, const struct udp_in *o)
{
	struct tftp_req req;
	const char *why;
	uint64_t size = 0;
	int code, fd;

	/*
	 * Less than an opcode is noise. Answering an ERROR could start a
	 * ping-pong with another server.
	 */
	if (len < 2 || (pkt[0] == 0 && pkt[1] == TFTP_ERROR))
		return;
	code = tftp_parse_req(pkt, len, &req, &why);
	if (!code && req.op == TFTP_WRQ) {
		code = TFTP_EACCESS;
		why = "this server is read-only";
	}
	if (!code) {
		fd = open_file(req.file, &size, &why);
		if (fd < 0)
			code = -fd;
		else if (!tftp_conn_start(fd, size, req.file, &req,
					  (struct sockaddr *)&o->peer, o->plen,
					  (struct sockaddr *)&o->local, o->llen,
					  &why))
			return;
	}
	log_debug(1, "tftp: refused %s: %s", printable(req.file), why);
	answer_error(lfd, o, code, why);
}

static void on_request(struct watch *w, uint32_t events __maybe_unused)
{
	char pkt[TFTP_REQ_MAX + 1];
	struct udp_in o;
	ssize_t n;
	int i;

	for (i = 0; i < REQ_BURST; i++) {
		n = udp_recv(w->fd, pkt, sizeof(pkt), &o);
		if (n < 0)
			return;
		/*
		 * Too long for a request: nobody's, or not in good faith. With
		 * no address it came to, there is none to answer from.
		 */
		if (!o.llen || n > TFTP_REQ_MAX)
			continue;
		request(w->fd, pkt, n, &o);
	}
}

static int listen_on(const struct sockaddr *sa, socklen_t len)
{
	int fd, one = 1, ret;

	fd = socket(sa->sa_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
		    0);
	if (fd < 0)
		return -errno;
	if (sa->sa_family == AF_INET6 &&
	    setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one)))
		goto bad;
	if (udp_want_pktinfo(fd, sa->sa_family) || bind(fd, sa, len))
		goto bad;
	listeners[nr_listeners].fd = fd;
	listeners[nr_listeners].fn = on_request;
	nr_listeners++;
	return 0;
bad:
	ret = -errno;
	close(fd);
	return ret;
}

/* TFTPListen's address, or both wildcards. */
static int listen_all(const struct config *cfg, char *err, size_t len)
{
	struct addrinfo hints = {
		.ai_socktype = SOCK_DGRAM,
		.ai_flags = AI_PASSIVE | AI_NUMERICHOST | AI_NUMERICSERV,
	};
	const char *spec = cfg->tftp_listen ? cfg->tftp_listen : "*";
	unsigned int line = cfg->tftp_listen_line;
	unsigned int port = TFTP_PORT;
	struct addrinfo *ai, *a;
	char addr[256], serv[8];
	int ret;

	if (hostport_parse(spec, addr, sizeof(addr), &port))
		return located_error(err, len, cfg->file, line, -EINVAL,
				     "TFTPListen '%s' is not ADDR[:PORT]",
				     spec);
	snprintf(serv, sizeof(serv), "%u", port);
	ret = getaddrinfo(*addr ? addr : NULL, serv, &hints, &ai);
	if (ret)
		return located_error(err, len, cfg->file, line, -EINVAL,
				     "TFTPListen '%s': %s is not an IP address",
				     spec, addr);
	for (a = ai; a && nr_listeners < LISTENERS_MAX; a = a->ai_next) {
		ret = listen_on(a->ai_addr, a->ai_addrlen);
		/* A host without IPv6 still serves IPv4. */
		if (!*addr && (ret == -EAFNOSUPPORT || ret == -EADDRNOTAVAIL))
			ret = 0;
		if (ret)
			break;
	}
	freeaddrinfo(ai);
	if (ret)
		return located_error(err, len, cfg->file, line, ret,
				     "cannot listen for TFTP on %s: %s", spec,
				     strerror(-ret));
	return nr_listeners ? 0 : -EADDRNOTAVAIL;
}

int tftp_open(const struct config *cfg, char *err, size_t len)
{
	int ret;

	if (!cfg->tftp_root)
		return 0;
	root_fd = open(cfg->tftp_root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	root = strdup(cfg->tftp_root);
	if (root_fd < 0 || !root) {
		ret = root ? -errno : -ENOMEM;
		snprintf(err, len, "%s:%u: TFTPRoot %s: %s", cfg->file,
			 cfg->tftp_root_line, cfg->tftp_root, strerror(-ret));
		tftp_close();
		return ret;
	}
	ret = listen_all(cfg, err, len);
	if (!ret && cfg->tftp_listen) {
		listen_spec = strdup(cfg->tftp_listen);
		if (!listen_spec)
			ret = -ENOMEM;
	}
	if (ret)
		tftp_close();
	return ret;
}

int tftp_start(void)
{
	unsigned int i;
	int ret;

	if (root_fd < 0)
		return 0;
	ret = tftp_conn_init();
	for (i = 0; i < nr_listeners && !ret; i++)
		ret = evloop_add(&listeners[i], EPOLLIN);
	if (!ret)
		log_info("tftp: serving %s", root);
	return ret;
}

static bool differ(const char *a, const char *b)
{
	return a || b ? !a || !b || strcmp(a, b) : false;
}

void tftp_reloaded(const struct config *cfg)
{
	if (differ(root, cfg->tftp_root) ||
	    differ(listen_spec, cfg->tftp_listen))
		log_warn("%s: TFTPRoot and TFTPListen changes take effect at the next start",
			 cfg->file);
}

void tftp_close(void)
{
	unsigned int i;

	tftp_conn_close_all();
	for (i = 0; i < nr_listeners; i++)
		close(listeners[i].fd);
	nr_listeners = 0;
	if (root_fd >= 0)
		close(root_fd);
	root_fd = -1;
	free(root);
	root = NULL;
	free(listen_spec);
	listen_spec = NULL;
}
