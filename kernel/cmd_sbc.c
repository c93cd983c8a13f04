// SPDX-License-Identifier: GPL-2.0
/*
 * The block commands that are more than one read or write: VERIFY with
 * BYTCHK, COMPARE AND WRITE, WRITE SAME, UNMAP and GET LBA STATUS. The
 * bytes (CDBs, parameter lists, descriptors) are scsi_thin.c's and
 * scsi_cmp.c's; this file moves the blocks through the backend.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include "cmd.h"
#include "lun.h"

/* WRITE SAME writes its replicated block in pieces of this size. */
#define IET_WS_CHUNK	(1U << 20)

/* Pages of the target's own, for what is read to compare or replicated. */
struct iet_buf {
	struct page **pages;
	unsigned int nr;
};

static void iet_buf_free(struct iet_buf *b)
{
	while (b->nr)
		__free_page(b->pages[--b->nr]);
	kvfree(b->pages);
	b->pages = NULL;
}

static int iet_buf_alloc(struct iet_buf *b, u32 len)
{
	unsigned int nr = DIV_ROUND_UP(len, PAGE_SIZE);

	b->nr = 0;
	b->pages = kvcalloc(nr, sizeof(*b->pages), GFP_NOIO);
	if (!b->pages)
		return -ENOMEM;
	for (; b->nr < nr; b->nr++) {
		b->pages[b->nr] = alloc_page(GFP_NOIO);
		if (!b->pages[b->nr]) {
			iet_buf_free(b);
			return -ENOMEM;
		}
	}
	return 0;
}

/* len bytes from the command's data at off to the start of b. */
static void iet_buf_copy(struct iet_buf *b, struct iet_cmd *cmd, u32 off,
			 u32 len)
{
	u32 done, n, src, dst;

	for (done = 0; done < len; done += n) {
		src = (off + done) % PAGE_SIZE;
		dst = done % PAGE_SIZE;
		n = min3(len - done, (u32)PAGE_SIZE - src, (u32)PAGE_SIZE - dst);
		memcpy(page_address(b->pages[done / PAGE_SIZE]) + dst,
		       page_address(cmd->pages[(off + done) / PAGE_SIZE]) + src,
		       n);
	}
}

/*
 * Compares the command's first len bytes with b: 0, or the MISCOMPARE
 * with the offset of the first byte that differs.
 */
static int iet_buf_compare(struct iet_buf *b, struct iet_cmd *cmd, u32 len)
{
	u32 off, n, diff;
	const u8 *x, *y;

	for (off = 0; off < len; off += n) {
		n = min_t(u32, len - off, PAGE_SIZE);
		x = page_address(cmd->pages[off / PAGE_SIZE]);
		y = page_address(b->pages[off / PAGE_SIZE]);
		if (!memcmp(x, y, n))
			continue;
		diff = scsi_first_diff(x, y, n);
		return scsi_miscompare(&cmd->sense, off + diff);
	}
	return 0;
}

static int iet_no_resources(struct iet_cmd *cmd)
{
	return scsi_fail(&cmd->sense, SCSI_SENSE_ABORTED_COMMAND,
			 IET_ASC_INSUFFICIENT_RESOURCES);
}

static int iet_invalid_cdb(struct iet_cmd *cmd)
{
	return scsi_fail(&cmd->sense, SCSI_SENSE_ILLEGAL_REQUEST,
			 SCSI_ASC_INVALID_FIELD_IN_CDB);
}

/* Reads len bytes at the command's LBA and compares them with its data. */
static int iet_read_compare(struct iet_cmd *cmd, struct iet_buf *b, u32 len)
{
	struct iet_lun *lun = cmd->lun;
	int err;

	if (iet_buf_alloc(b, len))
		return iet_no_resources(cmd);
	err = lun->ops->io->rw_pages(lun, b->pages, len, cmd->req.lba, false,
				     false);
	if (err)
		return scsi_fail(&cmd->sense, SCSI_SENSE_MEDIUM_ERROR,
				 SCSI_ASC_UNRECOVERED_READ_ERROR);
	return iet_buf_compare(b, cmd, len);
}

/*
 * VERIFY with BYTCHK=1 compares what came with the medium. BYTCHK=0 asks
 * the medium to be readable, which a store without its own error
 * detection cannot check better than the read that would follow: GOOD.
 */
static int iet_cmd_verify(struct iet_cmd *cmd)
{
	struct iet_buf b = { 0 };
	int ret;

	if (!cmd->req.compare || !cmd->len)
		return 0;
	ret = iet_read_compare(cmd, &b, cmd->len);
	iet_buf_free(&b);
	return ret;
}

/*
 * COMPARE AND WRITE (SBC-3 5.3): nothing else writes the LUN between the
 * read and the write. Both halves must have come whole: an expected
 * length other than twice the blocks is refused before the medium.
 */
static int iet_cmd_caw(struct iet_cmd *cmd)
{
	struct iet_lun *lun = cmd->lun;
	u32 half = cmd->req.data_len / 2;
	struct iet_buf b = { 0 };
	int ret;

	if (cmd->edtl != cmd->req.data_len || cmd->len != cmd->req.data_len)
		return iet_invalid_cdb(cmd);
	if (!half)
		return 0;
	iet_gate_close(&lun->write_gate);
	ret = iet_read_compare(cmd, &b, half);
	if (!ret) {
		iet_buf_copy(&b, cmd, half, half);
		if (lun->ops->io->rw_pages(lun, b.pages, half, cmd->req.lba,
					   true, cmd->req.fua))
			ret = scsi_fail(&cmd->sense, SCSI_SENSE_MEDIUM_ERROR,
					SCSI_ASC_WRITE_ERROR);
	}
	iet_gate_open(&lun->write_gate);
	iet_buf_free(&b);
	return ret;
}

/*
 * ORWRITE (SBC-3 5.12): read, OR, write, with the LUN's other writes held
 * off as for COMPARE AND WRITE, so no write between is lost.
 */
static int iet_cmd_orwrite(struct iet_cmd *cmd)
{
	struct iet_lun *lun = cmd->lun;
	struct iet_buf b = { 0 };
	u32 i, off;
	u8 *x, *y;
	int ret = 0;

	if (!cmd->len)
		return 0;
	if (iet_buf_alloc(&b, cmd->len))
		return iet_no_resources(cmd);
	iet_gate_close(&lun->write_gate);
	if (lun->ops->io->rw_pages(lun, b.pages, cmd->len, cmd->req.lba,
				   false, false)) {
		ret = scsi_fail(&cmd->sense, SCSI_SENSE_MEDIUM_ERROR,
				SCSI_ASC_UNRECOVERED_READ_ERROR);
		goto out;
	}
	for (off = 0; off < cmd->len; off += PAGE_SIZE) {
		x = page_address(b.pages[off / PAGE_SIZE]);
		y = page_address(cmd->pages[off / PAGE_SIZE]);
		for (i = 0; i < min_t(u32, cmd->len - off, PAGE_SIZE); i++)
			x[i] |= y[i];
	}
	if (lun->ops->io->rw_pages(lun, b.pages, cmd->len, cmd->req.lba, true,
				   cmd->req.fua))
		ret = scsi_fail(&cmd->sense, SCSI_SENSE_MEDIUM_ERROR,
				SCSI_ASC_WRITE_ERROR);
out:
	iet_gate_open(&lun->write_gate);
	iet_buf_free(&b);
	return ret;
}

static bool iet_all_zero(const u8 *p, u32 n)
{
	return !p[0] && !memcmp(p, p + 1, n - 1);
}

/*
 * WRITE SAME the slow way: a piece filled with copies of the block (or
 * zeroes), written again and again until the range is covered.
 */
static int iet_ws_replicate(struct iet_cmd *cmd, bool zero)
{
	struct iet_lun *lun = cmd->lun;
	u64 lba = cmd->req.lba, left = cmd->req.nblocks;
	u32 per = IET_WS_CHUNK >> lun->blkbits, i, n;
	struct iet_buf b;
	u8 *page;
	int err;

	per = min_t(u64, per, left);
	if (iet_buf_alloc(&b, per << lun->blkbits))
		return -ENOMEM;
	for (i = 0; i < per; i++) {
		page = page_address(b.pages[(i << lun->blkbits) / PAGE_SIZE]);
		page += (i << lun->blkbits) % PAGE_SIZE;
		if (zero)
			memset(page, 0, lun->blocksize);
		else
			memcpy(page, page_address(cmd->pages[0]),
			       lun->blocksize);
	}
	for (err = 0; left && !err; left -= n, lba += n) {
		n = min_t(u64, left, per);
		err = lun->ops->io->rw_pages(lun, b.pages, n << lun->blkbits,
					     lba, true, false);
	}
	iet_buf_free(&b);
	return err;
}

/*
 * WRITE SAME (SBC-3 5.42): with UNMAP, the blocks are deallocated, as
 * the conformance suites expect whatever the block holds; zeroes (or
 * NDOB) go through the store's write-zeroes; anything else is copied.
 */
static int iet_cmd_write_same(struct iet_cmd *cmd)
{
	const struct iet_backend_io *io = cmd->lun->ops->io;
	struct iet_lun *lun = cmd->lun;
	struct scsi_req *req = &cmd->req;
	bool zero;
	int err;

	if (cmd->edtl != req->data_len || cmd->len != req->data_len)
		return iet_invalid_cdb(cmd);
	zero = req->ndob || iet_all_zero(page_address(cmd->pages[0]),
					 lun->blocksize);
	iet_gate_enter(&lun->write_gate);
	if (req->unmap) {
		err = io->discard(lun, req->lba, req->nblocks);
	} else {
		err = zero ? io->zeroout(lun, req->lba, req->nblocks) :
			     -EOPNOTSUPP;
		if (err == -EOPNOTSUPP)
			err = iet_ws_replicate(cmd, zero);
	}
	iet_gate_leave(&lun->write_gate);
	if (err)
		return scsi_fail(&cmd->sense, SCSI_SENSE_MEDIUM_ERROR,
				 SCSI_ASC_WRITE_ERROR);
	return 0;
}

/* len bytes of the command's data, from off, to a flat buffer. */
static void iet_cmd_copy(struct iet_cmd *cmd, u32 off, u8 *dst, u32 len)
{
	u32 done, n, src;

	for (done = 0; done < len; done += n) {
		src = (off + done) % PAGE_SIZE;
		n = min_t(u32, len - done, PAGE_SIZE - src);
		memcpy(dst + done,
		       page_address(cmd->pages[(off + done) / PAGE_SIZE]) + src,
		       n);
	}
}

static int iet_unmap_extents(struct iet_cmd *cmd, const u8 *p,
			     struct scsi_extent *ext)
{
	struct iet_lun *lun = cmd->lun;
	struct scsi_lu lu = { .blocks = lun->blocks };
	int nr, i, err = 0;

	nr = scsi_unmap_params(p, cmd->len, &lu, ext, SCSI_UNMAP_MAX_DESC,
			       &cmd->sense);
	if (nr < 0)
		return -nr;
	iet_gate_enter(&lun->write_gate);
	for (i = 0; i < nr && !err; i++)
		err = lun->ops->io->discard(lun, ext[i].lba, ext[i].nblocks);
	iet_gate_leave(&lun->write_gate);
	if (err)
		return scsi_fail(&cmd->sense, SCSI_SENSE_MEDIUM_ERROR,
				 SCSI_ASC_WRITE_ERROR);
	return 0;
}

/*
 * UNMAP (SBC-3 5.28): the parameter list as far as it came (a shorter
 * one is checked as it is), then one discard per extent.
 */
static int iet_cmd_unmap(struct iet_cmd *cmd)
{
	struct scsi_extent *ext;
	u8 *p;
	int ret;

	p = kmalloc(max_t(u32, cmd->len, 1), GFP_NOIO);
	ext = kmalloc_array(SCSI_UNMAP_MAX_DESC, sizeof(*ext), GFP_NOIO);
	if (p && ext) {
		iet_cmd_copy(cmd, 0, p, cmd->len);
		ret = iet_unmap_extents(cmd, p, ext);
	} else {
		ret = iet_no_resources(cmd);
	}
	kfree(ext);
	kfree(p);
	return ret;
}

/* One extent from lba: the store's answer, or mapped to the end. */
static int iet_lba_extent(struct iet_lun *lun, u64 lba, u32 *n, bool *mapped)
{
	u64 len = lun->blocks - lba;
	int err = 0;

	*mapped = true;
	if (lun->ops->io->lba_status)
		err = lun->ops->io->lba_status(lun, lba, &len, mapped);
	*n = min3(len, lun->blocks - lba, (u64)U32_MAX);
	return err;
}

/*
 * GET LBA STATUS (SBC-3 5.6): descriptors from the LBA asked for, as many
 * as the allocation length holds (at least the first, whose length the
 * header then counts), up to the end of the LU.
 */
static int iet_cmd_lba_status(struct iet_cmd *cmd)
{
	struct iet_lun *lun = cmd->lun;
	u64 lba = cmd->req.lba;
	unsigned int i, max;
	struct scsi_out o;
	bool mapped;
	u32 n;

	max = cmd->req.data_len > 24 ? (cmd->req.data_len - 8) / 16 : 1;
	scsi_out_init(&o, cmd->len ? page_address(cmd->pages[0]) : NULL,
		      cmd->len);
	scsi_lba_status_begin(&o);
	for (i = 0; i < max && lba < lun->blocks; i++, lba += n) {
		if (iet_lba_extent(lun, lba, &n, &mapped))
			return scsi_fail(&cmd->sense, SCSI_SENSE_MEDIUM_ERROR,
					 SCSI_ASC_UNRECOVERED_READ_ERROR);
		scsi_lba_status_add(&o, lba, n, mapped);
	}
	scsi_lba_status_end(&o);
	cmd->want = min(o.pos, cmd->req.data_len);
	cmd->len = min(cmd->want, cmd->edtl);
	return 0;
}

/* Sets cmd->status, and the sense when it is a CHECK CONDITION. */
void iet_cmd_sbc(struct iet_cmd *cmd)
{
	int ret;

	switch (cmd->req.kind) {
	case SCSI_K_VERIFY:
		ret = iet_cmd_verify(cmd);
		break;
	case SCSI_K_CAW:
		ret = iet_cmd_caw(cmd);
		break;
	case SCSI_K_ORWRITE:
		ret = iet_cmd_orwrite(cmd);
		break;
	case SCSI_K_WRITE_SAME:
		ret = iet_cmd_write_same(cmd);
		break;
	case SCSI_K_UNMAP:
		ret = iet_cmd_unmap(cmd);
		break;
	case SCSI_K_LBA_STATUS:
		ret = iet_cmd_lba_status(cmd);
		break;
	default:
		ret = 0;
		break;
	}
	if (ret) {
		cmd->status = SCSI_STATUS_CHECK_CONDITION;
		cmd->len = 0;
	}
}
