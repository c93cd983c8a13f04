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
	return 0;
}

static void nullio_detach(struct iet_lun *lun)
{
}

/* Reads return zeroes: never what another command left in the page. */
static int nullio_read(struct iet_lun *lun, struct iet_cmd *cmd)
{
	unsigned int i;

	for (i = 0; i < cmd->nr_pages; i++)
		clear_highpage(cmd->pages[i]);
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
};

const struct iet_backend_ops iet_nullio_ops = {
	.name = "nullio",
	.attach = nullio_attach,
	.detach = nullio_detach,
	.io = &iet_nullio_io,
};
