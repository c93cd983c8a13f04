// SPDX-License-Identifier: GPL-2.0
/*
 * Digests from libgcrypt, randomness from the kernel.
 */
#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include <gcrypt.h>

#include "chap.h"
#include "crypto.h"

/* The library wants to be set up once, before the first use. */
static void crypto_init(void)
{
	static int done;

	if (done)
		return;
	gcry_check_version(NULL);
	/* Secrets live in ietd's memory anyway; no locked pool to set up. */
	gcry_control(GCRYCTL_DISABLE_SECMEM, 0);
	gcry_control(GCRYCTL_INITIALIZATION_FINISHED, 0);
	done = 1;
}

static int gcry_algo(unsigned int alg)
{
	switch (alg) {
	case CHAP_MD5:
		return GCRY_MD_MD5;
	case CHAP_SHA1:
		return GCRY_MD_SHA1;
	case CHAP_SHA256:
		return GCRY_MD_SHA256;
	case CHAP_SHA3_256:
		return GCRY_MD_SHA3_256;
	}
	return 0;
}

int crypto_chap(unsigned int alg, uint8_t id, const char *secret,
		const uint8_t *challenge, size_t len, uint8_t *out)
{
	gcry_buffer_t iov[3];
	int algo = gcry_algo(alg);

	crypto_init();
	if (!algo || gcry_md_test_algo(algo))
		return -EOPNOTSUPP;
	memset(iov, 0, sizeof(iov));
	iov[0].data = &id;
	iov[0].len = 1;
	iov[1].data = (void *)secret;
	iov[1].len = strlen(secret);
	iov[2].data = (void *)challenge;
	iov[2].len = len;
	if (gcry_md_hash_buffers(algo, 0, out, iov, 3))
		return -EOPNOTSUPP;
	return gcry_md_get_algo_dlen(algo);
}

int crypto_random(void *buf, size_t len)
{
	ssize_t n;

	while (len) {
		n = getrandom(buf, len, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		buf = (char *)buf + n;
		len -= n;
	}
	return 0;
}
