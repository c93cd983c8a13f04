// SPDX-License-Identifier: GPL-2.0
/*
 * ietd's TFTP server without its sockets: a request, then what a client
 * and the clock do to the transfer it starts.
 *
 * Byte 0 picks the file's size (sizes[], some over 65535 blocks of 8
 * bytes, so that block numbers wrap); bytes 1-2 are the request's length,
 * big-endian, and the request follows as on the wire. The rest are
 * events, one byte each, some with operands:
 *   0 a timeout
 *   1 the ACK of the last block sent
 *   2 B1 B2: an ACK of block B1 << 8 | B2
 *   3 K: the ACK of the K-th block before the last one sent
 *   4 N ...: a packet of N bytes from the client
 *   5 ACKs of whole windows until the end, or for a while
 * Besides the sanitizers, checks stop the run: a file name taken only
 * beneath the root, an OACK of options in range, each once, none above
 * what was asked; DATA of the file's bytes, in the size agreed, numbered
 * in order modulo 65536; a window never wider than agreed.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fuzz.h"
#include "tftp_path.h"
#include "tftp_xfer.h"

#define MAX_PACKETS	200000

static const uint64_t sizes[] = {
	0, 1, 7, 8, 9, 511, 512, 513, 1000, 1428, 4096, 65464, 65465,
	65536 * 8 + 3, 65535 * 8,
};

/* The file: bytes from its offset, with many CRs and LFs. */
static uint8_t file_byte(uint64_t off)
{
	return "ab\n\r\r\ncd\nx"[(off * 7 + off / 13) % 10];
}

struct file {
	uint64_t size;
	uint64_t packets;
};

/* A transfer under test. */
struct run {
	struct tftp_xfer x;
	struct tftp_req r;
	struct file f;
	uint8_t *pkt;
};

static ssize_t file_read(void *ctx, void *buf, size_t len, uint64_t off)
{
	struct file *f = ctx;
	uint8_t *p = buf;
	size_t i;

	if (off >= f->size)
		return 0;
	if (len > f->size - off)
		len = f->size - off;
	for (i = 0; i < len; i++)
		p[i] = file_byte(off + i);
	return len;
}

static void check_path(const char *name)
{
	const char *why, *c;
	char out[256];

	if (tftp_path(name, "/srv/tftp", out, sizeof(out), &why))
		return;
	FUZZ_CHECK(out[0] && out[0] != '/');
	for (c = out; *c; c++)
		FUZZ_CHECK((unsigned char)*c >= 0x20 && *c != 0x7f);
	/* No component is "..". */
	for (c = out; c; c = strchr(c, '/')) {
		c += *c == '/';
		FUZZ_CHECK(!(c[0] == '.' && c[1] == '.' &&
			     (!c[2] || c[2] == '/')));
	}
}

/* Each option of the OACK once, known, in range, not above the ask. */
static void check_oack(const uint8_t *p, size_t len, const struct tftp_req *r)
{
	const char *s = (const char *)p + 2, *end = (const char *)p + len;
	unsigned long v, seen = 0, bit;
	const char *name;

	FUZZ_CHECK(len >= 2 && p[0] == 0 && p[1] == TFTP_OACK);
	FUZZ_CHECK(len == 2 || !p[len - 1]);
	while (s < end) {
		name = s;
		s += strlen(s) + 1;
		FUZZ_CHECK(s < end);
		v = strtoul(s, NULL, 10);
		s += strlen(s) + 1;
		bit = !strcmp(name, "blksize") ? 1 : !strcmp(name, "tsize") ?
			2 : !strcmp(name, "timeout") ? 4 :
			!strcmp(name, "windowsize") ? 8 : 0;
		FUZZ_CHECK(bit && !(seen & bit));
		seen |= bit;
		if (bit == 1)
			FUZZ_CHECK(v >= TFTP_BLKSIZE_MIN && v <= TFTP_BLKSIZE_MAX &&
				   v == r->opts.blksize);
		if (bit == 4)
			FUZZ_CHECK(v >= 1 && v <= 255);
		if (bit == 8)
			FUZZ_CHECK(v >= 1 && v <= TFTP_WINDOW_MAX);
	}
}

static void check_data(struct tftp_xfer *x, const uint8_t *p, ssize_t n,
		       uint64_t blk)
{
	ssize_t i;

	FUZZ_CHECK(n >= 4 && (size_t)n <= 4 + x->blksize);
	FUZZ_CHECK(p[1] == TFTP_DATA && (uint64_t)(p[2] << 8 | p[3]) ==
		   (blk & 0xffff));
	if (x->mode != TFTP_OCTET)
		return;
	for (i = 4; i < n; i++)
		FUZZ_CHECK(p[i] == file_byte((blk - 1) * x->blksize + i - 4));
}

/* Send what the window allows, checking each packet. */
static void send_all(struct run *t)
{
	struct tftp_xfer *x = &t->x;
	uint64_t blk;
	ssize_t n;

	while (xfer_can_send(x) && t->f.packets < MAX_PACKETS) {
		blk = x->next;
		n = xfer_next_packet(x, t->pkt);
		t->f.packets++;
		if (!blk)
			check_oack(t->pkt, n, &t->r);
		else
			check_data(x, t->pkt, n, blk);
		FUZZ_CHECK(x->base <= x->next);
		FUZZ_CHECK(!x->base || x->next - x->base <= x->window);
		FUZZ_CHECK(!x->last || x->next <= x->last + 1);
	}
}

/* ACK every window until the end, or for a while. */
static enum xfer_act to_the_end(struct run *t)
{
	enum xfer_act a = XFER_SEND;

	while (a == XFER_SEND && t->f.packets < MAX_PACKETS) {
		send_all(t);
		a = xfer_ack(&t->x, (t->x.next - 1) & 0xffff);
	}
	return a;
}

/* One event; returns the bytes it used, or 0 when the transfer is over. */
static size_t event(struct run *t, const uint8_t *d, size_t len)
{
	struct tftp_xfer *x = &t->x;
	enum xfer_act a = XFER_WAIT;
	size_t used = 1;
	uint16_t blk;

	switch (d[0] % 6) {
	case 0:
		a = xfer_timeout(x);
		break;
	case 1:
		a = xfer_ack(x, (x->next - 1) & 0xffff);
		break;
	case 2:
		used = 3;
		if (len >= 3)
			a = xfer_ack(x, d[1] << 8 | d[2]);
		break;
	case 3:
		used = 2;
		if (len >= 2)
			a = xfer_ack(x, (x->next - 1 - d[1]) & 0xffff);
		break;
	case 4:
		used = len >= 2 ? 2 + d[1] : 2;
		if (used <= len && tftp_parse_reply(d + 2, d[1], &blk) ==
		    TFTP_ACK)
			a = xfer_ack(x, blk);
		break;
	case 5:
		a = to_the_end(t);
		break;
	}
	return a == XFER_DONE || a == XFER_FAIL ? 0 : used;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct run t = { 0 };
	size_t len, pos, used;
	const char *why;
	char *req;

	if (size < 3)
		return 0;
	t.f.size = sizes[data[0] % ARRAY_SIZE(sizes)];
	len = data[1] << 8 | data[2];
	if (len > size - 3)
		return 0;
	/* A copy the size of the request, so that ASan sees any overread. */
	req = malloc(len ? len : 1);
	memcpy(req, data + 3, len);
	if (tftp_parse_req(req, len, &t.r, &why) || t.r.op != TFTP_RRQ) {
		free(req);
		return 0;
	}
	check_path(t.r.file);
	t.pkt = malloc(4 + TFTP_BLKSIZE_MAX);
	if (xfer_init(&t.x, &t.r, t.f.size, file_read, &t.f))
		goto out;
	for (pos = 3 + len; ; pos += used) {
		send_all(&t);
		if (pos >= size || t.f.packets >= MAX_PACKETS)
			break;
		used = event(&t, data + pos, size - pos);
		if (!used)
			break;
	}
	xfer_free(&t.x);
out:
	free(t.pkt);
	free(req);
	return 0;
}
