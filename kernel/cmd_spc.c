// SPDX-License-Identifier: GPL-2.0
/*
 * SPC-4 commands that read or change the LU's state: MODE SELECT, whose
 * list is checked whole by the pure scsi_mode_select() first, so a
 * refused list changes nothing; and the reservations (pr_state.c).
 */
#include "cmd.h"
#include "lun.h"
#include "pr_state.h"
#include "session.h"
#include "target.h"
#include "ua_state.h"

static void iet_cmd_mode_select(struct iet_cmd *cmd)
{
	struct iet_lun *lun = cmd->lun;
	struct scsi_mode_set set;
	struct scsi_lu lu;
	bool changed = false;

	if (scsi_mode_select(cmd->cdb, iet_cmd_lu(cmd, &lu), cmd->flat,
			     cmd->len, &set, &cmd->sense)) {
		cmd->status = SCSI_STATUS_CHECK_CONDITION;
		return;
	}
	if (lu.wce_changeable && set.wce != lu.wce) {
		WRITE_ONCE(lun->wce, set.wce);
		pr_info("target %u lun %u: write cache %s by MODE SELECT\n",
			lun->target->tid, lun->lun, set.wce ? "on" : "off");
		changed = true;
	}
	if (set.swp != lu.swp) {
		WRITE_ONCE(lun->swp, set.swp);
		pr_info("target %u lun %u: software write protect %s by MODE SELECT\n",
			lun->target->tid, lun->lun, set.swp ? "on" : "off");
		changed = true;
	}
	if (changed)
		iet_ua_mode_changed(cmd->conn->session, lun->lun);
}

void iet_cmd_lu_state(struct iet_cmd *cmd)
{
	switch (cmd->cdb[0]) {
	case SCSI_OP_MODE_SELECT_6:
	case SCSI_OP_MODE_SELECT_10:
		iet_cmd_mode_select(cmd);
		break;
	default:
		iet_pr_exec(cmd);
		break;
	}
}
