/* SPDX-License-Identifier: GPL-2.0 */
/*
 * netascii (RFC 1350, after the Telnet NVT of RFC 764) on the fly: LF
 * goes out as CR LF and CR as CR NUL. A pair may straddle two blocks, so
 * the state between blocks is the file offset and the pending second
 * byte. No I/O.
 */
#ifndef IET_TFTP_ASCII_H
#define IET_TFTP_ASCII_H

#include <stddef.h>
#include <stdint.h>

struct netascii {
	uint64_t off;		/* of the next file byte to convert */
	int pending;		/* the second byte of a pair, or -1 */
};

void netascii_init(struct netascii *st);

/*
 * Convert file bytes @in (@n of them, read at st->off) into @out, up to
 * @cap bytes. Returns the bytes written; st->off advances past the bytes
 * used up.
 */
size_t netascii_fill(struct netascii *st, const uint8_t *in, size_t n,
		     uint8_t *out, size_t cap);

#endif /* IET_TFTP_ASCII_H */
