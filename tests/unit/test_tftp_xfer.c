// SPDX-License-Identifier: GPL-2.0
/*
 * The TFTP sender's decisions (usr/tftp_xfer.c): OACK first, windows,
 * ACKs that roll back or are left alone, block numbers that wrap, the
 * timeouts' backoff and the give-up; and netascii (usr/tftp_ascii.c)
 * across block boundaries and rollbacks.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tftp_xfer.h"
#include "util.h"

/* The file, in memory. */
struct file {
	const uint8_t *data;
	size_t size;
	int fail;	/* reads fail with -EIO */
	size_t chunk;	/* at most this much per read, if set */
};

static ssize_t mem_read(void *ctx, void *buf, size_t len, uint64_t off)
{
	struct file *f = ctx;

	if (f->fail)
		return -EIO;
	if (off >= f->size)
		return 0;
	if (len > f->size - off)
		len = f->size - off;
	if (f->chunk && len > f->chunk)
		len = f->chunk;
	memcpy(buf, f->data + off, len);
	return len;
}

static uint8_t pkt[4 + TFTP_BLKSIZE_MAX];

static struct tftp_req request(unsigned int blksize, unsigned int window,
			       enum tftp_mode mode)
{
	struct tftp_req r = { .op = TFTP_RRQ, .file = "f", .mode = mode };

	r.opts.blksize = blksize;
	r.opts.window = window;
	return r;
}

/* The next packet must be DATA @block with @len bytes of payload. */
static void want_data(struct tftp_xfer *x, unsigned int block, size_t len)
{
	ssize_t n;

	assert_true(xfer_can_send(x));
	n = xfer_next_packet(x, pkt);
	assert_int_equal(n, 4 + len);
	assert_int_equal(pkt[1], TFTP_DATA);
	assert_int_equal(pkt[2] << 8 | pkt[3], block);
}

static void test_plain(void **state)
{
	static uint8_t data[1000];
	struct file f = { .data = data, .size = sizeof(data) };
	struct tftp_req r = request(0, 0, TFTP_OCTET);
	struct tftp_xfer x;

	assert_int_equal(xfer_init(&x, &r, f.size, mem_read, &f), 0);
	assert_int_equal(x.oack_len, 0);
	want_data(&x, 1, 512);
	assert_false(xfer_can_send(&x));
	assert_int_equal(xfer_ack(&x, 1), XFER_SEND);
	want_data(&x, 2, 488);
	assert_false(xfer_can_send(&x));
	/* A duplicate ACK of block 1 sends nothing (RFC 1123). */
	assert_int_equal(xfer_ack(&x, 1), XFER_WAIT);
	assert_false(xfer_can_send(&x));
	assert_int_equal(xfer_ack(&x, 2), XFER_DONE);
	xfer_free(&x);
}

static void test_sizes(void **state)
{
	static uint8_t data[512];
	struct file f = { .data = data };
	struct tftp_req r = request(0, 0, TFTP_OCTET);
	struct tftp_xfer x;

	/* Empty: one empty block. */
	assert_int_equal(xfer_init(&x, &r, 0, mem_read, &f), 0);
	want_data(&x, 1, 0);
	assert_false(xfer_can_send(&x));
	assert_int_equal(xfer_ack(&x, 1), XFER_DONE);
	/* Exactly one block: then an empty one ends it. */
	f.size = 512;
	f.chunk = 100;
	assert_int_equal(xfer_init(&x, &r, f.size, mem_read, &f), 0);
	want_data(&x, 1, 512);
	assert_int_equal(xfer_ack(&x, 1), XFER_SEND);
	want_data(&x, 2, 0);
	assert_int_equal(xfer_ack(&x, 2), XFER_DONE);
}

static void test_oack(void **state)
{
	static uint8_t data[100];
	struct file f = { .data = data, .size = sizeof(data) };
	struct tftp_req r = request(1428, 0, TFTP_OCTET);
	struct tftp_xfer x;
	ssize_t n;

	r.opts.tsize = true;
	assert_int_equal(xfer_init(&x, &r, f.size, mem_read, &f), 0);
	assert_true(xfer_can_send(&x));
	n = xfer_next_packet(&x, pkt);
	assert_int_equal(n, x.oack_len);
	assert_memory_equal(pkt, "\0\6blksize\0001428\0tsize\000100", n);
	/* No data before the OACK is acknowledged, nor for an ACK 1. */
	assert_false(xfer_can_send(&x));
	assert_int_equal(xfer_ack(&x, 1), XFER_WAIT);
	assert_false(xfer_can_send(&x));
	/* Its timeout sends it again. */
	assert_int_equal(xfer_timeout(&x), XFER_SEND);
	assert_int_equal(xfer_next_packet(&x, pkt), n);
	assert_int_equal(xfer_ack(&x, 0), XFER_SEND);
	want_data(&x, 1, 100);
	assert_int_equal(xfer_ack(&x, 0), XFER_WAIT);
	assert_int_equal(xfer_ack(&x, 1), XFER_DONE);
}

static void test_oack_netascii(void **state)
{
	static uint8_t data[10];
	struct file f = { .data = data, .size = sizeof(data) };
	struct tftp_req r = request(0, 0, TFTP_NETASCII);
	struct tftp_xfer x;

	/* Only tsize asked, which netascii does not answer: no OACK. */
	r.opts.tsize = true;
	assert_int_equal(xfer_init(&x, &r, f.size, mem_read, &f), 0);
	assert_int_equal(x.oack_len, 0);
	want_data(&x, 1, 10);
	xfer_free(&x);
	/* Nor for an empty file in octet mode. */
	r.mode = TFTP_OCTET;
	assert_int_equal(xfer_init(&x, &r, 0, mem_read, &f), 0);
	assert_int_equal(x.oack_len, 0);
	r.opts.blksize = 1024;
	assert_int_equal(xfer_init(&x, &r, 0, mem_read, &f), 0);
	assert_int_equal(x.oack_len, sizeof("\0\6blksize\0001024"));
}

static void test_window(void **state)
{
	static uint8_t data[8 * 20 + 3];
	struct file f = { .data = data, .size = sizeof(data) };
	struct tftp_req r = request(8, 4, TFTP_OCTET);
	struct tftp_xfer x;
	unsigned int i;

	assert_int_equal(xfer_init(&x, &r, f.size, mem_read, &f), 0);
	xfer_next_packet(&x, pkt);	/* the OACK */
	assert_int_equal(xfer_ack(&x, 0), XFER_SEND);
	for (i = 1; i <= 4; i++)
		want_data(&x, i, 8);
	assert_false(xfer_can_send(&x));
	/* Blocks 3 and 4 were lost: from 3 again. */
	assert_int_equal(xfer_ack(&x, 2), XFER_SEND);
	for (i = 3; i <= 6; i++)
		want_data(&x, i, 8);
	assert_false(xfer_can_send(&x));
	/* Nothing new, or not sent yet: left alone. */
	assert_int_equal(xfer_ack(&x, 2), XFER_WAIT);
	assert_int_equal(xfer_ack(&x, 7), XFER_WAIT);
	assert_int_equal(xfer_ack(&x, 1000), XFER_WAIT);
	assert_false(xfer_can_send(&x));
	assert_int_equal(xfer_ack(&x, 6), XFER_SEND);
	/* A timeout sends the whole window again. */
	for (i = 7; i <= 10; i++)
		want_data(&x, i, 8);
	assert_int_equal(xfer_timeout(&x), XFER_SEND);
	for (i = 7; i <= 10; i++)
		want_data(&x, i, 8);
	/* Through to the end: the last window is short. */
	for (i = 10; i < 18; i += 4) {
		assert_int_equal(xfer_ack(&x, i), XFER_SEND);
		want_data(&x, i + 1, 8);
		want_data(&x, i + 2, 8);
		want_data(&x, i + 3, 8);
		want_data(&x, i + 4, 8);
	}
	assert_int_equal(xfer_ack(&x, 18), XFER_SEND);
	want_data(&x, 19, 8);
	want_data(&x, 20, 8);
	want_data(&x, 21, 3);
	assert_false(xfer_can_send(&x));
	assert_int_equal(xfer_ack(&x, 20), XFER_SEND);
	want_data(&x, 21, 3);
	assert_int_equal(xfer_ack(&x, 21), XFER_DONE);
}

/* 70000 blocks of 8 bytes: numbers go 65535, 0, 1, ... */
static void test_wrap(void **state)
{
	size_t size = 70000 * 8 + 5, i;
	uint8_t *data = malloc(size);
	struct file f = { .data = data, .size = size };
	struct tftp_req r = request(8, 8, TFTP_OCTET);
	struct tftp_xfer x;
	uint64_t blk = 1;
	unsigned int j;

	for (i = 0; i < size; i++)
		data[i] = i * 7 + (i >> 8);
	assert_int_equal(xfer_init(&x, &r, size, mem_read, &f), 0);
	xfer_next_packet(&x, pkt);
	assert_int_equal(xfer_ack(&x, 0), XFER_SEND);
	for (;;) {
		for (j = 0; xfer_can_send(&x); j++, blk++) {
			assert_true(xfer_next_packet(&x, pkt) >= 4);
			assert_int_equal(pkt[2] << 8 | pkt[3], blk & 0xffff);
			assert_memory_equal(pkt + 4, data + (blk - 1) * 8,
					    blk <= 70000 ? 8 : 5);
		}
		/* Around the wrap, lose the window's last two blocks. */
		if (blk > 65530 && blk < 65550 && j == 8) {
			blk -= 2;
			assert_int_equal(xfer_ack(&x, (blk - 1) & 0xffff),
					 XFER_SEND);
			continue;
		}
		if (xfer_ack(&x, (blk - 1) & 0xffff) == XFER_DONE)
			break;
	}
	assert_int_equal(blk - 1, 70001);
	free(data);
}

static void test_backoff(void **state)
{
	static uint8_t data[600];
	struct file f = { .data = data, .size = sizeof(data) };
	struct tftp_req r = request(0, 0, TFTP_OCTET);
	struct tftp_xfer x;

	assert_int_equal(xfer_init(&x, &r, f.size, mem_read, &f), 0);
	want_data(&x, 1, 512);
	assert_int_equal(x.rto_ms, 1000);
	assert_int_equal(xfer_timeout(&x), XFER_SEND);
	want_data(&x, 1, 512);
	assert_int_equal(x.rto_ms, 2000);
	/* An answer starts the waits over. */
	assert_int_equal(xfer_ack(&x, 1), XFER_SEND);
	assert_int_equal(x.rto_ms, 1000);
	want_data(&x, 2, 88);
	assert_int_equal(xfer_timeout(&x), XFER_SEND);
	assert_int_equal(x.rto_ms, 2000);
	assert_int_equal(xfer_timeout(&x), XFER_SEND);
	assert_int_equal(x.rto_ms, 4000);
	assert_int_equal(xfer_timeout(&x), XFER_SEND);
	assert_int_equal(x.rto_ms, 4000);
	assert_int_equal(xfer_timeout(&x), XFER_SEND);
	assert_int_equal(xfer_timeout(&x), XFER_FAIL);
}

static void test_timeout_option(void **state)
{
	static uint8_t data[1];
	struct file f = { .data = data, .size = sizeof(data) };
	struct tftp_req r = request(0, 0, TFTP_OCTET);
	struct tftp_xfer x;

	r.opts.timeout = 10;
	assert_int_equal(xfer_init(&x, &r, f.size, mem_read, &f), 0);
	assert_int_equal(x.rto_ms, 10000);
	xfer_next_packet(&x, pkt);
	assert_int_equal(xfer_timeout(&x), XFER_SEND);
	assert_int_equal(x.rto_ms, 10000);
}

static void test_read_error(void **state)
{
	static uint8_t data[10];
	struct file f = { .data = data, .size = sizeof(data), .fail = 1 };
	struct tftp_req r = request(0, 0, TFTP_OCTET);
	struct tftp_xfer x;

	assert_int_equal(xfer_init(&x, &r, f.size, mem_read, &f), 0);
	assert_int_equal(xfer_next_packet(&x, pkt), -EIO);
}

static void test_netascii_fill(void **state)
{
	static const uint8_t in[] = "a\nb\rc";
	struct netascii st;
	uint8_t out[16];
	size_t n;

	netascii_init(&st);
	n = netascii_fill(&st, in, 5, out, sizeof(out));
	assert_int_equal(n, 7);
	assert_memory_equal(out, "a\r\nb\r\0c", 7);
	assert_int_equal(st.off, 5);
	/* A pair cut by the end of the room: its second byte waits. */
	netascii_init(&st);
	n = netascii_fill(&st, in, 5, out, 2);
	assert_memory_equal(out, "a\r", 2);
	assert_int_equal(st.off, 2);
	assert_int_equal(st.pending, '\n');
	n = netascii_fill(&st, in + 2, 3, out, 2);
	assert_memory_equal(out, "\nb", 2);
	n = netascii_fill(&st, in + 3, 1, out, 1);
	assert_int_equal(n, 1);
	assert_int_equal(st.pending, '\0');
	n = netascii_fill(&st, NULL, 0, out, 4);
	assert_int_equal(n, 1);
	assert_int_equal(out[0], '\0');
}

/* The reference: the whole file converted at once. */
static size_t ascii_ref(const uint8_t *in, size_t n, uint8_t *out)
{
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		if (in[i] == '\n' || in[i] == '\r') {
			out[o++] = '\r';
			out[o++] = in[i] == '\n' ? '\n' : '\0';
		} else {
			out[o++] = in[i];
		}
	}
	return o;
}

/*
 * A netascii transfer with a window and ACKs that lose blocks now and
 * then must send what converting the whole file gives.
 */
static void ascii_run(const uint8_t *data, size_t size, unsigned int blksize,
		      unsigned int window, unsigned int seed)
{
	struct file f = { .data = data, .size = size, .chunk = 7 };
	struct tftp_req r = request(blksize, window, TFTP_NETASCII);
	uint8_t *want = malloc(2 * size + 1), *got = malloc(2 * size + 8);
	size_t wlen = ascii_ref(data, size, want), glen = 0;
	struct tftp_xfer x;
	uint64_t blk = 1, sent;
	bool lost = false;
	ssize_t n;

	assert_int_equal(xfer_init(&x, &r, size, mem_read, &f), 0);
	xfer_next_packet(&x, pkt);
	assert_int_equal(xfer_ack(&x, 0), XFER_SEND);
	for (;;) {
		for (sent = x.next; xfer_can_send(&x); sent++) {
			n = xfer_next_packet(&x, pkt);
			assert_int_equal(pkt[2] << 8 | pkt[3], sent & 0xffff);
			/*
			 * The receiver takes the block it waits for; of a
			 * window, the rest are lost.
			 */
			if (sent == blk) {
				memcpy(got + glen, pkt + 4, n - 4);
				glen += n - 4;
				blk++;
			}
		}
		seed = seed * 1103515245 + 12345;
		/* Now and then (never twice running) an ACK is lost. */
		if ((seed >> 16) % 5 == 0 && !lost) {
			assert_int_equal(xfer_timeout(&x), XFER_SEND);
			lost = true;
			continue;
		}
		lost = false;
		if (xfer_ack(&x, (blk - 1) & 0xffff) == XFER_DONE)
			break;
	}
	assert_int_equal(glen, wlen);
	assert_memory_equal(got, want, wlen);
	xfer_free(&x);
	free(want);
	free(got);
}

static void test_netascii_blocks(void **state)
{
	static const unsigned int sizes[] = { 8, 9, 13, 512 };
	uint8_t data[3000];
	unsigned int i, j, s;
	size_t k;

	/* Runs of CRs and LFs, so that pairs straddle every boundary. */
	for (k = 0; k < sizeof(data); k++)
		data[k] = "ab\n\r\r\n\nc\rd"[(k * 7 + k / 11) % 10];
	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		for (j = 1; j <= 5; j += 2)
			for (s = 1; s < 4; s++)
				ascii_run(data, sizeof(data), sizes[i], j, s);
	/* Exactly filling a block with a CR LF pair: then an empty one. */
	ascii_run((const uint8_t *)"abc\n", 4, 5, 1, 1);
	ascii_run((const uint8_t *)"abc\n", 4, 8, 1, 1);
	ascii_run((const uint8_t *)"", 0, 8, 1, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_oack),
		cmocka_unit_test(test_oack_netascii),
		cmocka_unit_test(test_window),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_backoff),
		cmocka_unit_test(test_timeout_option),
		cmocka_unit_test(test_read_error),
		cmocka_unit_test(test_netascii_fill),
		cmocka_unit_test(test_netascii_blocks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
