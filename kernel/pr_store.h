/* SPDX-License-Identifier: GPL-2.0 */
#ifndef IET_PR_STORE_H
#define IET_PR_STORE_H

#include <linux/path.h>
#include <linux/types.h>
#include "iet_genl.h"

struct scsi_pr;

/*
 * Where the persistent reservations of one LU are kept for APTPL: two
 * files, NAME.0 and NAME.1, in a directory ietd opened and handed over.
 * Each save goes to the older file and is synced before PERSISTENT
 * RESERVE OUT completes; a save cut short by a crash leaves the other.
 */
struct iet_pr_store {
	struct path dir;		/* dir.dentry NULL: nothing is kept */
	char name[IET_NAME_MAX + 16];	/* "<target name>,<lun>" */
	u32 seq;			/* of the newest file */
	char *buf;			/* SCSI_PR_FILE_MAX bytes */
};

/*
 * Takes the directory of fd and loads the newest file into pr, if any
 * holds a state saved with APTPL. 0 with nothing kept when fd < 0.
 */
int iet_pr_store_open(struct iet_pr_store *ps, int fd, const char *target,
		      u32 lun, struct scsi_pr *pr);
void iet_pr_store_close(struct iet_pr_store *ps);
int iet_pr_store_save(struct iet_pr_store *ps, const struct scsi_pr *pr);

static inline bool iet_pr_store_usable(const struct iet_pr_store *ps)
{
	return ps->dir.dentry;
}

#endif /* IET_PR_STORE_H */
