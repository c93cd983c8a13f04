// SPDX-License-Identifier: GPL-2.0
/*
 * Where unit attention conditions wait: each session (an I_T nexus) keeps
 * one entry per LUN of its target, made with the session or the LUN, so
 * that raising a condition never allocates. target->ua_lock guards the
 * entries and the membership of target->sessions: the rx thread, which
 * must not take iet_config_mutex, walks the sessions for a LUN reset.
 */
#include <linux/slab.h>
#include <linux/spinlock.h>
#include "lun.h"
#include "pr.h"
#include "session.h"
#include "target.h"
#include "ua_state.h"

struct iet_ua {
	struct list_head list;		/* in session->ua */
	u32 lun;
	u8 pending;			/* SCSI_UA_* */
};

static struct iet_ua *iet_ua_new(u32 lun, u8 pending)
{
	struct iet_ua *ua = kzalloc(sizeof(*ua), GFP_KERNEL);

	if (ua) {
		ua->lun = lun;
		ua->pending = pending;
	}
	return ua;
}

/* The hint the command path reads without the lock; under ua_lock. */
static void iet_ua_update_any(struct iet_session *sess)
{
	struct iet_ua *ua;
	bool any = false;

	list_for_each_entry(ua, &sess->ua, list)
		any |= ua->pending;
	WRITE_ONCE(sess->ua_any, any);
}

static void iet_ua_free_list(struct list_head *head)
{
	struct iet_ua *ua, *next;

	list_for_each_entry_safe(ua, next, head, list)
		kfree(ua);
	INIT_LIST_HEAD(head);
}

int iet_ua_session_link(struct iet_session *sess)
{
	struct iet_target *target = sess->target;
	struct iet_lun *lun;
	struct iet_ua *ua;
	LIST_HEAD(entries);

	lockdep_assert_held(&iet_config_mutex);
	list_for_each_entry(lun, &target->luns, list) {
		ua = iet_ua_new(lun->lun, SCSI_UA_POWER_ON);
		if (!ua) {
			iet_ua_free_list(&entries);
			return -ENOMEM;
		}
		list_add_tail(&ua->list, &entries);
	}
	spin_lock(&target->ua_lock);
	list_splice(&entries, &sess->ua);
	iet_ua_update_any(sess);
	list_add_tail(&sess->list, &target->sessions);
	spin_unlock(&target->ua_lock);
	return 0;
}

void iet_ua_session_unlink(struct iet_session *sess)
{
	struct iet_target *target = sess->target;

	spin_lock(&target->ua_lock);
	list_del(&sess->list);
	spin_unlock(&target->ua_lock);
	iet_ua_free_list(&sess->ua);
}

/* Raises bits on the entries of one session; lun U32_MAX: all of them. */
static void iet_ua_raise(struct iet_session *sess, u32 lun, u8 bits)
{
	struct iet_ua *ua;

	list_for_each_entry(ua, &sess->ua, list)
		if (lun == U32_MAX || ua->lun == lun)
			ua->pending |= bits;
	iet_ua_update_any(sess);
}

/*
 * SPC-4: REPORTED LUNS DATA HAS CHANGED for every I_T nexus, on the LUNs
 * it had; the new LUN is new to each nexus, which sees it powered on.
 */
int iet_ua_lun_added(struct iet_target *target, u32 lun)
{
	struct iet_session *sess;
	struct iet_ua *ua;
	int err = 0;

	lockdep_assert_held(&iet_config_mutex);
	list_for_each_entry(sess, &target->sessions, list) {
		ua = iet_ua_new(lun, SCSI_UA_POWER_ON);
		spin_lock(&target->ua_lock);
		iet_ua_raise(sess, U32_MAX, SCSI_UA_LUNS_CHANGED);
		if (ua)
			list_add_tail(&ua->list, &sess->ua);
		iet_ua_update_any(sess);
		spin_unlock(&target->ua_lock);
		if (!ua)
			err = -ENOMEM;
	}
	return err;
}

void iet_ua_lun_removed(struct iet_target *target, u32 lun)
{
	struct iet_session *sess;
	struct iet_ua *ua, *next;
	LIST_HEAD(gone);

	lockdep_assert_held(&iet_config_mutex);
	spin_lock(&target->ua_lock);
	list_for_each_entry(sess, &target->sessions, list) {
		list_for_each_entry_safe(ua, next, &sess->ua, list)
			if (ua->lun == lun)
				list_move(&ua->list, &gone);
		iet_ua_raise(sess, U32_MAX, SCSI_UA_LUNS_CHANGED);
	}
	spin_unlock(&target->ua_lock);
	iet_ua_free_list(&gone);
}

/*
 * SBC-3: CAPACITY DATA HAS CHANGED for every I_T nexus once the store
 * grew or shrank (lvextend, truncate). Checked as each command arrives,
 * which costs a read of the store's size; a store of 0 blocks is one
 * being torn down, not a new size.
 */
void iet_ua_check_capacity(struct iet_lun *lun)
{
	struct iet_target *target = lun->target;
	struct iet_session *sess;
	u64 now;

	if (!lun->ops->size)
		return;
	now = lun->ops->size(lun);
	if (!now || now == READ_ONCE(lun->blocks))
		return;
	spin_lock(&target->ua_lock);
	if (now != lun->blocks) {
		WRITE_ONCE(lun->blocks, now);
		list_for_each_entry(sess, &target->sessions, list)
			iet_ua_raise(sess, lun->lun, SCSI_UA_CAPACITY);
		pr_info("target %u lun %u: now %llu blocks\n", target->tid,
			lun->lun, now);
	}
	spin_unlock(&target->ua_lock);
}

static u8 iet_ua_of_note(u8 note)
{
	return (note & SCSI_PR_NOTE_RES_PREEMPTED ? SCSI_UA_RES_PREEMPTED : 0) |
	       (note & SCSI_PR_NOTE_RES_RELEASED ? SCSI_UA_RES_RELEASED : 0) |
	       (note & SCSI_PR_NOTE_REG_PREEMPTED ? SCSI_UA_REG_PREEMPTED : 0);
}

/*
 * SPC-4 5.7.11: each note goes to the sessions of its nexus (initiator
 * name and ISID) now logged in; a nexus without a session hears nothing.
 */
void iet_ua_pr_notes(struct iet_target *target, u32 lun,
		     const struct scsi_pr *pr)
{
	struct iet_session *sess;
	unsigned int i;

	spin_lock(&target->ua_lock);
	list_for_each_entry(sess, &target->sessions, list) {
		for (i = 0; i < SCSI_PR_MAX_REGS; i++) {
			if (!pr->notes[i] ||
			    (sess->sid & ((1ULL << 48) - 1)) != pr->regs[i].isid ||
			    strcmp(sess->initiator, pr->regs[i].name))
				continue;
			iet_ua_raise(sess, lun, iet_ua_of_note(pr->notes[i]));
		}
	}
	spin_unlock(&target->ua_lock);
}

/* SPC-4 6.11: every I_T nexus but the one whose MODE SELECT it was. */
void iet_ua_mode_changed(struct iet_session *sess, u32 lun)
{
	struct iet_target *target = sess->target;
	struct iet_session *other;

	spin_lock(&target->ua_lock);
	list_for_each_entry(other, &target->sessions, list)
		if (other != sess)
			iet_ua_raise(other, lun, SCSI_UA_MODE_CHANGED);
	spin_unlock(&target->ua_lock);
}

/*
 * SAM-5: a logical unit reset sets a unit attention for every I_T nexus,
 * the one that asked for it included (libiscsi's MultipathIO.Reset
 * checks each path).
 */
void iet_ua_reset(struct iet_target *target, u32 lun)
{
	struct iet_session *sess;

	spin_lock(&target->ua_lock);
	list_for_each_entry(sess, &target->sessions, list)
		iet_ua_raise(sess, lun, SCSI_UA_LU_RESET);
	spin_unlock(&target->ua_lock);
}

enum scsi_ua_action iet_ua_take(struct iet_session *sess, u32 lun,
				const u8 *cdb, struct scsi_sense *s)
{
	enum scsi_ua_action act = SCSI_UA_PASS;
	struct iet_target *target = sess->target;
	struct iet_ua *ua;

	if (!READ_ONCE(sess->ua_any))
		return SCSI_UA_PASS;
	spin_lock(&target->ua_lock);
	list_for_each_entry(ua, &sess->ua, list) {
		if (ua->lun == lun) {
			act = scsi_ua_take(cdb, &ua->pending, s);
			break;
		}
	}
	iet_ua_update_any(sess);
	spin_unlock(&target->ua_lock);
	return act;
}
