/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One TFTP read transfer as a state machine, with no I/O of its own:
 * which packet goes out next, what an ACK means, when to send again and
 * when to give up. The file is read through a callback.
 *
 * Blocks are counted from 1 in 64 bits and go out modulo 65536: after
 * block 65535 comes block 0, as tftp-hpa, curl and iPXE expect, so that
 * files of any size can be sent. The OACK, when there is one, is "block
 * 0" of the count and is acknowledged as such.
 *
 * A window (RFC 7440) of blocks goes out, then the sender waits for the
 * ACK of the last one. An ACK of an earlier block of the window means
 * the ones after it were lost: sending starts again after it. An ACK that
 * acknowledges nothing new is left alone, as RFC 1123 4.2.3.1 asks, so
 * that a duplicate does not double every later packet (the Sorcerer's
 * Apprentice); only a timeout sends the window again. Each timeout
 * doubles the next one up to a cap; after TFTP_TRIES sends of the same
 * window without an answer the transfer is given up.
 */
#ifndef IET_TFTP_XFER_H
#define IET_TFTP_XFER_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "tftp_ascii.h"
#include "tftp_pkt.h"

#define TFTP_TRIES		5
#define TFTP_RTO_MS		1000
#define TFTP_RTO_MAX_MS		4000

/* Read up to @len bytes of the file at @off: bytes read, 0 at EOF, -errno. */
typedef ssize_t (*tftp_read_fn)(void *ctx, void *buf, size_t len,
				uint64_t off);

struct tftp_xfer {
	enum tftp_mode mode;
	unsigned int blksize;
	unsigned int window;
	uint64_t base;		/* the oldest block not acknowledged */
	uint64_t next;		/* the next block to send */
	uint64_t last;		/* the short block that ends it; 0: not yet */
	unsigned int tries;	/* sends of this window so far */
	unsigned int rto_ms;	/* the wait after the current send */
	unsigned int rto0_ms;
	unsigned int rto_max_ms;
	struct netascii base_st;	/* netascii state at block base */
	struct netascii next_st;	/* and at block next */
	uint8_t *scratch;	/* 2 * blksize, for netascii */
	tftp_read_fn read;
	void *ctx;
	size_t oack_len;	/* 0: no OACK, block 1 goes first */
	uint8_t oack[TFTP_OACK_MAX];
};

enum xfer_act {
	XFER_WAIT,	/* nothing to do until the next event */
	XFER_SEND,	/* send packets while xfer_can_send() */
	XFER_DONE,	/* the last block was acknowledged */
	XFER_FAIL,	/* given up */
};

/*
 * Start a transfer of a file of @size bytes as @req asked; options not
 * answered in @req are the RFCs' defaults, and tsize is answered for a
 * non-empty file in octet mode only. Returns 0 or -ENOMEM.
 */
int xfer_init(struct tftp_xfer *x, const struct tftp_req *req, uint64_t size,
	      tftp_read_fn read, void *ctx);
void xfer_free(struct tftp_xfer *x);

/* Whether the window has room for another packet now. */
bool xfer_can_send(const struct tftp_xfer *x);

/*
 * Build the next packet (the OACK or a DATA) into @buf, which holds
 * 4 + blksize bytes and TFTP_OACK_MAX at least. Returns its length or a
 * negative errno of the read.
 */
ssize_t xfer_next_packet(struct tftp_xfer *x, uint8_t *buf);

/* An ACK of @block arrived. */
enum xfer_act xfer_ack(struct tftp_xfer *x, uint16_t block);

/* x->rto_ms passed since the last send without an answer. */
enum xfer_act xfer_timeout(struct tftp_xfer *x);

#endif /* IET_TFTP_XFER_H */
