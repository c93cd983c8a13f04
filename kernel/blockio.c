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

/*
 * UNMAP only where the device discards. LBPRZ stays 0: a discard need not
 * zero (an SSD may keep the data; dm-thin ignores what does not cover a
 * whole chunk), so the target does not promise zeroes. The granularity
 * is the device's, a thin pool's chunk size for a thin LV.
 */
static void blockio_provisioning(struct iet_lun *lun,
				 struct block_device *bdev)
{
	u32 gran = bdev_discard_granularity(bdev) >> lun->blkbits;

	if (lun->iomode == IET_IOMODE_RO || !bdev_max_discard_sectors(bdev))
		return;
	lun->can_unmap = true;
	lun->unmap_gran_blocks = max(gran, 1u);
	lun->unmap_align_blocks = (bdev_discard_alignment(bdev) >>
				   lun->blkbits) % lun->unmap_gran_blocks;
}

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
	blockio_provisioning(lun, b->bdev);
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

/* An LV grows with lvextend while the LUN runs. */
static u64 blockio_size(struct iet_lun *lun)
{
	struct iet_bdev *b = lun->priv;

	return bdev_nr_bytes(b->bdev) >> lun->blkbits;
}

const struct iet_backend_ops iet_blockio_ops = {
	.name = "blockio",
	.attach = blockio_attach,
	.detach = blockio_detach,
	.size = blockio_size,
	.io = &iet_blockio_io,
};
