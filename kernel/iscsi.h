/* SPDX-License-Identifier: GPL-2.0 */
#ifndef IET_ISCSI_H
#define IET_ISCSI_H

struct iet_cmd;

int iet_rx_thread(void *arg);
void iet_cmd_respond(struct iet_cmd *cmd);

#endif /* IET_ISCSI_H */
