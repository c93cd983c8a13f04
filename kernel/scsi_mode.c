// SPDX-License-Identifier: GPL-2.0
/*
 * MODE SENSE (6) and (10) of SPC-4, with the pages a disk is
 * asked for: caching, control and informational exceptions control. There
 * is no MODE SELECT, so nothing is changeable: current, default and saved
 * values are one set (SPC-4 allows a device not to tell saved from current)
 * and the changeable mask is all zeros.
 */
#include "scsi.h"

#define MS_DBD			0x08	/* disable block descriptors */
#define MS_LLBAA		0x10	/* (10) only: long LBA accepted */

#define PC_CHANGEABLE		1

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
 * SWP 0, and an unlimited BUSY TIMEOUT PERIOD.
 */
static unsigned int control_page(u8 *p)
{
	p[0] = PAGE_CONTROL;
	p[1] = 0x0a;
	p[2] = 0x02;
	p[3] = 0x10;
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
		return control_page(p);
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

static void put_page(u8 code, const struct scsi_lu *lu, u8 pc,
		     struct scsi_out *o)
{
	u8 p[PAGE_MAX_LEN] = { 0 };
	unsigned int n = fill_page(code, lu, p);

	if (pc == PC_CHANGEABLE)
		memset(p + 2, 0, n - 2);
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
