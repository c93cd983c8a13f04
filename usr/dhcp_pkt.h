/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DHCP packets as a proxyDHCP server sees them (RFC 2131, RFC 2132, the
 * PXE specification, RFC 4578): parsing what PXE clients send and building
 * the OFFER or ACK that gives them a boot server and file, and never an
 * address. No I/O.
 */
#ifndef IET_DHCP_PKT_H
#define IET_DHCP_PKT_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DHCP_PORT		67
#define DHCP_CLIENT_PORT	68
#define DHCP_PXE_PORT		4011

/* The fixed BOOTP header, then the magic cookie before the options. */
#define DHCP_HDR_LEN		236
#define DHCP_OPTS_OFF		240
/* What fits in one Ethernet frame; longer is not a PXE ROM's. */
#define DHCP_PKT_MAX		1472
/* BOOTP's minimum, which some relays and ROMs still expect. */
#define DHCP_REPLY_MIN		300
#define DHCP_REPLY_MAX		576
#define DHCP_FILE_LEN		128
#define DHCP_UUID_MAX		17

enum dhcp_type {
	DHCPDISCOVER = 1,
	DHCPOFFER = 2,
	DHCPREQUEST = 3,
	DHCPACK = 5,
	DHCPINFORM = 8,
};

/* Which socket a request came in on. */
enum dhcp_sock {
	DHCP_SOCK_SERVER,	/* port 67, broadcasts of booting clients */
	DHCP_SOCK_PXE,		/* port 4011, unicast to a boot server */
};

/* What a request says, pointing nowhere into it. */
struct dhcp_req {
	uint8_t htype;
	uint8_t hlen;
	uint8_t xid[4];
	uint8_t flags[2];
	struct in_addr ciaddr;
	struct in_addr giaddr;
	uint8_t chaddr[16];
	uint8_t type;		/* option 53 */
	int arch;		/* option 93, else from option 60; -1: none */
	bool ipxe;		/* user class "iPXE", or option 175 */
	bool has_server_id;
	struct in_addr server_id;	/* option 54 */
	uint8_t uuid[DHCP_UUID_MAX];	/* option 97, echoed */
	uint8_t uuid_len;
	uint8_t client_id_len;	/* option 61; 0: none */
	bool has_boot_item;
	uint8_t boot_item[4];	/* option 43, PXE sub-option 71 */
};

/*
 * Parse the @len bytes at @pkt, a request of a PXE client (option 60
 * starting with "PXEClient"). Returns 0, or -EINVAL with the reason in
 * @why for anything else: a reply, not Ethernet, no magic cookie, options
 * running past their end or without an end, no message type, no PXE.
 */
int dhcp_parse(const uint8_t *pkt, size_t len, struct dhcp_req *r,
	       const char **why);

/*
 * The answer to @r on @sock from @server, the address of the interface it
 * came in on: DHCPOFFER to a DISCOVER on port 67, DHCPACK to a REQUEST
 * for @server on port 67 and to a REQUEST or INFORM on port 4011; 0 for
 * nothing (a REQUEST on port 67 for another server is not ours).
 */
int dhcp_answer_type(const struct dhcp_req *r, enum dhcp_sock sock,
		     struct in_addr server);

/*
 * The @type reply to @r into @buf (@cap bytes, DHCP_REPLY_MAX will do):
 * no address, @server as next server and server identifier, @file (at
 * most DHCP_FILE_LEN - 1 bytes) to boot. Returns its length, or 0 if it
 * does not fit.
 */
size_t dhcp_build_reply(uint8_t *buf, size_t cap, const struct dhcp_req *r,
			int type, struct in_addr server, const char *file);

#endif /* IET_DHCP_PKT_H */
