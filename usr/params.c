// SPDX-License-Identifier: GPL-2.0
/*
 * The target and session key tables, and values to and from text.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "iet_genl.h"
#include "params.h"
#include "util.h"

static const struct param_key target_keys[TGT_NR] = {
	[TGT_WTHREADS] = { "Wthreads", 8, 1, 128, PARAM_OP_NONE, PARAM_FMT_NUM },
	/* IET's internal target type: always 0, shown for compatibility. */
	[TGT_TYPE] = { "Type", 0, 0, 0, PARAM_OP_NONE, PARAM_FMT_NUM },
	[TGT_QUEUED_CMDS] = {
		"QueuedCommands", 32, 1, 256, PARAM_OP_NONE, PARAM_FMT_NUM },
	[TGT_NOP_INTERVAL] = {
		"NOPInterval", 0, 0, 90, PARAM_OP_NONE, PARAM_FMT_NUM },
	[TGT_NOP_TIMEOUT] = {
		"NOPTimeout", 0, 0, 90, PARAM_OP_NONE, PARAM_FMT_NUM },
};

#define BOOL_KEY(n, d, op)	{ n, d, 0, 1, op, PARAM_FMT_BOOL }
#define NUM_KEY(n, d, lo, hi, op) { n, d, lo, hi, op, PARAM_FMT_NUM }
#define SEGMENT_MAX		16777215	/* 2^24 - 1, RFC 7143 13 */

static const struct param_key session_keys[SESS_NR] = {
	[SESS_INITIAL_R2T] = BOOL_KEY("InitialR2T", 1, PARAM_OP_OR),
	[SESS_IMMEDIATE_DATA] = BOOL_KEY("ImmediateData", 1, PARAM_OP_AND),
	[SESS_MAX_CONNECTIONS] =
		NUM_KEY("MaxConnections", 1, 1, 65535, PARAM_OP_MIN),
	/*
	 * Declarative in RFC 7143: each side states what it can receive.
	 * IET's 8192 made a 1 MiB write 128 Data-Out PDUs; 256 KiB makes
	 * it one per burst. An initiator that declares nothing gets RFC
	 * 7143's 8192 (nego_init), whatever we receive.
	 */
	[SESS_MAX_RECV_DSL] = NUM_KEY("MaxRecvDataSegmentLength", 262144, 512,
				      SEGMENT_MAX, PARAM_OP_MIN),
	/*
	 * IET's own key, never sent: it caps the PDUs we send below the
	 * initiator's MaxRecvDataSegmentLength.
	 */
	[SESS_MAX_XMIT_DSL] = NUM_KEY("MaxXmitDataSegmentLength", 262144, 512,
				      SEGMENT_MAX, PARAM_OP_NONE),
	[SESS_MAX_BURST] = NUM_KEY("MaxBurstLength", 262144, 512,
				   SEGMENT_MAX, PARAM_OP_MIN),
	[SESS_FIRST_BURST] = NUM_KEY("FirstBurstLength", 65536, 512,
				     SEGMENT_MAX, PARAM_OP_MIN),
	[SESS_TIME2WAIT] =
		NUM_KEY("DefaultTime2Wait", 2, 0, 3600, PARAM_OP_MAX),
	[SESS_TIME2RETAIN] =
		NUM_KEY("DefaultTime2Retain", 20, 0, 3600, PARAM_OP_MIN),
	[SESS_MAX_R2T] =
		NUM_KEY("MaxOutstandingR2T", 1, 1, 65535, PARAM_OP_MIN),
	[SESS_DATA_PDU_IN_ORDER] =
		BOOL_KEY("DataPDUInOrder", 1, PARAM_OP_OR),
	[SESS_DATA_SEQ_IN_ORDER] =
		BOOL_KEY("DataSequenceInOrder", 1, PARAM_OP_OR),
	[SESS_ERL] = NUM_KEY("ErrorRecoveryLevel", 0, 0, 2, PARAM_OP_MIN),
	[SESS_HEADER_DIGEST] = { "HeaderDigest", PARAM_DIGEST_NONE,
		PARAM_DIGEST_NONE, PARAM_DIGEST_ALL, PARAM_OP_LIST,
		PARAM_FMT_DIGEST },
	[SESS_DATA_DIGEST] = { "DataDigest", PARAM_DIGEST_NONE,
		PARAM_DIGEST_NONE, PARAM_DIGEST_ALL, PARAM_OP_LIST,
		PARAM_FMT_DIGEST },
	/* Markers were dropped from iSCSI (RFC 7143 13.25): only No. */
	[SESS_OF_MARKER] = { "OFMarker", 0, 0, 0, PARAM_OP_AND,
		PARAM_FMT_BOOL },
	[SESS_IF_MARKER] = { "IFMarker", 0, 0, 0, PARAM_OP_AND,
		PARAM_FMT_BOOL },
	[SESS_OF_MARK_INT] = { "OFMarkInt", 2048, 1, 65535, PARAM_OP_REJECT,
		PARAM_FMT_MARKER },
	[SESS_IF_MARK_INT] = { "IFMarkInt", 2048, 1, 65535, PARAM_OP_REJECT,
		PARAM_FMT_MARKER },
};

const struct param_table target_params = {
	target_keys, ARRAY_SIZE(target_keys)
};

const struct param_table session_params = {
	session_keys, ARRAY_SIZE(session_keys)
};

int param_find(const struct param_table *table, const char *name)
{
	unsigned int i;

	for (i = 0; i < table->nr; i++)
		if (!strcasecmp(table->keys[i].name, name))
			return i;
	return -1;
}

void param_defaults(const struct param_table *table, unsigned int *vals)
{
	unsigned int i;

	for (i = 0; i < table->nr; i++)
		vals[i] = table->keys[i].def;
}

int param_parse_u64(const char *str, unsigned long long *val)
{
	const char *digits = str;
	char *end;
	int base = 10;

	if (!strncasecmp(str, "0x", 2)) {
		digits = str + 2;
		base = 16;
	}
	/* strtoull() would take blanks and a sign: refuse them first. */
	if (!isxdigit((unsigned char)*digits))
		return -EINVAL;
	errno = 0;
	*val = strtoull(digits, &end, base);
	if (*end)
		return -EINVAL;
	if (errno == ERANGE)
		return -ERANGE;
	return 0;
}

static int parse_num(const struct param_key *key, const char *str,
		     unsigned int *val, char *msg, size_t len)
{
	unsigned long long v;
	int err = param_parse_u64(str, &v);

	if (err == -EINVAL) {
		snprintf(msg, len, "%s: '%s' is not a number", key->name, str);
		return -EINVAL;
	}
	if (err || v > key->max) {
		snprintf(msg, len, "%s: %s is above the maximum %u",
			 key->name, str, key->max);
		return -EINVAL;
	}
	if (v < key->min) {
		snprintf(msg, len, "%s: %s is below the minimum %u",
			 key->name, str, key->min);
		return -EINVAL;
	}
	*val = v;
	return 0;
}

static int parse_bool(const struct param_key *key, const char *str,
		      unsigned int *val, char *msg, size_t len)
{
	unsigned int v;

	if (!strcasecmp(str, "Yes")) {
		v = 1;
	} else if (!strcasecmp(str, "No")) {
		v = 0;
	} else {
		snprintf(msg, len, "%s: '%s' is not Yes or No", key->name, str);
		return -EINVAL;
	}
	if (v < key->min || v > key->max) {
		snprintf(msg, len, "%s: %s is not supported", key->name, str);
		return -EINVAL;
	}
	*val = v;
	return 0;
}

static unsigned int digest_bit(const char *word, size_t n)
{
	if (n == 4 && !strncasecmp(word, "None", n))
		return PARAM_DIGEST_NONE;
	if (n == 6 && !strncasecmp(word, "CRC32C", n))
		return PARAM_DIGEST_CRC32C;
	return 0;
}

static int parse_digest(const struct param_key *key, const char *str,
			unsigned int *val, char *msg, size_t len)
{
	const char *p = str;
	unsigned int set = 0, bit;
	size_t n;

	for (;;) {
		n = strcspn(p, ",");
		bit = digest_bit(p, n);
		if (!bit) {
			snprintf(msg, len,
				 "%s: '%s' is not None, CRC32C or a list of them",
				 key->name, str);
			return -EINVAL;
		}
		set |= bit;
		if (!p[n])
			break;
		p += n + 1;
	}
	*val = set;
	return 0;
}

int param_parse(const struct param_key *key, const char *str,
		unsigned int *val, char *msg, size_t len)
{
	if (!*str) {
		snprintf(msg, len, "%s: missing value", key->name);
		return -EINVAL;
	}
	switch (key->fmt) {
	case PARAM_FMT_BOOL:
		return parse_bool(key, str, val, msg, len);
	case PARAM_FMT_DIGEST:
		return parse_digest(key, str, val, msg, len);
	case PARAM_FMT_NUM:
	case PARAM_FMT_MARKER:
		break;
	}
	return parse_num(key, str, val, msg, len);
}

static const char *digest_str(unsigned int val)
{
	switch (val & PARAM_DIGEST_ALL) {
	case PARAM_DIGEST_NONE:
		return "None";
	case PARAM_DIGEST_CRC32C:
		return "CRC32C";
	case PARAM_DIGEST_ALL:
		return "None,CRC32C";
	}
	return "Unknown";
}

int param_format(const struct param_key *key, unsigned int val,
		 char *buf, size_t len)
{
	switch (key->fmt) {
	case PARAM_FMT_BOOL:
		return snprintf(buf, len, "%s", val ? "Yes" : "No");
	case PARAM_FMT_DIGEST:
		return snprintf(buf, len, "%s", digest_str(val));
	case PARAM_FMT_MARKER:
		return snprintf(buf, len, "%s", val ? "Reject" : "Irrelevant");
	case PARAM_FMT_NUM:
		break;
	}
	return snprintf(buf, len, "%u", val);
}

int iscsi_name_check(const char *name, char *msg, size_t len)
{
	size_t n = strlen(name);
	const char *p;

	if (!n) {
		snprintf(msg, len, "the target name is empty");
		return -EINVAL;
	}
	if (n > IET_NAME_MAX) {
		snprintf(msg, len,
			 "the target name is %zu bytes long, more than %d",
			 n, IET_NAME_MAX);
		return -EINVAL;
	}
	for (p = name; *p; p++) {
		if (!isgraph((unsigned char)*p)) {
			snprintf(msg, len,
				 "the target name '%s' has a blank or a control character",
				 name);
			return -EINVAL;
		}
	}
	return 0;
}
