// SPDX-License-Identifier: GPL-2.0
/*
 * The wire for iscsi_hostile: byte order helpers, CRC32C digests, the
 * socket to the target, taking PDUs off it (checking the target's digests
 * and following its sequence numbers) and putting PDUs on it (with
 * digests right or broken, or cut short), and the BHSs of the requests
 * the other parts build on.
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "hostile.h"

void fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

uint32_t get_dlen(const uint8_t *bhs)
{
	return bhs[5] << 16 | bhs[6] << 8 | bhs[7];
}

void put_dlen(uint8_t *bhs, uint32_t len)
{
	bhs[5] = len >> 16;
	bhs[6] = len >> 8;
	bhs[7] = len;
}

static uint32_t pad4(uint32_t len)
{
	return (len + 3) & ~3U;
}

long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* CRC32C (RFC 7143 13.1), the register inverted at both ends. */
static uint32_t crc_table[256];

void crc_init(void)
{
	uint32_t c;
	int i, k;

	for (i = 0; i < 256; i++) {
		for (c = i, k = 0; k < 8; k++)
			c = c >> 1 ^ (c & 1 ? 0x82f63b78 : 0);
		crc_table[i] = c;
	}
}

static uint32_t crc32c(const uint8_t *p, size_t len)
{
	uint32_t c = ~0U;

	while (len--)
		c = crc_table[(c ^ *p++) & 0xff] ^ c >> 8;
	return ~c;
}

/* A digest goes out least significant byte first. */
static void put_digest(uint8_t *p, uint32_t crc)
{
	p[0] = crc;
	p[1] = crc >> 8;
	p[2] = crc >> 16;
	p[3] = crc >> 24;
}

static uint32_t get_digest(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* ---- the socket ---- */

int dial(void)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *ai;
	int fd, one = 1;

	if (getaddrinfo(host, port, &hints, &ai)) {
		fail("cannot resolve %s:%s", host, port);
		return -1;
	}
	fd = socket(ai->ai_family, SOCK_STREAM, 0);
	if (fd >= 0 && connect(fd, ai->ai_addr, ai->ai_addrlen)) {
		fail("connect to %s:%s: %s", host, port, strerror(errno));
		close(fd);
		fd = -1;
	}
	freeaddrinfo(ai);
	if (fd < 0)
		return -1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	fcntl(fd, F_SETFL, O_NONBLOCK);
	return fd;
}

void conn_close(struct conn *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	c->rlen = 0;
}

/* Reads what is there: 1 some bytes, 0 none, -1 the peer is gone. */
int absorb(struct conn *c)
{
	ssize_t n;

	if (c->rlen == RBUF)
		return 0;
	n = recv(c->fd, c->rbuf + c->rlen, RBUF - c->rlen, 0);
	if (n > 0) {
		c->rlen += n;
		return 1;
	}
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
		return 0;
	return -1;
}

size_t pdu_size(const struct conn *c, const uint8_t *bhs)
{
	uint32_t dlen = get_dlen(bhs);

	return BHS + bhs[4] * 4 + (c->hd ? 4 : 0) + pad4(dlen) +
	       (dlen && c->dd ? 4 : 0);
}

/* What a response says about the sequence numbers. */
static void track_sn(struct conn *c, const uint8_t *b)
{
	uint8_t op = b[0] & 0x3f;
	bool statsn = op != OP_R2T && op != OP_ASYNC &&
		      (op != OP_DATA_IN || b[1] & F_STATUS) &&
		      (op != OP_NOP_IN || get32(b + 16) != RSVD);

	if (statsn)
		c->expstatsn = get32(b + 24) + 1;
	if (op != OP_REJECT || get32(b + 28)) {
		c->max_cmdsn = get32(b + 32);
		if (op == OP_NOP_IN)	/* the ping's answer resyncs CmdSN */
			c->cmdsn = get32(b + 28);
	}
}

/*
 * Takes one whole PDU off the receive buffer into p: 1, or 0 when none is
 * whole yet; -1 when the target's own digests are wrong.
 */
static int take_pdu(struct conn *c, struct pdu *p)
{
	size_t size, hlen, off;
	uint32_t dlen;

	if (c->rlen < BHS)
		return 0;
	size = pdu_size(c, c->rbuf);
	if (c->rlen < size)
		return 0;
	hlen = BHS + c->rbuf[4] * 4;
	dlen = get_dlen(c->rbuf);
	if (c->hd && get_digest(c->rbuf + hlen) != crc32c(c->rbuf, hlen)) {
		fail("the target's header digest is wrong (opcode 0x%02x)",
		     c->rbuf[0]);
		return -1;
	}
	off = hlen + (c->hd ? 4 : 0);
	if (dlen && c->dd && get_digest(c->rbuf + off + pad4(dlen)) !=
	    crc32c(c->rbuf + off, pad4(dlen))) {
		fail("the target's data digest is wrong (opcode 0x%02x)",
		     c->rbuf[0]);
		return -1;
	}
	memcpy(p->bhs, c->rbuf, BHS);
	p->dlen = dlen;
	memcpy(p->data, c->rbuf + off, dlen < 64 ? dlen : 64);
	memmove(c->rbuf, c->rbuf + size, c->rlen - size);
	c->rlen -= size;
	track_sn(c, p->bhs);
	c->rx_pdus++;
	if (c->nlog < LOG_PDUS)
		c->log[c->nlog++] = *p;
	return 1;
}

/*
 * The next PDU from the target within ms: 1, 0 on timeout, -1 once the
 * connection is gone (or the target's digests are wrong).
 */
int next_pdu(struct conn *c, struct pdu *p, int ms)
{
	long long end = now_ms() + ms;
	struct pollfd pfd = { .fd = c->fd, .events = POLLIN };
	int got, left;

	for (;;) {
		got = take_pdu(c, p);
		if (got)
			return got;
		if (c->rlen == RBUF) {
			fail("a PDU larger than the receive buffer");
			return -1;
		}
		left = end - now_ms();
		if (left <= 0)
			return 0;
		if (poll(&pfd, 1, left) > 0 && absorb(c) < 0)
			return -1;
	}
}

/* Takes every whole PDU there is without waiting: -1 if gone. */
int drain(struct conn *c)
{
	struct pdu p;
	int got;

	if (absorb(c) < 0)
		return -1;
	while ((got = take_pdu(c, &p)) > 0)
		;
	return got;
}

/*
 * Sends len bytes, reading while the target writes so that neither side
 * waits on a full socket: 0, or -1 once the connection is gone or the
 * target stops reading for the timeout.
 */
static int send_all(struct conn *c, const uint8_t *buf, size_t len)
{
	struct pollfd pfd = { .fd = c->fd, .events = POLLIN | POLLOUT };
	long long end = now_ms() + timeout_ms;
	ssize_t n;

	while (len) {
		n = send(c->fd, buf, len, MSG_NOSIGNAL);
		if (n > 0) {
			buf += n;
			len -= n;
			end = now_ms() + timeout_ms;
			continue;
		}
		if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK &&
		    errno != EINTR)
			return -1;
		if (now_ms() > end) {
			fail("the target reads nothing for %d ms", timeout_ms);
			return -2;
		}
		if (poll(&pfd, 1, 100) > 0 && (pfd.revents & POLLIN) &&
		    drain(c) < 0)
			return -1;
	}
	return 0;
}

/*
 * One PDU: the BHS, ahs_len bytes of AHS, the digests the login agreed,
 * dlen bytes of data with padding; cut to the first cut bytes when cut is
 * not 0. flags break digests or keep a dlength the caller forged.
 */
int send_pdu(struct conn *c, uint8_t *bhs, const uint8_t *ahs, size_t ahs_len,
	     const uint8_t *data, uint32_t dlen, int flags, size_t cut)
{
	size_t len = BHS + ahs_len, hlen = len;
	uint8_t *buf;
	int err;

	if (!(flags & KEEP_DLEN))
		put_dlen(bhs, dlen);
	bhs[4] = ahs_len / 4;
	buf = calloc(1, BHS + ahs_len + 8 + pad4(dlen) + 4);
	if (!buf)
		return -1;
	memcpy(buf, bhs, BHS);
	if (ahs_len)
		memcpy(buf + BHS, ahs, ahs_len);
	if (c->hd) {
		put_digest(buf + len, crc32c(buf, hlen) ^ (flags & BAD_HD));
		len += 4;
	}
	if (dlen) {
		memcpy(buf + len, data, dlen);
		hlen = len;
		len += pad4(dlen);
		if (c->dd) {
			put_digest(buf + len, crc32c(buf + hlen, pad4(dlen)) ^
					      (flags & BAD_DD ? 0x80 : 0));
			len += 4;
		}
	}
	err = send_all(c, buf, cut && cut < len ? cut : len);
	free(buf);
	return err;
}

/* ---- building PDUs ---- */

void bhs_init(struct conn *c, uint8_t *b, uint8_t op, uint8_t flags)
{
	memset(b, 0, BHS);
	b[0] = op;
	b[1] = flags;
	put32(b + 16, ++c->itt);
	put32(b + 28, c->expstatsn);
}

/* A request that carries a CmdSN; a non-immediate one takes it. */
void bhs_cmd(struct conn *c, uint8_t *b, uint8_t op, uint8_t flags)
{
	bhs_init(c, b, op, flags);
	put32(b + 24, c->cmdsn);
	if (!(op & OP_IMM))
		c->cmdsn++;
}

void bhs_nop(struct conn *c, uint8_t *b)
{
	bhs_cmd(c, b, OP_NOP_OUT | OP_IMM, F_FINAL);
	put32(b + 20, RSVD);
}

void bhs_scsi(struct conn *c, uint8_t *b, uint8_t rw, uint32_t edtl,
	      const uint8_t *cdb, size_t cdb_len)
{
	bhs_cmd(c, b, OP_SCSI_CMD, F_FINAL | rw | 1 /* SIMPLE */);
	put32(b + 20, edtl);
	memcpy(b + 32, cdb, cdb_len);
}

void cdb10(uint8_t *cdb, uint8_t op, uint32_t lba, uint16_t blocks)
{
	memset(cdb, 0, 10);
	cdb[0] = op;
	put32(cdb + 2, lba);
	cdb[7] = blocks >> 8;
	cdb[8] = blocks;
}

void bhs_data_out(struct conn *c, uint8_t *b, uint32_t itt, uint32_t ttt,
		  uint32_t datasn, uint32_t off)
{
	bhs_init(c, b, OP_DATA_OUT, F_FINAL);
	put32(b + 16, itt);
	put32(b + 20, ttt);
	put32(b + 36, datasn);
	put32(b + 40, off);
}
