/* SPDX-License-Identifier: GPL-2.0 */
#ifndef IET_KEEPALIVE_H
#define IET_KEEPALIVE_H

struct iet_conn;
struct iet_target;

void iet_keepalive_init(struct iet_conn *conn);
void iet_keepalive_kick(struct iet_conn *conn);
void iet_keepalive_kick_target(struct iet_target *target);
void iet_keepalive_stop(struct iet_conn *conn);

#endif /* IET_KEEPALIVE_H */
