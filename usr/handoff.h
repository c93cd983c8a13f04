/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The end of a normal login: the socket goes to the kernel.
 */
#ifndef IET_HANDOFF_H
#define IET_HANDOFF_H

struct login;

/*
 * Give the connection @fd, whose final Login Response has gone out in
 * full, to the kernel with what @l negotiated (IET_CMD_NEW_CONN). The
 * caller still closes its @fd. Returns 0 or the kernel's negative errno.
 */
int handoff(int fd, const struct login *l, const char *peer);

#endif /* IET_HANDOFF_H */
