/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The full feature phase of a discovery session, which ietd serves
 * itself (RFC 7143 4.3, appendix C): Text Requests with SendTargets,
 * NOP-Out, Logout. Anything else is answered with a Reject.
 *
 * SendTargets lists the live targets of the kernel that the initiator
 * may use through the portal it reached, each with one address: that
 * portal, with portal group tag 1.
 * That address works for this initiator by construction, where the list
 * of every address of a wildcard listener may hold ones it cannot reach.
 *
 * A Text Response longer than the initiator's MaxRecvDataSegmentLength
 * goes out in pieces, each but the last with F=0 and a Target Transfer
 * Tag the initiator sends back in an empty Text Request to get the next.
 * A piece ends where a target's record begins, as long as one fits: some
 * initiators read each PDU on its own. Only a pair too long for a whole
 * PDU is cut, with C=1 (RFC 7143 11.11.2).
 *
 * Pure logic, no I/O: the targets come through struct disc_env.
 */
#ifndef IET_DISCOVERY_H
#define IET_DISCOVERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "kernel.h"
#include "pdu.h"
#include "text.h"

/* The most data ietd sends in one discovery PDU. */
#define DISC_XMIT_MAX	262144
/* The most request text over C=1 PDUs. */
#define DISC_TEXT_MAX	65536
/* "[" IPv6 "]:" port ",65535" and a zero byte, with room to spare. */
#define PORTAL_MAX	64

struct disc_env {
	/* The live targets, in tid order; free(*t) afterwards. */
	int (*targets)(void *ctx, struct kern_target **t, unsigned int *nr);
	/*
	 * Whether SendTargets lists @target to this initiator on this
	 * portal (NULL: every target), as initiators.allow and
	 * targets.allow say.
	 */
	bool (*visible)(void *ctx, const char *target);
};

struct disc {
	const struct disc_env *env;
	void *ctx;
	char portal[PORTAL_MAX];	/* "10.0.0.1:3260" or "[::1]:3260" */
	uint16_t cid;
	uint32_t statsn;		/* of the next response */
	uint32_t exp_cmdsn;
	uint32_t max_xmit;		/* bytes of data per PDU we send */

	/* The Text exchange under way, if any. */
	bool busy;
	uint32_t itt;
	uint32_t ttt;
	uint32_t last_ttt;
	char *in;
	size_t in_len;
	struct text_out answer;
	size_t sent;

	uint8_t rejected[ISCSI_BHS_LEN];	/* the data of a Reject */
	char why[128];				/* of a Reject, for the log */
};

enum disc_result {
	DISC_REPLY,	/* send @rsp */
	DISC_QUIET,	/* nothing to send */
	DISC_CLOSE,	/* send @rsp, then close the connection */
};

/*
 * Start the full feature phase after the login: @statsn is the next
 * StatSN, @cmdsn the CmdSN of the first command, @max_xmit the
 * initiator's MaxRecvDataSegmentLength.
 */
void disc_init(struct disc *d, const struct disc_env *env, void *ctx,
	       const char *portal, uint16_t cid, uint32_t statsn,
	       uint32_t cmdsn, uint32_t max_xmit);
void disc_free(struct disc *d);

/* Answer the PDU @bhs and its data; @rsp points into @d until the next call. */
enum disc_result disc_rx(struct disc *d, const uint8_t *bhs,
			 const uint8_t *data, uint32_t dlen,
			 struct pdu_out *rsp);

/* Reject @bhs with @reason and close: for errors the framer finds. */
enum disc_result disc_reject(struct disc *d, const uint8_t *bhs,
			     uint8_t reason, struct pdu_out *rsp);

/*
 * Append the SendTargets answer for @which ("All", or a target name) to
 * @out: "TargetName=<name>" and "TargetAddress=<portal>,1" per target.
 */
int sendtargets(struct text_out *out, const char *which,
		const struct kern_target *t, unsigned int nr,
		const char *portal);

/* "10.0.0.1:3260" or "[fe80::1]:3260" (no zone), for TargetAddress. */
int portal_name(const struct sockaddr *sa, char *buf, size_t len);

#endif /* IET_DISCOVERY_H */
