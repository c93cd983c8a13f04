// SPDX-License-Identifier: GPL-2.0
/*
 * netascii conversion.
 */
#include "tftp_ascii.h"

void netascii_init(struct netascii *st)
{
	st->off = 0;
	st->pending = -1;
}

size_t netascii_fill(struct netascii *st, const uint8_t *in, size_t n,
		     uint8_t *out, size_t cap)
{
	size_t i = 0, o = 0;

	if (cap && st->pending >= 0) {
		out[o++] = st->pending;
		st->pending = -1;
	}
	for (; i < n && o < cap; i++) {
		if (in[i] == '\n' || in[i] == '\r') {
			out[o++] = '\r';
			st->pending = in[i] == '\n' ? '\n' : '\0';
			if (o < cap) {
				out[o++] = st->pending;
				st->pending = -1;
			}
		} else {
			out[o++] = in[i];
		}
	}
	st->off += i;
	return o;
}
