// SPDX-License-Identifier: GPL-2.0
/*
 * blockio: a LUN on a block device such as an LVM logical volume, opened
 * exclusively so that nothing else on the server mounts it by mistake.
 */
#include <linux/blkdev.h>
#include <linux/netlink.h>
#include <linux/slab.h>
#include "compat.h"
#include "lun.h"

static int blockio_attach(struct iet_lun *lun, const struct iet_lun_config *cfg,
			  struct netlink_ext_ack *extack)
{
	bool ro = cfg->iomode == IET_IOMODE_RO;
	struct iet_bdev *b;
	unsigned int lbs;
	int err;

	b = kzalloc(sizeof(*b), GFP_KERNEL);
	if (!b)
		return -ENOMEM;
	/* The LUN is the holder: one device cannot back two LUNs. */
	err = iet_bdev_open(b, cfg->path, ro, lun);
	if (err) {
		NL_SET_ERR_MSG(extack, "cannot open the block device");
		goto err_free;
	}
	lbs = bdev_logical_block_size(b->bdev);
	if (cfg->blocksize < lbs) {
		NL_SET_ERR_MSG(extack,
			       "BlockSize is below the device's logical block size");
		err = -EINVAL;
		goto err_close;
	}
	lun->blocks = bdev_nr_bytes(b->bdev) >> lun->blkbits;
	if (!lun->blocks) {
		NL_SET_ERR_MSG(extack, "the device is smaller than one block");
		err = -EINVAL;
		goto err_close;
	}
	/*
	 * blockio passes every flush and FUA down to the device, so there is
	 * no target-side write cache to speak of: IET showed wt, and so do we.
	 */
	if (lun->iomode == IET_IOMODE_WB)
		lun->iomode = IET_IOMODE_WT;
	lun->priv = b;
	return 0;

err_close:
	iet_bdev_close(b);
err_free:
	kfree(b);
	return err;
}

static void blockio_detach(struct iet_lun *lun)
{
	struct iet_bdev *b = lun->priv;

	iet_bdev_close(b);
	kfree(b);
}

const struct iet_backend_ops iet_blockio_ops = {
	.name = "blockio",
	.attach = blockio_attach,
	.detach = blockio_detach,
	.io = &iet_blockio_io,
};
