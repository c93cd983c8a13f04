// SPDX-License-Identifier: GPL-2.0
/*
 * Persistent reservations of SPC-4: registrations, the reservation and
 * its six types, which commands they let through, and the PERSISTENT
 * RESERVE IN data. APTPL is accepted where the caller can keep the state
 * (pr->ptpl_c; pr_file.c writes it down). PREEMPT AND ABORT changes the
 * state as PREEMPT does; the caller then aborts the commands of the
 * nexuses it preempted (scsi_pr_aborts()). Not supported: SPEC_I_PT,
 * ALL_TG_PT (one target port), REGISTER AND MOVE.
 */
#include "pr.h"

/* PERSISTENT RESERVE OUT service actions */
#define PRO_REGISTER		0x00
#define PRO_RESERVE		0x01
#define PRO_RELEASE		0x02
#define PRO_CLEAR		0x03
#define PRO_PREEMPT		0x04
#define PRO_PREEMPT_ABORT	0x05
#define PRO_REGISTER_IGNORE	0x06

/* PERSISTENT RESERVE IN service actions */
#define PRI_READ_KEYS		0x00
#define PRI_READ_RESERVATION	0x01
#define PRI_REPORT_CAPS		0x02
#define PRI_READ_FULL_STATUS	0x03

#define PRO_LIST_LEN		24
#define PRO_SPEC_I_PT		0x08	/* parameter list byte 20 */
#define PRO_ALL_TG_PT		0x04
#define PRO_APTPL		0x01

#define ISCSI_PROTOCOL_ID	0x05	/* SPC-4 table 362 */

void scsi_pr_init(struct scsi_pr *pr)
{
	memset(pr, 0, sizeof(*pr));
	pr->holder = -1;
}

static bool all_registrants(u8 type)
{
	return type == SCSI_PR_WE_AR || type == SCSI_PR_EA_AR;
}

bool scsi_pr_type_valid(u8 type)
{
	return type == SCSI_PR_WE || type == SCSI_PR_EA ||
	       type == SCSI_PR_WE_RO || type == SCSI_PR_EA_RO ||
	       type == SCSI_PR_WE_AR || type == SCSI_PR_EA_AR;
}

static bool same_nexus(const struct scsi_pr_reg *r,
		       const struct scsi_pr_nexus *me)
{
	return r->used && r->isid == me->isid && !strcmp(r->name, me->name);
}

/* The registration of me, or -1. */
static int find_reg(const struct scsi_pr *pr, const struct scsi_pr_nexus *me)
{
	int i;

	for (i = 0; i < SCSI_PR_MAX_REGS; i++)
		if (same_nexus(&pr->regs[i], me))
			return i;
	return -1;
}

/* SPC-4 5.7.10: a holder of the reservation (every registrant for AR). */
static bool is_holder(const struct scsi_pr *pr, int reg)
{
	if (!pr->reserved || reg < 0)
		return false;
	return all_registrants(pr->type) || pr->holder == reg;
}

/* What a command does to the medium, for table 45 of SPC-4. */
enum pr_access { PR_ALWAYS, PR_READ, PR_WRITE };

static enum pr_access access_of(const u8 *cdb)
{
	switch (cdb[0]) {
	case SCSI_OP_INQUIRY:
	case SCSI_OP_REPORT_LUNS:
	case SCSI_OP_REQUEST_SENSE:
	case SCSI_OP_TEST_UNIT_READY:
	case SCSI_OP_READ_CAPACITY_10:
	case SCSI_OP_MAINTENANCE_IN:
	case SCSI_OP_PERSISTENT_RESERVE_IN:
	case SCSI_OP_PERSISTENT_RESERVE_OUT:	/* judged by its own rules */
		return PR_ALWAYS;
	case SCSI_OP_SERVICE_ACTION_IN_16:
		return (cdb[1] & 0x1f) == SCSI_SAI_READ_CAPACITY_16 ?
		       PR_ALWAYS : PR_READ;
	case SCSI_OP_READ_6:
	case SCSI_OP_READ_10:
	case SCSI_OP_READ_12:
	case SCSI_OP_READ_16:
	case SCSI_OP_VERIFY_10:
	case SCSI_OP_VERIFY_12:
	case SCSI_OP_VERIFY_16:
	case SCSI_OP_MODE_SENSE_6:
	case SCSI_OP_MODE_SENSE_10:
	case SCSI_OP_PRE_FETCH_10:
	case SCSI_OP_PRE_FETCH_16:
		return PR_READ;
	default:		/* writes, and whatever changes the LU */
		return PR_WRITE;
	}
}

/*
 * Write Exclusive types let every nexus read; Exclusive Access types let
 * only the holders do anything. The registrants-only and all-registrants
 * types count every registered nexus as one that may.
 */
bool scsi_pr_conflict(const struct scsi_pr *pr,
		      const struct scsi_pr_nexus *me, const u8 *cdb)
{
	enum pr_access a = access_of(cdb);
	int reg = find_reg(pr, me);
	bool may;

	if (!pr->reserved || a == PR_ALWAYS)
		return false;
	switch (pr->type) {
	case SCSI_PR_WE_RO:
	case SCSI_PR_EA_RO:
	case SCSI_PR_WE_AR:
	case SCSI_PR_EA_AR:
		may = reg >= 0;
		break;
	default:
		may = is_holder(pr, reg);
		break;
	}
	if (may)
		return false;
	if (a == PR_READ)
		return pr->type == SCSI_PR_EA || pr->type == SCSI_PR_EA_RO ||
		       pr->type == SCSI_PR_EA_AR;
	return true;
}

/*
 * SPC-2's RESERVE(6)/(10) of another nexus lets through what finds or
 * probes the LU (so an initiator can still log in and look), and RELEASE,
 * which is then no operation.
 */
bool scsi_spc2_conflict(const u8 *cdb)
{
	switch (cdb[0]) {
	case SCSI_OP_INQUIRY:
	case SCSI_OP_REPORT_LUNS:
	case SCSI_OP_REQUEST_SENSE:
	case SCSI_OP_TEST_UNIT_READY:
	case SCSI_OP_MAINTENANCE_IN:
	case SCSI_OP_RELEASE_6:
	case SCSI_OP_RELEASE_10:
		return false;
	default:
		return true;
	}
}

/* Notes for every registrant but me. */
static void note_others(struct scsi_pr *pr, int me, u8 note)
{
	int i;

	for (i = 0; i < SCSI_PR_MAX_REGS; i++)
		if (i != me && pr->regs[i].used)
			pr->notes[i] |= note;
}

static bool registrants_only(u8 type)
{
	return type == SCSI_PR_WE_RO || type == SCSI_PR_EA_RO;
}

/*
 * A holder that goes ends its reservation; for the registrants-only
 * types the other registrants hear of it (SPC-4 5.7.11.2.3).
 */
static void drop_reg(struct scsi_pr *pr, int i)
{
	pr->regs[i].used = false;
	if (pr->reserved && !all_registrants(pr->type) && pr->holder == i) {
		if (registrants_only(pr->type))
			note_others(pr, i, SCSI_PR_NOTE_RES_RELEASED);
		pr->reserved = false;
		pr->holder = -1;
	}
}

/* An all-registrants reservation ends with its last registrant. */
static void drop_unheld(struct scsi_pr *pr)
{
	int i;

	if (!pr->reserved || !all_registrants(pr->type))
		return;
	for (i = 0; i < SCSI_PR_MAX_REGS; i++)
		if (pr->regs[i].used)
			return;
	pr->reserved = false;
}

static int add_reg(struct scsi_pr *pr, const struct scsi_pr_nexus *me,
		   u64 key, struct scsi_sense *s)
{
	int i;

	for (i = 0; i < SCSI_PR_MAX_REGS; i++) {
		struct scsi_pr_reg *r = &pr->regs[i];

		if (r->used)
			continue;
		r->used = true;
		r->key = key;
		r->isid = me->isid;
		snprintf(r->name, sizeof(r->name), "%s", me->name);
		return 0;
	}
	return scsi_fail(s, SCSI_SENSE_ILLEGAL_REQUEST,
			 SCSI_ASC_INSUFFICIENT_REG_RESOURCES);
}

/*
 * REGISTER and REGISTER AND IGNORE EXISTING KEY (SPC-4 5.7.7): register
 * sark, change the key to sark, or with sark 0 unregister; a registered
 * nexus must name its key unless it ignores it.
 */
static int do_register(struct scsi_pr *pr, const struct scsi_pr_nexus *me,
		       int reg, u64 key, u64 sark, bool ignore,
		       struct scsi_sense *s)
{
	if (reg < 0) {
		if (!ignore && key)
			return SCSI_STATUS_RESERVATION_CONFLICT;
		if (!sark)
			return 0;
		if (add_reg(pr, me, sark, s))
			return SCSI_STATUS_CHECK_CONDITION;
	} else {
		if (!ignore && key != pr->regs[reg].key)
			return SCSI_STATUS_RESERVATION_CONFLICT;
		if (sark) {
			pr->regs[reg].key = sark;
		} else {
			drop_reg(pr, reg);
			drop_unheld(pr);
		}
	}
	pr->generation++;
	return 0;
}

/* SPC-4 5.7.9: one reservation; its holder may restate it, no more. */
static int do_reserve(struct scsi_pr *pr, int reg, u8 type,
		      struct scsi_sense *s)
{
	if (!scsi_pr_type_valid(type))
		return scsi_invalid_cdb(s);
	if (pr->reserved)
		return is_holder(pr, reg) && pr->type == type ? 0 :
		       SCSI_STATUS_RESERVATION_CONFLICT;
	pr->reserved = true;
	pr->type = type;
	pr->holder = all_registrants(type) ? -1 : reg;
	return 0;
}

/* SPC-4 5.7.11.2: a release by a holder, of the type it holds. */
static int do_release(struct scsi_pr *pr, int reg, u8 type,
		      struct scsi_sense *s)
{
	if (!is_holder(pr, reg))
		return 0;
	if (pr->type != type)
		return scsi_fail(s, SCSI_SENSE_ILLEGAL_REQUEST,
				 SCSI_ASC_INVALID_RELEASE);
	if (registrants_only(type) || all_registrants(type))
		note_others(pr, reg, SCSI_PR_NOTE_RES_RELEASED);
	pr->reserved = false;
	pr->holder = -1;
	return 0;
}

/* Every registration goes; the others hear their reservation did. */
static void do_clear(struct scsi_pr *pr, int reg)
{
	int i;

	note_others(pr, reg, SCSI_PR_NOTE_RES_PREEMPTED);
	for (i = 0; i < SCSI_PR_MAX_REGS; i++)
		pr->regs[i].used = false;
	pr->reserved = false;
	pr->holder = -1;
	pr->generation++;
}

/* Removes the registrations of sark but mine; how many went. */
static unsigned int drop_key(struct scsi_pr *pr, int mine, u64 sark)
{
	unsigned int n = 0;
	int i;

	for (i = 0; i < SCSI_PR_MAX_REGS; i++) {
		if (i == mine || !pr->regs[i].used || pr->regs[i].key != sark)
			continue;
		drop_reg(pr, i);
		pr->notes[i] |= SCSI_PR_NOTE_REG_PREEMPTED;
		n++;
	}
	return n;
}

/*
 * SPC-4 5.7.11.4. Without a reservation, or when sark is not the
 * holder's key, only registrations go. When sark names the holder (or,
 * for all registrants, is 0), they go and me holds a reservation of the
 * new type instead.
 */
static int do_preempt(struct scsi_pr *pr, int reg, u64 sark, u8 type,
		      struct scsi_sense *s)
{
	bool takes;
	int i;

	if (pr->reserved && all_registrants(pr->type))
		takes = !sark;
	else
		takes = pr->reserved && pr->holder >= 0 &&
			pr->regs[pr->holder].key == sark;
	if (takes && !scsi_pr_type_valid(type))
		return scsi_invalid_cdb(s);
	if (!takes) {
		if (!sark)
			return scsi_invalid_param(s);
		if (!drop_key(pr, reg, sark))
			return SCSI_STATUS_RESERVATION_CONFLICT;
		pr->generation++;
		return 0;
	}
	for (i = 0; i < SCSI_PR_MAX_REGS; i++) {
		if (i == reg || !pr->regs[i].used)
			continue;
		if (!sark || pr->regs[i].key == sark) {
			pr->regs[i].used = false;
			pr->notes[i] |= SCSI_PR_NOTE_REG_PREEMPTED;
		} else if (pr->type != type) {
			pr->notes[i] |= SCSI_PR_NOTE_RES_RELEASED;
		}
	}
	pr->reserved = true;
	pr->type = type;
	pr->holder = all_registrants(type) ? -1 : reg;
	pr->generation++;
	return 0;
}

static bool out_supported(u8 sa)
{
	return sa <= PRO_REGISTER_IGNORE;
}

bool scsi_pr_aborts(const u8 *cdb)
{
	return cdb[0] == SCSI_OP_PERSISTENT_RESERVE_OUT &&
	       (cdb[1] & 0x1f) == PRO_PREEMPT_ABORT;
}

/*
 * The CDB and list fields every service action shares: the list is 24
 * bytes, and the bits iet does not support are refused.
 */
static int check_out(const u8 *cdb, const u8 *p, u32 len, bool ptpl_c,
		     struct scsi_sense *s)
{
	u8 sa = cdb[1] & 0x1f;

	if (!out_supported(sa))
		return scsi_invalid_cdb(s);
	if (get_be32(cdb + 5) != PRO_LIST_LEN || len < PRO_LIST_LEN)
		return scsi_fail(s, SCSI_SENSE_ILLEGAL_REQUEST,
				 SCSI_ASC_PARAM_LIST_LENGTH_ERROR);
	if (p[20] & (PRO_SPEC_I_PT | PRO_ALL_TG_PT))
		return scsi_invalid_param(s);
	/* APTPL counts in REGISTER only, and is ignored elsewhere. */
	if ((sa == PRO_REGISTER || sa == PRO_REGISTER_IGNORE) &&
	    (p[20] & PRO_APTPL) && !ptpl_c)
		return scsi_invalid_param(s);
	/* SCOPE: LU_SCOPE (0h) only, where it counts */
	if (sa != PRO_REGISTER && sa != PRO_REGISTER_IGNORE &&
	    sa != PRO_CLEAR && cdb[2] >> 4)
		return scsi_invalid_cdb(s);
	return 0;
}

int scsi_pr_out(struct scsi_pr *pr, const struct scsi_pr_nexus *me,
		const u8 *cdb, const u8 *p, u32 len, struct scsi_sense *s)
{
	u8 sa = cdb[1] & 0x1f, type = cdb[2] & 0x0f;
	u64 key, sark;
	int reg, ret;

	memset(pr->notes, 0, sizeof(pr->notes));
	ret = check_out(cdb, p, len, pr->ptpl_c, s);
	if (ret)
		return ret;
	key = get_be64(p);
	sark = get_be64(p + 8);
	reg = find_reg(pr, me);
	if (sa == PRO_REGISTER || sa == PRO_REGISTER_IGNORE) {
		ret = do_register(pr, me, reg, key, sark,
				  sa == PRO_REGISTER_IGNORE, s);
		if (!ret)
			pr->aptpl = p[20] & PRO_APTPL;
		return ret;
	}
	/* Every other service action needs me registered, with my key. */
	if (reg < 0 || pr->regs[reg].key != key)
		return SCSI_STATUS_RESERVATION_CONFLICT;
	switch (sa) {
	case PRO_RESERVE:
		return do_reserve(pr, reg, type, s);
	case PRO_RELEASE:
		return do_release(pr, reg, type, s);
	case PRO_CLEAR:
		do_clear(pr, reg);
		return 0;
	default:		/* PREEMPT, PREEMPT AND ABORT */
		return do_preempt(pr, reg, sark, type, s);
	}
}

static void read_keys(const struct scsi_pr *pr, struct scsi_out *o)
{
	unsigned int n = 0;
	int i;

	for (i = 0; i < SCSI_PR_MAX_REGS; i++)
		n += pr->regs[i].used;
	scsi_out_be32(o, pr->generation);
	scsi_out_be32(o, n * 8);
	for (i = 0; i < SCSI_PR_MAX_REGS; i++)
		if (pr->regs[i].used)
			scsi_out_be64(o, pr->regs[i].key);
}

/* An all-registrants reservation has no one key: 0 stands for it. */
static void read_reservation(const struct scsi_pr *pr, struct scsi_out *o)
{
	scsi_out_be32(o, pr->generation);
	scsi_out_be32(o, pr->reserved ? 16 : 0);
	if (!pr->reserved)
		return;
	scsi_out_be64(o, pr->holder >= 0 ? pr->regs[pr->holder].key : 0);
	scsi_out_fill(o, 0, 5);
	scsi_out_u8(o, pr->type);	/* SCOPE 0h: LU_SCOPE */
	scsi_out_fill(o, 0, 2);
}

/*
 * SPC-4 6.16.4: CRH (RESERVE/RELEASE defer to a persistent reservation
 * as 5.7.3 says), no SIP_C or ATP_C, PTPL_C where the state can be kept
 * and PTPL_A as the last REGISTER asked; TMV and all six types.
 */
static void report_caps(const struct scsi_pr *pr, struct scsi_out *o)
{
	scsi_out_be16(o, 8);
	scsi_out_u8(o, 0x10 | pr->ptpl_c);
	scsi_out_u8(o, 0x80 | pr->aptpl);
	scsi_out_u8(o, 0xea);	/* WR_EX_AR, EX_AC_RO, WR_EX_RO, EX_AC, WR_EX */
	scsi_out_u8(o, 0x01);	/* EX_AC_AR */
	scsi_out_be16(o, 0);
}

/*
 * An iSCSI initiator port TransportID (SPC-4 7.6.4.6, format 01b): the
 * name, ",i,0x" and the ISID in hex, NUL-terminated, padded to four.
 */
static unsigned int transport_id(const struct scsi_pr_reg *r, u8 *id,
				 unsigned int max)
{
	int n = snprintf((char *)id + 4, max - 4, "%s,i,0x%012llx", r->name,
			 (unsigned long long)r->isid);
	unsigned int len = (n + 1 + 3) & ~3u;

	memset(id + 4 + n, 0, len - n);
	id[0] = 0x40 | ISCSI_PROTOCOL_ID;
	id[1] = 0;
	put_be16(id + 2, len);
	return 4 + len;
}

static void read_full_status(const struct scsi_pr *pr, struct scsi_out *o)
{
	u8 id[4 + SCSI_PR_NAME_MAX + 24];
	unsigned int len, start;
	int i;

	scsi_out_be32(o, pr->generation);
	scsi_out_be32(o, 0);
	start = o->pos;
	for (i = 0; i < SCSI_PR_MAX_REGS; i++) {
		if (!pr->regs[i].used)
			continue;
		len = transport_id(&pr->regs[i], id, sizeof(id));
		scsi_out_be64(o, pr->regs[i].key);
		scsi_out_be32(o, 0);
		scsi_out_u8(o, is_holder(pr, i) ? 0x01 : 0);	/* R_HOLDER */
		scsi_out_u8(o, is_holder(pr, i) ? pr->type : 0);
		scsi_out_be32(o, 0);
		scsi_out_be16(o, 1);	/* RELATIVE TARGET PORT IDENTIFIER */
		scsi_out_be32(o, len);
		scsi_out_mem(o, id, len);
	}
	scsi_out_set_be16(o, 6, o->pos - start);
}

int scsi_pr_in(const struct scsi_pr *pr, const u8 *cdb, struct scsi_out *o,
	       struct scsi_sense *s)
{
	switch (cdb[1] & 0x1f) {
	case PRI_READ_KEYS:
		read_keys(pr, o);
		return 0;
	case PRI_READ_RESERVATION:
		read_reservation(pr, o);
		return 0;
	case PRI_REPORT_CAPS:
		report_caps(pr, o);
		return 0;
	case PRI_READ_FULL_STATUS:
		read_full_status(pr, o);
		return 0;
	default:
		return scsi_invalid_cdb(s);
	}
}

/*
 * The CDBs: PERSISTENT RESERVE IN's service action and allocation
 * length, OUT's service action and 24-byte list, and RESERVE and RELEASE
 * of SPC-2 without third-party reservations. All run in cmd_spc.c.
 */
int scsi_decode_reservation(const u8 *cdb, struct scsi_req *req,
			    struct scsi_sense *s)
{
	req->kind = SCSI_K_LU_STATE;
	switch (cdb[0]) {
	case SCSI_OP_PERSISTENT_RESERVE_IN:
		if ((cdb[1] & 0x1f) > PRI_READ_FULL_STATUS)
			return scsi_invalid_cdb(s);
		req->data_in = true;
		req->data_len = get_be16(cdb + 7);
		return 0;
	case SCSI_OP_PERSISTENT_RESERVE_OUT:
		if (!out_supported(cdb[1] & 0x1f))
			return scsi_invalid_cdb(s);
		if (get_be32(cdb + 5) != PRO_LIST_LEN)
			return scsi_fail(s, SCSI_SENSE_ILLEGAL_REQUEST,
					 SCSI_ASC_PARAM_LIST_LENGTH_ERROR);
		req->data_out = true;
		req->data_len = PRO_LIST_LEN;
		return 0;
	default:		/* RESERVE, RELEASE (6) and (10) */
		if (cdb[1] & 0x10)	/* 3RDPTY */
			return scsi_invalid_cdb(s);
		return 0;
	}
}
