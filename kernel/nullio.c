// SPDX-License-Identifier: GPL-2.0
/*
 * nullio: a LUN with a size and no storage, for testing the path above it.
 */
#include <linux/sizes.h>
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

const struct iet_backend_ops iet_nullio_ops = {
	.name = "nullio",
	.attach = nullio_attach,
	.detach = nullio_detach,
};
