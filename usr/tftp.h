/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ietd's TFTP server, read-only, for the first stage of a network boot:
 * on when ietd.conf has TFTPRoot, listening where TFTPListen says (by
 * default port 69 of every IPv4 and IPv6 address). Files are opened
 * beneath the root with openat2(RESOLVE_BENEATH), so that neither ".."
 * nor a symbolic link leads out of it. Write requests are refused.
 */
#ifndef IET_TFTP_H
#define IET_TFTP_H

#include <stddef.h>

struct config;

/*
 * Open the root and bind the listeners of @cfg, before privileges are
 * dropped; nothing if it has no TFTPRoot. Returns 0 or a negative errno
 * with a sentence ("FILE:LINE: ...") in @err.
 */
int tftp_open(const struct config *cfg, char *err, size_t len);

/* Answer requests in the event loop. */
int tftp_start(void);

/*
 * @cfg is in force after a reload: the root and listeners stay those of
 * the start, with a warning if it asks for others.
 */
void tftp_reloaded(const struct config *cfg);

void tftp_close(void);

#endif /* IET_TFTP_H */
