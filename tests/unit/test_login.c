// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of usr/login.c: stages, checks, status codes, text in pieces.
 */
#include <errno.h>
#include <strings.h>

#include "login_test.h"
#include "crypto.h"
#include "login.h"

#define TARGET		"iqn.2026-11.org.example:t"
#define INITIATOR	"iqn.2026-11.org.example:i"
#define FIRST_STATSN	1000
#define CMDSN		100
#define ITT		0x1234

static struct {
	uint16_t access;
	int find_err;
	struct login_target target;
	bool discovery_auth;
	int exists;
	uint16_t admit_status;
	unsigned int admits;
} env;

static struct login l;
static struct pdu_out rsp;
static uint8_t bhs[ISCSI_BHS_LEN];
static char data[40000];

static int find_target(void *ctx, const char *name, struct login_target *t)
{
	if (strcasecmp(name, TARGET))
		return -ENOENT;
	if (env.find_err)
		return env.find_err;
	*t = env.target;
	return 0;
}

static bool discovery_auth(void *ctx)
{
	return env.discovery_auth;
}

static int session_exists(void *ctx, uint32_t tid, uint16_t tsih,
			  const uint8_t *isid)
{
	return env.exists;
}

static int admit(void *ctx, const struct login *lo, uint16_t *tsih,
		 char *why, size_t len)
{
	env.admits++;
	if (env.admit_status) {
		snprintf(why, len, "no room");
		return env.admit_status;
	}
	*tsih = 9;
	return 0;
}

static int incoming(void *ctx, const char *target, const char *name,
		    char *secret, size_t len)
{
	if (strcmp(name, "ann"))
		return -ENOENT;
	snprintf(secret, len, "%s", *target ? "ann-secret-01" : "disc-secret-01");
	return 0;
}

static int access_check(void *ctx, const struct login *lo, char *why,
			size_t len)
{
	snprintf(why, len, "not on the list");
	return env.access;
}

static const struct login_env fake_env = {
	.access = access_check,
	.find_target = find_target,
	.discovery_auth = discovery_auth,
	.accounts = { .incoming = incoming },
	.session_exists = session_exists,
	.admit = admit,
};

static int setup(void **state)
{
	memset(&env, 0, sizeof(env));
	env.target.tid = 3;
	snprintf(env.target.name, sizeof(env.target.name), "%s", TARGET);
	param_defaults(&session_params, env.target.sparams);
	login_init(&l, &fake_env, NULL, FIRST_STATSN);
	return 0;
}

static int teardown(void **state)
{
	login_free(&l);
	return 0;
}

/* A Login Request as the last response asks: same ids, ExpStatSN. */
static void request(uint8_t flags, size_t dlen)
{
	static const uint8_t isid[6] = { 0x80, 1, 2, 3, 4, 5 };
	struct iscsi_login_req *r = (void *)bhs;

	memset(bhs, 0, sizeof(bhs));
	r->opcode = ISCSI_OP_LOGIN_REQ | ISCSI_OP_IMMEDIATE;
	r->flags = flags;
	iscsi_set_dlength(r->dlength, dlen);
	memcpy(r->isid, isid, 6);
	put_be16(&r->cid, 7);
	put_be32(&r->itt, ITT);
	put_be32(&r->cmdsn, CMDSN);
	put_be32(&r->exp_statsn, l.statsn);
}

static enum login_result rx(size_t dlen)
{
	return login_rx(&l, bhs, (uint8_t *)data, dlen, &rsp);
}

/* Send the pairs (NULL-terminated) with @flags. */
static enum login_result send_keys(uint8_t flags, ...)
{
	const char *s;
	size_t n = 0;
	va_list ap;

	va_start(ap, flags);
	while ((s = va_arg(ap, const char *))) {
		memcpy(data + n, s, strlen(s) + 1);
		n += strlen(s) + 1;
	}
	va_end(ap);
	request(flags, n);
	return rx(n);
}

#define FL(t, csg, nsg)	((t) | (csg) << 2 | (nsg))
#define T_		ISCSI_FLAG_TRANSIT
#define C_		ISCSI_FLAG_CONTINUE

static uint16_t status(void)
{
	return rsp.bhs[36] << 8 | rsp.bhs[37];
}

static int has(const char *pair)
{
	return has_pair(rsp.data, rsp.dlen, pair);
}

static void assert_refused(enum login_result r, uint16_t st)
{
	assert_int_equal(r, LOGIN_FAIL);
	assert_int_equal(status(), st);
	assert_int_equal(l.status, st);
	assert_false(rsp.bhs[1] & T_);
	assert_int_equal(rsp.bhs[0], ISCSI_OP_LOGIN_RSP);
	assert_int_equal(bhs_u32(rsp.bhs, 16), bhs_u32(bhs, 16));
}

#define DISCOVERY	"InitiatorName=" INITIATOR, "SessionType=Discovery"
#define NORMAL		"InitiatorName=" INITIATOR, "TargetName=" TARGET

static void test_discovery(void **state)
{
	assert_int_equal(send_keys(FL(T_, 0, 1), DISCOVERY, "AuthMethod=None",
				   NULL), LOGIN_MORE);
	assert_int_equal(rsp.bhs[1], FL(T_, 0, 1));
	assert_int_equal(status(), 0);
	assert_true(has("AuthMethod=None"));
	assert_false(has("TargetPortalGroupTag=1"));
	assert_int_equal(bhs_u32(rsp.bhs, 24), FIRST_STATSN);
	assert_int_equal(get_be16(rsp.bhs + 14), 0);
	assert_int_equal(send_keys(FL(T_, 1, 3), "HeaderDigest=None",
				   "MaxRecvDataSegmentLength=4096", NULL),
			 LOGIN_DONE);
	assert_int_equal(rsp.bhs[1], FL(T_, 1, 3));
	assert_int_equal(bhs_u32(rsp.bhs, 24), FIRST_STATSN + 1);
	assert_int_equal(bhs_u32(rsp.bhs, 28), CMDSN);
	assert_int_equal(bhs_u32(rsp.bhs, 32), CMDSN);
	assert_int_equal(get_be16(rsp.bhs + 14), 9);
	assert_int_equal(rsp.bhs[2], 0);	/* Version-max */
	assert_int_equal(rsp.bhs[3], 0);	/* Version-active */
	assert_true(has("HeaderDigest=None"));
	assert_true(has("MaxRecvDataSegmentLength=262144"));
	assert_int_equal(l.type, NEGO_DISCOVERY);
	assert_int_equal(l.statsn, FIRST_STATSN + 2);
	assert_int_equal(l.nego.vals[SESS_MAX_RECV_DSL], 4096);
	assert_int_equal(l.session_tsih, 9);
	assert_int_equal(env.admits, 1);
}

static void test_normal(void **state)
{
	snprintf(env.target.alias, sizeof(env.target.alias), "disk");
	assert_int_equal(send_keys(FL(T_, 0, 1), NORMAL, NULL), LOGIN_MORE);
	assert_true(has("TargetPortalGroupTag=1"));
	assert_true(has("TargetAlias=disk"));
	assert_int_equal(l.target.tid, 3);
	/* Operational stage, not moving on yet: the declaration comes now. */
	assert_int_equal(send_keys(FL(0, 1, 0), "MaxBurstLength=1048576",
				   NULL), LOGIN_MORE);
	assert_int_equal(rsp.bhs[1], FL(0, 1, 0));
	assert_true(has("MaxBurstLength=262144"));
	assert_true(has("MaxRecvDataSegmentLength=262144"));
	assert_int_equal(send_keys(FL(T_, 1, 3), NULL), LOGIN_DONE);
	assert_int_equal(rsp.dlen, 0);
	assert_int_equal(get_be16(rsp.bhs + 14), 9);
	assert_int_equal(l.type, NEGO_NORMAL);
}

static void test_security_to_ffp(void **state)
{
	assert_int_equal(send_keys(FL(T_, 0, 3), NORMAL, "AuthMethod=CHAP,None",
				   NULL), LOGIN_DONE);
	assert_int_equal(rsp.bhs[1], FL(T_, 0, 3));
	assert_true(has("AuthMethod=None"));
	assert_true(has("TargetPortalGroupTag=1"));
	assert_true(has("MaxRecvDataSegmentLength=262144"));
}

static void test_operational_first(void **state)
{
	assert_int_equal(send_keys(FL(T_, 1, 3), NORMAL, "ImmediateData=No",
				   NULL), LOGIN_DONE);
	assert_true(has("ImmediateData=No"));
	assert_int_equal(bhs_u32(rsp.bhs, 24), FIRST_STATSN);
}

static void test_auth_method(void **state)
{
	/* No IncomingUser: None, or nothing the target can check. */
	assert_refused(send_keys(FL(0, 0, 0), NORMAL, "AuthMethod=CHAP", NULL),
		       LS_AUTH_FAILED);
	assert_non_null(strstr(l.why, "no IncomingUser account"));
	setup(state);
	assert_int_equal(send_keys(FL(0, 0, 0), NORMAL, "AuthMethod=None",
				   NULL), LOGIN_MORE);
	/* CHAP keys after None, or outside the security stage. */
	assert_int_equal(send_keys(FL(T_, 0, 1), "CHAP_A=5", NULL), LOGIN_MORE);
	assert_true(has("CHAP_A=Reject"));
	assert_int_equal(send_keys(FL(0, 1, 0), "CHAP_A=5", NULL), LOGIN_MORE);
	assert_true(has("CHAP_A=Reject"));
}

static void test_version(void **state)
{
	size_t n = mktext(data, sizeof(data), NORMAL, NULL);

	request(0, n);
	bhs[2] = 2;	/* Version-max */
	bhs[3] = 1;	/* Version-min */
	assert_refused(rx(n), LS_NO_VERSION);
	assert_int_equal(rsp.bhs[3], 0);
}

static void test_identity(void **state)
{
	assert_refused(send_keys(0, "SessionType=Discovery", NULL),
		       LS_MISSING_PARAM);
	setup(state);
	assert_refused(send_keys(0, "InitiatorName=", NULL), LS_MISSING_PARAM);
	setup(state);
	assert_refused(send_keys(0, "InitiatorName=" INITIATOR, NULL),
		       LS_MISSING_PARAM);
	setup(state);
	assert_refused(send_keys(0, NORMAL, "SessionType=Boot", NULL),
		       LS_NO_SESSION_TYPE);
	setup(state);
	assert_refused(send_keys(0, "InitiatorName=" INITIATOR,
				 "TargetName=iqn.2026-11.org.example:other",
				 NULL), LS_NOT_FOUND);
	setup(state);
	assert_refused(send_keys(0, "InitiatorName=an iqn", "SessionType=Discovery",
				 NULL), LS_INITIATOR_ERROR);
	setup(state);
	env.find_err = -EIO;
	assert_refused(send_keys(0, NORMAL, NULL), LS_TARGET_ERROR);
	setup(state);
	assert_refused(send_keys(0, NORMAL, "InitiatorName=" INITIATOR, NULL),
		       LS_INITIATOR_ERROR);
	/* Target names ignore case. */
	setup(state);
	assert_int_equal(send_keys(0, "InitiatorName=" INITIATOR,
				   "TargetName=IQN.2026-11.ORG.EXAMPLE:T", NULL),
			 LOGIN_MORE);
}

static void test_identity_later(void **state)
{
	assert_int_equal(send_keys(0, NORMAL, NULL), LOGIN_MORE);
	assert_refused(send_keys(0, "TargetName=" TARGET, NULL),
		       LS_INITIATOR_ERROR);
}

static void test_tsih(void **state)
{
	size_t n = mktext(data, sizeof(data), NORMAL, NULL);
	int i, want[] = { LS_NO_SESSION, LS_TOO_MANY_CONNS, LS_TARGET_ERROR };
	int exists[] = { 0, 1, -EIO };

	for (i = 0; i < 3; i++) {
		setup(state);
		env.exists = exists[i];
		request(0, n);
		put_be16(bhs + 14, 0x4242);
		assert_refused(rx(n), want[i]);
		assert_int_equal(get_be16(rsp.bhs + 14), 0x4242);
	}
}

static void test_auth_required(void **state)
{
	env.target.auth_required = true;
	/* Straight to the operational stage: no. */
	assert_refused(send_keys(FL(T_, 1, 3), NORMAL, NULL), LS_AUTH_FAILED);
	setup(state);
	env.discovery_auth = true;
	assert_refused(send_keys(FL(T_, 1, 3), DISCOVERY, NULL),
		       LS_AUTH_FAILED);
	/* Asking to move on before CHAP is through: the target stays. */
	setup(state);
	env.target.auth_required = true;
	assert_int_equal(send_keys(FL(T_, 0, 1), NORMAL, NULL), LOGIN_MORE);
	assert_int_equal(rsp.bhs[1], FL(0, 0, 0));
	assert_refused(send_keys(FL(T_, 0, 1), "AuthMethod=None", NULL),
		       LS_AUTH_FAILED);
}

/* A whole CHAP login, the response computed as the initiator would. */
static void chap_login(const char *key1, const char *key2,
		       const char *secret, enum login_result last)
{
	char r[80], key[90];
	uint8_t d[CHAP_DIGEST_MAX];
	int n;

	assert_int_equal(send_keys(FL(0, 0, 0), key1, key2,
				   "AuthMethod=CHAP,None", NULL), LOGIN_MORE);
	assert_true(has("AuthMethod=CHAP"));
	assert_int_equal(send_keys(FL(0, 0, 0), "CHAP_A=5", NULL), LOGIN_MORE);
	assert_true(has("CHAP_A=5"));
	n = crypto_chap(5, l.auth.id, secret, l.auth.challenge, 16, d);
	assert_int_equal(n, 16);
	chap_encode(d, n, r);
	snprintf(key, sizeof(key), "CHAP_R=%s", r);
	assert_int_equal(send_keys(FL(T_, 0, 1), "CHAP_N=ann", key, NULL),
			 last);
}

static void test_chap(void **state)
{
	env.target.auth_required = true;
	chap_login(NORMAL, "ann-secret-01", LOGIN_MORE);
	assert_int_equal(rsp.bhs[1], FL(T_, 0, 1));
	assert_int_equal(send_keys(FL(T_, 1, 3), NULL), LOGIN_DONE);
	/* Discovery has accounts of its own. */
	setup(state);
	env.discovery_auth = true;
	chap_login(DISCOVERY, "ann-secret-01", LOGIN_FAIL);
	assert_int_equal(status(), LS_AUTH_FAILED);
	assert_non_null(strstr(l.why, "wrong CHAP_R for user ann"));
	setup(state);
	env.discovery_auth = true;
	chap_login(DISCOVERY, "disc-secret-01", LOGIN_MORE);
}

static void test_access(void **state)
{
	env.access = LS_AUTHORIZATION;
	env.target.auth_required = true;
	strcpy(env.target.redirect, "10.0.0.9:3260");
	/* Before CHAP and redirection: a stranger learns of neither. */
	assert_refused(send_keys(FL(0, 0, 0), NORMAL, "AuthMethod=CHAP", NULL),
		       LS_AUTHORIZATION);
	assert_string_equal(l.why, "not on the list");
	assert_int_equal(rsp.dlen, 0);
	/* Discovery sessions are filtered in SendTargets instead. */
	setup(state);
	env.access = LS_AUTHORIZATION;
	assert_int_equal(send_keys(FL(T_, 0, 1), DISCOVERY, NULL), LOGIN_MORE);
}

static void test_redirect(void **state)
{
	strcpy(env.target.redirect, "[fd00::9]:3261");
	env.target.auth_required = true;
	assert_refused(send_keys(FL(T_, 0, 1), NORMAL, "AuthMethod=CHAP", NULL),
		       LS_MOVED_TEMP);
	assert_int_equal(rsp.dlen, sizeof("TargetAddress=[fd00::9]:3261"));
	assert_true(has("TargetAddress=[fd00::9]:3261"));
	assert_string_equal(l.why, "redirected to [fd00::9]:3261");
	/* Discovery is not redirected. */
	setup(state);
	strcpy(env.target.redirect, "[fd00::9]:3261");
	assert_int_equal(send_keys(FL(T_, 0, 1), DISCOVERY, NULL), LOGIN_MORE);
}

static void test_admit(void **state)
{
	env.admit_status = LS_NO_RESOURCES;
	assert_refused(send_keys(FL(T_, 1, 3), NORMAL, NULL), LS_NO_RESOURCES);
	assert_string_equal(l.why, "no room");
}

static void test_stages(void **state)
{
	static const uint8_t bad[] = {
		T_ | C_ | FL(0, 0, 1),	/* T and C */
		FL(0, 2, 0),		/* no stage 2 */
		FL(0, 3, 0),		/* not in login */
		FL(T_, 0, 0),		/* 0 to 0 */
		FL(T_, 0, 2),		/* 0 to 2 */
		FL(T_, 1, 1),		/* 1 to 1 */
		FL(T_, 1, 0),		/* 1 to 0 */
	};
	unsigned int i;

	for (i = 0; i < sizeof(bad); i++) {
		setup(state);
		assert_refused(send_keys(bad[i], DISCOVERY, NULL),
			       LS_INVALID_REQUEST);
	}
	/* Back to security after the move to operational. */
	setup(state);
	assert_int_equal(send_keys(FL(T_, 0, 1), DISCOVERY, NULL), LOGIN_MORE);
	assert_refused(send_keys(FL(0, 0, 0), NULL), LS_INVALID_REQUEST);
	/* Stage 1 before the target agreed to it. */
	setup(state);
	assert_int_equal(send_keys(FL(0, 0, 0), DISCOVERY, NULL), LOGIN_MORE);
	assert_refused(send_keys(FL(0, 1, 0), NULL), LS_INVALID_REQUEST);
}

static void test_not_login(void **state)
{
	request(0, 0);
	bhs[0] = ISCSI_OP_TEXT_REQ;
	assert_refused(rx(0), LS_INVALID_REQUEST);
	setup(state);
	assert_int_equal(send_keys(0, DISCOVERY, NULL), LOGIN_MORE);
	request(0, 0);
	bhs[0] = ISCSI_OP_NOP_OUT | ISCSI_OP_IMMEDIATE;
	assert_refused(rx(0), LS_INVALID_REQUEST);
}

/* Each field that must not change, changed in the second request. */
static void test_same_login(void **state)
{
	static const int off[] = { 8, 14, 20, 16, 24, 2, 3 };
	unsigned int i;

	for (i = 0; i < 7; i++) {
		setup(state);
		assert_int_equal(send_keys(0, DISCOVERY, NULL), LOGIN_MORE);
		request(0, 0);
		bhs[off[i]] ^= 1;
		assert_refused(rx(0), LS_INVALID_REQUEST);
	}
}

static void test_exp_statsn(void **state)
{
	assert_int_equal(send_keys(0, DISCOVERY, NULL), LOGIN_MORE);
	/* Behind: it acknowledges less; fine. */
	request(0, 0);
	put_be32(bhs + 28, FIRST_STATSN);
	assert_int_equal(rx(0), LOGIN_MORE);
	/* Ahead of what was sent. */
	request(0, 0);
	put_be32(bhs + 28, FIRST_STATSN + 3);
	assert_refused(rx(0), LS_INVALID_REQUEST);
}

static void test_continued_request(void **state)
{
	size_t n = mktext(data, sizeof(data), DISCOVERY, "AuthMethod=None",
			  NULL);

	request(C_ | FL(0, 0, 0), 20);
	assert_int_equal(rx(20), LOGIN_MORE);
	assert_int_equal(rsp.dlen, 0);
	assert_int_equal(rsp.bhs[1], FL(0, 0, 0));
	assert_int_equal(bhs_u32(rsp.bhs, 24), FIRST_STATSN);
	request(FL(T_, 0, 1), n - 20);
	memmove(data, data + 20, n - 20);
	assert_int_equal(rx(n - 20), LOGIN_MORE);
	assert_int_equal(rsp.bhs[1], FL(T_, 0, 1));
	assert_true(has("AuthMethod=None"));
	assert_int_equal(l.type, NEGO_DISCOVERY);
}

static void test_continued_response(void **state)
{
	char key[64];
	size_t n = mktext(data, sizeof(data), DISCOVERY, NULL);
	int i;

	/* 120 unknown keys of 55 bytes: 8400 bytes of NotUnderstood. */
	for (i = 0; i < 120; i++) {
		snprintf(key, sizeof(key),
			 "Z-unknown-key-number-%03d-and-some-more-to-be-longer-yet=1",
			 i);
		memcpy(data + n, key, strlen(key) + 1);
		n += strlen(key) + 1;
	}
	request(FL(T_, 0, 1), n);
	assert_int_equal(rx(n), LOGIN_MORE);
	assert_int_equal(rsp.dlen, PDU_DATA_MAX);
	assert_int_equal(rsp.bhs[1], C_ | FL(0, 0, 0));
	assert_int_equal(iscsi_dlength(rsp.bhs + 5), PDU_DATA_MAX);
	request(FL(T_, 0, 1), 0);
	assert_int_equal(rx(0), LOGIN_MORE);
	assert_int_equal(rsp.bhs[1], FL(T_, 0, 1));
	assert_int_equal(rsp.dlen, 120 * 70 - PDU_DATA_MAX);
	assert_int_equal(l.stage, 1);
	/* Text from the initiator while ours goes on is refused. */
	setup(state);
	request(0, n);
	assert_int_equal(rx(n), LOGIN_MORE);
	assert_true(rsp.bhs[1] & C_);
	request(0, 4);
	memcpy(data, "A=1", 4);
	assert_refused(rx(4), LS_INVALID_REQUEST);
}

static void test_twice(void **state)
{
	assert_int_equal(send_keys(FL(T_, 1, 3 - 3) & ~T_, DISCOVERY,
				   "DefaultTime2Wait=4", NULL), LOGIN_MORE);
	assert_refused(send_keys(0 | FL(0, 1, 0), "DefaultTime2Wait=5", NULL),
		       LS_INITIATOR_ERROR);
	setup(state);
	assert_refused(send_keys(FL(0, 1, 0), DISCOVERY, "AuthMethod=None",
				 "ErrorRecoveryLevel=0", "ErrorRecoveryLevel=0",
				 NULL), LS_INITIATOR_ERROR);
	setup(state);
	assert_refused(send_keys(0, DISCOVERY, "AuthMethod=None",
				 "AuthMethod=None", NULL), LS_INITIATOR_ERROR);
}

static void test_key_answers(void **state)
{
	assert_int_equal(send_keys(FL(0, 1, 0), NORMAL, "X-com.example.k=1",
				   "TargetAlias=x", "SendTargets=All",
				   "Unknown=1", "IFMarker=No", NULL),
			 LOGIN_MORE);
	assert_true(has("X-com.example.k=NotUnderstood"));
	assert_true(has("TargetAlias=Reject"));
	assert_true(has("SendTargets=Reject"));
	assert_true(has("Unknown=NotUnderstood"));
	assert_true(has("IFMarker=No"));
	/* Malformed text. */
	assert_refused(send_keys(FL(0, 1, 0), "NoEqualSign", NULL),
		       LS_INVALID_REQUEST);
}

static void test_proposals(void **state)
{
	env.target.sparams[SESS_HEADER_DIGEST] = PARAM_DIGEST_CRC32C;
	/* Straight from security to full feature: go through stage 1. */
	assert_int_equal(send_keys(FL(T_, 0, 3), NORMAL, NULL), LOGIN_MORE);
	assert_int_equal(rsp.bhs[1], FL(T_, 0, 1));
	assert_false(has("HeaderDigest=CRC32C"));
	assert_int_equal(send_keys(FL(T_, 1, 3), NULL), LOGIN_MORE);
	assert_int_equal(rsp.bhs[1], FL(0, 1, 0));
	assert_true(has("HeaderDigest=CRC32C"));
	assert_int_equal(send_keys(FL(T_, 1, 3), "HeaderDigest=CRC32C", NULL),
			 LOGIN_DONE);
	assert_int_equal(l.nego.vals[SESS_HEADER_DIGEST], PARAM_DIGEST_CRC32C);
	/* Left unanswered. */
	setup(state);
	env.target.sparams[SESS_HEADER_DIGEST] = PARAM_DIGEST_CRC32C;
	assert_int_equal(send_keys(FL(T_, 1, 3), NORMAL, NULL), LOGIN_MORE);
	assert_refused(send_keys(FL(T_, 1, 3), NULL), LS_INITIATOR_ERROR);
	/* Offered and refused by the target's rules. */
	setup(state);
	env.target.sparams[SESS_HEADER_DIGEST] = PARAM_DIGEST_CRC32C;
	assert_refused(send_keys(FL(T_, 1, 3), NORMAL, "HeaderDigest=None",
				 NULL), LS_INITIATOR_ERROR);
	assert_string_equal(l.why, "HeaderDigest=None is not allowed by the target");
}

static void test_refuse(void **state)
{
	request(0, 0);
	assert_int_equal(login_refuse(&l, bhs, LS_INVALID_REQUEST, "AHS", &rsp),
			 LOGIN_FAIL);
	assert_int_equal(status(), LS_INVALID_REQUEST);
	assert_string_equal(l.why, "AHS");
	assert_string_equal(login_status_str(LS_NOT_FOUND), "target not found");
	assert_string_equal(login_status_str(0x0301), "refused");
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_discovery), T(test_normal), T(test_security_to_ffp),
		T(test_operational_first), T(test_auth_method),
		T(test_version), T(test_identity), T(test_identity_later),
		T(test_tsih), T(test_auth_required), T(test_chap), T(test_access),
		T(test_redirect), T(test_admit),
		T(test_stages), T(test_not_login), T(test_same_login),
		T(test_exp_statsn), T(test_continued_request),
		T(test_continued_response), T(test_twice),
		T(test_key_answers), T(test_proposals), T(test_refuse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
