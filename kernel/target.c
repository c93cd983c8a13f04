// SPDX-License-Identifier: GPL-2.0
/*
 * Targets: the named containers of LUNs that initiators log in to.
 */
#include <linux/slab.h>
#include <linux/string.h>
#include "target.h"
#include "lun.h"
#include "session.h"

DEFINE_MUTEX(iet_config_mutex);
LIST_HEAD(iet_targets);

/* tid 0 asks for the id after the last one handed out, as IET did. */
static u32 iet_last_tid;

void iet_target_params_default(struct iet_target_params *p)
{
	p->wthreads = 8;
	p->queued_cmds = 32;
	p->nop_interval = 0;
	p->nop_timeout = 0;
}

struct iet_target *iet_target_find(u32 tid)
{
	struct iet_target *t;

	lockdep_assert_held(&iet_config_mutex);
	list_for_each_entry(t, &iet_targets, list)
		if (t->tid == tid)
			return t;
	return NULL;
}

struct iet_target *iet_target_find_name(const char *name)
{
	struct iet_target *t;

	lockdep_assert_held(&iet_config_mutex);
	list_for_each_entry(t, &iet_targets, list)
		if (!strcasecmp(t->name, name))
			return t;
	return NULL;
}

static u32 iet_target_next_tid(void)
{
	u32 tid = iet_last_tid;

	do {
		tid++;
	} while (!tid || iet_target_find(tid));
	return tid;
}

/* Keep the list sorted by tid: /proc and dumps print in that order. */
static void iet_target_link(struct iet_target *target)
{
	struct iet_target *t;

	list_for_each_entry(t, &iet_targets, list)
		if (t->tid > target->tid)
			break;
	list_add_tail(&target->list, &t->list);
}

int iet_target_add(u32 *tid, const char *name,
		   const struct iet_target_params *params)
{
	struct iet_target *target;

	lockdep_assert_held(&iet_config_mutex);
	if (iet_target_find_name(name) || (*tid && iet_target_find(*tid)))
		return -EEXIST;

	target = kzalloc(sizeof(*target), GFP_KERNEL);
	if (!target)
		return -ENOMEM;
	if (!*tid)
		*tid = iet_target_next_tid();
	target->tid = *tid;
	strscpy(target->name, name, sizeof(target->name));
	target->params = *params;
	INIT_LIST_HEAD(&target->luns);
	INIT_LIST_HEAD(&target->sessions);
	spin_lock_init(&target->ua_lock);
	iet_target_link(target);
	if (*tid > iet_last_tid)
		iet_last_tid = *tid;
	pr_info("target %u %s added\n", target->tid, target->name);
	return 0;
}

static void iet_target_free(struct iet_target *target)
{
	struct iet_lun *lun, *next;

	iet_session_del_all(target);
	list_for_each_entry_safe(lun, next, &target->luns, list)
		iet_lun_del(lun);
	list_del(&target->list);
	pr_info("target %u %s removed\n", target->tid, target->name);
	kfree(target);
}

/*
 * As IET: a target with sessions stays, unless forced. Forced, each
 * session ends as a deleted one does: no new command is taken, those
 * waiting for data are dropped, and those running finish (their
 * responses unsent) before it goes. Logins wait for iet_config_mutex,
 * so none slips in meanwhile.
 */
int iet_target_del(u32 tid, bool force)
{
	struct iet_target *target;

	lockdep_assert_held(&iet_config_mutex);
	target = iet_target_find(tid);
	if (!target)
		return -ENOENT;
	if (!list_empty(&target->sessions) && !force)
		return -EBUSY;
	if (!list_empty(&target->sessions))
		pr_info("target %u %s: deleted under its sessions\n",
			target->tid, target->name);
	iet_target_free(target);
	return 0;
}

void iet_target_del_all(void)
{
	struct iet_target *target, *next;

	mutex_lock(&iet_config_mutex);
	list_for_each_entry_safe(target, next, &iet_targets, list)
		iet_target_free(target);
	mutex_unlock(&iet_config_mutex);
	iet_conn_reap_sync();
}
