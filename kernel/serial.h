/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Serial number arithmetic for CmdSN, StatSN and DataSN (RFC 1982 with
 * SERIAL_BITS = 32, as RFC 7143 4.2.2.1 asks). RFC 1982 leaves a distance
 * of exactly 2^31 undefined; here it counts as "less".
 */
#ifndef IET_SERIAL_H
#define IET_SERIAL_H

#include "pure.h"

static inline bool iet_sn_lt(u32 a, u32 b)
{
	return (s32)(a - b) < 0;
}

static inline bool iet_sn_le(u32 a, u32 b)
{
	return a == b || iet_sn_lt(a, b);
}

#endif /* IET_SERIAL_H */
