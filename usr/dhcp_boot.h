/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What proxyDHCP tells a PXE client, and where the answer goes:
 *
 * - a client that is iPXE already (user class "iPXE", or option 175)
 *   gets BootFileIPXE, by default the URL of the HTTP menu, so that it
 *   does not load iPXE again;
 * - a BIOS client (architecture 0, or none said) gets BootFileBIOS;
 * - an x86-64 UEFI client (architecture 7, or 9 as many ROMs wrongly
 *   say) gets BootFileEFI;
 * - any other is not answered: there is no file for it.
 *
 * No I/O.
 */
#ifndef IET_DHCP_BOOT_H
#define IET_DHCP_BOOT_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>

#include "dhcp_pkt.h"

#define DHCP_FILE_BIOS	"undionly.kpxe"
#define DHCP_FILE_EFI	"snponly.efi"

struct dhcp_files {
	const char *bios;
	const char *efi;
	const char *ipxe;	/* NULL: iPXE clients are not answered */
};

/* @f's file for @r, or NULL with the reason in @why. */
const char *dhcp_boot_file(const struct dhcp_files *f,
			   const struct dhcp_req *r, const char **why);

/*
 * iPXE expands settings in the file name it is given: the menu learns the
 * MAC of the interface that booted (netX), to find the client's
 * BootClient. An iPXE without netX sends "mac=", which is no value.
 */
#define DHCP_MENU_QUERY	"?mac=${netX/mac}"

/*
 * The URL of the HTTP menu on @port of @addr, as hostport_parse() gives
 * HTTPListen's address: "" (every address) and the wildcards become
 * @server, the address the client asked. Returns 0 or -ENOSPC.
 */
int dhcp_menu_url(char *buf, size_t len, const char *addr, unsigned int port,
		  struct in_addr server);

struct dhcp_dest {
	struct in_addr addr;
	unsigned int port;
	bool broadcast;		/* out of the request's interface */
};

/*
 * Where the answer to @r goes, which came from @src:@sport, the DHCP
 * socket being on @dhcp_port:
 * - through a relay (giaddr set): to the relay, on the DHCP port;
 * - to a client that has an address (ciaddr, else the source): there;
 * - to a client without one, which sends from 0.0.0.0: broadcast to
 *   port 68, since with no address given there is no unicasting to it.
 * Port 4011 requests come from clients that have their address.
 */
void dhcp_reply_dest(const struct dhcp_req *r, struct in_addr src,
		     unsigned int sport, unsigned int dhcp_port,
		     struct dhcp_dest *d);

#endif /* IET_DHCP_BOOT_H */
