/* SPDX-License-Identifier: GPL-2.0 */
/*
 * initiators.allow and targets.allow in IET's syntax: which initiators
 * may use a target, and on which portals a target is offered.
 *
 * Each line is "TARGET LIST", TARGET a target name or ALL, LIST entries
 * separated by commas (blanks around them are fine):
 * - a.b.c.d or a.b.c.d/LEN, [IPv6] or [IPv6]/LEN, matching an address;
 * - ALL, matching anything;
 * - in initiators.allow only, a POSIX extended regular expression that
 *   must match the whole InitiatorName, ignoring case as iSCSI names
 *   compare (so "iqn.2001-04.com.example:.*" but not "example").
 * '#' at the start of a word comments out the rest of the line, and a
 * backslash at the end of a line joins the next one, as in ietd.conf.
 *
 * The first line for a target (by name, ignoring case, or ALL) decides:
 * the target is allowed when an entry matches. A file that exists but
 * has no line for a target allows it to no one; a missing file allows
 * everything.
 *
 * Where IET was silent, a mistake is an error naming FILE:LINE and the
 * fix: a CIDR with bits set past its length (IET never matched those),
 * a bare IPv6 address, a host name (never looked up), a regular
 * expression that does not compile. Addresses compare as IPv6, IPv4 as
 * ::ffff:a.b.c.d, so an IPv4 client of an IPv6 socket matches its IPv4
 * entries, and [::]/0 matches every address.
 *
 * Pure: no I/O, so that tests/unit compiles it; allowfile.c reads files.
 */
#ifndef IET_ALLOW_H
#define IET_ALLOW_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

/* The bytes of an address as rules compare it. */
#define ALLOW_ADDR_LEN	16

/* initiators.allow lists addresses and names; targets.allow addresses. */
enum allow_kind {
	ALLOW_INITIATORS,
	ALLOW_TARGETS,
};

enum allow_entry_type {
	ALLOW_ANY,
	ALLOW_NET,
	ALLOW_NAME,
};

struct allow_entry {
	enum allow_entry_type type;
	uint8_t net[ALLOW_ADDR_LEN];	/* IPv4 as ::ffff:a.b.c.d */
	unsigned int prefix;		/* leading bits of @net that count */
	regex_t re;			/* of ALLOW_NAME */
};

struct allow_rule {
	char *target;			/* NULL: ALL */
	unsigned int line;
	struct allow_entry *entries;
	unsigned int nr_entries;
};

struct allow_list {
	char *file;			/* NULL: no file, everything allowed */
	struct allow_rule *rules;
	unsigned int nr_rules;
	/* "FILE:LINE: ..." about lines that can never take effect. */
	char **warnings;
	unsigned int nr_warnings;
};

/*
 * Parse @len bytes of @text, read from @file, into @l. Returns 0, or a
 * negative errno with "FILE:LINE: ..." in @err and @l left empty.
 */
int allow_parse(struct allow_list *l, enum allow_kind kind, const char *file,
		const char *text, size_t len, char *err, size_t errlen);

void allow_free(struct allow_list *l);

/* @sa's address as rules compare it: 0, or -EAFNOSUPPORT. */
int allow_addr(const struct sockaddr *sa, uint8_t addr[ALLOW_ADDR_LEN]);

/* @addr as text, IPv4-mapped as IPv4; @len at least INET6_ADDRSTRLEN. */
void allow_addr_str(const uint8_t addr[ALLOW_ADDR_LEN], char *buf, size_t len);

/*
 * Whether @l lets the initiator at @addr called @name (NULL: compare
 * addresses only) use @target. *line is the line that decided, 0 when
 * none did: no file (yes), or no line for @target (no).
 */
bool allow_check(const struct allow_list *l, const char *target,
		 const uint8_t addr[ALLOW_ADDR_LEN], const char *name,
		 unsigned int *line);

#endif /* IET_ALLOW_H */
