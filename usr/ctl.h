/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ietd's side of the ietadm control socket (protocol: ctlmsg.h).
 */
#ifndef IET_CTL_H
#define IET_CTL_H

#include <stddef.h>

struct kern;

/* Bind and listen, before anything else is touched. */
int ctl_open(char *err, size_t len);

/* Serve requests from the event loop, acting on @k. */
int ctl_start(struct kern *k);

void ctl_close(void);

#endif /* IET_CTL_H */
