// SPDX-License-Identifier: GPL-2.0
/*
 * The TFTP sender's decisions; see tftp_xfer.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tftp_xfer.h"

int xfer_init(struct tftp_xfer *x, const struct tftp_req *req, uint64_t size,
	      tftp_read_fn read, void *ctx)
{
	struct tftp_opts o = req->opts;

	memset(x, 0, sizeof(*x));
	x->mode = req->mode;
	/*
	 * The size on the wire of netascii is not the file's: say nothing.
	 * Nor for an empty file: curl (7.88) takes "tsize 0" for an error.
	 */
	if (x->mode == TFTP_NETASCII || !size)
		o.tsize = false;
	x->blksize = o.blksize ? o.blksize : TFTP_BLKSIZE_DEF;
	x->window = o.window ? o.window : 1;
	x->rto0_ms = o.timeout ? o.timeout * 1000 : TFTP_RTO_MS;
	x->rto_ms = x->rto0_ms;
	x->rto_max_ms = x->rto0_ms > TFTP_RTO_MAX_MS ? x->rto0_ms :
			TFTP_RTO_MAX_MS;
	x->read = read;
	x->ctx = ctx;
	netascii_init(&x->base_st);
	netascii_init(&x->next_st);
	if (x->mode == TFTP_NETASCII) {
		x->scratch = malloc(2 * x->blksize);
		if (!x->scratch)
			return -ENOMEM;
	}
	if (o.blksize || o.tsize || o.timeout || o.window)
		x->oack_len = tftp_build_oack(x->oack, sizeof(x->oack), &o,
					      size);
	x->base = x->oack_len ? 0 : 1;
	x->next = x->base;
	return 0;
}

void xfer_free(struct tftp_xfer *x)
{
	free(x->scratch);
	x->scratch = NULL;
}

bool xfer_can_send(const struct tftp_xfer *x)
{
	/* Data waits for the OACK's answer. */
	if (x->base == 0)
		return x->next == 0;
	if (x->last && x->next > x->last)
		return false;
	return x->next - x->base < x->window;
}

/* Read until @len bytes or the end of the file. */
static ssize_t read_full(struct tftp_xfer *x, uint8_t *buf, size_t len,
			 uint64_t off)
{
	size_t n = 0;
	ssize_t r;

	while (n < len) {
		r = x->read(x->ctx, buf + n, len - n, off + n);
		if (r < 0)
			return r;
		if (!r)
			break;
		n += r;
	}
	return n;
}

/* The next netascii block after @st into @out; @st moves past it. */
static ssize_t ascii_block(struct tftp_xfer *x, struct netascii *st,
			   uint8_t *out)
{
	uint8_t *in = x->scratch + x->blksize;
	size_t o = 0;
	ssize_t r;

	while (o < x->blksize) {
		r = read_full(x, in, x->blksize - o, st->off);
		if (r < 0)
			return r;
		if (!r && st->pending < 0)
			break;
		o += netascii_fill(st, in, r, out + o, x->blksize - o);
	}
	return o;
}

static ssize_t block(struct tftp_xfer *x, uint8_t *out)
{
	if (x->mode == TFTP_NETASCII)
		return ascii_block(x, &x->next_st, out);
	return read_full(x, out, x->blksize, (x->next - 1) * x->blksize);
}

ssize_t xfer_next_packet(struct tftp_xfer *x, uint8_t *buf)
{
	ssize_t n;

	if (x->next == 0) {
		memcpy(buf, x->oack, x->oack_len);
		x->next = 1;
		return x->oack_len;
	}
	tftp_data_header(buf, x->next & 0xffff);
	n = block(x, buf + 4);
	if (n < 0)
		return n;
	if ((size_t)n < x->blksize)
		x->last = x->next;
	x->next++;
	return n + 4;
}

/* Blocks up to @to were received: the window starts at @to + 1. */
static int advance(struct tftp_xfer *x, uint64_t to)
{
	ssize_t r;

	/* All that was sent: where sending stands is where the window does. */
	if (to + 1 == x->next) {
		x->base = x->next;
		x->base_st = x->next_st;
		return 0;
	}
	for (; x->base <= to; x->base++) {
		if (x->mode != TFTP_NETASCII || !x->base)
			continue;
		r = ascii_block(x, &x->base_st, x->scratch);
		if (r < 0)
			return r;
	}
	return 0;
}

/* Send again from the oldest block not acknowledged. */
static void rollback(struct tftp_xfer *x)
{
	x->next = x->base;
	x->next_st = x->base_st;
}

enum xfer_act xfer_ack(struct tftp_xfer *x, uint16_t blk)
{
	uint64_t ref, abs;

	if (x->base == 0) {
		if (blk || x->next == 0)
			return XFER_WAIT;
		abs = 0;
	} else {
		/* Place it in the blocks sent: base - 1 up to next - 1. */
		ref = x->base - 1;
		abs = ref + (uint16_t)(blk - (uint16_t)ref);
		if (abs == ref || abs >= x->next)
			return XFER_WAIT;
	}
	if (advance(x, abs))
		return XFER_FAIL;
	x->tries = 0;
	x->rto_ms = x->rto0_ms;
	if (x->last && abs == x->last)
		return XFER_DONE;
	/* A short window: the client missed what came after @abs. */
	if (x->next != x->base)
		rollback(x);
	return XFER_SEND;
}

enum xfer_act xfer_timeout(struct tftp_xfer *x)
{
	if (++x->tries >= TFTP_TRIES)
		return XFER_FAIL;
	x->rto_ms *= 2;
	if (x->rto_ms > x->rto_max_ms)
		x->rto_ms = x->rto_max_ms;
	rollback(x);
	return XFER_SEND;
}
