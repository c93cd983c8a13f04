// SPDX-License-Identifier: GPL-2.0
/*
 * blockio's data path: bios straight from the command's pages, no bounce
 * buffer; SYNCHRONIZE CACHE becomes a flush and FUA stays FUA, so that an
 * acknowledged write is on stable storage when the initiator asked for it.
 */
#include <linux/bio.h>
#include <linux/blkdev.h>
#include "cmd.h"
#include "compat.h"
#include "lun.h"

static int blockio_rw(struct iet_lun *lun, struct iet_cmd *cmd, blk_opf_t opf)
{
	struct block_device *bdev = ((struct iet_bdev *)lun->priv)->bdev;
	sector_t sector = cmd->req.lba << (lun->blkbits - SECTOR_SHIFT);
	struct bio *bio = NULL, *next;
	unsigned int i, nr;
	u32 done, len;
	int err;

	for (i = 0, done = 0; done < cmd->len; i++, done += len) {
		len = min_t(u32, cmd->len - done, PAGE_SIZE);
		if (bio && bio_add_page(bio, cmd->pages[i], len, 0) == len)
			continue;
		nr = min_t(unsigned int, cmd->nr_pages - i, BIO_MAX_VECS);
		next = bio_alloc(bdev, nr, opf, GFP_NOIO);
		next->bi_iter.bi_sector = sector + (done >> SECTOR_SHIFT);
		if (bio) {
			bio_chain(bio, next);
			submit_bio(bio);
		}
		bio = next;
		__bio_add_page(bio, cmd->pages[i], len, 0);
	}
	if (!bio)
		return 0;
	/* The last bio is the parent of the chain: it ends after all. */
	err = submit_bio_wait(bio);
	bio_put(bio);
	return err;
}

static int blockio_read(struct iet_lun *lun, struct iet_cmd *cmd)
{
	return blockio_rw(lun, cmd, REQ_OP_READ);
}

static int blockio_write(struct iet_lun *lun, struct iet_cmd *cmd)
{
	return blockio_rw(lun, cmd, REQ_OP_WRITE | REQ_SYNC |
			  (cmd->req.fua ? REQ_FUA : 0));
}

static int blockio_flush(struct iet_lun *lun, u64 lba, u32 nblocks)
{
	return blkdev_issue_flush(((struct iet_bdev *)lun->priv)->bdev);
}

const struct iet_backend_io iet_blockio_io = {
	.read = blockio_read,
	.write = blockio_write,
	.flush = blockio_flush,
};
