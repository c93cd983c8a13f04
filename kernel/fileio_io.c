// SPDX-License-Identifier: GPL-2.0
/*
 * fileio's data path: the page cache with IOMode=wb, written through
 * (synced before the answer) with wt or when the command asks for FUA.
 */
#include <linux/bvec.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/uio.h>
#include "cmd.h"
#include "lun.h"

static int fileio_rw(struct iet_lun *lun, struct iet_cmd *cmd, bool write)
{
	struct file *file = lun->priv;
	loff_t pos = cmd->req.lba << lun->blkbits;
	struct bio_vec *bv;
	struct iov_iter iter;
	unsigned int i;
	u32 done, len;
	ssize_t ret;

	bv = kmalloc_array(cmd->nr_pages, sizeof(*bv), GFP_NOIO);
	if (!bv)
		return -ENOMEM;
	for (i = 0, done = 0; done < cmd->len; i++, done += len) {
		len = min_t(u32, cmd->len - done, PAGE_SIZE);
		bvec_set_page(&bv[i], cmd->pages[i], len, 0);
	}
	iov_iter_bvec(&iter, write ? ITER_SOURCE : ITER_DEST, bv, i, cmd->len);
	ret = write ? vfs_iter_write(file, &iter, &pos, 0) :
		      vfs_iter_read(file, &iter, &pos, 0);
	kfree(bv);
	if (ret >= 0 && ret != cmd->len)
		ret = -EIO;
	return ret < 0 ? ret : 0;
}

static int fileio_read(struct iet_lun *lun, struct iet_cmd *cmd)
{
	return fileio_rw(lun, cmd, false);
}

static int fileio_write(struct iet_lun *lun, struct iet_cmd *cmd)
{
	loff_t pos = cmd->req.lba << lun->blkbits;
	int err = fileio_rw(lun, cmd, true);

	if (!err && (cmd->req.fua || lun->iomode != IET_IOMODE_WB))
		err = vfs_fsync_range(lun->priv, pos, pos + cmd->len - 1, 1);
	return err;
}

/* nblocks 0: from lba to the end (SBC-3 5.22). */
static int fileio_flush(struct iet_lun *lun, u64 lba, u32 nblocks)
{
	loff_t start = lba << lun->blkbits;
	loff_t end = nblocks ? start + ((loff_t)nblocks << lun->blkbits) - 1 :
			       LLONG_MAX;

	return vfs_fsync_range(lun->priv, start, end, 1);
}

const struct iet_backend_io iet_fileio_io = {
	.read = fileio_read,
	.write = fileio_write,
	.flush = fileio_flush,
};
