/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Making the kernel hold what ietd.conf says, at startup.
 */
#ifndef IET_APPLY_H
#define IET_APPLY_H

#include <stddef.h>

#include "lunparams.h"

struct config;
struct kern;

/*
 * Whether the file behind a LUN is there and of the right kind, so that
 * a missing disk is reported before the kernel is touched.
 */
int lun_check_path(const struct lun_params *p, char *msg, size_t len);

/* lun_check_path() for every LUN; "FILE:LINE: Lun N: ..." on failure. */
int apply_check_paths(const struct config *cfg, char *err, size_t len);

/*
 * Add what @cfg has and the kernel lacks. A live target of the same name
 * is kept (its tid too) and gets the configured target keys; a live LUN is
 * left as it is; live targets not in @cfg stay. If anything fails, what
 * this call did is undone and "FILE:LINE: ..." says why.
 */
int apply_config(struct kern *k, const struct config *cfg, char *err,
		 size_t len);

#endif /* IET_APPLY_H */
