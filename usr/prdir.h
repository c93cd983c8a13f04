/* SPDX-License-Identifier: GPL-2.0 */
#ifndef IET_PRDIR_H
#define IET_PRDIR_H

#include <stddef.h>

#ifndef STATE_DIR
#define STATE_DIR	"/var/lib/iet"
#endif

/*
 * STATE/pr, made if missing (mode 0700), opened for the kernel to keep
 * the persistent reservations of LUNs whose initiators ask for APTPL: a
 * descriptor, or a negative errno with err set.
 */
int prdir_open(const char *state, char *err, size_t len);

#endif /* IET_PRDIR_H */
