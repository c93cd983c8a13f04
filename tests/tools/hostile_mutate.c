// SPDX-License-Identifier: GPL-2.0
/*
 * Mutate mode of iscsi_hostile: valid PDUs of random kinds, mutated
 * (mostly keeping the framing, rarely breaking it) and sent by the
 * thousand from a reproducible PRNG, with a ping every so often and a new
 * login whenever the target drops the connection. A target that neither
 * answers nor drops fails the run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "hostile.h"

struct mstats {
	unsigned long sent, drops, logins, pings, cut, rx;
};

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

int run_mutate(struct conn *c, unsigned long count, uint64_t seed)
{
	struct mstats st = { 0 };
	uint8_t b[BHS] = { 0 }, *data = malloc(OUR_MRDSL);
	unsigned long since = 0;
	long long t0 = now_ms();
	int err = 0;

	rng_state = seed ? seed : 1;
	while (data && st.sent < count && err >= 0) {
		if (c->fd < 0) {
			/* One session in four with digests to break. */
			if (fresh(c, rnd_below(4) == 0)) {
				if (st.sent)
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
	if (err < 0 && st.sent)
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
