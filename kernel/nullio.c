// SPDX-License-Identifier: GPL-2.0
/*
 * nullio: a LUN with a size and no storage, for testing the path above it.
 */
#include <linux/highmem.h>
#include <linux/sizes.h>
#include "cmd.h"
#include "lun.h"

/* IET's nullio size when Blocks= is not given. */
#define NULLIO_DEFAULT_BYTES	(64ULL * SZ_1G)

static int nullio_attach(struct iet_lun *lun, const struct iet_lun_config *cfg,
			 struct netlink_ext_ack *extack)
{
	lun->blocks = cfg->blocks ? cfg->blocks :
		      NULLIO_DEFAULT_BYTES >> lun->blkbits;
	/* Every block reads as zeroes: deallocating is free and true. */
	lun->can_unmap = lun->iomode != IET_IOMODE_RO;
	lun->lbprz = true;
	lun->unmap_gran_blocks = 1;
	return 0;
}

static void nullio_detach(struct iet_lun *lun)
{
}

/* Reads return zeroes: never what another command left in the page. */
static int nullio_rw_pages(struct iet_lun *lun, struct page **pages,
			   u32 len, u64 lba, bool write, bool fua)
{
	unsigned int i;

	if (!write)
		for (i = 0; i < DIV_ROUND_UP(len, PAGE_SIZE); i++)
			clear_highpage(pages[i]);
	return 0;
}

static int nullio_read(struct iet_lun *lun, struct iet_cmd *cmd)
{
	return nullio_rw_pages(lun, cmd->pages, cmd->len, 0, false, false);
}

/* Discards and zeroes: nothing to do. */
static int nullio_range(struct iet_lun *lun, u64 lba, u64 nblocks)
{
	return 0;
}

static int nullio_write(struct iet_lun *lun, struct iet_cmd *cmd)
{
	return 0;
}

static int nullio_flush(struct iet_lun *lun, u64 lba, u32 nblocks)
{
	return 0;
}

static const struct iet_backend_io iet_nullio_io = {
	.read = nullio_read,
	.write = nullio_write,
	.flush = nullio_flush,
	.rw_pages = nullio_rw_pages,
	.discard = nullio_range,
	.zeroout = nullio_range,
};

const struct iet_backend_ops iet_nullio_ops = {
	.name = "nullio",
	.attach = nullio_attach,
	.detach = nullio_detach,
	.io = &iet_nullio_io,
};
