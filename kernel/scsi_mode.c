// SPDX-License-Identifier: GPL-2.0
/*
 * MODE SENSE and MODE SELECT (6) and (10) of SPC-4, with the pages a disk
 * is asked for: caching, control and informational exceptions control.
 * The changeable fields are WCE, where the store can switch its write
 * cache (lu->wce_changeable), and SWP, which write-protects the LU for
 * every initiator; everything else may be sent back as it is and no other
 * way. Current, default and saved values are one set (SPC-4
 * allows a device not to tell saved from current), and saving (SP) is
 * refused.
 */
#include "scsi.h"

#define MS_DBD			0x08	/* disable block descriptors */
#define MS_LLBAA		0x10	/* (10) only: long LBA accepted */

#define PC_CHANGEABLE		1

#define MSEL_PF			0x10	/* MODE SELECT: page format */
#define MSEL_SP			0x01	/* MODE SELECT: save pages */
#define PAGE_SPF		0x40	/* page byte 0: subpage format */
#define CACHING_WCE		0x04	/* caching page byte 2 */
#define CONTROL_SWP		0x08	/* control page byte 4 */
#define LONGLBA			0x01	/* MODE SELECT (10) header byte 4 */

#define PAGE_VENDOR		0x00	/* no page format: header only */
#define PAGE_CACHING		0x08
#define PAGE_CONTROL		0x0a
#define PAGE_IEC		0x1c
#define PAGE_ALL		0x3f
#define SUBPAGE_ALL		0xff

/* SBC-3: the device-specific parameter of a direct-access device */
#define DSP_WP			0x80
#define DSP_DPOFUA		0x10

#define PAGE_MAX_LEN		20

/*
 * SBC-3 caching mode page. WCE tells whether writes may sit in a volatile
 * cache, which decides if Linux sends SYNCHRONIZE CACHE and FUA. RCD=0.
 */
static unsigned int caching_page(const struct scsi_lu *lu, u8 *p)
{
	p[0] = PAGE_CACHING;
	p[1] = 0x12;
	p[2] = lu->wce ? 0x04 : 0;
	return 20;
}

/*
 * SPC-4 control mode page. TST 0 (one task set for all I_T nexuses),
 * D_SENSE 0 (fixed sense, as sent), GLTSD 1 (no log parameters to save),
 * QUEUE ALGORITHM MODIFIER 1 (commands reach the store concurrently, in
 * any order), QERR 0 (a CHECK CONDITION leaves other commands alone),
 * SWP as MODE SELECT left it, and an unlimited BUSY TIMEOUT PERIOD.
 */
static unsigned int control_page(const struct scsi_lu *lu, u8 *p)
{
	p[0] = PAGE_CONTROL;
	p[1] = 0x0a;
	p[2] = 0x02;
	p[3] = 0x10;
	p[4] = lu->swp ? CONTROL_SWP : 0;
	put_be16(p + 8, 0xffff);
	return 12;
}

/*
 * SPC-4 informational exceptions control page. DEXCPT 1: there is no
 * failure prediction to report.
 */
static unsigned int iec_page(u8 *p)
{
	p[0] = PAGE_IEC;
	p[1] = 0x0a;
	p[2] = 0x08;
	return 12;
}

/* In ascending order: that is the order "all pages" returns them in. */
static const u8 mode_pages[] = { PAGE_CACHING, PAGE_CONTROL, PAGE_IEC };

static unsigned int fill_page(u8 code, const struct scsi_lu *lu, u8 *p)
{
	switch (code) {
	case PAGE_CACHING:
		return caching_page(lu, p);
	case PAGE_CONTROL:
		return control_page(lu, p);
	default:
		return iec_page(p);
	}
}

/*
 * None of the pages has subpages, so subpage FFh (the page and all its
 * subpages) asks for the same as subpage 0; any other subpage is unknown.
 */
static bool page_supported(u8 page, u8 sub)
{
	if (sub && (sub != SUBPAGE_ALL || page == PAGE_VENDOR))
		return false;
	if (page == PAGE_VENDOR || page == PAGE_ALL)
		return true;
	return memchr(mode_pages, page, sizeof(mode_pages));
}

/* The changeable mask of a page: which bits MODE SELECT may set. */
static void page_mask(u8 code, const struct scsi_lu *lu, u8 *m,
		      unsigned int n)
{
	memset(m + 2, 0, n - 2);
	if (code == PAGE_CACHING && lu->wce_changeable)
		m[2] = CACHING_WCE;
	if (code == PAGE_CONTROL)
		m[4] = CONTROL_SWP;
}

static void put_page(u8 code, const struct scsi_lu *lu, u8 pc,
		     struct scsi_out *o)
{
	u8 p[PAGE_MAX_LEN] = { 0 };
	unsigned int n = fill_page(code, lu, p);

	if (pc == PC_CHANGEABLE)
		page_mask(code, lu, p, n);
	scsi_out_mem(o, p, n);
}

/*
 * SPC-4 mode parameter header; its MODE DATA LENGTH is set once the rest is
 * written. DPOFUA tells initiators (and the conformance suites) that DPO
 * and FUA are accepted in READ and WRITE.
 */
static void put_header(const struct scsi_lu *lu, bool ten, unsigned int bdl,
		       struct scsi_out *o)
{
	u8 dsp = DSP_DPOFUA | (lu->ro ? DSP_WP : 0);

	if (ten) {
		scsi_out_be16(o, 0);
		scsi_out_u8(o, 0);		/* MEDIUM TYPE */
		scsi_out_u8(o, dsp);
		scsi_out_u8(o, bdl == 16);	/* LONGLBA */
		scsi_out_u8(o, 0);
		scsi_out_be16(o, bdl);
	} else {
		scsi_out_u8(o, 0);
		scsi_out_u8(o, 0);
		scsi_out_u8(o, dsp);
		scsi_out_u8(o, bdl);
	}
}

/*
 * SBC-3 block descriptors: the short LBA one (blocks saturate at FFFFFFFFh), or
 * the long LBA one that MODE SENSE(10) may ask for with LLBAA.
 */
static void put_block_desc(const struct scsi_lu *lu, unsigned int bdl,
			   struct scsi_out *o)
{
	if (bdl == 16) {
		scsi_out_be64(o, lu->blocks);
		scsi_out_be32(o, 0);
	} else {
		scsi_out_be32(o, lu->blocks > 0xffffffffu ? 0xffffffffu :
			      (u32)lu->blocks);
	}
	scsi_out_be32(o, lu->blocksize & 0xffffff);
}

int scsi_em_mode_sense(const u8 *cdb, const struct scsi_lu *lu,
		       struct scsi_out *o, struct scsi_sense *s)
{
	bool ten = cdb[0] == SCSI_OP_MODE_SENSE_10;
	u8 pc = cdb[2] >> 6, page = cdb[2] & 0x3f;
	unsigned int bdl = 8, i;

	if (!page_supported(page, cdb[3]))
		return scsi_fail(s, SCSI_SENSE_ILLEGAL_REQUEST,
				 SCSI_ASC_INVALID_FIELD_IN_CDB);
	if (cdb[1] & MS_DBD)
		bdl = 0;
	else if (ten && (cdb[1] & MS_LLBAA))
		bdl = 16;
	put_header(lu, ten, bdl, o);
	if (bdl)
		put_block_desc(lu, bdl, o);
	for (i = 0; i < ARRAY_SIZE(mode_pages); i++)
		if (page == PAGE_ALL || page == mode_pages[i])
			put_page(mode_pages[i], lu, pc, o);
	if (ten)
		scsi_out_set_be16(o, 0, o->pos - 2);
	else
		scsi_out_set_u8(o, 0, o->pos - 1);
	return 0;
}

/* INVALID FIELD IN PARAMETER LIST, pointing at the byte (and bit). */
static int bad_param(struct scsi_sense *s, u32 field, u8 bit)
{
	scsi_invalid_cdb_at(s, field, bit);
	s->asc = SCSI_ASC_INVALID_FIELD_IN_PARAM_LIST >> 8;
	s->sks_cdb = false;
	return SCSI_STATUS_CHECK_CONDITION;
}

static int list_too_short(struct scsi_sense *s)
{
	return scsi_fail(s, SCSI_SENSE_ILLEGAL_REQUEST,
			 SCSI_ASC_PARAM_LIST_LENGTH_ERROR);
}

/* The most significant bit set in a non-zero byte. */
static u8 top_bit(u8 v)
{
	u8 bit = 7;

	while (!(v & (1U << bit)))
		bit--;
	return bit;
}

/*
 * SPC-4 6.11, 6.12. Saving is refused (no page is savable, PS 0). PF 0
 * would mean vendor pages, of which there are none, so a list needs PF.
 * An empty list changes nothing: no data-out, GOOD.
 */
int scsi_decode_mode_select(const u8 *cdb, struct scsi_req *req,
			    struct scsi_sense *s)
{
	u32 len = cdb[0] == SCSI_OP_MODE_SELECT_10 ? get_be16(cdb + 7) :
		  cdb[4];

	if (cdb[1] & MSEL_SP)
		return scsi_invalid_cdb_at(s, 1, 0);
	if (len && !(cdb[1] & MSEL_PF))
		return scsi_invalid_cdb_at(s, 1, 4);
	req->kind = len ? SCSI_K_LU_STATE : SCSI_K_NONE;
	req->data_out = true;
	req->data_len = len;
	return 0;
}

/*
 * SBC-3 6.4.2: a block descriptor may only restate the LU: its number of
 * blocks (0 keeps it) and its block length, as MODE SENSE reports them.
 */
static int check_block_desc(const struct scsi_lu *lu, const u8 *p, u32 at,
			    u32 bdl, bool longlba, struct scsi_sense *s)
{
	u64 blocks = lu->blocks;
	unsigned int n = longlba ? 16 : 8, i;
	const u8 *d;

	if (bdl % n)
		return list_too_short(s);
	for (i = 0; i < bdl; i += n) {
		d = p + at + i;
		if (!longlba && blocks > 0xffffffffu)
			blocks = 0xffffffffu;
		if (longlba ? get_be64(d) && get_be64(d) != blocks :
			      get_be32(d) && get_be32(d) != blocks)
			return bad_param(s, at + i, SCSI_SKS_NO_BIT);
		if (get_be32(d + n - 4) != lu->blocksize)
			return bad_param(s, at + i + (longlba ? 12 : 5),
					 SCSI_SKS_NO_BIT);
	}
	return 0;
}

/*
 * One mode page at p[at]: a page MODE SENSE reports, at its length, that
 * differs from the current values only in changeable bits. *n: its size.
 */
static int check_page(const struct scsi_lu *lu, const u8 *p, u32 at,
		      u32 len, u32 *n, struct scsi_mode_set *set,
		      struct scsi_sense *s)
{
	u8 code = p[at] & 0x3f, cur[PAGE_MAX_LEN] = { 0 }, mask[PAGE_MAX_LEN];
	unsigned int cur_len, i;
	u8 diff;

	if (len - at < 2)
		return list_too_short(s);
	if (p[at] & PAGE_SPF)
		return bad_param(s, at, 6);
	if (!memchr(mode_pages, code, sizeof(mode_pages)))
		return bad_param(s, at, 5);
	*n = p[at + 1] + 2;
	if (*n > len - at)
		return list_too_short(s);
	cur_len = fill_page(code, lu, cur);
	if (*n != cur_len)
		return bad_param(s, at + 1, 7);
	page_mask(code, lu, mask, cur_len);
	for (i = 2; i < cur_len; i++) {
		diff = (p[at + i] ^ cur[i]) & ~mask[i];
		if (diff)
			return bad_param(s, at + i, top_bit(diff));
	}
	if (code == PAGE_CACHING)
		set->wce = p[at + 2] & CACHING_WCE;
	if (code == PAGE_CONTROL)
		set->swp = p[at + 4] & CONTROL_SWP;
	return 0;
}

/*
 * The mode parameter header: MODE DATA LENGTH is reserved here, and the
 * device-specific parameter (WP, DPOFUA) is not set by MODE SELECT; the
 * medium type must be 0, a direct-access device's only one.
 */
int scsi_mode_select(const u8 *cdb, const struct scsi_lu *lu, const u8 *p,
		     u32 len, struct scsi_mode_set *set, struct scsi_sense *s)
{
	bool ten = cdb[0] == SCSI_OP_MODE_SELECT_10;
	u32 hdr = ten ? 8 : 4, bdl, at, n = 0;

	set->wce = lu->wce;
	set->swp = lu->swp;
	if (len < hdr)
		return list_too_short(s);
	if (p[ten ? 2 : 1])
		return bad_param(s, ten ? 2 : 1, SCSI_SKS_NO_BIT);
	bdl = ten ? get_be16(p + 6) : p[3];
	if (bdl > len - hdr)
		return list_too_short(s);
	if (check_block_desc(lu, p, hdr, bdl, ten && (p[4] & LONGLBA), s))
		return SCSI_STATUS_CHECK_CONDITION;
	for (at = hdr + bdl; at < len; at += n)
		if (check_page(lu, p, at, len, &n, set, s))
			return SCSI_STATUS_CHECK_CONDITION;
	return 0;
}
