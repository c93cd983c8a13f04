/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PDUs as ietd reads and writes them: the 48-byte Basic Header Segment,
 * then the data segment padded to 4 bytes. ietd speaks only the login
 * phase and discovery sessions, where there are no digests and no
 * Additional Header Segments, and a data segment holds at most
 * PDU_DATA_MAX bytes: RFC 7143's MaxRecvDataSegmentLength during login,
 * and what ietd declares for discovery sessions.
 *
 * Pure logic, no I/O: the caller reads the bytes pdu_rx_want() asks for.
 */
#ifndef IET_PDU_H
#define IET_PDU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iscsi_proto.h"

#define PDU_DATA_MAX	8192

/* A PDU being received. */
struct pdu_rx {
	uint8_t bhs[ISCSI_BHS_LEN];
	uint8_t data[PDU_DATA_MAX + 4];
	uint32_t dlen;		/* data segment length, without padding */
	size_t have;		/* bytes of this PDU received */
	size_t total;		/* bytes in this PDU; 0 until the BHS is in */
};

enum pdu_rx_status {
	PDU_RX_MORE,		/* read what pdu_rx_want() says */
	PDU_RX_DONE,		/* rx->bhs and rx->data hold a PDU */
	PDU_RX_AHS,		/* the header announces an AHS */
	PDU_RX_TOO_LONG,	/* the data segment is above PDU_DATA_MAX */
};

void pdu_rx_reset(struct pdu_rx *rx);

/* Where the next bytes go, and how many the PDU still needs. */
size_t pdu_rx_want(struct pdu_rx *rx, uint8_t **buf);

/* @n bytes arrived where pdu_rx_want() said. */
enum pdu_rx_status pdu_rx_got(struct pdu_rx *rx, size_t n);

/* A PDU to send: the header, and data owned by whoever made it. */
struct pdu_out {
	uint8_t bhs[ISCSI_BHS_LEN];
	const void *data;
	uint32_t dlen;
};

static inline uint32_t get_be32(const void *p)
{
	const uint8_t *b = p;

	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
		(uint32_t)b[2] << 8 | b[3];
}

static inline void put_be32(void *p, uint32_t v)
{
	uint8_t *b = p;

	b[0] = v >> 24;
	b[1] = v >> 16;
	b[2] = v >> 8;
	b[3] = v;
}

static inline uint16_t get_be16(const void *p)
{
	const uint8_t *b = p;

	return (uint16_t)(b[0] << 8 | b[1]);
}

static inline void put_be16(void *p, uint16_t v)
{
	uint8_t *b = p;

	b[0] = v >> 8;
	b[1] = v;
}

/* Fields every BHS has in the same place. */
static inline uint8_t pdu_opcode(const uint8_t *bhs)
{
	return bhs[0] & ISCSI_OPCODE_MASK;
}

static inline bool pdu_immediate(const uint8_t *bhs)
{
	return bhs[0] & ISCSI_OP_IMMEDIATE;
}

static inline uint32_t pdu_itt(const uint8_t *bhs)
{
	return get_be32(bhs + 16);
}

#endif /* IET_PDU_H */
