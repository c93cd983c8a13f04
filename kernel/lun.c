// SPDX-License-Identifier: GPL-2.0
/*
 * Logical units: a number inside a target, and a backend behind it.
 */
#include <linux/log2.h>
#include <linux/netlink.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "lun.h"
#include "pr_state.h"
#include "target.h"
#include "ua_state.h"

/* Where iet_lun_del waits for the commands that still use a LUN. */
static DECLARE_WAIT_QUEUE_HEAD(iet_lun_wait);

static const struct iet_backend_ops *iet_backends[] = {
	[IET_LUN_FILEIO] = &iet_fileio_ops,
	[IET_LUN_BLOCKIO] = &iet_blockio_ops,
	[IET_LUN_NULLIO] = &iet_nullio_ops,
};

struct iet_lun *iet_lun_find(struct iet_target *target, u32 lun)
{
	struct iet_lun *l;

	lockdep_assert_held(&iet_config_mutex);
	list_for_each_entry(l, &target->luns, list)
		if (l->lun == lun)
			return l;
	return NULL;
}

static void iet_lun_link(struct iet_target *target, struct iet_lun *lun)
{
	struct iet_lun *l;

	list_for_each_entry(l, &target->luns, list)
		if (l->lun > lun->lun)
			break;
	list_add_tail_rcu(&lun->list, &l->list);
}

/* The rx path's lookup: no lock but RCU, and a reference if running. */
struct iet_lun *iet_lun_get(struct iet_target *target, u32 lun)
{
	struct iet_lun *l, *found = NULL;

	rcu_read_lock();
	list_for_each_entry_rcu(l, &target->luns, list) {
		if (l->lun == lun) {
			if (refcount_inc_not_zero(&l->refs))
				found = l;
			break;
		}
	}
	rcu_read_unlock();
	return found;
}

void iet_lun_put(struct iet_lun *lun)
{
	if (refcount_dec_and_test(&lun->refs))
		wake_up_all(&iet_lun_wait);
}

/* REPORT LUNS: the numbers of the LUNs, in order. */
unsigned int iet_lun_numbers(struct iet_target *target, u32 *luns,
			     unsigned int max)
{
	struct iet_lun *l;
	unsigned int n = 0;

	rcu_read_lock();
	list_for_each_entry_rcu(l, &target->luns, list)
		if (n < max)
			luns[n++] = l->lun;
	rcu_read_unlock();
	return n;
}

static int iet_lun_check(const struct iet_lun_config *cfg,
			 struct netlink_ext_ack *extack)
{
	if (cfg->type >= ARRAY_SIZE(iet_backends)) {
		NL_SET_ERR_MSG(extack, "unknown LUN type");
		return -EINVAL;
	}
	if (!is_power_of_2(cfg->blocksize) || cfg->blocksize < 512 ||
	    cfg->blocksize > 4096) {
		NL_SET_ERR_MSG(extack, "BlockSize must be 512, 1024, 2048 or 4096");
		return -EINVAL;
	}
	if (cfg->type == IET_LUN_NULLIO && cfg->path) {
		NL_SET_ERR_MSG(extack, "nullio takes no Path");
		return -EINVAL;
	}
	if (cfg->type != IET_LUN_NULLIO && !cfg->path) {
		NL_SET_ERR_MSG(extack, "Path is required for blockio and fileio");
		return -EINVAL;
	}
	if (cfg->blocks && cfg->type != IET_LUN_NULLIO) {
		NL_SET_ERR_MSG(extack, "Blocks is for nullio only");
		return -EINVAL;
	}
	return 0;
}

static void iet_lun_free(struct iet_lun *lun)
{
	iet_pr_lun_free(lun);
	kfree(lun->path);
	kfree(lun);
}

int iet_lun_add(struct iet_target *target, const struct iet_lun_config *cfg,
		struct netlink_ext_ack *extack)
{
	struct iet_lun *lun;
	int err;

	lockdep_assert_held(&iet_config_mutex);
	err = iet_lun_check(cfg, extack);
	if (err)
		return err;
	if (iet_lun_find(target, cfg->lun))
		return -EEXIST;

	lun = kzalloc(sizeof(*lun), GFP_KERNEL);
	if (!lun)
		return -ENOMEM;
	lun->target = target;
	lun->lun = cfg->lun;
	lun->type = cfg->type;
	lun->state = IET_LUN_RUNNING;
	refcount_set(&lun->refs, 1);
	iet_gate_init(&lun->write_gate);
	iet_ts_init(&lun->ts);
	atomic_set(&lun->aborting, 0);
	init_waitqueue_head(&lun->abort_wait);
	lun->iomode = cfg->iomode;
	lun->blocksize = cfg->blocksize;
	lun->blkbits = ilog2(cfg->blocksize);
	lun->ops = iet_backends[cfg->type];
	if (cfg->scsi_id)
		strscpy(lun->scsi_id, cfg->scsi_id, sizeof(lun->scsi_id));
	if (cfg->scsi_sn)
		strscpy(lun->scsi_sn, cfg->scsi_sn, sizeof(lun->scsi_sn));
	if (cfg->path) {
		lun->path = kstrdup(cfg->path, GFP_KERNEL);
		if (!lun->path) {
			err = -ENOMEM;
			goto err_free;
		}
	}
	err = iet_pr_lun_init(lun, cfg->pr_dir_fd);
	if (err)
		goto err_free;
	err = lun->ops->attach(lun, cfg, extack);
	if (err)
		goto err_free;
	/* The cache IOMode=wb gives; MODE SELECT may switch it (fileio). */
	lun->wce = lun->iomode == IET_IOMODE_WB;

	iet_lun_link(target, lun);
	iet_ua_lun_added(target, lun->lun);
	pr_info("target %u lun %u: %s %s, %llu blocks of %u bytes\n",
		target->tid, lun->lun, lun->ops->name,
		lun->path ? lun->path : "", lun->blocks, lun->blocksize);
	return 0;

err_free:
	iet_lun_free(lun);
	return err;
}

void iet_lun_del(struct iet_lun *lun)
{
	lockdep_assert_held(&iet_config_mutex);
	lun->state = IET_LUN_DELETING;
	list_del_rcu(&lun->list);
	iet_ua_lun_removed(lun->target, lun->lun);
	synchronize_rcu();
	/* Commands that hold it finish first: their I/O needs the store. */
	if (!refcount_dec_and_test(&lun->refs))
		wait_event(iet_lun_wait, !refcount_read(&lun->refs));
	lun->ops->detach(lun);
	iet_lun_free(lun);
}
