// SPDX-License-Identifier: GPL-2.0
/*
 * Negotiating the operational keys of a normal or a discovery session
 * against fixed target configurations, as login.c drives nego.c in the
 * operational stage.
 *
 * Byte 0 sets the scene: the configuration (bits 0-2) and the session
 * type (bit 7: discovery). The rest is the initiator's texts, one per
 * Login Request, each ended by '\n' when the request asks to move on to
 * the full feature phase (T=1) or by '\t' when it does not; the last one
 * asks to move on. A text is "key=value" pairs ended by zero bytes, as on
 * the wire; what is not an operational key is left to fuzz_login.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

#define NR_KEYS	8

/* Session keys of ietd.conf, over IET's defaults. */
static const char *const configs[][NR_KEYS] = {
	{ NULL },
	{ "HeaderDigest=CRC32C", "DataDigest=CRC32C" },
	{
		"HeaderDigest=None,CRC32C", "DataDigest=None,CRC32C",
		"ImmediateData=No", "InitialR2T=No",
	},
	{
		"MaxRecvDataSegmentLength=262144",
		"MaxXmitDataSegmentLength=262144", "MaxBurstLength=16776192",
		"FirstBurstLength=262144", "MaxOutstandingR2T=16",
		"DefaultTime2Wait=0",
	},
	{
		/* Limits the usual initiators' offers and defaults break. */
		"MaxRecvDataSegmentLength=512",
		"MaxXmitDataSegmentLength=512", "MaxBurstLength=512",
		"FirstBurstLength=4096", "DefaultTime2Wait=3600",
		"MaxConnections=8", "ErrorRecoveryLevel=2",
		"DataPDUInOrder=No",
	},
	{
		/* What iscsi_trgt cannot do, which nego.c must narrow. */
		"DataSequenceInOrder=No", "DefaultTime2Retain=3600",
		"MaxOutstandingR2T=65535", "HeaderDigest=CRC32C",
		"DataDigest=None", "OFMarker=No", "IFMarker=No",
		"MaxConnections=65535",
	},
};

/* The name of key @k on the wire. */
static const char *key_name(int k)
{
	if (k == NEGO_TASK_REPORTING)
		return "TaskReporting";
	if (k == NEGO_PROTOCOL_LEVEL)
		return "iSCSIProtocolLevel";
	return session_params.keys[k].name;
}

/* A login being negotiated, and the keys the target proposed. */
struct scene {
	struct nego n;
	unsigned long long proposed;
};

/*
 * One Login Request's text: offer each operational key, or answer the
 * target's proposal of it. Returns 0 or what login.c refuses the login
 * for; @offered gets the keys the target must answer.
 */
static int offer(struct scene *s, char *text, size_t len,
		 unsigned long long *offered)
{
	char *p, *end = text + len, *eq;
	int k, err;

	for (p = text; p < end; p += strlen(p) + 1) {
		eq = strchr(p, '=');
		if (!eq)
			continue;
		*eq = '\0';
		k = nego_key(p);
		*eq = '=';
		if (k < 0)
			continue;
		FUZZ_CHECK(k < NEGO_NR && k != SESS_MAX_XMIT_DSL);
		FUZZ_CHECK(!strncmp(p, key_name(k), eq - p));
		err = nego_offer(&s->n, k, eq + 1);
		if (err) {
			FUZZ_CHECK(err == -EEXIST || err == -EPROTO);
			return err;
		}
		if (s->proposed & 1ULL << k)
			s->proposed &= ~(1ULL << k);
		else
			*offered |= 1ULL << k;
	}
	return 0;
}

/*
 * Each key offered is answered once, and MaxRecvDataSegmentLength is
 * declared in the first answer only. Returns the keys proposed.
 */
static unsigned long long check_answers(const struct text_out *out,
					unsigned long long offered,
					bool declared_before)
{
	unsigned long long proposed = 0;
	unsigned int nr;
	int k;

	for (k = 0; k < NEGO_NR; k++) {
		if (k == SESS_MAX_XMIT_DSL)
			continue;
		nr = text_count(out->buf, out->len, key_name(k));
		FUZZ_CHECK(nr <= 1);
		if (k == SESS_MAX_RECV_DSL)
			FUZZ_CHECK(nr == !declared_before);
		else if (offered & 1ULL << k)
			FUZZ_CHECK(nr == 1);
		else if (nr)
			proposed |= 1ULL << k;
	}
	return proposed;
}

/* The target's side of one request; false once the login is over. */
static bool request(struct scene *s, char *text, size_t len, bool transit)
{
	bool declared = s->n.declared, more = true;
	unsigned long long offered = 0, proposed;
	struct text_out out = { 0 };
	char why[256];
	int nr = 0;

	if (offer(s, text, len, &offered))
		return false;
	FUZZ_CHECK(!nego_answer(&s->n, &out));
	FUZZ_CHECK(!nego_declare(&s->n, &out));
	if (transit) {
		/* login.c refuses to move on with proposals unanswered. */
		if (nego_waiting(&s->n)) {
			text_free(&out);
			return false;
		}
		nr = nego_propose(&s->n, NULL);
		FUZZ_CHECK(nego_propose(&s->n, &out) == nr);
		FUZZ_CHECK(nego_waiting(&s->n) == (nr > 0));
		if (!nr && !nego_check(&s->n, why, sizeof(why)))
			check_outcome(&s->n);
		else if (!nr)
			fuzz_trace(why, NULL, NULL, 0);
		more = nr > 0;
	}
	fuzz_trace(transit ? "answer, T=1" : "answer, T=0", NULL, out.buf,
		   out.len);
	FUZZ_CHECK(!out.failed);
	check_text(out.buf, out.len);
	proposed = check_answers(&out, offered, declared);
	FUZZ_CHECK(__builtin_popcountll(proposed) == nr);
	s->proposed |= proposed;
	text_free(&out);
	return more;
}

/* The length of the request text at @p: up to '\n', '\t' or @end. */
static size_t request_len(const char *p, const char *end)
{
	const char *q = p;

	while (q < end && *q != '\n' && *q != '\t')
		q++;
	return q - p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned int config[SESS_NR];
	struct scene s = { 0 };
	char *text, *p, *end;
	bool more, transit;
	size_t len;

	if (!size)
		return 0;
	fuzz_sparams(config, configs[(data[0] & 7) % ARRAY_SIZE(configs)],
		     NR_KEYS);
	nego_init(&s.n, data[0] & 0x80 ? NEGO_DISCOVERY : NEGO_NORMAL, config);
	/* One byte more, for the zero byte after the last text. */
	text = malloc(size);
	FUZZ_CHECK(text);
	memcpy(text, data + 1, size - 1);
	end = text + size - 1;
	p = text;
	do {
		len = request_len(p, end);
		transit = p + len == end || p[len] == '\n';
		p[len] = '\0';
		more = request(&s, p, len, transit);
		p += len + 1;
	} while (more && p <= end);
	free(text);
	return 0;
}
