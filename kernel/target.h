/* SPDX-License-Identifier: GPL-2.0 */
#ifndef IET_TARGET_H
#define IET_TARGET_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include "iet_genl.h"

/* The target keys of ietd.conf that the data path uses. */
struct iet_target_params {
	u32 wthreads;
	u32 queued_cmds;
	u32 nop_interval;
	u32 nop_timeout;
};

struct iet_target {
	struct list_head list;		/* in iet_targets, by tid */
	u32 tid;
	char name[IET_NAME_MAX + 1];
	struct iet_target_params params;
	struct list_head luns;		/* struct iet_lun, by number; RCU */
	struct list_head sessions;	/* struct iet_session */
	spinlock_t ua_lock;		/* sessions' UAs; joining sessions */
};

/*
 * Every change of the configuration and every walk of it (netlink, /proc)
 * holds iet_config_mutex: changes are rare and small, and one lock keeps
 * the order of operations obvious.
 */
extern struct mutex iet_config_mutex;
extern struct list_head iet_targets;

void iet_target_params_default(struct iet_target_params *p);
struct iet_target *iet_target_find(u32 tid);
struct iet_target *iet_target_find_name(const char *name);
int iet_target_add(u32 *tid, const char *name,
		   const struct iet_target_params *params);
int iet_target_del(u32 tid, bool force);
void iet_target_del_all(void);

#endif /* IET_TARGET_H */
