/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The path and query of a request target: percent-decoding (RFC 3986
 * 2.1) and the parameters an iPXE script sends with /boot.ipxe.
 *
 * Pure logic, no I/O.
 */
#ifndef IET_HTTPQUERY_H
#define IET_HTTPQUERY_H

#include <stddef.h>

/*
 * Decode the path of @target (up to '?') into @path of @len bytes.
 * Returns 0, or -EINVAL for a bad escape or a NUL, -ENAMETOOLONG.
 */
int http_path_decode(const char *target, char *path, size_t len);

/* What a client says about itself, each "" if it did not say. */
struct boot_query {
	char mac[18];		/* "52:54:00:12:34:56", lower case */
	char uuid[37];		/* lower case, with dashes */
	char ip[46];		/* IPv4 or IPv6, as given */
	char hostname[254];	/* RFC 1123, as given */
};

/*
 * Read mac, uuid, ip and hostname from the query of @target; other
 * parameters and empty values are ignored. Returns 0, or -EINVAL if a
 * value is malformed (a MAC must be six hex pairs, all with ':' or all
 * with '-'; a UUID 8-4-4-4-12 hex digits).
 */
int http_query_parse(const char *target, struct boot_query *q);

/* Checkers, for the configuration too; @mac is written normalized. */
int boot_mac_parse(const char *s, char mac[18]);
int boot_hostname_check(const char *s);

#endif /* IET_HTTPQUERY_H */
