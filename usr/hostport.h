/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "ADDR[:PORT]" as the listening keys of ietd.conf (TFTPListen, HTTPListen,
 * ProxyDHCPListen) give it: "10.0.0.1", "10.0.0.1:6969", "[fe80::1%eth0]:69",
 * "::1" (a bare IPv6 address has no port), and "*" or "*:PORT" for every
 * address. No I/O.
 */
#ifndef IET_HOSTPORT_H
#define IET_HOSTPORT_H

#include <stddef.h>

/*
 * Split @s into @addr (@len bytes; "" for "*") and @port, which keeps its
 * value when @s has none. Returns 0 or -EINVAL.
 */
int hostport_parse(const char *s, char *addr, size_t len, unsigned int *port);

#endif /* IET_HOSTPORT_H */
