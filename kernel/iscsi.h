/* SPDX-License-Identifier: GPL-2.0 */
#ifndef IET_ISCSI_H
#define IET_ISCSI_H

#include <linux/types.h>

struct iet_cmd;
struct iet_conn;

int iet_rx_thread(void *arg);
int iet_cmd_respond(struct iet_cmd *cmd);
int iet_send_ping(struct iet_conn *conn, u32 ttt);

#endif /* IET_ISCSI_H */
