// SPDX-License-Identifier: GPL-2.0
/*
 * The scripted cases of iscsi_hostile: each sends one malformed PDU (or a
 * well-formed one at the wrong time) on a fresh session and sees what the
 * target did about it; the table of cases says which outcomes RFC 7143
 * allows for each.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "hostile.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static const char *const outcome_name[] = {
	[DROP] = "dropped", [REJECT] = "rejected", [ANSWER] = "answered",
	[SILENT] = "ignored",
};

/*
 * After the bad PDU (ITT itt): a ping shows whether the session goes on.
 * Returns the outcome, or 0 when the target neither answered nor dropped
 * the connection.
 */
static int outcome(struct conn *c, uint32_t itt, uint8_t answer_op)
{
	int got = ping(c);

	if (got <= 0)
		return got ? DROP : 0;
	/* A response from a worker may come after the ping's answer. */
	if (await_pdu(c, answer_op, itt, 1000))
		return ANSWER;
	return logged(c, OP_REJECT, RSVD) ? REJECT : SILENT;
}

struct hcase {
	const char *name;
	const char *what;
	bool digests;
	int ok;			/* the outcomes RFC 7143 allows */
	int (*run)(struct conn *c);
};

static int send_simple(struct conn *c, uint8_t op, uint8_t answer_op)
{
	uint8_t b[BHS];

	bhs_cmd(c, b, op, F_FINAL);
	put32(b + 20, RSVD);
	if (send_pdu(c, b, NULL, 0, NULL, 0, 0, 0))
		return DROP;
	return outcome(c, get32(b + 16), answer_op);
}

static int case_opcode(struct conn *c)
{
	return send_simple(c, 0x1c | OP_IMM, 0xff);
}

static int case_target_opcode(struct conn *c)
{
	return send_simple(c, OP_SCSI_RSP, 0xff);
}

static int case_login_ffp(struct conn *c)
{
	return send_simple(c, OP_LOGIN | OP_IMM, OP_LOGIN_RSP);
}

static int case_text(struct conn *c)
{
	return send_simple(c, OP_TEXT | OP_IMM, OP_TEXT_RSP);
}

static int case_snack(struct conn *c)
{
	uint8_t b[BHS];

	bhs_init(c, b, OP_SNACK, F_FINAL);
	put32(b + 20, RSVD);
	put32(b + 40, 5);
	put32(b + 44, 3);
	if (send_pdu(c, b, NULL, 0, NULL, 0, 0, 0))
		return DROP;
	return outcome(c, get32(b + 16), 0xff);
}

/* A NOP-Out whose data segment is longer than the target declared. */
static int case_dsl(struct conn *c)
{
	uint32_t len = c->mxdsl + 4;
	uint8_t b[BHS], *data = calloc(1, len);

	bhs_nop(c, b);
	if (!data || send_pdu(c, b, NULL, 0, data, len, 0, 0)) {
		free(data);
		return DROP;
	}
	free(data);
	return outcome(c, get32(b + 16), OP_NOP_IN);
}

/* DataSegmentLength 16 MiB - 1 and no data: the target must not wait. */
static int case_dsl_max(struct conn *c)
{
	uint8_t b[BHS];

	bhs_nop(c, b);
	put_dlen(b, 0xffffff);
	if (send_pdu(c, b, NULL, 0, NULL, 0, KEEP_DLEN, 0))
		return DROP;
	return outcome(c, get32(b + 16), OP_NOP_IN);
}

static int send_with_ahs(struct conn *c, uint8_t *b, size_t ahs_len)
{
	uint8_t ahs[1020];

	memset(ahs, 0xa5, sizeof(ahs));
	ahs[0] = ahs_len >> 8;		/* AHSLength: as garbage as the rest */
	ahs[1] = ahs_len;
	ahs[2] = 0x55;			/* no such AHSType */
	if (send_pdu(c, b, ahs, ahs_len, NULL, 0, 0, 0))
		return DROP;
	return outcome(c, get32(b + 16), (b[0] & 0x3f) == OP_SCSI_CMD ?
					 OP_SCSI_RSP : OP_NOP_IN);
}

static int case_ahs(struct conn *c)
{
	uint8_t b[BHS], cdb[16] = { 0 };	/* TEST UNIT READY */

	bhs_scsi(c, b, 0, 0, cdb, sizeof(cdb));
	return send_with_ahs(c, b, 8);
}

static int case_ahs_max(struct conn *c)
{
	uint8_t b[BHS];

	bhs_nop(c, b);
	return send_with_ahs(c, b, 1020);
}

/*
 * A command with a CmdSN beyond MaxCmdSN, and one already taken: both are
 * dropped (RFC 7143 4.2.2.1), and ExpCmdSN does not move.
 */
static int case_cmdsn(struct conn *c, int32_t delta)
{
	uint8_t b[BHS], cdb[16] = { 0 };
	uint32_t exp = c->cmdsn;
	int got;

	bhs_scsi(c, b, 0, 0, cdb, sizeof(cdb));
	put32(b + 24, exp + delta);
	c->cmdsn = exp;
	if (send_pdu(c, b, NULL, 0, NULL, 0, 0, 0))
		return DROP;
	got = outcome(c, get32(b + 16), OP_SCSI_RSP);
	if (got == SILENT && c->cmdsn != exp) {
		fail("ExpCmdSN moved from %u to %u", exp, c->cmdsn);
		return ANSWER;
	}
	return got;
}

static int case_cmdsn_ahead(struct conn *c)
{
	return case_cmdsn(c, 1000);
}

static int case_cmdsn_behind(struct conn *c)
{
	return case_cmdsn(c, -5);
}

static int case_dataout_itt(struct conn *c)
{
	uint8_t b[BHS], data[512] = { 0 };

	bhs_data_out(c, b, 0x7777777, 0x1234, 0, 0);
	if (send_pdu(c, b, NULL, 0, data, sizeof(data), 0, 0))
		return DROP;
	return outcome(c, 0x7777777, OP_SCSI_RSP);
}

/* TEST UNIT READY until GOOD: a new nexus starts with a unit attention. */
static int settle(struct conn *c)
{
	uint8_t b[BHS], cdb[16] = { 0 };
	const struct pdu *r;
	int i;

	for (i = 0; i < 4; i++) {
		c->nlog = 0;
		bhs_scsi(c, b, 0, 0, cdb, sizeof(cdb));
		if (send_pdu(c, b, NULL, 0, NULL, 0, 0, 0))
			return -1;
		r = await_pdu(c, OP_SCSI_RSP, get32(b + 16), timeout_ms);
		if (!r)
			return -1;
		if (!r->bhs[3])
			break;
	}
	c->nlog = 0;
	return i < 4 ? 0 : -1;
}

/* INQUIRY of a LUN the target does not have: its answer says so. */
static int case_lun_none(struct conn *c)
{
	uint8_t b[BHS], cdb[16] = { 0x12, 0, 0, 0, 96 };

	bhs_scsi(c, b, F_READ, 96, cdb, sizeof(cdb));
	b[9] = 7;			/* LUN 7 */
	if (send_pdu(c, b, NULL, 0, NULL, 0, 0, 0))
		return DROP;
	return outcome(c, get32(b + 16), OP_DATA_IN);
}

/* WRITE(10) of one block with no data: the R2T that asks for it. */
static int write_awaiting(struct conn *c, uint32_t *itt, uint32_t *ttt)
{
	uint8_t b[BHS], cdb[10];
	struct pdu p;

	if (settle(c))
		return -1;
	cdb10(cdb, 0x2a, 0, 1);
	bhs_scsi(c, b, F_WRITE, 512, cdb, sizeof(cdb));
	*itt = get32(b + 16);
	if (send_pdu(c, b, NULL, 0, NULL, 0, 0, 0))
		return -1;
	while (next_pdu(c, &p, timeout_ms) == 1)
		if ((p.bhs[0] & 0x3f) == OP_R2T && get32(p.bhs + 16) == *itt) {
			*ttt = get32(p.bhs + 20);
			c->nlog = 0;
			return 0;
		}
	fail("no R2T for a WRITE(10) without immediate data");
	return -1;
}

/* A Data-Out of len bytes at off for a write of 512 that asked for 512. */
static int dataout_bad(struct conn *c, uint32_t off, uint32_t len)
{
	uint8_t b[BHS], data[1024] = { 0 };
	uint32_t itt, ttt;
	const struct pdu *r;
	int got;

	if (write_awaiting(c, &itt, &ttt))
		return 0;
	bhs_data_out(c, b, itt, ttt, 0, off);
	if (send_pdu(c, b, NULL, 0, data, len, 0, 0))
		return DROP;
	got = outcome(c, itt, OP_SCSI_RSP);
	r = logged(c, OP_SCSI_RSP, itt);
	if (got == ANSWER && r->bhs[3] == 0) {
		fail("the write ended GOOD");
		return SILENT;
	}
	return got;
}

static int case_dataout_burst(struct conn *c)
{
	return dataout_bad(c, 0, 1024);
}

static int case_dataout_offset(struct conn *c)
{
	return dataout_bad(c, 4096, 512);
}

/* A Logout while a write waits for its data: answered, then the end. */
static int case_logout_pending(struct conn *c)
{
	uint8_t b[BHS];
	uint32_t itt, ttt;
	struct pdu p;
	int got;

	if (write_awaiting(c, &itt, &ttt))
		return 0;
	bhs_cmd(c, b, OP_LOGOUT | OP_IMM, F_FINAL | 0 /* close session */);
	if (send_pdu(c, b, NULL, 0, NULL, 0, 0, 0))
		return DROP;
	while ((got = next_pdu(c, &p, timeout_ms)) > 0)
		if ((p.bhs[0] & 0x3f) == OP_LOGOUT_RSP)
			return wait_drop(c);
	return got < 0 ? DROP : 0;
}

/* An ABORT TASK for a write that waits for its data. */
static int case_abort_pending(struct conn *c)
{
	uint8_t b[BHS];
	uint32_t itt, ttt;
	const struct pdu *r;
	int got;

	if (write_awaiting(c, &itt, &ttt))
		return 0;
	bhs_cmd(c, b, OP_TMF | OP_IMM, F_FINAL | 1 /* ABORT TASK */);
	put32(b + 20, itt);
	if (send_pdu(c, b, NULL, 0, NULL, 0, 0, 0))
		return DROP;
	got = outcome(c, get32(b + 16), OP_TMF_RSP);
	r = logged(c, OP_TMF_RSP, get32(b + 16));
	if (got == ANSWER && r->bhs[2] != 0) {
		fail("ABORT TASK: response %u, want 0 (complete)", r->bhs[2]);
		return SILENT;
	}
	return got;
}

static int case_hdigest(struct conn *c)
{
	uint8_t b[BHS];

	bhs_nop(c, b);
	if (send_pdu(c, b, NULL, 0, NULL, 0, BAD_HD, 0))
		return DROP;
	return outcome(c, get32(b + 16), OP_NOP_IN);
}

static int case_ddigest(struct conn *c)
{
	uint8_t b[BHS], data[100];

	memset(data, 0x3c, sizeof(data));
	bhs_nop(c, b);
	if (send_pdu(c, b, NULL, 0, data, sizeof(data), BAD_DD, 0))
		return DROP;
	return outcome(c, get32(b + 16), OP_NOP_IN);
}

static int case_ddigest_write(struct conn *c)
{
	uint8_t b[BHS], cdb[10], data[512];

	if (settle(c))
		return 0;
	memset(data, 0x5a, sizeof(data));
	cdb10(cdb, 0x2a, 0, 1);
	bhs_scsi(c, b, F_WRITE, 512, cdb, sizeof(cdb));
	if (send_pdu(c, b, NULL, 0, data, sizeof(data), BAD_DD, 0))
		return DROP;
	return outcome(c, get32(b + 16), OP_SCSI_RSP);
}

/* Part of a PDU, then the end of what the initiator sends. */
static int cut_short(struct conn *c, uint32_t dlen, size_t cut)
{
	uint8_t b[BHS], data[1000] = { 0 };

	bhs_nop(c, b);
	if (send_pdu(c, b, NULL, 0, data, dlen, 0, cut))
		return DROP;
	shutdown(c->fd, SHUT_WR);
	return wait_drop(c);
}

static int case_cut_header(struct conn *c)
{
	return cut_short(c, 0, 20);
}

static int case_cut_data(struct conn *c)
{
	return cut_short(c, 1000, BHS + 100);
}

/*
 * RFC 7143: an unknown or target opcode, a data segment beyond
 * MaxRecvDataSegmentLength, a digest error are protocol errors (a Reject
 * may come first, at ErrorRecoveryLevel 0 the connection may end);
 * commands outside the window are dropped silently (4.2.2.1); Data-Out
 * for no task is discarded; an AHS the target does not know is ignored.
 */
static const struct hcase cases[] = {
	{ "opcode", "a reserved initiator opcode", false, DROP | REJECT,
	  case_opcode },
	{ "target-opcode", "a target opcode (SCSI Response)", false,
	  DROP | REJECT, case_target_opcode },
	{ "login-ffp", "a Login Request in full feature phase", false,
	  DROP | REJECT, case_login_ffp },
	{ "text", "a Text Request with no keys", false,
	  DROP | REJECT | ANSWER, case_text },
	{ "snack", "a SNACK at ErrorRecoveryLevel 0", false,
	  DROP | REJECT | SILENT, case_snack },
	{ "dsl", "DataSegmentLength over MaxRecvDataSegmentLength", false,
	  DROP | REJECT, case_dsl },
	{ "dsl-max", "DataSegmentLength 0xffffff, no data sent", false,
	  DROP, case_dsl_max },
	{ "ahs", "8 bytes of garbage AHS on TEST UNIT READY", false,
	  DROP | REJECT | ANSWER, case_ahs },
	{ "ahs-max", "1020 bytes of garbage AHS on a NOP-Out", false,
	  DROP | REJECT | ANSWER, case_ahs_max },
	{ "lun-none", "INQUIRY of a LUN that is not there", false, ANSWER,
	  case_lun_none },
	{ "cmdsn-ahead", "CmdSN beyond MaxCmdSN", false, SILENT,
	  case_cmdsn_ahead },
	{ "cmdsn-behind", "CmdSN already taken", false, SILENT,
	  case_cmdsn_behind },
	{ "dataout-itt", "Data-Out for an unknown ITT", false,
	  SILENT | REJECT, case_dataout_itt },
	{ "dataout-burst", "Data-Out past the R2T's length", false,
	  ANSWER | REJECT | DROP, case_dataout_burst },
	{ "dataout-offset", "Data-Out at an offset not asked for", false,
	  ANSWER | REJECT | DROP, case_dataout_offset },
	{ "abort-pending", "ABORT TASK of a write awaiting data", false,
	  ANSWER, case_abort_pending },
	{ "logout-pending", "Logout while a write awaits data", false, DROP,
	  case_logout_pending },
	{ "hdigest", "a wrong header digest", true, DROP, case_hdigest },
	{ "ddigest", "a wrong data digest on a NOP-Out", true,
	  DROP | REJECT, case_ddigest },
	{ "ddigest-write", "a wrong data digest on immediate data", true,
	  DROP | REJECT, case_ddigest_write },
	{ "cut-header", "a PDU cut off mid-header", false, DROP,
	  case_cut_header },
	{ "cut-data", "a PDU cut off mid-data", false, DROP, case_cut_data },
};

static int run_case(struct conn *c, const struct hcase *hc)
{
	int got;

	if (fresh(c, hc->digests)) {
		conn_close(c);
		printf("FAIL %s: no session to start from\n", hc->name);
		return 1;
	}
	got = hc->run(c);
	conn_close(c);
	if (got && (got & hc->ok)) {
		printf("ok %s: %s: %s\n", hc->name, hc->what,
		       outcome_name[got]);
		return 0;
	}
	printf("FAIL %s: %s: %s\n", hc->name, hc->what,
	       got ? outcome_name[got] : "no answer and no drop");
	return 1;
}

/*
 * Runs the case called name, or every case for "all": 0 when they passed,
 * 1 when one failed, -1 when there is no such case.
 */
int run_cases(struct conn *c, const char *name)
{
	unsigned int i, found = 0;
	int bad = 0;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		if (strcmp(name, "all") && strcmp(name, cases[i].name))
			continue;
		found++;
		bad |= run_case(c, &cases[i]);
	}
	return found ? bad : -1;
}

/* The names of the cases, each after a space, for the usage text. */
void list_cases(FILE *f)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		fprintf(f, " %s", cases[i].name);
}
