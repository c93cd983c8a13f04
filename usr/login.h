/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The login phase of one connection (RFC 7143 6), as a state machine fed
 * one Login Request at a time and answering each with one Login Response.
 *
 * The stages: the first request picks the security (0) or operational (1)
 * stage; a request with T=1 asks to move on to its NSG, and the target
 * agrees by answering T=1 with that NSG (or with the operational stage,
 * when it still has keys to propose). The answer T=1 NSG=3 is the final
 * response: the session exists from then on. A request or response with
 * C=1 carries a text continued in the next PDU; the other side answers it
 * with an empty PDU.
 *
 * What the login needs from the world (live targets and sessions) comes
 * through struct login_env, so that this file stays pure and testable.
 */
#ifndef IET_LOGIN_H
#define IET_LOGIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth.h"
#include "iet_genl.h"
#include "nego.h"
#include "params.h"
#include "pdu.h"
#include "text.h"

/* A login status: Status-Class << 8 | Status-Detail (RFC 7143 11.13.5). */
#define LOGIN_STATUS(cls, detail)	((cls) << 8 | (detail))
#define LS_SUCCESS		0x0000
#define LS_MOVED_TEMP		0x0101
#define LS_INITIATOR_ERROR	0x0200
#define LS_AUTH_FAILED		0x0201
#define LS_AUTHORIZATION	0x0202
#define LS_NOT_FOUND		0x0203
#define LS_NO_VERSION		0x0205
#define LS_TOO_MANY_CONNS	0x0206
#define LS_MISSING_PARAM	0x0207
#define LS_NO_SESSION_TYPE	0x0209
#define LS_NO_SESSION		0x020a
#define LS_INVALID_REQUEST	0x020b
#define LS_TARGET_ERROR		0x0300
#define LS_NO_RESOURCES		0x0302

/* The most text a login accepts in one request, over its C=1 PDUs. */
#define LOGIN_TEXT_MAX		65536

/* The portal group of every portal, as IET had it. */
#define LOGIN_TPGT		1

struct login_target {
	uint32_t tid;
	char name[IET_NAME_MAX + 1];
	char alias[IET_NAME_MAX + 1];	/* "": none */
	char redirect[256];		/* TargetAddress to send, or "" */
	unsigned int sparams[SESS_NR];
	bool auth_required;
};

struct login;

struct login_env {
	/* The live target called @name: 0, -ENOENT, or another -errno. */
	int (*find_target)(void *ctx, const char *name,
			   struct login_target *t);
	/*
	 * Whether the initiator of @l may use its target from where it
	 * connected (NULL: yes): 0, or a login status with a sentence in @why.
	 */
	int (*access)(void *ctx, const struct login *l, char *why, size_t len);
	/* Whether discovery sessions need CHAP. */
	bool (*discovery_auth)(void *ctx);
	/* The CHAP accounts of targets and of discovery. */
	struct auth_accounts accounts;
	/*
	 * Whether target @tid (0: discovery) has a live session with TSIH
	 * @tsih and ISID @isid: 1, 0, or a negative errno.
	 */
	int (*session_exists)(void *ctx, uint32_t tid, uint16_t tsih,
			      const uint8_t *isid);
	/*
	 * Make way for the session @l is about to start and give it a TSIH.
	 * Returns 0 or a login status, with a sentence in @why.
	 */
	int (*admit)(void *ctx, const struct login *l, uint16_t *tsih,
		     char *why, size_t len);
};

enum login_result {
	LOGIN_MORE,	/* send the response, then read the next request */
	LOGIN_FAIL,	/* send the response, then close the connection */
	LOGIN_DONE,	/* send the final response: the session starts */
};

struct login {
	const struct login_env *env;
	void *ctx;

	/* Fixed by the first request. */
	bool started;
	uint8_t isid[6];
	uint16_t tsih;		/* the request's */
	uint16_t cid;
	uint32_t itt;
	uint32_t cmdsn;
	uint8_t version_max;
	uint8_t version_min;

	int stage;		/* the CSG every request must carry */
	uint32_t statsn;	/* of the next response */
	uint32_t statsn_first;	/* of the first response */

	/* Known once the first text is complete. */
	bool identified;
	enum nego_type type;
	char initiator[IET_NAME_MAX + 1];
	struct login_target target;
	struct nego nego;
	struct auth auth;
	uint16_t session_tsih;	/* the new session's, once admitted */

	/* The request text, gathered over C=1 PDUs. */
	char *in;
	size_t in_len;

	/* The response text, sent in pieces of at most PDU_DATA_MAX. */
	struct text_out out;
	size_t out_sent;
	uint8_t out_flags;	/* T, CSG and NSG of its last PDU */
	bool out_final;

	/* Why the login failed, for the log. */
	uint16_t status;
	char why[256];
};

/* Start the login of a new connection; @statsn is its first StatSN. */
void login_init(struct login *l, const struct login_env *env, void *ctx,
		uint32_t statsn);
void login_free(struct login *l);

/*
 * Take the request @bhs with its @dlen bytes of @data and fill @rsp with
 * the answer. @rsp points into @l until the next call.
 */
enum login_result login_rx(struct login *l, const uint8_t *bhs,
			   const uint8_t *data, uint32_t dlen,
			   struct pdu_out *rsp);

/* Refuse the request @bhs with @status: for errors found by the framer. */
enum login_result login_refuse(struct login *l, const uint8_t *bhs,
			       uint16_t status, const char *why,
			       struct pdu_out *rsp);

/* "target not found" and the like, for the log. */
const char *login_status_str(uint16_t status);

#endif /* IET_LOGIN_H */
