// SPDX-License-Identifier: GPL-2.0
/*
 * ietd's proxyDHCP without its sockets: byte 0 says where the packet
 * came from (bit 0: the PXE port, bit 1: from an address, not 0.0.0.0),
 * the rest is the packet as on the wire. Besides the sanitizers, checks
 * stop the run: a packet taken is a PXE client's request with a message
 * type; an answer has no address, carries the request's xid, chaddr,
 * flags and giaddr, the server as next server and identifier, the file
 * in both places, well-formed options ended by END, and at least BOOTP's
 * 300 bytes; a broadcast only to a client without an address.
 */
#include <arpa/inet.h>
#include <string.h>

#include "dhcp_boot.h"
#include "dhcp_pkt.h"
#include "fuzz.h"

static const struct dhcp_files files = {
	.bios = "undionly.kpxe",
	.efi = "snponly.efi",
	.ipxe = "http://10.0.0.1:8080/boot.ipxe",
};

/* The options of @b walk to an END, and hold @type and @server. */
static void check_options(const uint8_t *b, size_t len, int type,
			  const uint8_t *server, const char *file)
{
	bool type_seen = false, id_seen = false, file_seen = false;
	size_t i = DHCP_OPTS_OFF;

	while (i < len && b[i] != 255) {
		if (!b[i]) {
			i++;
			continue;
		}
		FUZZ_CHECK(i + 2 <= len && i + 2 + b[i + 1] <= len);
		/* A lease's options, never. */
		FUZZ_CHECK(b[i] != 1 && b[i] != 3 && b[i] != 51);
		if (b[i] == 53)
			type_seen = b[i + 1] == 1 && b[i + 2] == type;
		if (b[i] == 54)
			id_seen = b[i + 1] == 4 &&
				  !memcmp(b + i + 2, server, 4);
		if (b[i] == 67)
			file_seen = b[i + 1] == strlen(file) &&
				    !memcmp(b + i + 2, file, b[i + 1]);
		i += 2 + b[i + 1];
	}
	FUZZ_CHECK(i < len && type_seen && id_seen && file_seen);
}

static void check_reply(const uint8_t *pkt, const uint8_t *b, size_t len,
			int type, const char *file)
{
	static const uint8_t server[4] = { 10, 0, 0, 1 };

	FUZZ_CHECK(len >= DHCP_REPLY_MIN && len <= DHCP_REPLY_MAX);
	FUZZ_CHECK(b[0] == 2 && b[1] == 1 && b[2] == 6);
	FUZZ_CHECK(!memcmp(b + 4, pkt + 4, 4));		/* xid */
	FUZZ_CHECK(!memcmp(b + 10, pkt + 10, 2));	/* flags */
	FUZZ_CHECK(!memcmp(b + 16, "\0\0\0\0", 4));	/* yiaddr */
	FUZZ_CHECK(!memcmp(b + 20, server, 4));		/* siaddr */
	FUZZ_CHECK(!memcmp(b + 24, pkt + 24, 20));	/* giaddr, chaddr */
	FUZZ_CHECK(!strncmp((const char *)b + 108, file, 128));
	check_options(b, len, type, server, file);
}

static void answer(const uint8_t *pkt, size_t size, const struct dhcp_req *r,
		   uint8_t scene)
{
	enum dhcp_sock sock = scene & 1 ? DHCP_SOCK_PXE : DHCP_SOCK_SERVER;
	struct in_addr server = { htonl(0x0a000001) }, src = { 0 };
	uint8_t buf[DHCP_REPLY_MAX];
	const char *file, *why;
	struct dhcp_dest d;
	size_t len;
	int type;

	type = dhcp_answer_type(r, sock, server);
	FUZZ_CHECK(!type || type == DHCPOFFER || type == DHCPACK);
	file = dhcp_boot_file(&files, r, &why);
	if (!type || !file)
		return;
	len = dhcp_build_reply(buf, sizeof(buf), r, type, server, file);
	FUZZ_CHECK(len);
	check_reply(pkt, buf, len, type, file);
	if (scene & 2)
		src.s_addr = htonl(0x0a000005);
	dhcp_reply_dest(r, src, 68, DHCP_PORT, &d);
	FUZZ_CHECK(!d.broadcast || (!src.s_addr && !r->ciaddr.s_addr &&
				    !r->giaddr.s_addr));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dhcp_req r;
	const char *why = NULL;

	if (!size)
		return 0;
	if (dhcp_parse(data + 1, size - 1, &r, &why)) {
		FUZZ_CHECK(why);
		return 0;
	}
	FUZZ_CHECK(size - 1 >= DHCP_OPTS_OFF && size - 1 <= DHCP_PKT_MAX);
	FUZZ_CHECK(r.type && r.htype == 1 && r.hlen == 6);
	FUZZ_CHECK(r.uuid_len <= DHCP_UUID_MAX);
	answer(data + 1, size - 1, &r, data[0]);
	return 0;
}
