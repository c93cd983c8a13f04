// SPDX-License-Identifier: GPL-2.0
/*
 * CHAP algorithms and the encodings of binary values.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "chap.h"
#include "util.h"

static const struct chap_alg algs[] = {
	{ CHAP_MD5, "MD5", 16 },
	{ CHAP_SHA1, "SHA-1", 20 },
	{ CHAP_SHA256, "SHA-256", 32 },
	{ CHAP_SHA3_256, "SHA3-256", 32 },
};

const struct chap_alg *chap_alg(unsigned int num)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(algs); i++)
		if (algs[i].num == num)
			return &algs[i];
	return NULL;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int hex_val(char c)
{
	if (is_digit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* strtoul without its leniency: no sign, no space, no octal. */
int chap_number(const char *val, unsigned long max, unsigned long *out)
{
	bool hex = val[0] == '0' && (val[1] == 'x' || val[1] == 'X');
	unsigned long n = 0;
	unsigned int base = hex ? 16 : 10;
	const char *p = hex ? val + 2 : val;
	int d;

	if (!*p)
		return -EINVAL;
	for (; *p; p++) {
		d = hex ? hex_val(*p) : is_digit(*p) ? *p - '0' : -1;
		if (d < 0 || n > (max - d) / base)
			return -EINVAL;
		n = n * base + d;
	}
	*out = n;
	return 0;
}

const struct chap_alg *chap_alg_pick(const char *list)
{
	const struct chap_alg *a;
	char word[16];
	unsigned long n;
	size_t len;

	for (;;) {
		len = strcspn(list, ",");
		if (len < sizeof(word)) {
			memcpy(word, list, len);
			word[len] = '\0';
			if (!chap_number(word, 255, &n)) {
				a = chap_alg(n);
				if (a)
					return a;
			}
		}
		if (!list[len])
			return NULL;
		list += len + 1;
	}
}

static int decode_hex(const char *s, uint8_t *buf, size_t max)
{
	size_t len = strlen(s), i;
	int hi, lo;

	/* An odd count has an implied leading zero (RFC 7143 6.1). */
	if (!len)
		return -EINVAL;
	if ((len + 1) / 2 > max)
		return -E2BIG;
	for (i = 0; i < (len + 1) / 2; i++) {
		hi = len % 2 && !i ? 0 : hex_val(*s++);
		lo = hex_val(*s++);
		if (hi < 0 || lo < 0)
			return -EINVAL;
		buf[i] = hi << 4 | lo;
	}
	return i;
}

static int b64_val(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (is_digit(c))
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* Base64 of RFC 4648 4, padded to a multiple of four characters. */
static int decode_b64(const char *s, uint8_t *buf, size_t max)
{
	size_t len = strlen(s), pad = 0, n, i;
	uint32_t acc = 0;
	int v;

	if (!len || len % 4)
		return -EINVAL;
	if (s[len - 1] == '=')
		pad = s[len - 2] == '=' ? 2 : 1;
	n = len / 4 * 3 - pad;
	if (n > max)
		return -E2BIG;
	for (i = 0; i < len; i++) {
		v = i >= len - pad ? 0 : b64_val(s[i]);
		if (v < 0)
			return -EINVAL;
		acc = acc << 6 | v;
		if (i % 4 != 3)
			continue;
		buf[i / 4 * 3] = acc >> 16;
		if (i / 4 * 3 + 1 < n)
			buf[i / 4 * 3 + 1] = acc >> 8;
		if (i / 4 * 3 + 2 < n)
			buf[i / 4 * 3 + 2] = acc;
	}
	return n;
}

int chap_decode(const char *val, uint8_t *buf, size_t max)
{
	if (val[0] != '0')
		return -EINVAL;
	if (val[1] == 'x' || val[1] == 'X')
		return decode_hex(val + 2, buf, max);
	if (val[1] == 'b' || val[1] == 'B')
		return decode_b64(val + 2, buf, max);
	return -EINVAL;
}

void chap_encode(const uint8_t *buf, size_t len, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	*out++ = '0';
	*out++ = 'x';
	for (i = 0; i < len; i++) {
		*out++ = digits[buf[i] >> 4];
		*out++ = digits[buf[i] & 15];
	}
	*out = '\0';
}
