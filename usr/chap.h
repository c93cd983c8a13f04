/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CHAP as iSCSI uses it (RFC 7143 12.1.3, RFC 1994): the algorithms by
 * IANA number, and the encodings of the binary values CHAP_C and CHAP_R.
 *
 * Pure logic, no I/O; the digests themselves are in crypto.c.
 */
#ifndef IET_CHAP_H
#define IET_CHAP_H

#include <stddef.h>
#include <stdint.h>

/* IANA's "PPP Authentication Algorithms" numbers. */
#define CHAP_MD5	5
#define CHAP_SHA1	6
#define CHAP_SHA256	7
#define CHAP_SHA3_256	8

#define CHAP_DIGEST_MAX		32	/* bytes of the longest digest */
#define CHAP_CHALLENGE_MAX	1024	/* bytes; RFC 7143 12.1.3 */
#define CHAP_NAME_MAX		255
#define CHAP_SECRET_MAX		255

struct chap_alg {
	unsigned int num;
	const char *name;
	unsigned int len;	/* of the digest, in bytes */
};

/* The algorithm numbered @num, or NULL. */
const struct chap_alg *chap_alg(unsigned int num);

/*
 * The first algorithm of the initiator's CHAP_A list @list that the
 * target does; NULL if none. Values that are not numbers are skipped as
 * unknown algorithms are.
 */
const struct chap_alg *chap_alg_pick(const char *list);

/*
 * A numerical value (RFC 7143 6.1): decimal, or hex after 0x. Returns 0,
 * or -EINVAL if @val is not a number or is above @max.
 */
int chap_number(const char *val, unsigned long max, unsigned long *out);

/*
 * A binary value: hex after 0x, or base64 after 0b (RFC 7143 6.1).
 * Returns the number of bytes written to @buf, -EINVAL if @val is not
 * well-formed, or -E2BIG if it holds more than @max bytes.
 */
int chap_decode(const char *val, uint8_t *buf, size_t max);

/* @len bytes as 0x and hex; @out needs 2 * @len + 3 bytes. */
void chap_encode(const uint8_t *buf, size_t len, char *out);

#endif /* IET_CHAP_H */
