// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of usr/discovery.c: SendTargets, its pieces, the other PDUs.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>

#include "login_test.h"
#include "discovery.h"

#define F_	ISCSI_FLAG_FINAL
#define C_	ISCSI_FLAG_CONTINUE
#define STATSN	500
#define CMDSN	10
#define NR	60

static struct kern_target targets[NR];
static unsigned int nr_targets;
static int targets_err;
static struct disc d;
static struct pdu_out rsp;
static uint8_t bhs[ISCSI_BHS_LEN];

static int get_targets(void *ctx, struct kern_target **t, unsigned int *nr)
{
	if (targets_err)
		return targets_err;
	*t = malloc(sizeof(targets));
	memcpy(*t, targets, sizeof(targets));
	*nr = nr_targets;
	return 0;
}

static const struct disc_env fake_env = { .targets = get_targets };

static int setup(void **state)
{
	unsigned int i;

	for (i = 0; i < NR; i++) {
		targets[i].tid = i + 1;
		snprintf(targets[i].name, sizeof(targets[i].name),
			 "iqn.2026-11.org.example:disk%02u", i);
	}
	nr_targets = 2;
	targets_err = 0;
	disc_init(&d, &fake_env, NULL, "10.0.0.1:3260", 7, STATSN, CMDSN,
		  65536);
	return 0;
}

static int teardown(void **state)
{
	disc_free(&d);
	return 0;
}

static enum disc_result pdu(uint8_t opcode, uint8_t flags, uint32_t itt,
			    uint32_t ttt, const char *data, size_t len)
{
	memset(bhs, 0, sizeof(bhs));
	bhs[0] = opcode;
	bhs[1] = flags;
	iscsi_set_dlength(bhs + 5, len);
	put_be32(bhs + 16, itt);
	put_be32(bhs + 20, ttt);
	put_be32(bhs + 24, d.exp_cmdsn);
	return disc_rx(&d, bhs, (const uint8_t *)data, len, &rsp);
}

static enum disc_result text_req(uint8_t flags, uint32_t ttt, const char *s)
{
	return pdu(ISCSI_OP_TEXT_REQ, flags, 0x42, ttt, s, s ? strlen(s) + 1 :
		   0);
}

static int has(const char *pair)
{
	return has_pair(rsp.data, rsp.dlen, pair);
}

static void test_portal_name(void **state)
{
	struct sockaddr_in s4 = { .sin_family = AF_INET,
				  .sin_port = htons(3260) };
	struct sockaddr_in6 s6 = { .sin6_family = AF_INET6,
				   .sin6_port = htons(3261) };
	char buf[PORTAL_MAX];

	inet_pton(AF_INET, "192.168.0.23", &s4.sin_addr);
	portal_name((struct sockaddr *)&s4, buf, sizeof(buf));
	assert_string_equal(buf, "192.168.0.23:3260");
	inet_pton(AF_INET6, "fe80::5054:ff:fe54:4d0c", &s6.sin6_addr);
	s6.sin6_scope_id = 2;
	portal_name((struct sockaddr *)&s6, buf, sizeof(buf));
	assert_string_equal(buf, "[fe80::5054:ff:fe54:4d0c]:3261");
	inet_pton(AF_INET6, "::ffff:10.1.2.3", &s6.sin6_addr);
	portal_name((struct sockaddr *)&s6, buf, sizeof(buf));
	assert_string_equal(buf, "10.1.2.3:3261");
	s4.sin_family = AF_UNIX;
	assert_int_equal(portal_name((struct sockaddr *)&s4, buf, sizeof(buf)),
			 -EAFNOSUPPORT);
}

static void test_sendtargets(void **state)
{
	struct text_out t = { 0 };

	assert_int_equal(sendtargets(&t, "All", targets, 2, "[::1]:3260"), 0);
	assert_int_equal(nr_pairs(t.buf, t.len), 4);
	assert_memory_equal(t.buf,
			    "TargetName=iqn.2026-11.org.example:disk00\0"
			    "TargetAddress=[::1]:3260,1\0"
			    "TargetName=iqn.2026-11.org.example:disk01\0"
			    "TargetAddress=[::1]:3260,1\0", t.len);
	text_reset(&t);
	sendtargets(&t, "IQN.2026-11.ORG.EXAMPLE:DISK01", targets, 2, "x:1");
	assert_int_equal(nr_pairs(t.buf, t.len), 2);
	assert_true(has_pair(t.buf, t.len,
			     "TargetName=iqn.2026-11.org.example:disk01"));
	text_reset(&t);
	sendtargets(&t, "iqn.2026-11.org.example:nothing", targets, 2, "x:1");
	sendtargets(&t, "", targets, 2, "x:1");
	assert_int_equal(t.len, 0);
	text_free(&t);
}

static void test_text(void **state)
{
	assert_int_equal(text_req(F_, ISCSI_RSVD_TAG, "SendTargets=All"),
			 DISC_REPLY);
	assert_int_equal(rsp.bhs[0], ISCSI_OP_TEXT_RSP);
	assert_int_equal(rsp.bhs[1], F_);
	assert_int_equal(bhs_u32(rsp.bhs, 16), 0x42);
	assert_int_equal(bhs_u32(rsp.bhs, 20), ISCSI_RSVD_TAG);
	assert_int_equal(bhs_u32(rsp.bhs, 24), STATSN);
	assert_int_equal(bhs_u32(rsp.bhs, 28), CMDSN + 1);
	assert_int_equal(bhs_u32(rsp.bhs, 32), CMDSN + 1);
	assert_int_equal(iscsi_dlength(rsp.bhs + 5), rsp.dlen);
	assert_int_equal(nr_pairs(rsp.data, rsp.dlen), 4);
	assert_true(has("TargetAddress=10.0.0.1:3260,1"));
	/* Other keys: declared, rejected, not understood. */
	assert_int_equal(text_req(F_, ISCSI_RSVD_TAG,
				  "MaxRecvDataSegmentLength=1024"), DISC_REPLY);
	assert_int_equal(d.max_xmit, 1024);
	assert_int_equal(rsp.dlen, 0);
#define KEYS "InitialR2T=Yes\0X-a=1\0Foo=1\0InitiatorAlias=x"
	assert_int_equal(pdu(ISCSI_OP_TEXT_REQ, F_, 1, ISCSI_RSVD_TAG, KEYS,
			     sizeof(KEYS)), DISC_REPLY);
	assert_true(has("InitialR2T=Reject"));
	assert_true(has("X-a=NotUnderstood"));
	assert_true(has("Foo=NotUnderstood"));
	assert_int_equal(nr_pairs(rsp.data, rsp.dlen), 3);
	/* The kernel cannot list targets. */
	targets_err = -EIO;
	assert_int_equal(text_req(F_, ISCSI_RSVD_TAG, "SendTargets=All"),
			 DISC_REPLY);
	assert_int_equal(rsp.bhs[0], ISCSI_OP_REJECT);
}

/* 60 targets in pieces of at most 512 bytes, each of whole records. */
static void test_pieces(void **state)
{
	size_t total = 0, want, record;
	uint32_t ttt;
	int pieces = 1;

	nr_targets = NR;
	d.max_xmit = 512;
	record = strlen("TargetName=iqn.2026-11.org.example:disk00") +
		 strlen("TargetAddress=10.0.0.1:3260,1") + 2;
	want = NR * record;
	text_req(F_, ISCSI_RSVD_TAG, "SendTargets=All");
	while (!(rsp.bhs[1] & F_)) {
		assert_int_equal(rsp.bhs[1], 0);
		assert_int_equal(rsp.dlen, 512 / record * record);
		assert_memory_equal(rsp.data, "TargetName=", 11);
		ttt = bhs_u32(rsp.bhs, 20);
		assert_int_not_equal(ttt, ISCSI_RSVD_TAG);
		total += rsp.dlen;
		assert_int_equal(text_req(F_, ttt, NULL), DISC_REPLY);
		pieces++;
	}
	total += rsp.dlen;
	assert_memory_equal(rsp.data, "TargetName=", 11);
	assert_int_equal(bhs_u32(rsp.bhs, 20), ISCSI_RSVD_TAG);
	assert_int_equal(total, want);
	assert_int_equal(pieces, (NR + 512 / record - 1) / (512 / record));
	assert_int_equal(bhs_u32(rsp.bhs, 24), STATSN + pieces - 1);
}

/* Pairs longer than a PDU: cut anywhere, with C=1. */
static void test_cut(void **state)
{
	size_t total = 0;
	int cuts = 0;

	d.max_xmit = 16;
	text_req(F_, ISCSI_RSVD_TAG, "SendTargets=All");
	while (!(rsp.bhs[1] & F_)) {
		assert_true(rsp.dlen <= 16);
		cuts += !!(rsp.bhs[1] & C_);
		/* Uncut pieces end a pair. */
		if (!(rsp.bhs[1] & C_))
			assert_int_equal(((const char *)rsp.data)[rsp.dlen - 1],
					 '\0');
		total += rsp.dlen;
		assert_int_equal(text_req(F_, bhs_u32(rsp.bhs, 20), NULL),
				 DISC_REPLY);
	}
	total += rsp.dlen;
	assert_int_equal(total, 2 * (42 + 30));
	assert_int_equal(cuts, 6);	/* 42 = 16+16+10, 30 = 16+14, twice */
	/* A pair that fits ends a piece; the next does not fit. */
	nr_targets = 1;
	d.max_xmit = 50;
	text_req(F_, ISCSI_RSVD_TAG, "SendTargets=All");
	assert_int_equal(rsp.bhs[1], 0);
	assert_int_equal(rsp.dlen, 42);
}

static void test_pieces_errors(void **state)
{
	uint32_t ttt;

	nr_targets = NR;
	d.max_xmit = 512;
	text_req(F_, ISCSI_RSVD_TAG, "SendTargets=All");
	ttt = bhs_u32(rsp.bhs, 20);
	/* A tag never given. */
	assert_int_equal(text_req(F_, ttt + 1, NULL), DISC_REPLY);
	assert_int_equal(rsp.bhs[0], ISCSI_OP_REJECT);
	assert_int_equal(rsp.bhs[2], ISCSI_REASON_INVALID_PDU_FIELD);
	/* Text while the answer goes on. */
	assert_int_equal(text_req(F_, ttt, "SendTargets=All"), DISC_REPLY);
	assert_int_equal(rsp.bhs[0], ISCSI_OP_REJECT);
	assert_int_equal(rsp.bhs[2], ISCSI_REASON_PROTOCOL_ERROR);
	/* Another ITT. */
	assert_int_equal(pdu(ISCSI_OP_TEXT_REQ, F_, 0x43, ttt, NULL, 0),
			 DISC_REPLY);
	assert_int_equal(rsp.bhs[0], ISCSI_OP_REJECT);
	/* The reserved tag starts afresh. */
	assert_int_equal(text_req(F_, ISCSI_RSVD_TAG, "SendTargets=All"),
			 DISC_REPLY);
	assert_int_equal(rsp.bhs[0], ISCSI_OP_TEXT_RSP);
	assert_false(rsp.bhs[1] & F_);
}

static void test_continued_request(void **state)
{
	uint32_t ttt;

	assert_int_equal(pdu(ISCSI_OP_TEXT_REQ, C_, 0x42, ISCSI_RSVD_TAG,
			     "SendTar", 7), DISC_REPLY);
	assert_int_equal(rsp.dlen, 0);
	assert_int_equal(rsp.bhs[1], 0);
	ttt = bhs_u32(rsp.bhs, 20);
	assert_int_not_equal(ttt, ISCSI_RSVD_TAG);
	assert_int_equal(text_req(F_, ttt, "gets=All"), DISC_REPLY);
	assert_int_equal(rsp.bhs[1], F_);
	assert_int_equal(nr_pairs(rsp.data, rsp.dlen), 4);
	/* F and C both. */
	assert_int_equal(text_req(F_ | C_, ISCSI_RSVD_TAG, "A=1"), DISC_REPLY);
	assert_int_equal(rsp.bhs[0], ISCSI_OP_REJECT);
}

static void test_not_final(void **state)
{
	uint32_t ttt;

	/* F=0 asks to go on: the answer says F=0 and gives a tag. */
	assert_int_equal(text_req(0, ISCSI_RSVD_TAG, "SendTargets=All"),
			 DISC_REPLY);
	assert_int_equal(rsp.bhs[1], 0);
	ttt = bhs_u32(rsp.bhs, 20);
	assert_int_not_equal(ttt, ISCSI_RSVD_TAG);
	assert_int_equal(text_req(F_, ttt, NULL), DISC_REPLY);
	assert_int_equal(rsp.bhs[1], F_);
	assert_int_equal(rsp.dlen, 0);
}

static void test_cmdsn(void **state)
{
	/* Out of the window: dropped. */
	memset(bhs, 0, sizeof(bhs));
	bhs[0] = ISCSI_OP_TEXT_REQ;
	bhs[1] = F_;
	put_be32(bhs + 20, ISCSI_RSVD_TAG);
	put_be32(bhs + 24, CMDSN + 5);
	assert_int_equal(disc_rx(&d, bhs, NULL, 0, &rsp), DISC_QUIET);
	assert_int_equal(d.exp_cmdsn, CMDSN);
	/* Immediate: no CmdSN taken. */
	assert_int_equal(pdu(ISCSI_OP_NOP_OUT | ISCSI_OP_IMMEDIATE, F_, 1,
			     ISCSI_RSVD_TAG, NULL, 0), DISC_REPLY);
	assert_int_equal(d.exp_cmdsn, CMDSN);
	assert_int_equal(pdu(ISCSI_OP_NOP_OUT, F_, 2, ISCSI_RSVD_TAG, NULL, 0),
			 DISC_REPLY);
	assert_int_equal(d.exp_cmdsn, CMDSN + 1);
}

static void test_nop(void **state)
{
	memset(bhs, 0, sizeof(bhs));
	assert_int_equal(pdu(ISCSI_OP_NOP_OUT | ISCSI_OP_IMMEDIATE, F_, 9,
			     ISCSI_RSVD_TAG, "ping", 4), DISC_REPLY);
	assert_int_equal(rsp.bhs[0], ISCSI_OP_NOP_IN);
	assert_int_equal(rsp.bhs[1], F_);
	assert_int_equal(bhs_u32(rsp.bhs, 16), 9);
	assert_int_equal(bhs_u32(rsp.bhs, 20), ISCSI_RSVD_TAG);
	assert_int_equal(rsp.dlen, 4);
	assert_memory_equal(rsp.data, "ping", 4);
	assert_int_equal(bhs_u32(rsp.bhs, 24), STATSN);
	assert_int_equal(d.statsn, STATSN + 1);
	/* The answer to a ping of ours: nothing. */
	assert_int_equal(pdu(ISCSI_OP_NOP_OUT | ISCSI_OP_IMMEDIATE, F_,
			     ISCSI_RSVD_TAG, 5, NULL, 0), DISC_QUIET);
	assert_int_equal(d.statsn, STATSN + 1);
}

static void test_logout(void **state)
{
	static const struct {
		uint8_t reason;
		uint16_t cid;
		int result;
		uint8_t response;
	} cases[] = {
		{ 0, 0, DISC_CLOSE, ISCSI_LOGOUT_SUCCESS },
		{ 1, 7, DISC_CLOSE, ISCSI_LOGOUT_SUCCESS },
		{ 1, 8, DISC_REPLY, ISCSI_LOGOUT_CID_NOT_FOUND },
		{ 2, 7, DISC_REPLY, ISCSI_LOGOUT_NO_RECOVERY },
	};
	unsigned int i;

	for (i = 0; i < 4; i++) {
		memset(bhs, 0, sizeof(bhs));
		bhs[0] = ISCSI_OP_LOGOUT_REQ | ISCSI_OP_IMMEDIATE;
		bhs[1] = F_ | cases[i].reason;
		put_be32(bhs + 16, 0x77);
		put_be16(bhs + 20, cases[i].cid);
		assert_int_equal(disc_rx(&d, bhs, NULL, 0, &rsp),
				 cases[i].result);
		assert_int_equal(rsp.bhs[0], ISCSI_OP_LOGOUT_RSP);
		assert_int_equal(rsp.bhs[2], cases[i].response);
		assert_int_equal(bhs_u32(rsp.bhs, 16), 0x77);
	}
}

static void test_reject(void **state)
{
	static const uint8_t ops[] = { ISCSI_OP_SCSI_CMD, ISCSI_OP_TMF_REQ,
				       ISCSI_OP_SNACK, 0x1c };

	unsigned int i;

	for (i = 0; i < sizeof(ops); i++) {
		assert_int_equal(pdu(ops[i], F_, 0x99, 0, NULL, 0), DISC_REPLY);
		assert_int_equal(rsp.bhs[0], ISCSI_OP_REJECT);
		assert_int_equal(rsp.bhs[2], ISCSI_REASON_CMD_NOT_SUPPORTED);
		assert_int_equal(bhs_u32(rsp.bhs, 16), ISCSI_RSVD_TAG);
		assert_int_equal(rsp.dlen, ISCSI_BHS_LEN);
		assert_memory_equal(rsp.data, bhs, ISCSI_BHS_LEN);
	}
	assert_int_equal(pdu(ISCSI_OP_DATA_OUT, F_, 0x99, 0, NULL, 0),
			 DISC_REPLY);
	assert_int_equal(rsp.bhs[2], ISCSI_REASON_PROTOCOL_ERROR);
	assert_int_equal(pdu(ISCSI_OP_LOGIN_REQ | ISCSI_OP_IMMEDIATE, 0, 1, 0,
			     NULL, 0), DISC_REPLY);
	assert_int_equal(rsp.bhs[2], ISCSI_REASON_PROTOCOL_ERROR);
	assert_int_equal(disc_reject(&d, bhs, ISCSI_REASON_PROTOCOL_ERROR,
				     &rsp), DISC_CLOSE);
	assert_int_equal(d.statsn, STATSN + 7);
}

/* The access rules' say: @ctx names the one target hidden. */
static bool visible(void *ctx, const char *target)
{
	return strcmp(target, ctx);
}

static const struct disc_env visible_env = {
	.targets = get_targets,
	.visible = visible,
};

static void test_visible(void **state)
{
	disc_init(&d, &visible_env, targets[1].name, "10.0.0.1:3260", 7,
		  STATSN, CMDSN, 65536);
	nr_targets = 3;
	assert_int_equal(text_req(F_, ISCSI_RSVD_TAG, "SendTargets=All"),
			 DISC_REPLY);
	assert_int_equal(nr_pairs(rsp.data, rsp.dlen), 4);
	assert_true(has("TargetName=iqn.2026-11.org.example:disk00"));
	assert_false(has("TargetName=iqn.2026-11.org.example:disk01"));
	assert_true(has("TargetName=iqn.2026-11.org.example:disk02"));
	/* Asked by name, a hidden target is as one that does not exist. */
	assert_int_equal(text_req(F_, ISCSI_RSVD_TAG,
				  "SendTargets=iqn.2026-11.org.example:disk01"),
			 DISC_REPLY);
	assert_int_equal(rsp.dlen, 0);
	assert_int_equal(text_req(F_, ISCSI_RSVD_TAG,
				  "SendTargets=iqn.2026-11.org.example:disk02"),
			 DISC_REPLY);
	assert_int_equal(nr_pairs(rsp.data, rsp.dlen), 2);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_portal_name), T(test_sendtargets), T(test_text),
		T(test_pieces), T(test_cut), T(test_pieces_errors),
		T(test_continued_request), T(test_not_final), T(test_cmdsn),
		T(test_nop), T(test_logout), T(test_reject), T(test_visible),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
