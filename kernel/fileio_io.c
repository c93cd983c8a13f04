// SPDX-License-Identifier: GPL-2.0
/*
 * fileio's data path: the page cache with IOMode=wb, written through
 * (synced before the answer) with wt or when the command asks for FUA.
 * UNMAP punches holes, which read back as zeroes; GET LBA STATUS finds
 * them again with SEEK_DATA and SEEK_HOLE.
 */
#include <linux/bvec.h>
#include <linux/fs.h>
#include <linux/falloc.h>
#include <linux/slab.h>
#include <linux/uio.h>
#include "cmd.h"
#include "lun.h"

static int fileio_rw(struct iet_lun *lun, struct page **pages, u32 size,
		     u64 lba, bool write)
{
	struct file *file = lun->priv;
	loff_t pos = lba << lun->blkbits;
	struct bio_vec *bv;
	struct iov_iter iter;
	unsigned int i;
	u32 done, len;
	ssize_t ret;

	bv = kmalloc_array(DIV_ROUND_UP(size, PAGE_SIZE), sizeof(*bv),
			   GFP_NOIO);
	if (!bv)
		return -ENOMEM;
	for (i = 0, done = 0; done < size; i++, done += len) {
		len = min_t(u32, size - done, PAGE_SIZE);
		bvec_set_page(&bv[i], pages[i], len, 0);
	}
	iov_iter_bvec(&iter, write ? ITER_SOURCE : ITER_DEST, bv, i, size);
	ret = write ? vfs_iter_write(file, &iter, &pos, 0) :
		      vfs_iter_read(file, &iter, &pos, 0);
	kfree(bv);
	if (ret >= 0 && ret != size)
		ret = -EIO;
	return ret < 0 ? ret : 0;
}

/* Makes blocks durable unless the page cache may hold them (wb). */
static int fileio_sync(struct iet_lun *lun, u64 lba, u64 nblocks, bool fua)
{
	loff_t start = lba << lun->blkbits;

	if (!fua && READ_ONCE(lun->wce))
		return 0;
	return vfs_fsync_range(lun->priv, start,
			       start + (nblocks << lun->blkbits) - 1, 1);
}

static int fileio_rw_pages(struct iet_lun *lun, struct page **pages,
			   u32 len, u64 lba, bool write, bool fua)
{
	int err;

	/* FUA on a read: what the medium holds, so write back first. */
	if (!write && fua) {
		err = fileio_sync(lun, lba, len >> lun->blkbits, true);
		if (err)
			return err;
	}
	err = fileio_rw(lun, pages, len, lba, write);
	if (!err && write)
		err = fileio_sync(lun, lba, len >> lun->blkbits, fua);
	return err;
}

static int fileio_read(struct iet_lun *lun, struct iet_cmd *cmd)
{
	return fileio_rw_pages(lun, cmd->pages, cmd->len, cmd->req.lba, false,
			       cmd->req.fua);
}

static int fileio_write(struct iet_lun *lun, struct iet_cmd *cmd)
{
	return fileio_rw_pages(lun, cmd->pages, cmd->len, cmd->req.lba, true,
			       cmd->req.fua);
}

/* nblocks 0: from lba to the end (SBC-3 5.22). */
static int fileio_flush(struct iet_lun *lun, u64 lba, u32 nblocks)
{
	loff_t start = lba << lun->blkbits;
	loff_t end = nblocks ? start + ((loff_t)nblocks << lun->blkbits) - 1 :
			       LLONG_MAX;

	return vfs_fsync_range(lun->priv, start, end, 1);
}

static int fileio_fallocate(struct iet_lun *lun, int mode, u64 lba,
			    u64 nblocks)
{
	int err = vfs_fallocate(lun->priv, mode | FALLOC_FL_KEEP_SIZE,
				lba << lun->blkbits, nblocks << lun->blkbits);

	return err ? err : fileio_sync(lun, lba, nblocks, false);
}

static int fileio_discard(struct iet_lun *lun, u64 lba, u64 nblocks)
{
	return fileio_fallocate(lun, FALLOC_FL_PUNCH_HOLE, lba, nblocks);
}

/* Not every file system zeroes a range in place: -EOPNOTSUPP then. */
static int fileio_zeroout(struct iet_lun *lun, u64 lba, u64 nblocks)
{
	return fileio_fallocate(lun, FALLOC_FL_ZERO_RANGE, lba, nblocks);
}

/*
 * A block is deallocated only if all of it is a hole; one that holds any
 * data is mapped. So a hole counts from pos to the next data rounded
 * down, and data from pos to the next hole rounded up.
 */
static int fileio_lba_status(struct iet_lun *lun, u64 lba, u64 *nblocks,
			     bool *mapped)
{
	struct file *file = lun->priv;
	loff_t pos = lba << lun->blkbits, data, hole;
	u64 mask = lun->blocksize - 1;

	data = vfs_llseek(file, pos, SEEK_DATA);
	if (data == -ENXIO)	/* only a hole up to the end */
		data = (loff_t)lun->blocks << lun->blkbits;
	if (data < 0)
		return data;
	if (data - pos >= lun->blocksize) {
		*mapped = false;
		*nblocks = (data - pos) >> lun->blkbits;
		return 0;
	}
	hole = vfs_llseek(file, pos, SEEK_HOLE);
	if (hole < 0)
		return hole;
	*mapped = true;
	*nblocks = max_t(u64, ((u64)hole + mask - pos) >> lun->blkbits, 1);
	return 0;
}

const struct iet_backend_io iet_fileio_io = {
	.read = fileio_read,
	.write = fileio_write,
	.flush = fileio_flush,
	.rw_pages = fileio_rw_pages,
	.discard = fileio_discard,
	.zeroout = fileio_zeroout,
	.lba_status = fileio_lba_status,
};
