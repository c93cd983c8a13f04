// SPDX-License-Identifier: GPL-2.0
/*
 * A discovery session after its login. The first two bytes set the
 * scene: how many targets there are (byte 0), then the initiator's
 * MaxRecvDataSegmentLength (bits 0-2 of byte 1) and the portal it
 * reached (bits 3-4: a fixed IPv4 or IPv6 one, or an address and port
 * from the next bytes of the input). The rest is what the initiator
 * sends: Text Requests with SendTargets, NOP-Outs, Logouts, anything.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "fuzz.h"

static const uint32_t xmit_max[] = {
	512, 1000, 4096, 8192, 65536, DISC_XMIT_MAX, 16777215,
};

/* Take the portal from the input; returns the bytes taken, 0 if none. */
static size_t input_portal(char *portal, int family, const uint8_t *data,
			   size_t size)
{
	struct sockaddr_in6 s6 = { .sin6_family = AF_INET6 };
	struct sockaddr_in s4 = { .sin_family = AF_INET };
	size_t n;

	if (family == AF_INET) {
		n = sizeof(s4.sin_addr) + sizeof(s4.sin_port);
		if (size < n)
			return 0;
		memcpy(&s4.sin_addr, data, sizeof(s4.sin_addr));
		memcpy(&s4.sin_port, data + sizeof(s4.sin_addr), 2);
		FUZZ_CHECK(portal_name((void *)&s4, portal, PORTAL_MAX) <
			   PORTAL_MAX);
		return n;
	}
	n = sizeof(s6.sin6_addr) + sizeof(s6.sin6_port);
	if (size < n)
		return 0;
	memcpy(&s6.sin6_addr, data, sizeof(s6.sin6_addr));
	memcpy(&s6.sin6_port, data + sizeof(s6.sin6_addr), 2);
	FUZZ_CHECK(portal_name((void *)&s6, portal, PORTAL_MAX) < PORTAL_MAX);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char portal[PORTAL_MAX] = FUZZ_PORTAL;
	unsigned int scene;
	struct disc d;
	struct wire w;
	size_t n = 0;

	if (size < 2)
		return 0;
	fuzz_disc_targets = data[0] % (FUZZ_TARGETS_MAX + 2);
	scene = data[1];
	data += 2;
	size -= 2;
	switch (scene >> 3 & 3) {
	case 1:
		/* The longest portal there is. */
		snprintf(portal, sizeof(portal), "[%s]:65535",
			 "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
		break;
	case 2:
		n = input_portal(portal, AF_INET, data, size);
		break;
	case 3:
		n = input_portal(portal, AF_INET6, data, size);
		break;
	}
	disc_init(&d, &fuzz_disc_env, NULL, portal, 1, FUZZ_STATSN, 10,
		  xmit_max[(scene & 7) % ARRAY_SIZE(xmit_max)]);
	wire_init(&w, data + n, size - n);
	serve_discovery(&d, &w);
	disc_free(&d);
	return 0;
}
