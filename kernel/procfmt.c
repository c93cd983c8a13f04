// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/net/iet line formats, as IET printed them (see procfmt.h).
 */
#include "procfmt.h"

const char *iet_iomode_name(u32 iomode)
{
	switch (iomode) {
	case IET_IOMODE_RO:
		return "ro";
	case IET_IOMODE_WB:
		return "wb";
	default:
		return "wt";
	}
}

/* Column 0, one space: "tid:1 name:iqn...". */
int iet_fmt_target(char *buf, size_t size, u32 tid, const char *name)
{
	return snprintf(buf, size, "tid:%u name:%s\n", tid, name);
}

/* One TAB; nullio has no path, so its line ends after the block size. */
int iet_fmt_lun(char *buf, size_t size, const struct iet_lun_line *l)
{
	return snprintf(buf, size,
			"\tlun:%u state:%x iotype:%s iomode:%s blocks:%llu blocksize:%u%s%s\n",
			l->lun, l->state, l->iotype, iet_iomode_name(l->iomode),
			(unsigned long long)l->blocks, l->blocksize,
			l->path ? " path:" : "", l->path ? l->path : "");
}
