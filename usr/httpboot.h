/* SPDX-License-Identifier: GPL-2.0 */
/*
 * /boot.ipxe: the menu of ipxemenu.h, filled in at request time from the
 * kernel's live targets and LUNs, the ietd.conf in force (aliases, the
 * menu keys and BootClient) and the accounts ietd keeps (store.h).
 */
#ifndef IET_HTTPBOOT_H
#define IET_HTTPBOOT_H

#include <stddef.h>

struct boot_query;

/* The port sanboot URIs name: ietd's iSCSI port. */
void http_boot_set_port(unsigned int port);

/*
 * The script for the client @q describes, which asked through our
 * address @server (IPv6 in brackets). Returns 0 with a malloc()ed *@out
 * of *@len bytes, or a negative errno.
 */
int http_boot_menu(const struct boot_query *q, const char *server,
		   char **out, size_t *len);

#endif /* IET_HTTPBOOT_H */
