/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The global keys of ietd.conf for the HTTP server and its iPXE menu:
 *
 *   HTTPListen ADDR[:PORT]   serve HTTP there (port 80 by default;
 *                            "[::1]:8080", "*:8080" for every address)
 *   HTTPRoot DIR             serve the files under DIR
 *   MenuTitle TEXT...        the menu's title
 *   MenuTimeout SECONDS      until the default item boots (0: wait)
 *   BootClient WHO Target=IQN[,Lun=N][,Default=san|local|shell]
 *              [,Timeout=SECONDS][,InitiatorName=IQN][,User=NAME]
 *
 * and those of proxyDHCP (dhcpconf.h), which points clients at them.
 *
 * WHO is a MAC (six hex pairs with ':' or '-') or a host name; a client
 * is matched by the mac parameter of its request first, then by its
 * hostname. A client's script preselects its target's LUN (or the local
 * disk, or the shell) and sets its initiator name; User names one of the
 * target's IncomingUser accounts, whose secret, and the target's
 * OutgoingUser for mutual CHAP, go in that client's script and no other.
 *
 * Pure logic, no I/O.
 */
#ifndef IET_BOOTCONF_H
#define IET_BOOTCONF_H

#include <stdbool.h>
#include <stddef.h>

#include "dhcpconf.h"
#include "httpquery.h"

#define MENU_TIMEOUT_DEFAULT	10	/* seconds */
#define HTTP_PORT_DEFAULT	80

enum boot_default {
	BOOT_SAN,	/* the client's Target and Lun */
	BOOT_LOCAL,
	BOOT_SHELL,
};

struct boot_client {
	char mac[18];		/* "" if matched by host name */
	char *hostname;		/* NULL if matched by MAC */
	char *target;		/* NULL: none */
	unsigned int lun;
	enum boot_default dflt;
	int timeout;		/* seconds; -1: MenuTimeout */
	char *initiator;	/* NULL: iPXE's own */
	char *user;		/* NULL: no CHAP */
	unsigned int line;
};

struct bootconf {
	char *listen;		/* NULL: no HTTP server */
	unsigned int listen_line;
	char *root;		/* NULL: no files */
	unsigned int root_line;
	char *title;
	unsigned int title_line;
	int timeout;		/* seconds; -1: not set */
	unsigned int timeout_line;
	struct boot_client *clients;
	unsigned int nr_clients;
	struct dhcpconf dhcp;	/* proxyDHCP keys: dhcpconf.h */
};

void bootconf_init(struct bootconf *b);
void bootconf_free(struct bootconf *b);

/* @key is one of the keys above. */
bool bootconf_is_key(const char *key);

/*
 * Take the line @words[0] @words[1..nr - 1], @rest being the text from
 * words[1] on, read at @line. Returns 1 if @words[0] is no key of ours,
 * 0, or a negative errno with a sentence in @msg.
 */
int bootconf_key(struct bootconf *b, unsigned int line, char **words,
		 unsigned int nr, const char *rest, char *msg, size_t len);

/* The client @q describes, or NULL. */
const struct boot_client *bootconf_match(const struct bootconf *b,
					 const struct boot_query *q);

/* The menu's timeout for @c (may be NULL), in seconds. */
int bootconf_timeout(const struct bootconf *b, const struct boot_client *c);

#endif /* IET_BOOTCONF_H */
