// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of usr/pdu.c: framing a PDU that arrives in pieces.
 */
#include "login_test.h"

static struct pdu_rx rx;

/* Feed @n bytes of @src, at most @step at a time. */
static enum pdu_rx_status feed(const uint8_t *src, size_t n, size_t step)
{
	enum pdu_rx_status st = PDU_RX_MORE;
	size_t want, k;
	uint8_t *buf;

	while (n && st == PDU_RX_MORE) {
		want = pdu_rx_want(&rx, &buf);
		assert_true(want > 0);
		k = n < step ? n : step;
		k = k < want ? k : want;
		memcpy(buf, src, k);
		src += k;
		n -= k;
		st = pdu_rx_got(&rx, k);
	}
	assert_int_equal(n, 0);
	return st;
}

static void header(uint8_t *bhs, uint32_t dlen, uint8_t ahs)
{
	memset(bhs, 0, ISCSI_BHS_LEN);
	bhs[0] = ISCSI_OP_LOGIN_REQ | ISCSI_OP_IMMEDIATE;
	bhs[4] = ahs;
	iscsi_set_dlength(bhs + 5, dlen);
}

static void test_pieces(void **state)
{
	uint8_t pdu[ISCSI_BHS_LEN + 12];
	uint8_t *buf;

	pdu_rx_reset(&rx);
	header(pdu, 9, 0);
	memcpy(pdu + ISCSI_BHS_LEN, "A=1\0B=22\0\0\0\0", 12);
	/* One byte at a time: the padding is read too, and no more. */
	assert_int_equal(feed(pdu, sizeof(pdu), 1), PDU_RX_DONE);
	assert_int_equal(rx.dlen, 9);
	assert_memory_equal(rx.data, "A=1\0B=22", 9);
	assert_memory_equal(rx.bhs, pdu, ISCSI_BHS_LEN);
	pdu_rx_reset(&rx);
	assert_int_equal(pdu_rx_want(&rx, &buf), ISCSI_BHS_LEN);
	assert_ptr_equal(buf, rx.bhs);
	/* No data: the header alone. */
	header(pdu, 0, 0);
	assert_int_equal(feed(pdu, ISCSI_BHS_LEN, 100), PDU_RX_DONE);
	assert_int_equal(rx.dlen, 0);
}

static void test_limits(void **state)
{
	static uint8_t pdu[ISCSI_BHS_LEN + PDU_DATA_MAX];

	pdu_rx_reset(&rx);
	header(pdu, PDU_DATA_MAX, 0);
	assert_int_equal(feed(pdu, sizeof(pdu), 4096), PDU_RX_DONE);
	pdu_rx_reset(&rx);
	header(pdu, PDU_DATA_MAX + 1, 0);
	assert_int_equal(feed(pdu, ISCSI_BHS_LEN, 4096), PDU_RX_TOO_LONG);
	pdu_rx_reset(&rx);
	header(pdu, 0, 1);
	assert_int_equal(feed(pdu, ISCSI_BHS_LEN, 4096), PDU_RX_AHS);
}

static void test_helpers(void **state)
{
	uint8_t b[4];

	put_be32(b, 0x01020304);
	assert_int_equal(get_be32(b), 0x01020304);
	put_be16(b, 0xabcd);
	assert_int_equal(get_be16(b), 0xabcd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pieces),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_helpers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
