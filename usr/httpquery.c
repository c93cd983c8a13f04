// SPDX-License-Identifier: GPL-2.0
/*
 * Request target decoding, and the boot parameters in a query.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "httpquery.h"

static int hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/*
 * Decode [s, end) into @out of @len bytes; '+' is a space if @plus (HTML
 * forms write spaces so in queries). A NUL would cut the name short.
 */
static int decode(const char *s, const char *end, char *out, size_t len,
		  bool plus)
{
	size_t n = 0;
	int hi, lo;

	for (; s < end; s++) {
		char c = *s;

		if (c == '%') {
			if (end - s < 3)
				return -EINVAL;
			hi = hex(s[1]);
			lo = hex(s[2]);
			if (hi < 0 || lo < 0 || (!hi && !lo))
				return -EINVAL;
			c = hi << 4 | lo;
			s += 2;
		} else if (c == '+' && plus) {
			c = ' ';
		}
		if (n + 1 >= len)
			return -ENAMETOOLONG;
		out[n++] = c;
	}
	out[n] = '\0';
	return 0;
}

int http_path_decode(const char *target, char *path, size_t len)
{
	const char *q = strchr(target, '?');

	return decode(target, q ? q : target + strlen(target), path, len,
		      false);
}

int boot_mac_parse(const char *s, char mac[18])
{
	char sep;
	int i;

	if (strlen(s) != 17)
		return -EINVAL;
	sep = s[2];
	if (sep != ':' && sep != '-')
		return -EINVAL;
	for (i = 0; i < 17; i++) {
		if (i % 3 == 2 ? s[i] != sep : hex(s[i]) < 0)
			return -EINVAL;
		mac[i] = i % 3 == 2 ? ':' : tolower((unsigned char)s[i]);
	}
	mac[17] = '\0';
	return 0;
}

static int uuid_parse(const char *s, char uuid[37])
{
	int i;

	if (strlen(s) != 36)
		return -EINVAL;
	for (i = 0; i < 36; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;

		if (dash ? s[i] != '-' : hex(s[i]) < 0)
			return -EINVAL;
		uuid[i] = tolower((unsigned char)s[i]);
	}
	uuid[36] = '\0';
	return 0;
}

static int ip_check(const char *s)
{
	unsigned char a[16];

	if (inet_pton(AF_INET, s, a) == 1 || inet_pton(AF_INET6, s, a) == 1)
		return 0;
	return -EINVAL;
}

/* RFC 1123 2.1: letters, digits and hyphens; labels of 1 to 63. */
int boot_hostname_check(const char *s)
{
	size_t label = 0, n = strlen(s);

	if (!n || n > 253)
		return -EINVAL;
	for (; *s; s++) {
		if (*s == '.') {
			if (!label || s[-1] == '-')
				return -EINVAL;
			label = 0;
			continue;
		}
		if (!isalnum((unsigned char)*s) && (*s != '-' || !label))
			return -EINVAL;
		if (++label > 63)
			return -EINVAL;
	}
	return label && s[-1] != '-' ? 0 : -EINVAL;
}

static bool is_ours(const char *name)
{
	return !strcmp(name, "mac") || !strcmp(name, "uuid") ||
	       !strcmp(name, "ip") || !strcmp(name, "hostname");
}

static int param(struct boot_query *q, const char *name, const char *v)
{
	if (!*v)
		return 0;
	if (!strcmp(name, "mac"))
		return boot_mac_parse(v, q->mac);
	if (!strcmp(name, "uuid"))
		return uuid_parse(v, q->uuid);
	if (!strcmp(name, "ip")) {
		if (strlen(v) >= sizeof(q->ip) || ip_check(v))
			return -EINVAL;
		strcpy(q->ip, v);
		return 0;
	}
	if (!strcmp(name, "hostname")) {
		if (boot_hostname_check(v))
			return -EINVAL;
		strcpy(q->hostname, v);
	}
	return 0;
}

int http_query_parse(const char *target, struct boot_query *q)
{
	const char *s = strchr(target, '?'), *amp, *eq, *end;
	char name[16], value[256];

	memset(q, 0, sizeof(*q));
	if (!s)
		return 0;
	for (s++; *s; s = *end ? end + 1 : end) {
		amp = strchr(s, '&');
		end = amp ? amp : s + strlen(s);
		eq = memchr(s, '=', end - s);
		if (!eq)
			continue;
		/* A long name is none of ours; a long value is bad. */
		if (decode(s, eq, name, sizeof(name), true))
			continue;
		if (decode(eq + 1, end, value, sizeof(value), true)) {
			if (is_ours(name))
				return -EINVAL;
			continue;
		}
		if (param(q, name, value))
			return -EINVAL;
	}
	return 0;
}
