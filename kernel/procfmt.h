/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The lines of /proc/net/iet/{volume,session}. Scripts in the wild
 * (OpenStack Cinder, boot-menu CGIs, monitoring) parse them byte for byte,
 * so every space and TAB here is part of a contract with IET's users.
 */
#ifndef IET_PROCFMT_H
#define IET_PROCFMT_H

#include "pure.h"
#include "iet_genl.h"

struct iet_lun_line {
	u32 lun;
	u32 state;			/* enum iet_lun_state */
	const char *iotype;		/* blockio, fileio, nullio */
	u32 iomode;			/* enum iet_iomode */
	u64 blocks;
	u32 blocksize;
	const char *path;		/* NULL: no path field (nullio) */
};

/* Each returns what snprintf() returns: the length the line needs. */
int iet_fmt_target(char *buf, size_t size, u32 tid, const char *name);
int iet_fmt_lun(char *buf, size_t size, const struct iet_lun_line *l);
const char *iet_iomode_name(u32 iomode);
int iet_fmt_session(char *buf, size_t size, u64 sid, const char *initiator);
int iet_fmt_conn(char *buf, size_t size, u32 cid, const char *ip,
		 bool closing, u32 header_digest, u32 data_digest);

#endif /* IET_PROCFMT_H */
