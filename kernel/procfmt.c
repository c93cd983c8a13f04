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

/* One TAB: sid in decimal, (TSIH << 48) | ISID as ietd computed it. */
int iet_fmt_session(char *buf, size_t size, u64 sid, const char *initiator)
{
	return snprintf(buf, size, "\tsid:%llu initiator:%s\n",
			(unsigned long long)sid, initiator);
}

static const char *iet_digest_name(u32 digest)
{
	return digest == IET_DIGEST_CRC32C ? "crc32c" :
	       digest == IET_DIGEST_NONE ? "none" : "unknown";
}

/* Two TABs; ip is a dotted quad or a bracketed, zero-padded IPv6. */
int iet_fmt_conn(char *buf, size_t size, u32 cid, const char *ip,
		 bool closing, u32 header_digest, u32 data_digest)
{
	return snprintf(buf, size, "\t\tcid:%u ip:%s state:%s hd:%s dd:%s\n",
			cid, ip, closing ? "closing" : "active",
			iet_digest_name(header_digest),
			iet_digest_name(data_digest));
}
