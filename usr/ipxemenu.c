// SPDX-License-Identifier: GPL-2.0
/*
 * The iPXE menu builder. See ipxemenu.h for the escaping rules.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ipxemenu.h"
#include "util.h"

#define LABEL_MAX	100

struct sbuf {
	char *s;
	size_t len;
	size_t cap;
	int err;
};

static void __printf(2, 3) put(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	size_t cap;
	char *n;
	int r;

	while (!b->err) {
		va_start(ap, fmt);
		r = vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
		if (r >= 0 && (size_t)r < b->cap - b->len) {
			b->len += r;
			return;
		}
		cap = b->cap * 2 + r + 1;
		n = realloc(b->s, cap);
		if (!n) {
			b->err = -ENOMEM;
			return;
		}
		b->s = n;
		b->cap = cap;
	}
}

bool ipxe_word_safe(const char *s)
{
	if (!*s || *s == '-')
		return false;
	for (; *s; s++)
		if (*s <= 0x20 || *s >= 0x7f || strchr("${}|&#;\"'`\\<>", *s))
			return false;
	return true;
}

static bool label_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || (c && strchr(".:-_/,+=@()[]", c));
}

void ipxe_label(const char *s, char *out, size_t len)
{
	size_t n = 0;

	for (; *s && n + 1 < len; s++) {
		bool word_start = !n || out[n - 1] == ' ';
		char c = *s;

		if (c == ' ' || c == '\t') {
			if (!word_start)
				out[n++] = ' ';
			continue;
		}
		if (!label_char(c) || (c == '-' && word_start))
			c = '_';
		out[n++] = c;
	}
	while (n && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
}

static void chap(struct sbuf *b, const struct menu_chap *c)
{
	if (!c->user || !ipxe_word_safe(c->user) ||
	    !ipxe_word_safe(c->secret))
		return;
	put(b, "set username %s\nset password %s\n", c->user, c->secret);
	if (!c->reverse_user || !ipxe_word_safe(c->reverse_user) ||
	    !ipxe_word_safe(c->reverse_secret))
		return;
	put(b, "set reverse-username %s\nset reverse-password %s\n",
	    c->reverse_user, c->reverse_secret);
}

/* The server is ours, but a bad one must not become a broken item. */
static bool usable(const struct menu *m, const struct menu_lun *l)
{
	return ipxe_word_safe(m->server) && ipxe_word_safe(l->target);
}

static void items(struct sbuf *b, const struct menu *m)
{
	char name[LABEL_MAX], alias[LABEL_MAX];
	unsigned int i;

	put(b, "item --gap iSCSI targets\n");
	for (i = 0; i < m->nr_luns; i++) {
		const struct menu_lun *l = &m->luns[i];

		if (!usable(m, l))
			continue;
		ipxe_label(l->target, name, sizeof(name));
		ipxe_label(l->alias ? l->alias : "", alias, sizeof(alias));
		put(b, "item t%ul%u %s LUN %u%s%s%s\n", l->tid, l->lun, name,
		    l->lun, *alias ? " (" : "", alias, *alias ? ")" : "");
	}
	put(b, "item --gap Other\n"
	       "item local Boot from the local disk\n"
	       "item shell iPXE shell\n");
}

/* The item preselected: the client's LUN if it is live, else local. */
static void dflt(const struct menu *m, char *id, size_t len)
{
	unsigned int i;

	snprintf(id, len, m->dflt == MENU_SHELL ? "shell" : "local");
	if (m->dflt != MENU_SAN || !m->dflt_target)
		return;
	for (i = 0; i < m->nr_luns; i++)
		if (usable(m, &m->luns[i]) && m->luns[i].lun == m->dflt_lun &&
		    !strcasecmp(m->luns[i].target, m->dflt_target))
			snprintf(id, len, "t%ul%u", m->luns[i].tid,
				 m->luns[i].lun);
}

static void targets(struct sbuf *b, const struct menu *m)
{
	unsigned int i;

	for (i = 0; i < m->nr_luns; i++) {
		const struct menu_lun *l = &m->luns[i];

		if (!usable(m, l))
			continue;
		put(b, ":t%ul%u\nsanboot iscsi:%s::%u:%x:%s || goto failed\n",
		    l->tid, l->lun, m->server, m->port, l->lun, l->target);
	}
}

int ipxe_menu_build(const struct menu *m, char **out, size_t *len)
{
	struct sbuf b = { .s = malloc(1024), .cap = 1024 };
	char title[LABEL_MAX], id[32];

	if (!b.s)
		return -ENOMEM;

	ipxe_label(m->title ? m->title : "", title, sizeof(title));
	dflt(m, id, sizeof(id));
	put(&b, "#!ipxe\n");
	if (m->initiator && ipxe_word_safe(m->initiator))
		put(&b, "set initiator-iqn %s\n", m->initiator);
	chap(&b, &m->chap);
	put(&b, ":menu\nmenu %s\n", *title ? title : "iSCSI boot");
	items(&b, m);
	put(&b, "choose --default %s --timeout %u choice || goto shell\n"
		"goto ${choice}\n", id, m->timeout * 1000);
	targets(&b, m);
	put(&b, ":local\nsanboot --no-describe --drive 0x80 || goto failed\n"
		":shell\nshell\ngoto menu\n"
		":failed\necho Boot failed\nprompt --timeout 5000 Press any key for the menu || goto menu\n"
		"goto menu\n");
	if (b.err) {
		free(b.s);
		return b.err;
	}
	*out = b.s;
	*len = b.len;
	return 0;
}
