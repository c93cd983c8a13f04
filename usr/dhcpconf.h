/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The global keys of ietd.conf for proxyDHCP:
 *
 *   ProxyDHCPListen ADDR[:PORT]  answer PXE clients on the interface
 *                                holding the IPv4 address ADDR ("*":
 *                                every one), on PORT (67 by default)
 *   ProxyDHCPPXEPort PORT        the port of PXE boot server requests
 *                                (4011 by default)
 *   BootFileBIOS NAME            for BIOS clients (undionly.kpxe)
 *   BootFileEFI NAME             for x86-64 UEFI ones (snponly.efi)
 *   BootFileIPXE NAME|URL        for iPXE (the HTTP menu's URL)
 *
 * A name has at most 127 printable bytes, the room of the BOOTP header's
 * file field. Pure logic, no I/O.
 */
#ifndef IET_DHCPCONF_H
#define IET_DHCPCONF_H

#include <stdbool.h>
#include <stddef.h>

enum dhcp_file_kind {
	DHCP_BOOT_BIOS,
	DHCP_BOOT_EFI,
	DHCP_BOOT_IPXE,
	DHCP_BOOT_NR,
};

struct dhcpconf {
	char *listen;		/* NULL: no proxyDHCP */
	unsigned int listen_line;
	unsigned int pxe_port;	/* 0: DHCP_PXE_PORT */
	unsigned int pxe_port_line;
	char *file[DHCP_BOOT_NR];	/* NULL: the default */
	unsigned int file_line[DHCP_BOOT_NR];
};

void dhcpconf_init(struct dhcpconf *d);
void dhcpconf_free(struct dhcpconf *d);

bool dhcpconf_is_key(const char *key);

/*
 * Take the line @words[0] @words[1..nr - 1]. Returns 1 if @words[0] is
 * no key of ours, 0, or a negative errno with a sentence in @msg.
 */
int dhcpconf_key(struct dhcpconf *d, unsigned int line, char **words,
		 unsigned int nr, char *msg, size_t len);

#endif /* IET_DHCPCONF_H */
