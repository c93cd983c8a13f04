// SPDX-License-Identifier: GPL-2.0
/*
 * fileio: a LUN on a regular file (or a block device through its page
 * cache). IOMode=wb lets the page cache absorb writes; wt writes through.
 */
#include <linux/fs.h>
#include <linux/netlink.h>
#include "lun.h"

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
	return 0;

err_close:
	filp_close(file, NULL);
	return err;
}

static void fileio_detach(struct iet_lun *lun)
{
	filp_close(lun->priv, NULL);
}

const struct iet_backend_ops iet_fileio_ops = {
	.name = "fileio",
	.attach = fileio_attach,
	.detach = fileio_detach,
	.io = &iet_fileio_io,
};
