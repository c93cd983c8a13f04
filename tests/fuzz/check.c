// SPDX-License-Identifier: GPL-2.0
/*
 * Checks of what ietd sends back, beyond what the sanitizers see: texts
 * that parse, values the negotiation rules allow, an outcome the target
 * and the module accept.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

void fuzz_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "fuzz check failed: %s:%d: %s\n", file, line, what);
	abort();
}

void fuzz_trace(const char *what, const uint8_t *bhs, const void *data,
		size_t len)
{
	static int on = -1;
	const unsigned char *p = data;
	size_t i;

	if (on < 0)
		on = !!getenv("FUZZ_TRACE");
	if (!on)
		return;
	fprintf(stderr, "%s:", what);
	if (bhs)
		fprintf(stderr, " opcode 0x%02x flags 0x%02x status 0x%04x,",
			bhs[0], bhs[1], get_be16(bhs + 36));
	fprintf(stderr, " %zu bytes:", len);
	for (i = 0; i < len; i++)
		fputc(!p[i] ? ' ' : isprint(p[i]) ? p[i] : '.', stderr);
	fputc('\n', stderr);
}

void check_pdu(const struct pdu_out *rsp, uint32_t max_dlen)
{
	uint8_t *copy;

	FUZZ_CHECK(rsp->dlen <= max_dlen);
	FUZZ_CHECK(iscsi_dlength(rsp->bhs + 5) == rsp->dlen);
	FUZZ_CHECK(rsp->bhs[4] == 0);	/* no AHS */
	if (!rsp->dlen)
		return;
	FUZZ_CHECK(rsp->data);
	/* A heap copy of exactly what is sent: the sanitizers see each byte. */
	copy = malloc(rsp->dlen);
	FUZZ_CHECK(copy);
	memcpy(copy, rsp->data, rsp->dlen);
	free(copy);
}

/* Whether @val is one of the @words. */
static bool is_one_of(const char *val, const char *const *words)
{
	for (; *words; words++)
		if (!strcmp(val, *words))
			return true;
	return false;
}

static void check_value(const char *key, const char *val)
{
	static const char *const reserved[] = {
		"Reject", "Irrelevant", NULL
	};
	static const char *const methods[] = {
		"None", "CHAP", "Reject", NULL
	};
	unsigned long long v;
	unsigned int u;
	char msg[128];
	int k;

	if (!strcmp(key, "AuthMethod")) {
		FUZZ_CHECK(is_one_of(val, methods));
		return;
	}
	k = nego_key(key);
	if (k < 0) {
		/* Security keys are understood, if refused. */
		FUZZ_CHECK(strcmp(val, "NotUnderstood") || !auth_is_key(key));
		return;
	}
	if (is_one_of(val, reserved))
		return;
	if (k == NEGO_TASK_REPORTING) {
		FUZZ_CHECK(!strcmp(val, "RFC3720"));
	} else if (k == NEGO_PROTOCOL_LEVEL) {
		FUZZ_CHECK(!param_parse_u64(val, &v) && v <= 31);
	} else {
		FUZZ_CHECK(!param_parse(&session_params.keys[k], val, &u, msg,
					sizeof(msg)));
		/* An answer or proposal names one value, not a list. */
		FUZZ_CHECK(!strchr(val, ','));
	}
}

void check_text(const void *buf, size_t len)
{
	struct text_pair *pairs;
	size_t max = len / 2 + 1;
	char *copy;
	int nr, i;

	copy = malloc(len + 1);
	pairs = calloc(max, sizeof(*pairs));
	FUZZ_CHECK(copy && pairs);
	if (len)
		memcpy(copy, buf, len);
	/* What the target writes ends each pair with a zero byte. */
	FUZZ_CHECK(!len || copy[len - 1] == '\0');
	nr = text_parse(copy, len, pairs, max);
	FUZZ_CHECK(nr >= 0);
	for (i = 0; i < nr; i++)
		check_value(pairs[i].key, pairs[i].val);
	free(pairs);
	free(copy);
}

unsigned int text_count(const char *buf, size_t len, const char *key)
{
	size_t off = 0, n = strlen(key);
	unsigned int nr = 0;

	while (off < len) {
		if (!strncmp(buf + off, key, n) && buf[off + n] == '=')
			nr++;
		off += strlen(buf + off) + 1;
	}
	return nr;
}

/* Whether the outcome @v of key @k is a single value in its range. */
static void check_range(int k, unsigned int v)
{
	const struct param_key *key = &session_params.keys[k];

	if (key->fmt == PARAM_FMT_DIGEST) {
		FUZZ_CHECK(v == PARAM_DIGEST_NONE || v == PARAM_DIGEST_CRC32C);
		return;
	}
	FUZZ_CHECK(v >= key->min && v <= key->max);
}

void check_outcome(const struct nego *n)
{
	const unsigned int *v = n->vals, *t = n->ours;
	uint32_t p[IET_P_MAX + 1];
	char why[256];
	int k;

	FUZZ_CHECK(!nego_check(n, why, sizeof(why)));
	FUZZ_CHECK(!nego_waiting(n));
	for (k = 0; k < SESS_NR; k++)
		check_range(k, v[k]);
	FUZZ_CHECK(v[NEGO_PROTOCOL_LEVEL] <= 1);
	FUZZ_CHECK(v[SESS_ERL] == 0);
	FUZZ_CHECK(v[SESS_HEADER_DIGEST] & t[SESS_HEADER_DIGEST]);
	FUZZ_CHECK(v[SESS_DATA_DIGEST] & t[SESS_DATA_DIGEST]);
	FUZZ_CHECK(v[SESS_TIME2WAIT] >= t[SESS_TIME2WAIT]);

	nego_kernel_params(n, p);
	FUZZ_CHECK(p[IET_P_MAX_RECV_DSL] == t[SESS_MAX_RECV_DSL]);
	FUZZ_CHECK(p[IET_P_MAX_XMIT_DSL] >= 512);
	FUZZ_CHECK(p[IET_P_MAX_XMIT_DSL] <= v[SESS_MAX_RECV_DSL]);
	FUZZ_CHECK(p[IET_P_MAX_XMIT_DSL] <= t[SESS_MAX_XMIT_DSL]);
	FUZZ_CHECK(p[IET_P_FIRST_BURST] <= p[IET_P_MAX_BURST]);
	FUZZ_CHECK(p[IET_P_HEADER_DIGEST] <= IET_DIGEST_CRC32C);
	FUZZ_CHECK(p[IET_P_DATA_DIGEST] <= IET_DIGEST_CRC32C);
	if (n->type == NEGO_DISCOVERY) {
		FUZZ_CHECK(p[IET_P_HEADER_DIGEST] == IET_DIGEST_NONE);
		FUZZ_CHECK(p[IET_P_DATA_DIGEST] == IET_DIGEST_NONE);
		return;
	}
	/* What iscsi_trgt can do, whatever ietd.conf says. */
	FUZZ_CHECK(p[IET_P_MAX_CONNECTIONS] == 1);
	FUZZ_CHECK(p[IET_P_DATA_PDU_IN_ORDER] == 1);
	FUZZ_CHECK(p[IET_P_DATA_SEQ_IN_ORDER] == 1);
	/* The target's limits hold. */
	FUZZ_CHECK(p[IET_P_MAX_BURST] <= t[SESS_MAX_BURST]);
	FUZZ_CHECK(p[IET_P_FIRST_BURST] <= t[SESS_FIRST_BURST]);
	FUZZ_CHECK(p[IET_P_MAX_R2T] <= t[SESS_MAX_R2T]);
	FUZZ_CHECK(p[IET_P_IMMEDIATE_DATA] <= t[SESS_IMMEDIATE_DATA]);
	FUZZ_CHECK(p[IET_P_INITIAL_R2T] >= t[SESS_INITIAL_R2T]);
}
