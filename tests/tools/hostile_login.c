// SPDX-License-Identifier: GPL-2.0
/*
 * Sessions for iscsi_hostile: the login to full feature phase (with or
 * without CRC32C digests), the ping that shows whether a session goes on,
 * a fresh session to start a case from, and the lookups in the log of
 * PDUs that came back: one logged already, one still to come, or the end
 * of the connection.
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostile.h"

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
int ping(struct conn *c)
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
int fresh(struct conn *c, bool digests)
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

const struct pdu *logged(const struct conn *c, uint8_t op, uint32_t itt)
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
const struct pdu *await_pdu(struct conn *c, uint8_t op, uint32_t itt, int ms)
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

/* Waits for the end of the connection: DROP, or 0 on timeout. */
int wait_drop(struct conn *c)
{
	struct pdu p;
	int got;

	while ((got = next_pdu(c, &p, timeout_ms)) > 0)
		;
	return got < 0 ? DROP : 0;
}
