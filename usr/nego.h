/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Negotiating the operational keys of a login (RFC 7143 6.2, 13): the
 * initiator offers, the target answers with the result of the key's
 * function (params.h), and both take that result.
 *
 * What the target accepts comes from its ietd.conf session keys, narrowed
 * to what iscsi_trgt supports: one connection, ErrorRecoveryLevel 0, data
 * in order, DefaultTime2Retain 0, no markers, and no digests in discovery
 * sessions. Keys the initiator leaves out keep their RFC defaults; when a
 * default is something the target does not accept (say HeaderDigest=None
 * with only CRC32C configured), the target proposes its own value before
 * it lets the login end.
 *
 * Pure logic, no I/O.
 */
#ifndef IET_NEGO_H
#define IET_NEGO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iet_genl.h"
#include "params.h"
#include "text.h"

enum nego_type {
	NEGO_NORMAL,
	NEGO_DISCOVERY,
};

/* RFC 7143 keys beyond IET's session_keys, numbered after them. */
enum nego_extra_key {
	NEGO_TASK_REPORTING = SESS_NR,
	NEGO_PROTOCOL_LEVEL,
	NEGO_NR,
};

struct nego {
	enum nego_type type;
	/* What the target accepts: a limit, a wish, or a set of digests. */
	unsigned int ours[NEGO_NR];
	/*
	 * The outcome so far, the RFC default until negotiated.
	 * vals[SESS_MAX_RECV_DSL] is the initiator's declaration: what the
	 * target may send. ours[SESS_MAX_RECV_DSL] is the target's.
	 */
	unsigned int vals[NEGO_NR];
	unsigned int offer[NEGO_NR];
	unsigned char state[NEGO_NR];
	unsigned char answer[NEGO_NR];
	/* Keys offered in the text being answered, in arrival order. */
	unsigned char order[NEGO_NR];
	unsigned int nr_order;
	bool declared;
};

/*
 * Start a negotiation. @config is the target's session keys (config.h
 * sparams), or NULL for the defaults, as in a discovery session.
 */
void nego_init(struct nego *n, enum nego_type type,
	       const unsigned int *config);

/* The index of the operational key called exactly @name, or -1. */
int nego_key(const char *name);

/*
 * The initiator's @val for key @k, an offer or the answer to a proposal.
 * Returns 0, -EEXIST for a key negotiated already in this login, or
 * -EPROTO for a value the rules forbid (a reserved constant offered, an
 * answer outside what was proposed, a MaxRecvDataSegmentLength out of
 * range or malformed).
 */
int nego_offer(struct nego *n, int k, const char *val);

/* Append the answers to the offers since the last call. */
int nego_answer(struct nego *n, struct text_out *out);

/* Declare the target's MaxRecvDataSegmentLength, once per login. */
int nego_declare(struct nego *n, struct text_out *out);

/*
 * Propose the target's value of each key the initiator left at a default
 * the target does not accept. Returns how many were proposed (the login
 * must wait for the answers), or -ENOMEM. With @out NULL, only count them.
 */
int nego_propose(struct nego *n, struct text_out *out);

/* Whether proposals still wait for an answer. */
bool nego_waiting(const struct nego *n);

/*
 * Whether the outcome is one the target accepts; if not, -EINVAL and a
 * sentence such as "HeaderDigest=None is not allowed" in @why.
 */
int nego_check(const struct nego *n, char *why, size_t len);

/* The outcome for IET_CMD_NEW_CONN, indexed by enum iet_session_param. */
void nego_kernel_params(const struct nego *n, uint32_t *p);

#endif /* IET_NEGO_H */
