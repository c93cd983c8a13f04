/* SPDX-License-Identifier: GPL-2.0 */
#ifndef IET_TX_H
#define IET_TX_H

struct iet_cmd;
struct iet_conn;

int iet_tx_init(void);
void iet_tx_exit(void);
void iet_tx_conn_init(struct iet_conn *conn);
void iet_tx_conn_flush(struct iet_conn *conn);
void iet_tx_queue(struct iet_cmd *cmd);

#endif /* IET_TX_H */
