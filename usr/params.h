/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The keys IET knew: target keys, which the kernel applies, and session
 * keys, which login negotiates. Each key carries its default, its range,
 * the way login combines the two sides' values and the way IET wrote it.
 *
 * Pure logic, no I/O: ietd, ietadm, the unit tests and the fuzzers all link
 * this file alone.
 */
#ifndef IET_PARAMS_H
#define IET_PARAMS_H

#include <stddef.h>

/* How login combines the initiator's value and ours (RFC 7143 6.2). */
enum param_op {
	PARAM_OP_NONE,		/* ours alone: not negotiated */
	PARAM_OP_OR,		/* Boolean: Yes if either side says Yes */
	PARAM_OP_AND,		/* Boolean: Yes only if both say Yes */
	PARAM_OP_MIN,		/* numeric: the smaller value */
	PARAM_OP_MAX,		/* numeric: the larger value */
	PARAM_OP_LIST,		/* the first offered value we accept */
	PARAM_OP_REJECT,	/* markers: answered Reject or Irrelevant */
};

/* How a value is written in ietd.conf, in ietadm and on the wire. */
enum param_fmt {
	PARAM_FMT_NUM,		/* decimal, or hexadecimal with 0x */
	PARAM_FMT_BOOL,		/* Yes or No */
	PARAM_FMT_DIGEST,	/* None, CRC32C or a list of both */
	PARAM_FMT_MARKER,	/* a number in; Irrelevant (0) or Reject out */
};

/* Digest values are sets, so that a list fits in one number. */
#define PARAM_DIGEST_NONE	(1U << 0)
#define PARAM_DIGEST_CRC32C	(1U << 1)
#define PARAM_DIGEST_ALL	(PARAM_DIGEST_NONE | PARAM_DIGEST_CRC32C)

struct param_key {
	const char *name;
	unsigned int def;
	unsigned int min;
	unsigned int max;
	enum param_op op;
	enum param_fmt fmt;
};

struct param_table {
	const struct param_key *keys;
	unsigned int nr;
};

/* IET's target_keys order, which ietadm --op show follows. */
enum target_key {
	TGT_WTHREADS,
	TGT_TYPE,
	TGT_QUEUED_CMDS,
	TGT_NOP_INTERVAL,
	TGT_NOP_TIMEOUT,
	TGT_NR,
};

/* IET's session_keys order, which ietadm --op show --sid follows. */
enum session_key {
	SESS_INITIAL_R2T,
	SESS_IMMEDIATE_DATA,
	SESS_MAX_CONNECTIONS,
	SESS_MAX_RECV_DSL,
	SESS_MAX_XMIT_DSL,
	SESS_MAX_BURST,
	SESS_FIRST_BURST,
	SESS_TIME2WAIT,
	SESS_TIME2RETAIN,
	SESS_MAX_R2T,
	SESS_DATA_PDU_IN_ORDER,
	SESS_DATA_SEQ_IN_ORDER,
	SESS_ERL,
	SESS_HEADER_DIGEST,
	SESS_DATA_DIGEST,
	SESS_OF_MARKER,
	SESS_IF_MARKER,
	SESS_OF_MARK_INT,
	SESS_IF_MARK_INT,
	SESS_NR,
};

extern const struct param_table target_params;
extern const struct param_table session_params;

/* The index of the key called @name, ignoring case, or -1. */
int param_find(const struct param_table *table, const char *name);

/*
 * Parse a whole unsigned number: decimal, or hexadecimal after 0x as IET
 * took it. No sign, no blanks, no trailing text. Returns 0, -EINVAL if @str
 * is not a number, or -ERANGE if it does not fit in 64 bits.
 */
int param_parse_u64(const char *str, unsigned long long *val);

/* Fill @vals (table->nr entries) with the defaults. */
void param_defaults(const struct param_table *table, unsigned int *vals);

/*
 * Parse @str as a value of @key, range checked. On failure returns -EINVAL
 * and leaves a sentence naming the key in @msg, e.g.
 * "MaxBurstLength: 1 is below the minimum 512".
 */
int param_parse(const struct param_key *key, const char *str,
		unsigned int *val, char *msg, size_t len);

/* Write @val as IET did ("Yes", "None,CRC32C", "Reject", "8192"). */
int param_format(const struct param_key *key, unsigned int val,
		 char *buf, size_t len);

/*
 * Check an iSCSI name (RFC 7143 4.2.7): 1 to IET_NAME_MAX bytes of printable
 * ASCII without blanks. Returns -EINVAL with a sentence in @msg.
 */
int iscsi_name_check(const char *name, char *msg, size_t len);

#endif /* IET_PARAMS_H */
