/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The file a TFTP client names, as a path under the TFTP root. No I/O:
 * opening it beneath the root (openat2 RESOLVE_BENEATH) is tftp.c's.
 */
#ifndef IET_TFTP_PATH_H
#define IET_TFTP_PATH_H

#include <stddef.h>

/*
 * Turn @name into a path relative to @root in @out (@len bytes). PXE ROMs
 * and iPXE send both "pxelinux.0" and "/pxelinux.0", and some the root's
 * own path in front ("/srv/tftp/pxelinux.0"): all three name the same
 * file. Control characters and ".." components are refused. Returns 0,
 * or the TFTP error code with a reason in @why.
 */
int tftp_path(const char *name, const char *root, char *out, size_t len,
	      const char **why);

#endif /* IET_TFTP_PATH_H */
