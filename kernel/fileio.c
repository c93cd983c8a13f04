// SPDX-License-Identifier: GPL-2.0
/*
 * fileio: a LUN on a regular file (or a block device through its page
 * cache). IOMode=wb lets the page cache absorb writes; wt writes through.
 */
#include <linux/fs.h>
#include <linux/falloc.h>
#include <linux/netlink.h>
#include "lun.h"

/*
 * UNMAP punches holes, so only in a writable regular file on a file
 * system that punches: a hole punched past the end of the file changes
 * nothing and tells. A hole reads back as zeroes (LBPRZ). The file
 * system's block is the granularity: a smaller punch only zeroes.
 */
static void fileio_provisioning(struct iet_lun *lun, struct file *file)
{
	struct inode *inode = file_inode(file);
	loff_t end = round_up(i_size_read(inode), i_blocksize(inode));

	if (lun->iomode == IET_IOMODE_RO || !S_ISREG(inode->i_mode) ||
	    vfs_fallocate(file, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
			  end, i_blocksize(inode)))
		return;
	lun->can_unmap = true;
	lun->lbprz = true;
	lun->unmap_gran_blocks = max(i_blocksize(inode) >> lun->blkbits, 1u);
}

static int fileio_attach(struct iet_lun *lun, const struct iet_lun_config *cfg,
			 struct netlink_ext_ack *extack)
{
	int flags = O_LARGEFILE;
	struct file *file;
	umode_t mode;
	int err;

	flags |= cfg->iomode == IET_IOMODE_RO ? O_RDONLY : O_RDWR;
	file = filp_open(cfg->path, flags, 0);
	if (IS_ERR(file)) {
		NL_SET_ERR_MSG(extack, "cannot open the file");
		return PTR_ERR(file);
	}
	mode = file_inode(file)->i_mode;
	if (!S_ISREG(mode) && !S_ISBLK(mode)) {
		NL_SET_ERR_MSG(extack, "not a regular file or a block device");
		err = -EINVAL;
		goto err_close;
	}
	/* For a device node the size lives in the device's own inode. */
	lun->blocks = i_size_read(file->f_mapping->host) >> lun->blkbits;
	if (!lun->blocks) {
		NL_SET_ERR_MSG(extack, "the file is smaller than one block");
		err = -EINVAL;
		goto err_close;
	}
	lun->priv = file;
	fileio_provisioning(lun, file);
	return 0;

err_close:
	filp_close(file, NULL);
	return err;
}

static void fileio_detach(struct iet_lun *lun)
{
	filp_close(lun->priv, NULL);
}

/* As fileio_attach() reads it: a file grows with truncate. */
static u64 fileio_size(struct iet_lun *lun)
{
	struct file *file = lun->priv;

	return i_size_read(file->f_mapping->host) >> lun->blkbits;
}

const struct iet_backend_ops iet_fileio_ops = {
	.name = "fileio",
	.attach = fileio_attach,
	.detach = fileio_detach,
	.size = fileio_size,
	.io = &iet_fileio_io,
};
