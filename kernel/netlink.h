/* SPDX-License-Identifier: GPL-2.0 */
#ifndef IET_NETLINK_H
#define IET_NETLINK_H

int __init iet_genl_init(void);
void iet_genl_exit(void);

#endif /* IET_NETLINK_H */
