// SPDX-License-Identifier: GPL-2.0
/*
 * blockio's data path: bios straight from the command's pages, no bounce
 * buffer; SYNCHRONIZE CACHE becomes a flush and FUA stays FUA, so that an
 * acknowledged write is on stable storage when the initiator asked for it.
 * UNMAP becomes a discard, and a WRITE SAME of zeroes a write-zeroes.
 */
#include <linux/bio.h>
#include <linux/blkdev.h>
#include "cmd.h"
#include "compat.h"
#include "lun.h"

static struct block_device *blockio_bdev(struct iet_lun *lun)
{
	return ((struct iet_bdev *)lun->priv)->bdev;
}

static sector_t blockio_sector(struct iet_lun *lun, u64 lba)
{
	return lba << (lun->blkbits - SECTOR_SHIFT);
}

/*
 * Bios for size bytes of pages at lba, chained: all but the last are
 * submitted here; the last, returned, is the parent of the chain and ends
 * after all of them. NULL when size is 0.
 */
static struct bio *blockio_bios(struct iet_lun *lun, struct page **pages,
				u32 size, u64 lba, blk_opf_t opf)
{
	struct block_device *bdev = blockio_bdev(lun);
	sector_t sector = blockio_sector(lun, lba);
	unsigned int nr_pages = DIV_ROUND_UP(size, PAGE_SIZE);
	struct bio *bio = NULL, *next;
	unsigned int i, nr;
	u32 done, len;

	for (i = 0, done = 0; done < size; i++, done += len) {
		len = min_t(u32, size - done, PAGE_SIZE);
		if (bio && bio_add_page(bio, pages[i], len, 0) == len)
			continue;
		nr = min_t(unsigned int, nr_pages - i, BIO_MAX_VECS);
		next = bio_alloc(bdev, nr, opf, GFP_NOIO);
		next->bi_iter.bi_sector = sector + (done >> SECTOR_SHIFT);
		if (bio) {
			bio_chain(bio, next);
			submit_bio(bio);
		}
		bio = next;
		__bio_add_page(bio, pages[i], len, 0);
	}
	return bio;
}

static int blockio_rw(struct iet_lun *lun, struct page **pages, u32 size,
		      u64 lba, blk_opf_t opf)
{
	struct bio *bio = blockio_bios(lun, pages, size, lba, opf);
	int err;

	if (!bio)
		return 0;
	err = submit_bio_wait(bio);
	bio_put(bio);
	return err;
}

/*
 * An initiator's write is a direct write that someone waits for: SYNC and
 * IDLE, as O_DIRECT marks it, so that writeback throttling (wbt), which is
 * there to hold back a page cache's background writeback, lets it through.
 */
static blk_opf_t blockio_write_opf(bool fua)
{
	return REQ_OP_WRITE | REQ_SYNC | REQ_IDLE | (fua ? REQ_FUA : 0);
}

/*
 * DPO only hints at cache retention and is ignored. FUA on a read asks
 * for the medium, not a cache: the bios go to the device, whose own cache
 * is coherent with its medium, so a plain read already is that.
 */
static int blockio_read(struct iet_lun *lun, struct iet_cmd *cmd)
{
	return blockio_rw(lun, cmd->pages, cmd->len, cmd->req.lba,
			  REQ_OP_READ);
}

static int blockio_write(struct iet_lun *lun, struct iet_cmd *cmd)
{
	return blockio_rw(lun, cmd->pages, cmd->len, cmd->req.lba,
			  blockio_write_opf(cmd->req.fua));
}

static void blockio_end_io(struct bio *bio)
{
	struct iet_cmd *cmd = bio->bi_private;
	int err = blk_status_to_errno(bio->bi_status);

	bio_put(bio);
	iet_cmd_io_done(cmd, err);
}

/* A read or write that the rx thread starts: nobody waits for it. */
static void blockio_submit(struct iet_lun *lun, struct iet_cmd *cmd)
{
	bool write = cmd->req.kind == SCSI_K_WRITE;
	struct bio *bio;

	bio = blockio_bios(lun, cmd->pages, cmd->len, cmd->req.lba,
			   write ? blockio_write_opf(cmd->req.fua) :
				   REQ_OP_READ);
	bio->bi_private = cmd;
	bio->bi_end_io = blockio_end_io;
	submit_bio(bio);
}

static int blockio_rw_pages(struct iet_lun *lun, struct page **pages,
			    u32 len, u64 lba, bool write, bool fua)
{
	return blockio_rw(lun, pages, len, lba,
			  write ? blockio_write_opf(fua) : REQ_OP_READ);
}

static int blockio_flush(struct iet_lun *lun, u64 lba, u32 nblocks)
{
	return blkdev_issue_flush(blockio_bdev(lun));
}

static int blockio_discard(struct iet_lun *lun, u64 lba, u64 nblocks)
{
	return blkdev_issue_discard(blockio_bdev(lun),
				    blockio_sector(lun, lba),
				    blockio_sector(lun, nblocks), GFP_NOIO);
}

/*
 * Zeroes that stay allocated (NOUNMAP): a WRITE SAME without UNMAP must
 * leave its blocks mapped. Where the device has no write-zeroes, the
 * block layer writes zero pages itself, still cheaper than our copies.
 */
static int blockio_zeroout(struct iet_lun *lun, u64 lba, u64 nblocks)
{
	return blkdev_issue_zeroout(blockio_bdev(lun), blockio_sector(lun, lba),
				    blockio_sector(lun, nblocks), GFP_NOIO,
				    BLKDEV_ZERO_NOUNMAP);
}

const struct iet_backend_io iet_blockio_io = {
	.read = blockio_read,
	.write = blockio_write,
	.submit = blockio_submit,
	.flush = blockio_flush,
	.rw_pages = blockio_rw_pages,
	.discard = blockio_discard,
	.zeroout = blockio_zeroout,
};
