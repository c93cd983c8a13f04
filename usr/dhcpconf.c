// SPDX-License-Identifier: GPL-2.0
/*
 * The proxyDHCP keys of ietd.conf. See dhcpconf.h.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dhcp_pkt.h"
#include "dhcpconf.h"
#include "hostport.h"
#include "located.h"
#include "params.h"
#include "util.h"

static const char *const file_keys[DHCP_BOOT_NR] = {
	[DHCP_BOOT_BIOS] = "BootFileBIOS",
	[DHCP_BOOT_EFI] = "BootFileEFI",
	[DHCP_BOOT_IPXE] = "BootFileIPXE",
};

void dhcpconf_init(struct dhcpconf *d)
{
	memset(d, 0, sizeof(*d));
}

void dhcpconf_free(struct dhcpconf *d)
{
	unsigned int i;

	free(d->listen);
	for (i = 0; i < DHCP_BOOT_NR; i++)
		free(d->file[i]);
	dhcpconf_init(d);
}

static int file_kind(const char *key)
{
	unsigned int i;

	for (i = 0; i < DHCP_BOOT_NR; i++)
		if (!strcasecmp(key, file_keys[i]))
			return i;
	return -1;
}

bool dhcpconf_is_key(const char *key)
{
	return !strcasecmp(key, "ProxyDHCPListen") ||
	       !strcasecmp(key, "ProxyDHCPPXEPort") || file_kind(key) >= 0;
}

/* DHCP is IPv4: ADDR is a dotted quad or "*". */
static int do_listen(struct dhcpconf *d, const char *v, char *msg,
		     size_t len)
{
	unsigned int port = DHCP_PORT;
	struct in_addr a;
	char addr[64];

	if (hostport_parse(v, addr, sizeof(addr), &port) ||
	    (*addr && inet_pton(AF_INET, addr, &a) != 1)) {
		snprintf(msg, len, "ProxyDHCPListen '%s' is not an IPv4 ADDR[:PORT] (10.0.0.1, *:67)",
			 v);
		return -EINVAL;
	}
	d->listen = strdup(v);
	return d->listen ? 0 : -ENOMEM;
}

static int do_port(struct dhcpconf *d, const char *v, char *msg, size_t len)
{
	unsigned long long port;

	if (param_parse_u64(v, &port) || !port || port > 65535) {
		snprintf(msg, len, "ProxyDHCPPXEPort '%s' is not a port", v);
		return -EINVAL;
	}
	d->pxe_port = port;
	return 0;
}

/* What fits the file field and cannot garble a log line. */
static int do_file(struct dhcpconf *d, int kind, const char *v, char *msg,
		   size_t len)
{
	const char *c;

	for (c = v; *c; c++)
		if ((unsigned char)*c <= ' ' || (unsigned char)*c >= 0x7f)
			break;
	if (*c || c - v >= DHCP_FILE_LEN) {
		snprintf(msg, len, "%s: '%s' is not up to %d printable bytes",
			 file_keys[kind], v, DHCP_FILE_LEN - 1);
		return -EINVAL;
	}
	d->file[kind] = strdup(v);
	return d->file[kind] ? 0 : -ENOMEM;
}

int dhcpconf_key(struct dhcpconf *d, unsigned int line, char **words,
		 unsigned int nr, char *msg, size_t len)
{
	const char *key = words[0];
	int kind = file_kind(key);

	if (!dhcpconf_is_key(key))
		return 1;
	if (nr != 2) {
		snprintf(msg, len, "%s takes one value", key);
		return -EINVAL;
	}
	if (kind >= 0)
		return located_once(&d->file_line[kind], line, key, msg, len) ?:
			do_file(d, kind, words[1], msg, len);
	if (!strcasecmp(key, "ProxyDHCPPXEPort"))
		return located_once(&d->pxe_port_line, line, key, msg, len) ?:
			do_port(d, words[1], msg, len);
	return located_once(&d->listen_line, line, key, msg, len) ?:
		do_listen(d, words[1], msg, len);
}
