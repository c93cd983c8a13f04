/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The listening sockets iSCSI initiators connect to: by default the IPv4
 * and the IPv6 wildcard on one port (the IPv6 one with IPV6_V6ONLY, so
 * that each family has its own socket), or one given address.
 */
#ifndef IET_PORTAL_H
#define IET_PORTAL_H

#include <stddef.h>

/*
 * Bind and listen on @address ("10.0.0.1", "::1", "[::1]"; NULL for both
 * wildcards) and @port, before privileges are dropped. Returns 0 or a
 * negative errno with a sentence in @err.
 */
int portal_open(const char *address, unsigned int port, char *err,
		size_t len);

/* Accept connections in the event loop. */
int portal_start(void);

void portal_close(void);

#endif /* IET_PORTAL_H */
