/* SPDX-License-Identifier: GPL-2.0 */
#ifndef IET_PR_STATE_H
#define IET_PR_STATE_H

#include <linux/types.h>

struct iet_cmd;
struct iet_lun;
struct iet_session;
struct iet_target;

int iet_pr_lun_init(struct iet_lun *lun, int dir_fd);
void iet_pr_lun_free(struct iet_lun *lun);

/* Whether the command meets a reservation: RESERVATION CONFLICT. */
bool iet_pr_conflict(struct iet_cmd *cmd);

/* PERSISTENT RESERVE IN/OUT, RESERVE, RELEASE: from cmd_spc.c. */
void iet_pr_exec(struct iet_cmd *cmd);

/* An I_T nexus ends, or LUNs reset: SPC-2 reservations end with them. */
void iet_pr_session_gone(struct iet_session *sess);
void iet_pr_reset(struct iet_target *target, u32 lun);

#endif /* IET_PR_STATE_H */
