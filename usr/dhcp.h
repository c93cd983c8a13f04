/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ietd's proxyDHCP server: on when ietd.conf has ProxyDHCPListen, it
 * answers PXE clients on UDP ports 67 and 4011 with a boot server (the
 * address of the interface they asked on) and a boot file (dhcp_boot.h),
 * and never with an address, so that the site's DHCP server keeps giving
 * those. Everything else is ignored, with a debug line at most once a
 * second. The DHCP port cannot be shared with a DHCP server on the same
 * host: a proxyDHCP is for hosts whose DHCP server is elsewhere.
 */
#ifndef IET_DHCP_H
#define IET_DHCP_H

#include <stddef.h>

struct config;

/*
 * Bind the two sockets of @cfg, before privileges are dropped; nothing
 * if it has no ProxyDHCPListen. Returns 0 or a negative errno with a
 * sentence ("FILE:LINE: ...") in @err.
 */
int dhcp_open(const struct config *cfg, char *err, size_t len);

/* Answer in the event loop. */
int dhcp_start(void);

/*
 * @cfg is in force after a reload: its boot files are used from now on;
 * the sockets stay those of the start, with a warning if it asks for
 * others.
 */
void dhcp_reloaded(const struct config *cfg);

void dhcp_close(void);

#endif /* IET_DHCP_H */
