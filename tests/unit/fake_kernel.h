/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The state of the in-memory iscsi_trgt of fake_kernel.c.
 */
#ifndef IET_FAKE_KERNEL_H
#define IET_FAKE_KERNEL_H

#include <limits.h>

#include "kernel.h"

struct fake_target {
	uint32_t tid;
	char name[IET_NAME_MAX + 1];
	unsigned int params[TGT_NR];
};

struct fake_lun {
	uint32_t tid;
	uint32_t lun;
	enum iet_lun_type type;
	char path[PATH_MAX];
};

struct fake_session {
	uint32_t tid;
	uint64_t sid;
	char initiator[IET_NAME_MAX + 1];
	uint32_t cid;		/* one connection a session */
	uint32_t params[IET_P_MAX + 1];
	int fd;			/* our copy of the socket, as the kernel's */
};

struct fake_state {
	struct fake_target targets[512];
	unsigned int nr_targets;
	struct fake_lun luns[512];
	unsigned int nr_luns;
	uint32_t last_tid;
	char msg[128];
	/* How often each call was made, for "did nothing" checks. */
	unsigned int calls;
	unsigned int target_news;
	unsigned int target_sets;
	unsigned int lun_news;
	/* Sessions, kept only with IET_FAKE_CONN=1 (else EOPNOTSUPP). */
	struct fake_session sessions[64];
	unsigned int nr_sessions;
	unsigned int conn_news;
	unsigned int session_dels;
	unsigned int conn_dels;
};

extern struct fake_state fake;

void fake_reset(void);

#endif /* IET_FAKE_KERNEL_H */
