/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The cryptography ietd does not write itself: CHAP digests (libgcrypt)
 * and random challenges (getrandom).
 */
#ifndef IET_CRYPTO_H
#define IET_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

/*
 * The CHAP response of RFC 1994: the digest by algorithm @alg (an IANA
 * number) of @id, @secret and @challenge, into @out. Returns the digest's
 * length, or -EOPNOTSUPP if the library lacks the algorithm.
 */
int crypto_chap(unsigned int alg, uint8_t id, const char *secret,
		const uint8_t *challenge, size_t len, uint8_t *out);

/* @len unpredictable bytes. Returns 0 or a negative errno. */
int crypto_random(void *buf, size_t len);

#endif /* IET_CRYPTO_H */
