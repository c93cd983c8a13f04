// SPDX-License-Identifier: GPL-2.0
/*
 * The boot file of a PXE client, and where its answer goes. See
 * dhcp_boot.h.
 */
#include <errno.h>
#include <arpa/inet.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "dhcp_boot.h"

/* RFC 4578 and its IANA registry. */
#define ARCH_BIOS	0
#define ARCH_EFI_X64	7
#define ARCH_EFI_BC	9

const char *dhcp_boot_file(const struct dhcp_files *f,
			   const struct dhcp_req *r, const char **why)
{
	if (r->ipxe) {
		*why = "no BootFileIPXE and no HTTPListen for iPXE clients";
		return f->ipxe;
	}
	/* Only BIOS ROMs predate option 93 and the Arch of option 60. */
	if (r->arch < 0 || r->arch == ARCH_BIOS)
		return f->bios;
	if (r->arch == ARCH_EFI_X64 || r->arch == ARCH_EFI_BC)
		return f->efi;
	*why = "no boot file for its architecture";
	return NULL;
}

static bool wildcard(const char *addr)
{
	return !*addr || !strcmp(addr, "0.0.0.0") || !strcmp(addr, "::");
}

int dhcp_menu_url(char *buf, size_t len, const char *addr, unsigned int port,
		  struct in_addr server)
{
	char host[INET_ADDRSTRLEN], p[8] = "";
	bool v6 = strchr(addr, ':') && !wildcard(addr);
	int n;

	if (wildcard(addr))
		addr = inet_ntop(AF_INET, &server, host, sizeof(host));
	if (port != 80)
		snprintf(p, sizeof(p), ":%u", port);
	n = snprintf(buf, len, "http://%s%s%s%s/boot.ipxe%s", v6 ? "[" : "",
		     addr, v6 ? "]" : "", p, DHCP_MENU_QUERY);
	return n < 0 || (size_t)n >= len ? -ENOSPC : 0;
}

void dhcp_reply_dest(const struct dhcp_req *r, struct in_addr src,
		     unsigned int sport, unsigned int dhcp_port,
		     struct dhcp_dest *d)
{
	d->broadcast = false;
	d->port = sport;
	if (r->giaddr.s_addr) {
		d->addr = r->giaddr;
		d->port = dhcp_port;
	} else if (r->ciaddr.s_addr) {
		d->addr = r->ciaddr;
	} else if (src.s_addr) {
		d->addr = src;
	} else {
		d->addr.s_addr = htonl(INADDR_BROADCAST);
		d->port = DHCP_CLIENT_PORT;
		d->broadcast = true;
	}
}
