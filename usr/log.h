/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ietd's messages. In the foreground they go to stderr. A daemon sends
 * them to syslog (daemon facility) from the start, and to stderr as well
 * until it detaches, so that startup errors reach whoever started it.
 * On stderr, info messages (what was added, removed, changed) show only
 * from debug level 1: a foreground ietd is silent unless something is
 * wrong.
 */
#ifndef IET_LOG_H
#define IET_LOG_H

#include <stdbool.h>

#include "util.h"

void log_init(const char *ident, int debug_level, bool syslog);

/* A daemon has detached: stderr is gone. */
void log_detach(void);

/* stderr: "ietd: ..."; the text should not end with a newline. */
void log_error(const char *fmt, ...) __printf(1, 2);
void log_warn(const char *fmt, ...) __printf(1, 2);
void log_info(const char *fmt, ...) __printf(1, 2);
void log_debug(int level, const char *fmt, ...) __printf(2, 3);

/* A message that names its own place ("FILE:LINE: ..."): no prefix. */
void log_located(int prio, const char *msg);

#endif /* IET_LOG_H */
