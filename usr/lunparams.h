/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The parameters of a LUN, as written after "Lun N" in ietd.conf and in
 * ietadm --op new --lun=N --params: Path=..,Type=blockio|fileio|nullio,
 * ScsiId=..,ScsiSN=..,IOMode=wb|wt|ro,BlockSize=..,Blocks=.. (nullio).
 * Names are matched ignoring case, as IET does since 1.4.20.
 */
#ifndef IET_LUNPARAMS_H
#define IET_LUNPARAMS_H

#include <stdbool.h>
#include <stddef.h>

#include "iet_genl.h"

struct lun_params {
	enum iet_lun_type type;
	char *path;			/* NULL for nullio */
	enum iet_iomode iomode;
	bool iomode_set;		/* unset: the kernel's default */
	unsigned int blocksize;		/* 0: the backend's default */
	unsigned long long blocks;	/* nullio; 0: the default size */
	char scsi_id[IET_SCSI_ID_MAX + 1];
	char scsi_sn[IET_SCSI_SN_MAX + 1];
};

/*
 * Parse @str into @lp. Returns 0, or -EINVAL (-ENOMEM) with a sentence in
 * @msg. On success lun_params_free() releases @lp; on failure nothing is
 * held.
 */
int lun_params_parse(const char *str, struct lun_params *lp,
		     char *msg, size_t len);
void lun_params_free(struct lun_params *lp);

/* Parse a LUN number, 0..IET_LUN_MAX. */
int lun_number_parse(const char *str, unsigned int *lun,
		     char *msg, size_t len);

const char *lun_type_name(enum iet_lun_type type);
const char *lun_iomode_name(enum iet_iomode mode);

#endif /* IET_LUNPARAMS_H */
