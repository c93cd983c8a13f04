// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of usr/chap.c, usr/crypto.c and usr/auth.c: encodings, digests
 * against vectors computed elsewhere, and the CHAP exchange.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "auth.h"
#include "chap.h"
#include "crypto.h"

#define USER		"ann"
#define SECRET		"ann-secret-0123"
#define OUT_USER	"tgt"
#define OUT_SECRET	"tgt-secret-4567"

static bool have_outgoing;

static int incoming(void *ctx, const char *target, const char *name,
		    char *secret, size_t len)
{
	if (strcmp(target, "iqn.2026-11.org.example:t") || strcmp(name, USER))
		return -ENOENT;
	snprintf(secret, len, "%s", SECRET);
	return 0;
}

static int outgoing(void *ctx, const char *target, char *name, size_t nlen,
		    char *secret, size_t slen)
{
	if (!have_outgoing)
		return -ENOENT;
	snprintf(name, nlen, "%s", OUT_USER);
	snprintf(secret, slen, "%s", OUT_SECRET);
	return 0;
}

static const struct auth_accounts accounts = { incoming, outgoing };
static struct auth a;
static struct text_out out;

static int setup(void **state)
{
	have_outgoing = false;
	auth_start(&a, true, &accounts, NULL, "iqn.2026-11.org.example:t");
	text_reset(&out);
	return 0;
}

static int teardown(void **state)
{
	text_free(&out);
	return 0;
}

/* The value of @key in the text built so far, or NULL. */
static const char *answer(const char *key)
{
	size_t klen = strlen(key), i;

	for (i = 0; i < out.len; i += strlen(out.buf + i) + 1)
		if (!strncmp(out.buf + i, key, klen) &&
		    out.buf[i + klen] == '=')
			return out.buf + i + klen + 1;
	return NULL;
}

static void test_decode(void **state)
{
	uint8_t b[8];

	assert_int_equal(chap_decode("0x0a1B", b, sizeof(b)), 2);
	assert_int_equal(b[0], 0x0a);
	assert_int_equal(b[1], 0x1b);
	/* An odd count of digits has a leading zero. */
	assert_int_equal(chap_decode("0Xabc", b, sizeof(b)), 2);
	assert_int_equal(b[0], 0x0a);
	assert_int_equal(b[1], 0xbc);
	assert_int_equal(chap_decode("0bAQID", b, sizeof(b)), 3);
	assert_memory_equal(b, "\1\2\3", 3);
	assert_int_equal(chap_decode("0bAQI=", b, sizeof(b)), 2);
	assert_int_equal(chap_decode("0bAQ==", b, sizeof(b)), 1);
	assert_int_equal(b[0], 1);
	assert_int_equal(chap_decode("0x", b, sizeof(b)), -EINVAL);
	assert_int_equal(chap_decode("0x0g", b, sizeof(b)), -EINVAL);
	assert_int_equal(chap_decode("1234", b, sizeof(b)), -EINVAL);
	assert_int_equal(chap_decode("0bAQ=", b, sizeof(b)), -EINVAL);
	assert_int_equal(chap_decode("0bA=QI", b, sizeof(b)), -EINVAL);
	assert_int_equal(chap_decode("0b====", b, sizeof(b)), -EINVAL);
	assert_int_equal(chap_decode("0x112233445566778899", b, sizeof(b)),
			 -E2BIG);
	assert_int_equal(chap_decode("0bAAAAAAAAAAAA", b, sizeof(b)), -E2BIG);
}

static void test_numbers(void **state)
{
	unsigned long n;

	assert_int_equal(chap_number("255", 255, &n), 0);
	assert_int_equal(n, 255);
	assert_int_equal(chap_number("0x1f", 255, &n), 0);
	assert_int_equal(n, 31);
	assert_int_equal(chap_number("256", 255, &n), -EINVAL);
	assert_int_equal(chap_number("-1", 255, &n), -EINVAL);
	assert_int_equal(chap_number(" 1", 255, &n), -EINVAL);
	assert_int_equal(chap_number("", 255, &n), -EINVAL);
	assert_int_equal(chap_number("0x", 255, &n), -EINVAL);
	assert_int_equal(chap_number("99999999999999999999999", 255, &n),
			 -EINVAL);
}

static void test_pick(void **state)
{
	assert_int_equal(chap_alg_pick("5")->num, 5);
	assert_int_equal(chap_alg_pick("7,5")->num, 7);
	assert_int_equal(chap_alg_pick("8,7,6,5")->num, 8);
	/* Unknown and malformed values are passed over. */
	assert_int_equal(chap_alg_pick("9,abc,,0x6")->num, 6);
	assert_int_equal(chap_alg_pick("123456789012345678901234567890,5")->num,
			 5);
	assert_null(chap_alg_pick("1,2,3"));
	assert_null(chap_alg_pick(""));
}

/* Vectors from Python's hashlib: id 42, a 16-byte secret, 0..15. */
static void test_digests(void **state)
{
	static const struct {
		unsigned int alg;
		const char *hex;
	} v[] = {
		{ 5, "0x4f8bb229562657ba6dc4452e8bb73c5a" },
		{ 6, "0x6471098b58aa35e5fc76496d87b46090003f1567" },
		{ 7, "0xa839df45d7b54fd9642f44ba6a078262cf659704c86b3788689bf26b41c0e660" },
		{ 8, "0xe0b5d1887ab6dd22385dc23bda55a1f1e71828273b1b9988fc4c5257a651d436" },
	};
	uint8_t chal[16], d[CHAP_DIGEST_MAX];
	char hex[2 * CHAP_DIGEST_MAX + 3];
	unsigned int i;
	int n;

	for (i = 0; i < sizeof(chal); i++)
		chal[i] = i;
	for (i = 0; i < 4; i++) {
		n = crypto_chap(v[i].alg, 42, "a secret of 16ch", chal,
				sizeof(chal), d);
		assert_int_equal(n, chap_alg(v[i].alg)->len);
		chap_encode(d, n, hex);
		assert_string_equal(hex, v[i].hex);
	}
	assert_int_equal(crypto_chap(9, 1, "x", chal, 1, d), -EOPNOTSUPP);
}

/* AuthMethod and CHAP_A, as one request: the target's challenge. */
static void start_chap(const char *algs)
{
	assert_int_equal(auth_offer(&a, "AuthMethod", "CHAP,None", &out), 0);
	assert_int_equal(auth_offer(&a, "CHAP_A", algs, &out), 0);
	assert_int_equal(auth_step(&a, &out), 0);
	assert_string_equal(answer("AuthMethod"), "CHAP");
	assert_false(auth_done(&a));
	text_reset(&out);
}

/* The response of @secret to the target's challenge, as hex. */
static void respond(const char *secret, char *hex)
{
	uint8_t d[CHAP_DIGEST_MAX];
	int n;

	n = crypto_chap(a.alg->num, a.id, secret, a.challenge, a.alg->len, d);
	assert_true(n > 0);
	chap_encode(d, n, hex);
}

static void test_one_way(void **state)
{
	char hex[2 * CHAP_DIGEST_MAX + 3], id[8];
	uint8_t chal[CHAP_DIGEST_MAX];

	assert_int_equal(auth_offer(&a, "AuthMethod", "CHAP,None", &out), 0);
	assert_int_equal(auth_step(&a, &out), 0);
	assert_string_equal(answer("AuthMethod"), "CHAP");
	text_reset(&out);
	assert_int_equal(auth_offer(&a, "CHAP_A", "7,5", &out), 0);
	assert_int_equal(auth_step(&a, &out), 0);
	assert_string_equal(answer("CHAP_A"), "7");
	snprintf(id, sizeof(id), "%u", a.id);
	assert_string_equal(answer("CHAP_I"), id);
	/* As long as the digest, and the one the target keeps. */
	assert_int_equal(chap_decode(answer("CHAP_C"), chal, sizeof(chal)), 32);
	assert_memory_equal(chal, a.challenge, 32);
	text_reset(&out);
	respond(SECRET, hex);
	assert_int_equal(auth_offer(&a, "CHAP_N", USER, &out), 0);
	assert_int_equal(auth_offer(&a, "CHAP_R", hex, &out), 0);
	assert_int_equal(auth_step(&a, &out), 0);
	assert_true(auth_done(&a));
	assert_int_equal(out.len, 0);
}

static void test_mutual(void **state)
{
	char hex[2 * CHAP_DIGEST_MAX + 3], want[2 * CHAP_DIGEST_MAX + 3];
	static const uint8_t ichal[] = "initiator's challenge";
	uint8_t d[CHAP_DIGEST_MAX];

	have_outgoing = true;
	start_chap("5");
	respond(SECRET, hex);
	assert_int_equal(auth_offer(&a, "CHAP_N", USER, &out), 0);
	assert_int_equal(auth_offer(&a, "CHAP_R", hex, &out), 0);
	assert_int_equal(auth_offer(&a, "CHAP_I", "77", &out), 0);
	/* base64 of the initiator's challenge, 21 bytes */
	assert_int_equal(auth_offer(&a, "CHAP_C",
				    "0baW5pdGlhdG9yJ3MgY2hhbGxlbmdl", &out), 0);
	assert_int_equal(auth_step(&a, &out), 0);
	assert_true(auth_done(&a));
	assert_string_equal(answer("CHAP_N"), OUT_USER);
	crypto_chap(5, 77, OUT_SECRET, ichal, 21, d);
	chap_encode(d, 16, want);
	assert_string_equal(answer("CHAP_R"), want);
}

static void assert_denied(const char *why)
{
	assert_int_equal(auth_step(&a, &out), -EACCES);
	assert_non_null(strstr(a.why, why));
	assert_false(auth_done(&a));
}

static void test_wrong(void **state)
{
	char hex[2 * CHAP_DIGEST_MAX + 3];

	start_chap("6");
	respond("not-the-secret!", hex);
	auth_offer(&a, "CHAP_N", USER, &out);
	auth_offer(&a, "CHAP_R", hex, &out);
	assert_denied("wrong CHAP_R for user ann");

	setup(state);
	start_chap("8");
	respond(SECRET, hex);
	auth_offer(&a, "CHAP_N", "bob", &out);
	auth_offer(&a, "CHAP_R", hex, &out);
	assert_denied("no IncomingUser bob");

	/* A SHA-1 sized answer to a SHA3-256 challenge. */
	setup(state);
	start_chap("8");
	auth_offer(&a, "CHAP_N", USER, &out);
	auth_offer(&a, "CHAP_R", "0x6471098b58aa35e5fc76496d87b46090003f1567",
		   &out);
	assert_denied("not a SHA3-256 digest");

	setup(state);
	start_chap("5");
	auth_offer(&a, "CHAP_N", USER, &out);
	assert_denied("lacks CHAP_R");
}

static void test_mutual_refused(void **state)
{
	char hex[2 * CHAP_DIGEST_MAX + 3], chal[2 * CHAP_DIGEST_MAX + 3];

	/* The target's own challenge sent back. */
	have_outgoing = true;
	start_chap("7");
	respond(SECRET, hex);
	chap_encode(a.challenge, a.alg->len, chal);
	auth_offer(&a, "CHAP_N", USER, &out);
	auth_offer(&a, "CHAP_R", hex, &out);
	auth_offer(&a, "CHAP_I", "1", &out);
	auth_offer(&a, "CHAP_C", chal, &out);
	assert_denied("sent back the target's own CHAP_C");

	/* No OutgoingUser to answer with. */
	setup(state);
	start_chap("7");
	respond(SECRET, hex);
	auth_offer(&a, "CHAP_N", USER, &out);
	auth_offer(&a, "CHAP_R", hex, &out);
	auth_offer(&a, "CHAP_I", "1", &out);
	auth_offer(&a, "CHAP_C", "0x0102", &out);
	assert_denied("no OutgoingUser");

	setup(state);
	have_outgoing = true;
	start_chap("7");
	respond(SECRET, hex);
	auth_offer(&a, "CHAP_N", USER, &out);
	auth_offer(&a, "CHAP_R", hex, &out);
	auth_offer(&a, "CHAP_I", "256", &out);
	auth_offer(&a, "CHAP_C", "0x0102", &out);
	assert_denied("CHAP_I=256");

	setup(state);
	have_outgoing = true;
	start_chap("7");
	respond(SECRET, hex);
	auth_offer(&a, "CHAP_N", USER, &out);
	auth_offer(&a, "CHAP_R", hex, &out);
	auth_offer(&a, "CHAP_C", "0x0102", &out);
	assert_denied("no CHAP_I");
}

static void test_methods(void **state)
{
	/* CHAP required, not offered. */
	assert_int_equal(auth_offer(&a, "AuthMethod", "None", &out), -EACCES);
	assert_non_null(strstr(a.why, "CHAP is required"));
	/* No accounts: None, whatever the order. */
	auth_start(&a, false, &accounts, NULL, "");
	assert_int_equal(auth_offer(&a, "AuthMethod", "CHAP,None", &out), 0);
	assert_string_equal(answer("AuthMethod"), "None");
	assert_true(auth_done(&a));
	assert_int_equal(auth_offer(&a, "AuthMethod", "None", &out), -EEXIST);
	/* CHAP keys after None are rejected, not acted on. */
	assert_int_equal(auth_offer(&a, "CHAP_A", "5", &out), 0);
	assert_string_equal(answer("CHAP_A"), "Reject");
	/* No accounts, CHAP only: nothing to check the initiator with. */
	text_reset(&out);
	auth_start(&a, false, &accounts, NULL, "");
	assert_int_equal(auth_offer(&a, "AuthMethod", "CHAP", &out), -EACCES);
	/* None is the default without AuthMethod, unless CHAP is needed. */
	auth_start(&a, false, &accounts, NULL, "");
	assert_true(auth_done(&a));
	auth_start(&a, true, &accounts, NULL, "");
	assert_false(auth_done(&a));
}

static void test_out_of_order(void **state)
{
	assert_int_equal(auth_offer(&a, "AuthMethod", "CHAP", &out), 0);
	/* The answer before the challenge. */
	assert_int_equal(auth_offer(&a, "CHAP_R", "0x00", &out), -EACCES);
	setup(state);
	assert_int_equal(auth_offer(&a, "AuthMethod", "CHAP", &out), 0);
	assert_int_equal(auth_step(&a, &out), 0);
	assert_denied("no CHAP_A");
	setup(state);
	assert_int_equal(auth_offer(&a, "AuthMethod", "CHAP", &out), 0);
	auth_offer(&a, "CHAP_A", "1,2,3", &out);
	assert_denied("names no algorithm");
	setup(state);
	start_chap("5");
	assert_int_equal(auth_offer(&a, "CHAP_N", USER, &out), 0);
	assert_int_equal(auth_offer(&a, "CHAP_N", USER, &out), -EEXIST);
	assert_int_equal(auth_offer(&a, "CHAP_A", "5", &out), -EACCES);
	assert_int_equal(auth_offer(&a, "CHAP_X", "5", &out), -EACCES);
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_decode), T(test_numbers), T(test_pick),
		T(test_digests), T(test_one_way), T(test_mutual),
		T(test_wrong), T(test_mutual_refused), T(test_methods),
		T(test_out_of_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
