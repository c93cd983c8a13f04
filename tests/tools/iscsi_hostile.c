// SPDX-License-Identifier: GPL-2.0
/*
 * iscsi_hostile: an initiator that logs in properly and then misbehaves.
 *
 *   iscsi_hostile [-H HOST] [-p PORT] [-t SECONDS] [-s SEED] [-n PDUS]
 *                 TARGET CASE...
 *
 * Each CASE runs on a connection of its own: a malformed PDU, then what
 * the target did about it, which must be one of the reactions RFC 7143
 * allows for that fault (the connection dropped, a Reject, a response,
 * or nothing at all while the session goes on). "all" runs every case;
 * "mutate" sends PDUS PDUs made by mutating valid ones, logging in again
 * whenever the target drops the connection. Nothing waits without a
 * timeout: a target that neither answers nor drops fails the run.
 *
 * Exit status: 0 when every case passed, 1 otherwise, 2 on bad usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BHS		48
#define RSVD		0xffffffffU
#define OUR_MRDSL	65536
#define RBUF		(1 << 20)
#define LOG_PDUS	64

enum {
	OP_NOP_OUT = 0x00, OP_SCSI_CMD = 0x01, OP_TMF = 0x02, OP_LOGIN = 0x03,
	OP_TEXT = 0x04, OP_DATA_OUT = 0x05, OP_LOGOUT = 0x06, OP_SNACK = 0x10,
	OP_NOP_IN = 0x20, OP_SCSI_RSP = 0x21, OP_TMF_RSP = 0x22,
	OP_LOGIN_RSP = 0x23, OP_TEXT_RSP = 0x24, OP_DATA_IN = 0x25,
	OP_LOGOUT_RSP = 0x26, OP_R2T = 0x31, OP_ASYNC = 0x32, OP_REJECT = 0x3f,
};

#define OP_IMM		0x40
#define F_FINAL		0x80
#define F_READ		0x40
#define F_WRITE		0x20
#define F_STATUS	0x01	/* S of Data-In */

/* Send flags: what to break in a PDU on its way out. */
#define BAD_HD		1
#define BAD_DD		2
#define KEEP_DLEN	4	/* the BHS's dlength stays what the caller set */

static const char *host = "127.0.0.1", *port = "3260", *target;
static int timeout_ms = 10000;

struct pdu {
	uint8_t bhs[BHS];
	uint32_t dlen;
	uint8_t data[64];	/* the first bytes of its data segment */
};

struct conn {
	int fd;
	bool hd, dd;
	uint32_t cmdsn, expstatsn, itt, mxdsl, max_cmdsn;
	uint8_t *rbuf;
	size_t rlen;
	struct pdu log[LOG_PDUS];	/* what came since the last clear */
	unsigned int nlog;
	unsigned long rx_pdus;
};

static void fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

static uint32_t get_dlen(const uint8_t *bhs)
{
	return bhs[5] << 16 | bhs[6] << 8 | bhs[7];
}

static void put_dlen(uint8_t *bhs, uint32_t len)
{
	bhs[5] = len >> 16;
	bhs[6] = len >> 8;
	bhs[7] = len;
}

static uint32_t pad4(uint32_t len)
{
	return (len + 3) & ~3U;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* CRC32C (RFC 7143 13.1), the register inverted at both ends. */
static uint32_t crc_table[256];

static void crc_init(void)
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

/* The PRNG of mutate mode: xorshift64*, reproducible from its seed. */
static uint64_t rng_state;

static uint32_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (rng_state * 0x2545f4914f6cdd1dULL) >> 32;
}

static uint32_t rnd_below(uint32_t n)
{
	return n ? rnd() % n : 0;
}

static void rnd_fill(uint8_t *p, size_t len)
{
	while (len--)
		*p++ = rnd();
}

/* ---- the socket ---- */

static int dial(void)
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

static void conn_close(struct conn *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	c->rlen = 0;
}

/* Reads what is there: 1 some bytes, 0 none, -1 the peer is gone. */
static int absorb(struct conn *c)
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

static size_t pdu_size(const struct conn *c, const uint8_t *bhs)
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
static int next_pdu(struct conn *c, struct pdu *p, int ms)
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
static int drain(struct conn *c)
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
static int send_pdu(struct conn *c, uint8_t *bhs, const uint8_t *ahs,
		    size_t ahs_len, const uint8_t *data, uint32_t dlen,
		    int flags, size_t cut)
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

static void bhs_init(struct conn *c, uint8_t *b, uint8_t op, uint8_t flags)
{
	memset(b, 0, BHS);
	b[0] = op;
	b[1] = flags;
	put32(b + 16, ++c->itt);
	put32(b + 28, c->expstatsn);
}

/* A request that carries a CmdSN; a non-immediate one takes it. */
static void bhs_cmd(struct conn *c, uint8_t *b, uint8_t op, uint8_t flags)
{
	bhs_init(c, b, op, flags);
	put32(b + 24, c->cmdsn);
	if (!(op & OP_IMM))
		c->cmdsn++;
}

static void bhs_nop(struct conn *c, uint8_t *b)
{
	bhs_cmd(c, b, OP_NOP_OUT | OP_IMM, F_FINAL);
	put32(b + 20, RSVD);
}

static void bhs_scsi(struct conn *c, uint8_t *b, uint8_t rw, uint32_t edtl,
		     const uint8_t *cdb, size_t cdb_len)
{
	bhs_cmd(c, b, OP_SCSI_CMD, F_FINAL | rw | 1 /* SIMPLE */);
	put32(b + 20, edtl);
	memcpy(b + 32, cdb, cdb_len);
}

static void cdb10(uint8_t *cdb, uint8_t op, uint32_t lba, uint16_t blocks)
{
	memset(cdb, 0, 10);
	cdb[0] = op;
	put32(cdb + 2, lba);
	cdb[7] = blocks >> 8;
	cdb[8] = blocks;
}

static void bhs_data_out(struct conn *c, uint8_t *b, uint32_t itt,
			 uint32_t ttt, uint32_t datasn, uint32_t off)
{
	bhs_init(c, b, OP_DATA_OUT, F_FINAL);
	put32(b + 16, itt);
	put32(b + 20, ttt);
	put32(b + 36, datasn);
	put32(b + 40, off);
}

/* ---- login ---- */

static size_t add_key(char *buf, size_t off, const char *key, const char *val)
{
	return off + sprintf(buf + off, "%s=%s", key, val) + 1;
}

static uint32_t key_num(const char *data, uint32_t len, const char *key,
			uint32_t dflt)
{
	size_t klen = strlen(key);
	uint32_t off;

	for (off = 0; off < len; off += strlen(data + off) + 1)
		if (!strncmp(data + off, key, klen) && data[off + klen] == '=')
			return strtoul(data + off + klen + 1, NULL, 0);
	return dflt;
}

static bool key_is(const char *data, uint32_t len, const char *key,
		   const char *val)
{
	char want[64];
	uint32_t off;

	snprintf(want, sizeof(want), "%s=%s", key, val);
	for (off = 0; off < len; off += strlen(data + off) + 1)
		if (!strcmp(data + off, want))
			return true;
	return false;
}

/*
 * Reads the Login Response whole, its keys into keys (NUL-terminated):
 * the one PDU whose data matters beyond its first bytes.
 */
static int login_rsp(struct conn *c, uint8_t *bhs, char *keys, size_t max,
		     uint32_t *klen)
{
	struct pollfd pfd = { .fd = c->fd, .events = POLLIN };
	size_t size;

	while (c->rlen < BHS || c->rlen < pdu_size(c, c->rbuf))
		if (poll(&pfd, 1, timeout_ms) <= 0 || absorb(c) < 0)
			return -1;
	size = pdu_size(c, c->rbuf);
	memcpy(bhs, c->rbuf, BHS);
	*klen = get_dlen(bhs);
	if (*klen >= max)
		return -1;
	memcpy(keys, c->rbuf + BHS, *klen);
	keys[*klen] = 0;
	memmove(c->rbuf, c->rbuf + size, c->rlen - size);
	c->rlen -= size;
	return 0;
}

static const uint8_t isid[6] = { 0x80, 0x00, 0x68, 0x6f, 0x73, 0x74 };

/*
 * A normal session from the operational stage straight to full feature
 * phase (no security stage: the target wants no CHAP), in one round trip
 * unless the target proposes keys of its own, which are accepted.
 */
static int login(struct conn *c, bool digests)
{
	char keys[4096], rsp[8192];
	uint8_t b[BHS], r[BHS];
	size_t n = 0;
	uint32_t klen, round;

	memset(c->log, 0, sizeof(c->log));
	c->nlog = 0;
	c->hd = c->dd = false;
	c->fd = dial();
	if (c->fd < 0)
		return -1;
	n = add_key(keys, n, "InitiatorName", "iqn.2026-11.org.example:hostile");
	n = add_key(keys, n, "TargetName", target);
	n = add_key(keys, n, "SessionType", "Normal");
	n = add_key(keys, n, "HeaderDigest", digests ? "CRC32C" : "None");
	n = add_key(keys, n, "DataDigest", digests ? "CRC32C" : "None");
	n = add_key(keys, n, "MaxRecvDataSegmentLength", "65536");
	n = add_key(keys, n, "InitialR2T", "Yes");
	n = add_key(keys, n, "ImmediateData", "Yes");
	n = add_key(keys, n, "MaxBurstLength", "262144");
	n = add_key(keys, n, "FirstBurstLength", "65536");
	n = add_key(keys, n, "MaxOutstandingR2T", "1");
	n = add_key(keys, n, "MaxConnections", "1");
	n = add_key(keys, n, "DataPDUInOrder", "Yes");
	n = add_key(keys, n, "DataSequenceInOrder", "Yes");
	n = add_key(keys, n, "ErrorRecoveryLevel", "0");
	n = add_key(keys, n, "DefaultTime2Wait", "0");
	n = add_key(keys, n, "DefaultTime2Retain", "0");
	c->cmdsn = 1;
	c->expstatsn = 0;
	for (round = 0; round < 4; round++) {
		memset(b, 0, BHS);
		b[0] = OP_LOGIN | OP_IMM;
		b[1] = 0x80 | 1 << 2 | 3;	/* T, operational to FFP */
		memcpy(b + 8, isid, sizeof(isid));
		put32(b + 16, ++c->itt);
		put32(b + 24, c->cmdsn);
		put32(b + 28, c->expstatsn);
		if (send_pdu(c, b, NULL, 0, (uint8_t *)keys, n, 0, 0) ||
		    login_rsp(c, r, rsp, sizeof(rsp), &klen)) {
			fail("login: the target went away");
			return -1;
		}
		if ((r[0] & 0x3f) != OP_LOGIN_RSP || r[36] || r[37]) {
			fail("login refused: opcode 0x%02x status %02x%02x",
			     r[0], r[36], r[37]);
			return -1;
		}
		c->expstatsn = get32(r + 24) + 1;
		c->cmdsn = get32(r + 28);
		c->max_cmdsn = get32(r + 32);
		if ((r[1] & 0x83) == 0x83)
			break;
		/* The target's own proposals, echoed: we take its values. */
		memcpy(keys, rsp, klen);
		n = klen;
	}
	if (round == 4) {
		fail("login: no agreement in four rounds");
		return -1;
	}
	c->mxdsl = key_num(rsp, klen, "MaxRecvDataSegmentLength", 8192);
	c->hd = key_is(rsp, klen, "HeaderDigest", "CRC32C");
	c->dd = key_is(rsp, klen, "DataDigest", "CRC32C");
	if (digests && !(c->hd && c->dd)) {
		fail("login: the target does not agree to CRC32C digests");
		return -1;
	}
	return 0;
}

/*
 * An immediate NOP-Out with data; 1 when its NOP-In came back with the
 * same data, 0 when nothing came within the timeout, -1 when the
 * connection went away. Its ITTs are apart from those of the PDUs that
 * mutate mode sends (and shifts by one), and an answer must echo the
 * data too.
 */
static int ping(struct conn *c)
{
	static const uint8_t data[] = "hostile-ping";
	static uint32_t pings;
	uint8_t b[BHS];
	struct pdu p;
	uint32_t itt;
	int got;

	bhs_nop(c, b);
	itt = 0xa0000000 | (++pings & 0x0fffffff);
	put32(b + 16, itt);
	if (send_pdu(c, b, NULL, 0, data, sizeof(data), 0, 0))
		return -1;
	for (;;) {
		got = next_pdu(c, &p, timeout_ms);
		if (got <= 0)
			return got;
		if ((p.bhs[0] & 0x3f) == OP_NOP_IN &&
		    get32(p.bhs + 16) == itt && p.dlen == sizeof(data) &&
		    !memcmp(p.data, data, sizeof(data)))
			return 1;
	}
}

/* A fresh session that answers a ping, its log cleared. */
static int fresh(struct conn *c, bool digests)
{
	if (login(c, digests))
		return -1;
	if (ping(c) != 1) {
		fail("a fresh session does not answer a ping");
		return -1;
	}
	c->nlog = 0;
	return 0;
}

static const struct pdu *logged(const struct conn *c, uint8_t op,
				uint32_t itt)
{
	unsigned int i;

	for (i = 0; i < c->nlog; i++)
		if ((c->log[i].bhs[0] & 0x3f) == op &&
		    (itt == RSVD || get32(c->log[i].bhs + 16) == itt))
			return &c->log[i];
	return NULL;
}

/*
 * The PDU of opcode op for itt (any ITT: RSVD) logged since the last
 * clear, or the next one within ms; NULL if none comes.
 */
static const struct pdu *await_pdu(struct conn *c, uint8_t op, uint32_t itt,
				   int ms)
{
	const struct pdu *r = logged(c, op, itt);
	long long end = now_ms() + ms;
	struct pdu p;
	int left;

	while (!r && (left = end - now_ms()) > 0 &&
	       next_pdu(c, &p, left) > 0)
		r = logged(c, op, itt);
	return r;
}

/* ---- the cases ---- */

/* What the target did: the outcomes a case may accept. */
enum {
	DROP = 1,	/* the connection ended */
	REJECT = 2,	/* a Reject, and the session goes on */
	ANSWER = 4,	/* a response to the PDU, and the session goes on */
	SILENT = 8,	/* nothing, and the session goes on */
};

static const char *const outcome_name[] = {
	[DROP] = "dropped", [REJECT] = "rejected", [ANSWER] = "answered",
	[SILENT] = "ignored",
};

/*
 * After the bad PDU (ITT itt): a ping shows whether the session goes on.
 * Returns the outcome, or 0 when the target neither answered nor dropped
 * the connection.
 */
static int outcome(struct conn *c, uint32_t itt, uint8_t answer_op)
{
	int got = ping(c);

	if (got <= 0)
		return got ? DROP : 0;
	/* A response from a worker may come after the ping's answer. */
	if (await_pdu(c, answer_op, itt, 1000))
		return ANSWER;
	return logged(c, OP_REJECT, RSVD) ? REJECT : SILENT;
}

/* Waits for the end of the connection: DROP, or 0 on timeout. */
static int wait_drop(struct conn *c)
{
	struct pdu p;
	int got;

	while ((got = next_pdu(c, &p, timeout_ms)) > 0)
		;
	return got < 0 ? DROP : 0;
}

struct hcase {
	const char *name;
	const char *what;
	bool digests;
	int ok;			/* the outcomes RFC 7143 allows */
	int (*run)(struct conn *c);
};

static int send_simple(struct conn *c, uint8_t op, uint8_t answer_op)
{
	uint8_t b[BHS];

	bhs_cmd(c, b, op, F_FINAL);
	put32(b + 20, RSVD);
	if (send_pdu(c, b, NULL, 0, NULL, 0, 0, 0))
		return DROP;
	return outcome(c, get32(b + 16), answer_op);
}

static int case_opcode(struct conn *c)
{
	return send_simple(c, 0x1c | OP_IMM, 0xff);
}

static int case_target_opcode(struct conn *c)
{
	return send_simple(c, OP_SCSI_RSP, 0xff);
}

static int case_login_ffp(struct conn *c)
{
	return send_simple(c, OP_LOGIN | OP_IMM, OP_LOGIN_RSP);
}

static int case_text(struct conn *c)
{
	return send_simple(c, OP_TEXT | OP_IMM, OP_TEXT_RSP);
}

static int case_snack(struct conn *c)
{
	uint8_t b[BHS];

	bhs_init(c, b, OP_SNACK, F_FINAL);
	put32(b + 20, RSVD);
	put32(b + 40, 5);
	put32(b + 44, 3);
	if (send_pdu(c, b, NULL, 0, NULL, 0, 0, 0))
		return DROP;
	return outcome(c, get32(b + 16), 0xff);
}

/* A NOP-Out whose data segment is longer than the target declared. */
static int case_dsl(struct conn *c)
{
	uint32_t len = c->mxdsl + 4;
	uint8_t b[BHS], *data = calloc(1, len);

	bhs_nop(c, b);
	if (!data || send_pdu(c, b, NULL, 0, data, len, 0, 0)) {
		free(data);
		return DROP;
	}
	free(data);
	return outcome(c, get32(b + 16), OP_NOP_IN);
}

/* DataSegmentLength 16 MiB - 1 and no data: the target must not wait. */
static int case_dsl_max(struct conn *c)
{
	uint8_t b[BHS];

	bhs_nop(c, b);
	put_dlen(b, 0xffffff);
	if (send_pdu(c, b, NULL, 0, NULL, 0, KEEP_DLEN, 0))
		return DROP;
	return outcome(c, get32(b + 16), OP_NOP_IN);
}

static int send_with_ahs(struct conn *c, uint8_t *b, size_t ahs_len)
{
	uint8_t ahs[1020];

	memset(ahs, 0xa5, sizeof(ahs));
	ahs[0] = ahs_len >> 8;		/* AHSLength: as garbage as the rest */
	ahs[1] = ahs_len;
	ahs[2] = 0x55;			/* no such AHSType */
	if (send_pdu(c, b, ahs, ahs_len, NULL, 0, 0, 0))
		return DROP;
	return outcome(c, get32(b + 16), (b[0] & 0x3f) == OP_SCSI_CMD ?
					 OP_SCSI_RSP : OP_NOP_IN);
}

static int case_ahs(struct conn *c)
{
	uint8_t b[BHS], cdb[16] = { 0 };	/* TEST UNIT READY */

	bhs_scsi(c, b, 0, 0, cdb, sizeof(cdb));
	return send_with_ahs(c, b, 8);
}

static int case_ahs_max(struct conn *c)
{
	uint8_t b[BHS];

	bhs_nop(c, b);
	return send_with_ahs(c, b, 1020);
}

/*
 * A command with a CmdSN beyond MaxCmdSN, and one already taken: both are
 * dropped (RFC 7143 4.2.2.1), and ExpCmdSN does not move.
 */
static int case_cmdsn(struct conn *c, int32_t delta)
{
	uint8_t b[BHS], cdb[16] = { 0 };
	uint32_t exp = c->cmdsn;
	int got;

	bhs_scsi(c, b, 0, 0, cdb, sizeof(cdb));
	put32(b + 24, exp + delta);
	c->cmdsn = exp;
	if (send_pdu(c, b, NULL, 0, NULL, 0, 0, 0))
		return DROP;
	got = outcome(c, get32(b + 16), OP_SCSI_RSP);
	if (got == SILENT && c->cmdsn != exp) {
		fail("ExpCmdSN moved from %u to %u", exp, c->cmdsn);
		return ANSWER;
	}
	return got;
}

static int case_cmdsn_ahead(struct conn *c)
{
	return case_cmdsn(c, 1000);
}

static int case_cmdsn_behind(struct conn *c)
{
	return case_cmdsn(c, -5);
}

static int case_dataout_itt(struct conn *c)
{
	uint8_t b[BHS], data[512] = { 0 };

	bhs_data_out(c, b, 0x7777777, 0x1234, 0, 0);
	if (send_pdu(c, b, NULL, 0, data, sizeof(data), 0, 0))
		return DROP;
	return outcome(c, 0x7777777, OP_SCSI_RSP);
}

/* TEST UNIT READY until GOOD: a new nexus starts with a unit attention. */
static int settle(struct conn *c)
{
	uint8_t b[BHS], cdb[16] = { 0 };
	const struct pdu *r;
	int i;

	for (i = 0; i < 4; i++) {
		c->nlog = 0;
		bhs_scsi(c, b, 0, 0, cdb, sizeof(cdb));
		if (send_pdu(c, b, NULL, 0, NULL, 0, 0, 0))
			return -1;
		r = await_pdu(c, OP_SCSI_RSP, get32(b + 16), timeout_ms);
		if (!r)
			return -1;
		if (!r->bhs[3])
			break;
	}
	c->nlog = 0;
	return i < 4 ? 0 : -1;
}

/* INQUIRY of a LUN the target does not have: its answer says so. */
static int case_lun_none(struct conn *c)
{
	uint8_t b[BHS], cdb[16] = { 0x12, 0, 0, 0, 96 };

	bhs_scsi(c, b, F_READ, 96, cdb, sizeof(cdb));
	b[9] = 7;			/* LUN 7 */
	if (send_pdu(c, b, NULL, 0, NULL, 0, 0, 0))
		return DROP;
	return outcome(c, get32(b + 16), OP_DATA_IN);
}

/* WRITE(10) of one block with no data: the R2T that asks for it. */
static int write_awaiting(struct conn *c, uint32_t *itt, uint32_t *ttt)
{
	uint8_t b[BHS], cdb[10];
	struct pdu p;

	if (settle(c))
		return -1;
	cdb10(cdb, 0x2a, 0, 1);
	bhs_scsi(c, b, F_WRITE, 512, cdb, sizeof(cdb));
	*itt = get32(b + 16);
	if (send_pdu(c, b, NULL, 0, NULL, 0, 0, 0))
		return -1;
	while (next_pdu(c, &p, timeout_ms) == 1)
		if ((p.bhs[0] & 0x3f) == OP_R2T && get32(p.bhs + 16) == *itt) {
			*ttt = get32(p.bhs + 20);
			c->nlog = 0;
			return 0;
		}
	fail("no R2T for a WRITE(10) without immediate data");
	return -1;
}

/* A Data-Out of len bytes at off for a write of 512 that asked for 512. */
static int dataout_bad(struct conn *c, uint32_t off, uint32_t len)
{
	uint8_t b[BHS], data[1024] = { 0 };
	uint32_t itt, ttt;
	const struct pdu *r;
	int got;

	if (write_awaiting(c, &itt, &ttt))
		return 0;
	bhs_data_out(c, b, itt, ttt, 0, off);
	if (send_pdu(c, b, NULL, 0, data, len, 0, 0))
		return DROP;
	got = outcome(c, itt, OP_SCSI_RSP);
	r = logged(c, OP_SCSI_RSP, itt);
	if (got == ANSWER && r->bhs[3] == 0) {
		fail("the write ended GOOD");
		return SILENT;
	}
	return got;
}

static int case_dataout_burst(struct conn *c)
{
	return dataout_bad(c, 0, 1024);
}

static int case_dataout_offset(struct conn *c)
{
	return dataout_bad(c, 4096, 512);
}

/* A Logout while a write waits for its data: answered, then the end. */
static int case_logout_pending(struct conn *c)
{
	uint8_t b[BHS];
	uint32_t itt, ttt;
	struct pdu p;
	int got;

	if (write_awaiting(c, &itt, &ttt))
		return 0;
	bhs_cmd(c, b, OP_LOGOUT | OP_IMM, F_FINAL | 0 /* close session */);
	if (send_pdu(c, b, NULL, 0, NULL, 0, 0, 0))
		return DROP;
	while ((got = next_pdu(c, &p, timeout_ms)) > 0)
		if ((p.bhs[0] & 0x3f) == OP_LOGOUT_RSP)
			return wait_drop(c);
	return got < 0 ? DROP : 0;
}

/* An ABORT TASK for a write that waits for its data. */
static int case_abort_pending(struct conn *c)
{
	uint8_t b[BHS];
	uint32_t itt, ttt;
	const struct pdu *r;
	int got;

	if (write_awaiting(c, &itt, &ttt))
		return 0;
	bhs_cmd(c, b, OP_TMF | OP_IMM, F_FINAL | 1 /* ABORT TASK */);
	put32(b + 20, itt);
	if (send_pdu(c, b, NULL, 0, NULL, 0, 0, 0))
		return DROP;
	got = outcome(c, get32(b + 16), OP_TMF_RSP);
	r = logged(c, OP_TMF_RSP, get32(b + 16));
	if (got == ANSWER && r->bhs[2] != 0) {
		fail("ABORT TASK: response %u, want 0 (complete)", r->bhs[2]);
		return SILENT;
	}
	return got;
}

static int case_hdigest(struct conn *c)
{
	uint8_t b[BHS];

	bhs_nop(c, b);
	if (send_pdu(c, b, NULL, 0, NULL, 0, BAD_HD, 0))
		return DROP;
	return outcome(c, get32(b + 16), OP_NOP_IN);
}

static int case_ddigest(struct conn *c)
{
	uint8_t b[BHS], data[100];

	memset(data, 0x3c, sizeof(data));
	bhs_nop(c, b);
	if (send_pdu(c, b, NULL, 0, data, sizeof(data), BAD_DD, 0))
		return DROP;
	return outcome(c, get32(b + 16), OP_NOP_IN);
}

static int case_ddigest_write(struct conn *c)
{
	uint8_t b[BHS], cdb[10], data[512];

	if (settle(c))
		return 0;
	memset(data, 0x5a, sizeof(data));
	cdb10(cdb, 0x2a, 0, 1);
	bhs_scsi(c, b, F_WRITE, 512, cdb, sizeof(cdb));
	if (send_pdu(c, b, NULL, 0, data, sizeof(data), BAD_DD, 0))
		return DROP;
	return outcome(c, get32(b + 16), OP_SCSI_RSP);
}

/* Part of a PDU, then the end of what the initiator sends. */
static int cut_short(struct conn *c, uint32_t dlen, size_t cut)
{
	uint8_t b[BHS], data[1000] = { 0 };

	bhs_nop(c, b);
	if (send_pdu(c, b, NULL, 0, data, dlen, 0, cut))
		return DROP;
	shutdown(c->fd, SHUT_WR);
	return wait_drop(c);
}

static int case_cut_header(struct conn *c)
{
	return cut_short(c, 0, 20);
}

static int case_cut_data(struct conn *c)
{
	return cut_short(c, 1000, BHS + 100);
}

/*
 * RFC 7143: an unknown or target opcode, a data segment beyond
 * MaxRecvDataSegmentLength, a digest error are protocol errors (a Reject
 * may come first, at ErrorRecoveryLevel 0 the connection may end);
 * commands outside the window are dropped silently (4.2.2.1); Data-Out
 * for no task is discarded; an AHS the target does not know is ignored.
 */
static const struct hcase cases[] = {
	{ "opcode", "a reserved initiator opcode", false, DROP | REJECT,
	  case_opcode },
	{ "target-opcode", "a target opcode (SCSI Response)", false,
	  DROP | REJECT, case_target_opcode },
	{ "login-ffp", "a Login Request in full feature phase", false,
	  DROP | REJECT, case_login_ffp },
	{ "text", "a Text Request with no keys", false,
	  DROP | REJECT | ANSWER, case_text },
	{ "snack", "a SNACK at ErrorRecoveryLevel 0", false,
	  DROP | REJECT | SILENT, case_snack },
	{ "dsl", "DataSegmentLength over MaxRecvDataSegmentLength", false,
	  DROP | REJECT, case_dsl },
	{ "dsl-max", "DataSegmentLength 0xffffff, no data sent", false,
	  DROP, case_dsl_max },
	{ "ahs", "8 bytes of garbage AHS on TEST UNIT READY", false,
	  DROP | REJECT | ANSWER, case_ahs },
	{ "ahs-max", "1020 bytes of garbage AHS on a NOP-Out", false,
	  DROP | REJECT | ANSWER, case_ahs_max },
	{ "lun-none", "INQUIRY of a LUN that is not there", false, ANSWER,
	  case_lun_none },
	{ "cmdsn-ahead", "CmdSN beyond MaxCmdSN", false, SILENT,
	  case_cmdsn_ahead },
	{ "cmdsn-behind", "CmdSN already taken", false, SILENT,
	  case_cmdsn_behind },
	{ "dataout-itt", "Data-Out for an unknown ITT", false,
	  SILENT | REJECT, case_dataout_itt },
	{ "dataout-burst", "Data-Out past the R2T's length", false,
	  ANSWER | REJECT | DROP, case_dataout_burst },
	{ "dataout-offset", "Data-Out at an offset not asked for", false,
	  ANSWER | REJECT | DROP, case_dataout_offset },
	{ "abort-pending", "ABORT TASK of a write awaiting data", false,
	  ANSWER, case_abort_pending },
	{ "logout-pending", "Logout while a write awaits data", false, DROP,
	  case_logout_pending },
	{ "hdigest", "a wrong header digest", true, DROP, case_hdigest },
	{ "ddigest", "a wrong data digest on a NOP-Out", true,
	  DROP | REJECT, case_ddigest },
	{ "ddigest-write", "a wrong data digest on immediate data", true,
	  DROP | REJECT, case_ddigest_write },
	{ "cut-header", "a PDU cut off mid-header", false, DROP,
	  case_cut_header },
	{ "cut-data", "a PDU cut off mid-data", false, DROP, case_cut_data },
};

static int run_case(struct conn *c, const struct hcase *hc)
{
	int got;

	if (fresh(c, hc->digests)) {
		conn_close(c);
		printf("FAIL %s: no session to start from\n", hc->name);
		return 1;
	}
	got = hc->run(c);
	conn_close(c);
	if (got && (got & hc->ok)) {
		printf("ok %s: %s: %s\n", hc->name, hc->what,
		       outcome_name[got]);
		return 0;
	}
	printf("FAIL %s: %s: %s\n", hc->name, hc->what,
	       got ? outcome_name[got] : "no answer and no drop");
	return 1;
}

/* ---- mutate mode ---- */

struct mstats {
	unsigned long sent, drops, logins, pings, cut, rx;
};

/* The last write that got no data: Data-Out aims at it. */
static uint32_t last_w_itt, last_w_ttt;

/* A valid PDU of a random kind into b and data; returns its data length. */
static uint32_t make_valid(struct conn *c, uint8_t *b, uint8_t *data)
{
	static const uint8_t ops[] = { 0x12, 0x00, 0xa0, 0x25, 0x1a, 0x03,
				       0x9e, 0x35 };
	uint8_t cdb[16] = { 0 };
	uint32_t len = 0, blocks = 1 + rnd_below(16);
	uint32_t kind = rnd_below(24);

	if (kind < 5) {
		bhs_nop(c, b);
		len = rnd_below(300);
	} else if (kind < 8) {			/* READ(10) */
		cdb10(cdb, 0x28, rnd_below(4096), blocks);
		bhs_scsi(c, b, F_READ, blocks * 512, cdb, 16);
	} else if (kind < 11) {			/* WRITE(10), data immediate */
		cdb10(cdb, 0x2a, rnd_below(4096), blocks);
		bhs_scsi(c, b, F_WRITE, blocks * 512, cdb, 16);
		len = blocks * 512;
	} else if (kind < 13) {			/* WRITE(10) awaiting an R2T */
		cdb10(cdb, 0x2a, rnd_below(4096), blocks);
		bhs_scsi(c, b, F_WRITE, blocks * 512, cdb, 16);
		last_w_itt = get32(b + 16);
	} else if (kind < 16) {
		bhs_data_out(c, b, last_w_itt, last_w_ttt, 0, 0);
		len = 512 * (1 + rnd_below(4));
	} else if (kind < 19) {	/* INQUIRY, REPORT LUNS, MODE SENSE, ... */
		cdb[0] = ops[rnd_below(sizeof(ops))];
		cdb[1] = cdb[0] == 0x9e ? 0x10 : 0;
		cdb[4] = cdb[0] == 0x35 ? 0 : 0xff;
		cdb[9] = cdb[0] == 0xa0 || cdb[0] == 0x9e ? 0xff : 0;
		bhs_scsi(c, b, F_READ, 255, cdb, 16);
	} else if (kind < 20) {
		bhs_cmd(c, b, OP_TEXT | OP_IMM, F_FINAL);
		put32(b + 20, RSVD);
		len = sprintf((char *)data, "SendTargets=All") + 1;
	} else if (kind < 21) {	/* ABORT TASK, ABORT TASK SET, LUN RESET, ... */
		bhs_cmd(c, b, OP_TMF | OP_IMM, F_FINAL | (1 + rnd_below(8)));
		put32(b + 20, rnd_below(2) ? last_w_itt : RSVD);
	} else if (kind < 22 && rnd_below(2)) {	/* ends the connection */
		bhs_cmd(c, b, OP_LOGOUT | OP_IMM, F_FINAL | rnd_below(3));
	} else {				/* a random CDB */
		rnd_fill(cdb, 16);
		bhs_scsi(c, b, F_READ, rnd_below(65536), cdb, 16);
	}
	if (len && (b[0] & 0x3f) != OP_TEXT)
		rnd_fill(data, len);
	return len;
}

/*
 * Mutations that keep the framing (the target can find the next PDU), and
 * rarely ones that do not, after which the connection is closed.
 * Returns the data length; *cut says how much of the PDU to send.
 */
static uint32_t mutate(struct conn *c, uint8_t *b, uint8_t *data,
		       uint32_t len, size_t *ahs_len, int *flags, size_t *cut)
{
	unsigned int i, n = 1 + rnd_below(3);
	uint32_t pick;

	static const uint8_t ops[] = { OP_NOP_OUT, OP_SCSI_CMD, OP_TMF,
				       OP_TEXT, OP_DATA_OUT, OP_LOGOUT,
				       OP_SNACK };

	if (rnd_below(4) == 0)
		return len;	/* a quarter stay valid */
	/* Rarely the framing breaks: about one PDU in 150. */
	if (rnd_below(1000) < 7) {
		if (rnd_below(2)) {
			put_dlen(b, rnd());
			*flags |= KEEP_DLEN;
		} else {
			*cut = 1 + rnd_below(BHS + len);
		}
		return len;
	}
	for (i = 0; i < n; i++) {
		pick = rnd_below(100);
		if (pick < 35) {	/* a bit of the BHS, never the lengths */
			uint32_t byte = rnd_below(BHS - 4);

			byte += byte >= 4 ? 4 : 0;
			b[byte] ^= 1 << rnd_below(8);
		} else if (pick < 40) {		/* mostly a request's opcode */
			b[0] = (b[0] & OP_IMM) | (rnd_below(5) ?
				ops[rnd_below(sizeof(ops))] : rnd_below(64));
		} else if (pick < 50) {
			b[1] = rnd();
		} else if (pick < 62) {		/* a 32-bit field */
			put32(b + 16 + 4 * rnd_below(8), rnd_below(2) ? rnd() :
			      get32(b + 16) + rnd_below(3) - 1);
		} else if (pick < 72) {		/* a new length, with data */
			len = rnd_below(8) ? rnd_below(4096) :
					     rnd_below(OUR_MRDSL);
			rnd_fill(data, len);
		} else if (pick < 77) {		/* bytes of the data */
			if (len)
				data[rnd_below(len)] ^= 1 << rnd_below(8);
		} else if (pick < 82) {		/* a garbage AHS */
			*ahs_len = 4 * rnd_below(256);
		} else if (pick < 90) {
			memset(b + 8, 0xff * rnd_below(2), 8);	/* the LUN */
			b[8 + rnd_below(8)] = rnd();
		} else if (pick < 97 || !(c->hd || c->dd)) {
			put32(b + 24, c->cmdsn + rnd_below(64) - 32);
		} else {
			*flags |= rnd_below(2) ? BAD_HD : BAD_DD;
		}
	}
	return len;
}

static void dump(const char *what, const uint8_t *b)
{
	int i;

	fprintf(stderr, "%s:", what);
	for (i = 0; i < BHS; i++)
		fprintf(stderr, "%s%02x", i % 4 ? "" : " ", b[i]);
	fputc('\n', stderr);
}

/* Sends one mutated PDU: 0, 1 when the connection ended, -1 on failure. */
static int mutate_one(struct conn *c, struct mstats *st, uint8_t *b,
		      uint8_t *data)
{
	size_t ahs_len = 0, cut = 0;
	int flags = 0, err;
	uint8_t ahs[1020];
	uint32_t len;

	len = make_valid(c, b, data);
	len = mutate(c, b, data, len, &ahs_len, &flags, &cut);
	rnd_fill(ahs, ahs_len);
	err = send_pdu(c, b, ahs, ahs_len, data, len, flags, cut);
	st->sent++;
	if (err == -2)
		return -1;
	if (err)
		return 1;
	if (cut || (flags & KEEP_DLEN)) {
		/* The framing is gone: the target must end it once we do. */
		st->cut++;
		shutdown(c->fd, SHUT_WR);
		if (wait_drop(c) != DROP) {
			fail("the target keeps a connection whose peer is gone");
			return -1;
		}
		return 1;
	}
	return drain(c) < 0 ? 1 : 0;
}

/* Every so often a ping: answered, or the connection is gone. */
static int mutate_sync(struct conn *c, struct mstats *st)
{
	const struct pdu *r;
	int got;

	st->pings++;
	got = ping(c);
	if (got == 0) {
		fail("the target neither answers a ping nor drops");
		return -1;
	}
	r = logged(c, OP_R2T, RSVD);
	if (r) {
		last_w_itt = get32(r->bhs + 16);
		last_w_ttt = get32(r->bhs + 20);
	}
	st->rx += c->nlog;
	c->nlog = 0;
	return got < 0;
}

static int run_mutate(struct conn *c, unsigned long count, uint64_t seed)
{
	struct mstats st = { 0 };
	uint8_t b[BHS], *data = malloc(OUR_MRDSL);
	unsigned long since = 0;
	long long t0 = now_ms();
	int err = 0;

	rng_state = seed ? seed : 1;
	while (data && st.sent < count && err >= 0) {
		if (c->fd < 0) {
			/* One session in four with digests to break. */
			if (fresh(c, rnd_below(4) == 0)) {
				dump("the PDU before", b);
				err = -1;
				break;
			}
			st.logins++;
			since = 0;
		}
		err = mutate_one(c, &st, b, data);
		if (!err && ++since % 16 == 0)
			err = mutate_sync(c, &st);
		if (err) {
			st.drops += err > 0;
			conn_close(c);
		}
	}
	if (err < 0)
		dump("the last PDU", b);
	conn_close(c);
	free(data);
	printf("mutate: seed %llu: %lu PDUs sent, %lu connections dropped "
	       "(%lu cut by us), %lu logins, %lu pings, %lu PDUs back, "
	       "%lld ms\n", (unsigned long long)seed, st.sent, st.drops,
	       st.cut, st.logins, st.pings, st.rx, now_ms() - t0);
	if (err < 0)
		printf("FAIL mutate: seed %llu, PDU %lu\n",
		       (unsigned long long)seed, st.sent);
	return err < 0;
}

static void usage(void)
{
	unsigned int i;

	fprintf(stderr, "usage: iscsi_hostile [-H HOST] [-p PORT] [-t SECONDS] "
		"[-s SEED] [-n PDUS] TARGET CASE...\ncases: all mutate");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		fprintf(stderr, " %s", cases[i].name);
	fputc('\n', stderr);
	exit(2);
}

static int run_named(struct conn *c, const char *name, unsigned long count,
		     uint64_t seed)
{
	unsigned int i, found = 0;
	int bad = 0;

	if (!strcmp(name, "mutate"))
		return run_mutate(c, count, seed);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (strcmp(name, "all") && strcmp(name, cases[i].name))
			continue;
		found++;
		bad |= run_case(c, &cases[i]);
	}
	if (!found) {
		fprintf(stderr, "no case %s\n", name);
		usage();
	}
	return bad;
}

int main(int argc, char **argv)
{
	struct conn c = { .fd = -1 };
	unsigned long count = 1000;
	uint64_t seed = 0;
	int opt, rc = 0;

	while ((opt = getopt(argc, argv, "H:p:t:s:n:")) != -1) {
		switch (opt) {
		case 'H':
			host = optarg;
			break;
		case 'p':
			port = optarg;
			break;
		case 't':
			timeout_ms = atoi(optarg) * 1000;
			break;
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 'n':
			count = strtoul(optarg, NULL, 0);
			break;
		default:
			usage();
		}
	}
	if (argc - optind < 2)
		usage();
	target = argv[optind++];
	if (!seed)
		seed = (uint64_t)time(NULL) << 16 ^ getpid();
	crc_init();
	c.rbuf = malloc(RBUF);
	if (!c.rbuf)
		return 1;
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("seed %llu\n", (unsigned long long)seed);
	for (; optind < argc; optind++)
		rc |= run_named(&c, argv[optind], count, seed);
	free(c.rbuf);
	return rc;
}
