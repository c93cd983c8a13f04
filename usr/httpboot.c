// SPDX-License-Identifier: GPL-2.0
/*
 * The live iPXE menu. See httpboot.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bootconf.h"
#include "config.h"
#include "httpboot.h"
#include "ipxemenu.h"
#include "kernel.h"
#include "live.h"
#include "log.h"
#include "store.h"

static unsigned int iscsi_port = 3260;

void http_boot_set_port(unsigned int port)
{
	iscsi_port = port;
}

static int by_tid_lun(const void *a, const void *b)
{
	const struct kern_lun *x = a, *y = b;

	if (x->tid != y->tid)
		return x->tid < y->tid ? -1 : 1;
	return x->lun < y->lun ? -1 : x->lun > y->lun;
}

static const char *target_name(const struct kern_target *t, unsigned int nr,
			       uint32_t tid)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		if (t[i].tid == tid)
			return t[i].name;
	return NULL;
}

/* The running LUNs of live targets, in tid and LUN order. */
static int live_luns(struct menu_lun **out, unsigned int *nr,
		     struct kern_target **tp, struct kern_lun **lp,
		     unsigned int *nr_lp)
{
	const struct config *cfg = live_config();
	const struct config_target *ct;
	unsigned int nt, i, n = 0;
	struct menu_lun *m;
	int ret;

	ret = kern_target_dump(live_kern(), tp, &nt);
	if (ret)
		return ret;
	ret = kern_lun_dump(live_kern(), 0, lp, nr_lp);
	if (ret)
		return ret;
	qsort(*lp, *nr_lp, sizeof(**lp), by_tid_lun);
	m = calloc(*nr_lp + 1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	for (i = 0; i < *nr_lp; i++) {
		const struct kern_lun *l = &(*lp)[i];
		const char *name = target_name(*tp, nt, l->tid);

		if (!name || l->state != IET_LUN_RUNNING)
			continue;
		ct = cfg ? config_find_target(cfg, name) : NULL;
		m[n].tid = l->tid;
		m[n].lun = l->lun;
		m[n].target = name;
		m[n].alias = ct ? ct->alias : NULL;
		n++;
	}
	*out = m;
	*nr = n;
	return 0;
}

/* The client's account on its target, and the target's, for mutual. */
static void client_chap(const struct boot_client *c, struct menu_chap *chap)
{
	const struct store_user *u, *o;

	if (!c->target || !c->user)
		return;
	u = store_user_find(&ietd_store, c->target, USER_INCOMING, c->user);
	if (!u) {
		log_warn("BootClient on line %u: %s has no IncomingUser %s",
			 c->line, c->target, c->user);
		return;
	}
	if (!ipxe_word_safe(u->name) || !ipxe_word_safe(u->password))
		log_warn("BootClient on line %u: IncomingUser %s has characters an iPXE script cannot carry; the menu leaves CHAP out",
			 c->line, c->user);
	chap->user = u->name;
	chap->secret = u->password;
	o = store_user_find(&ietd_store, c->target, USER_OUTGOING, NULL);
	if (o) {
		chap->reverse_user = o->name;
		chap->reverse_secret = o->password;
	}
}

static void client_menu(const struct bootconf *b, const struct boot_client *c,
			struct menu *m)
{
	m->title = b->title;
	m->timeout = bootconf_timeout(b, c);
	m->dflt = MENU_LOCAL;
	if (!c)
		return;
	m->dflt = c->dflt == BOOT_SAN ? MENU_SAN :
		  c->dflt == BOOT_SHELL ? MENU_SHELL : MENU_LOCAL;
	m->dflt_target = c->target;
	m->dflt_lun = c->lun;
	m->initiator = c->initiator;
	client_chap(c, &m->chap);
}

int http_boot_menu(const struct boot_query *q, const char *server,
		   char **out, size_t *len)
{
	const struct config *cfg = live_config();
	struct kern_target *targets = NULL;
	struct kern_lun *luns = NULL;
	struct menu m = { .server = server, .port = iscsi_port };
	struct bootconf none;
	struct menu_lun *ml = NULL;
	unsigned int nr_luns = 0;
	int ret;

	bootconf_init(&none);
	ret = live_luns(&ml, &m.nr_luns, &targets, &luns, &nr_luns);
	if (!ret) {
		const struct bootconf *b = cfg ? &cfg->boot : &none;

		m.luns = ml;
		client_menu(b, bootconf_match(b, q), &m);
		ret = ipxe_menu_build(&m, out, len);
	}
	free(ml);
	free(targets);
	kern_luns_free(luns, nr_luns);
	return ret;
}
