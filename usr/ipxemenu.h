/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The iPXE script of /boot.ipxe: a menu of the live targets' LUNs, each
 * item a sanboot of iscsi:<server>::<port>:<lun in hex>:<iqn>, the local
 * disk and the iPXE shell; for a known client its default item, timeout,
 * initiator name and CHAP account.
 *
 * iPXE expands ${...} in a whole line before it splits the line into
 * words at blanks, and reads "||", "&&", a word starting with '-' (an
 * option) and a line break as script syntax; it has no quoting that
 * stops all of these. So nothing goes into a script as it came:
 * - Labels (target names and aliases in items, MenuTitle) keep letters,
 *   digits, single spaces and ".:-_/,+=@()[]"; any other byte becomes
 *   '_', and so does a '-' that would start a word.
 * - Values that must reach iPXE exactly (IQNs, the server, CHAP names
 *   and secrets) are used only if every byte is a printable ASCII
 *   character other than $ { } | & # ; " ' ` \ < > and the first is not
 *   '-'; otherwise the item or setting is left out (a secret so left out
 *   leaves out the whole account).
 *
 * Pure logic, no I/O.
 */
#ifndef IET_IPXEMENU_H
#define IET_IPXEMENU_H

#include <stdbool.h>
#include <stddef.h>

struct menu_lun {
	unsigned int tid;
	unsigned int lun;
	const char *target;
	const char *alias;	/* may be NULL */
};

struct menu_chap {
	const char *user;	/* NULL: no CHAP */
	const char *secret;
	const char *reverse_user;	/* NULL: one-way */
	const char *reverse_secret;
};

struct menu {
	const char *title;	/* NULL: a default one */
	const char *server;	/* an address; IPv6 in brackets */
	unsigned int port;
	unsigned int timeout;	/* seconds; 0: wait for a choice */
	const struct menu_lun *luns;	/* in menu order */
	unsigned int nr_luns;
	/* The known client's choices, or NULL and a default of local. */
	const char *dflt_target;
	unsigned int dflt_lun;
	enum { MENU_SAN, MENU_LOCAL, MENU_SHELL } dflt;
	const char *initiator;	/* NULL: iPXE's own */
	struct menu_chap chap;
};

/*
 * The script, NUL-terminated, in *@out (free() it) of *@len bytes.
 * Returns 0 or -ENOMEM.
 */
int ipxe_menu_build(const struct menu *m, char **out, size_t *len);

/* @s may go into a script as a word, unchanged. */
bool ipxe_word_safe(const char *s);

/* @s as a label: at most @len - 1 bytes of it, escaped, in @out. */
void ipxe_label(const char *s, char *out, size_t len);

#endif /* IET_IPXEMENU_H */
