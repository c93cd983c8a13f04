// SPDX-License-Identifier: GPL-2.0
/*
 * Receiving a PDU in pieces, without reading past its end: after the
 * final Login Response the socket goes to the kernel, and any byte the
 * initiator sent after its last Login Request belongs to the kernel too.
 */
#include <string.h>

#include "pdu.h"

void pdu_rx_reset(struct pdu_rx *rx)
{
	rx->have = 0;
	rx->total = 0;
	rx->dlen = 0;
}

size_t pdu_rx_want(struct pdu_rx *rx, uint8_t **buf)
{
	if (rx->have < ISCSI_BHS_LEN) {
		*buf = rx->bhs + rx->have;
		return ISCSI_BHS_LEN - rx->have;
	}
	*buf = rx->data + (rx->have - ISCSI_BHS_LEN);
	return rx->total - rx->have;
}

enum pdu_rx_status pdu_rx_got(struct pdu_rx *rx, size_t n)
{
	const struct iscsi_bhs *h = (const void *)rx->bhs;

	rx->have += n;
	if (rx->have < ISCSI_BHS_LEN)
		return PDU_RX_MORE;
	if (!rx->total) {
		if (h->ahslen)
			return PDU_RX_AHS;
		rx->dlen = iscsi_dlength(h->dlength);
		if (rx->dlen > PDU_DATA_MAX)
			return PDU_RX_TOO_LONG;
		rx->total = ISCSI_BHS_LEN + ISCSI_PAD(rx->dlen);
	}
	return rx->have < rx->total ? PDU_RX_MORE : PDU_RX_DONE;
}
