// SPDX-License-Identifier: GPL-2.0
/*
 * Splitting ADDR[:PORT].
 */
#include <errno.h>
#include <string.h>

#include "hostport.h"

static int parse_port(const char *s, unsigned int *port)
{
	unsigned int v = 0;

	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -EINVAL;
		v = v * 10 + (*s - '0');
		if (v > 65535)
			return -EINVAL;
	}
	if (!v)
		return -EINVAL;
	*port = v;
	return 0;
}

int hostport_parse(const char *s, char *addr, size_t len, unsigned int *port)
{
	const char *end, *colon;

	if (*s == '[') {
		end = strchr(++s, ']');
		if (!end || (end[1] && end[1] != ':'))
			return -EINVAL;
		colon = end[1] ? end + 1 : NULL;
	} else {
		colon = strchr(s, ':');
		/* Two colons and no brackets: an IPv6 address alone. */
		if (colon && strchr(colon + 1, ':'))
			colon = NULL;
		end = colon ? colon : s + strlen(s);
	}
	if (colon && parse_port(colon + 1, port))
		return -EINVAL;
	if (end == s || (size_t)(end - s) >= len)
		return -EINVAL;
	memcpy(addr, s, end - s);
	addr[end - s] = '\0';
	if (!strcmp(addr, "*"))
		addr[0] = '\0';
	return 0;
}
