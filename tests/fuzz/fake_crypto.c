// SPDX-License-Identifier: GPL-2.0
/*
 * crypto.c for fuzz_chap: a challenge of zeros with identifier 0, and a
 * "digest" an input can compute, so that correct CHAP responses, and the
 * mutual CHAP after them, are reached. seeds.py computes the same.
 */
#include <errno.h>
#include <string.h>

#include "chap.h"
#include "crypto.h"

int crypto_chap(unsigned int alg, uint8_t id, const char *secret,
		const uint8_t *challenge, size_t len, uint8_t *out)
{
	const struct chap_alg *a = chap_alg(alg);
	size_t slen = strlen(secret), i;

	if (!a)
		return -EOPNOTSUPP;
	for (i = 0; i < a->len; i++)
		out[i] = id ^ i ^ (slen ? secret[i % slen] : 0) ^
			(len ? challenge[i % len] : 0);
	return a->len;
}

int crypto_random(void *buf, size_t len)
{
	memset(buf, 0, len);
	return 0;
}
