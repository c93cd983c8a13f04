/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Becoming a daemon, and the pid file that keeps a second ietd away.
 */
#ifndef IET_DAEMON_H
#define IET_DAEMON_H

#include <stddef.h>

/*
 * Open and lock @path (flock, so the lock dies with the process). Returns
 * the fd, or a negative errno with a sentence in @err: -EAGAIN means
 * another live ietd holds it.
 */
int pidfile_lock(const char *path, char *err, size_t len);

/* Write our pid into the locked file. */
int pidfile_write(int fd, char *err, size_t len);

/* Remove the file, or empty it if that is not allowed any more. */
int pidfile_remove(const char *path, int fd);

/*
 * Fork twice and start a new session. The first process waits and exits
 * with 0 once daemon_ready() is called in the daemon, or with 1 if the
 * daemon exits before. Returns 0 in the daemon, -errno on failure.
 */
int daemon_start(void);

/* Tell the waiting parent we are up; stdin, stdout, stderr -> /dev/null. */
void daemon_ready(void);

#endif /* IET_DAEMON_H */
