// SPDX-License-Identifier: GPL-2.0
/*
 * Formatting what ietadm shows.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

#include "showfmt.h"
#include "util.h"

struct out {
	char *buf;
	size_t len;
	size_t n;
};

static void __printf(2, 3) out_add(struct out *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	o->n += vsnprintf(o->buf + o->n, o->n < o->len ? o->len - o->n : 0,
			  fmt, ap);
	va_end(ap);
}

static int out_end(const struct out *o)
{
	return o->n < o->len ? (int)o->n : -ENOSPC;
}

/* The kernel's value of session key @key, in params.h's terms. */
static unsigned int negotiated(const struct kern_session *s, unsigned int key)
{
	/* enum iet_session_param follows enum session_key, from 1. */
	unsigned int v = s->params[key + 1];

	if (key == SESS_HEADER_DIGEST || key == SESS_DATA_DIGEST)
		return v == IET_DIGEST_CRC32C ? PARAM_DIGEST_CRC32C :
						PARAM_DIGEST_NONE;
	return v;
}

int show_session_params(const struct kern_session *s,
			const unsigned int *configured, char *buf, size_t len)
{
	struct out o = { buf, len, 0 };
	const struct param_key *key;
	unsigned int i, v;
	char val[32];

	if (len)
		buf[0] = '\0';
	for (i = 0; i < SESS_NR; i++) {
		key = &session_params.keys[i];
		v = s && i < SESS_OF_MARKER ? negotiated(s, i) : configured[i];
		param_format(key, v, val, sizeof(val));
		out_add(&o, "%s=%s\n", key->name, val);
	}
	return out_end(&o);
}

static void show_lun(struct out *o, const struct kern_lun *l)
{
	const struct lun_params *p = &l->params;

	out_add(o, "\tLUN %u: %s", l->lun, lun_type_name(p->type));
	if (p->path)
		out_add(o, " %s", p->path);
	out_add(o, ", %llu blocks of %u bytes, IOMode %s%s\n", p->blocks,
		p->blocksize, lun_iomode_name(p->iomode),
		l->state == IET_LUN_DELETING ? ", being deleted" : "");
}

static void show_session(struct out *o, const struct kern_session *s)
{
	const struct kern_conn_info *c;
	unsigned int i;

	out_add(o, "\tsession %" PRIu64 " from %s\n", s->sid, s->initiator);
	for (i = 0; i < s->nr_conns; i++) {
		c = &s->conns[i];
		out_add(o, "\t\tconnection %u from %s, %s", c->cid, c->addr,
			c->state == IET_CONN_CLOSING ? "closing" : "active");
		/* Said only when there are some: ERL 0 closes on the first. */
		if (c->digest_errors)
			out_add(o, ", %u digest error%s", c->digest_errors,
				c->digest_errors == 1 ? "" : "s");
		out_add(o, "\n");
	}
}

static void show_target(struct out *o, const struct kern_target *t,
			const struct kern_lun *l, unsigned int nr_luns,
			const struct kern_session *s, unsigned int nr_sessions)
{
	unsigned int i, luns = 0, sessions = 0;

	out_add(o, "target %u %s\n", t->tid, t->name);
	for (i = 0; i < nr_luns; i++)
		if (l[i].tid == t->tid && ++luns)
			show_lun(o, &l[i]);
	for (i = 0; i < nr_sessions; i++)
		if (s[i].tid == t->tid && ++sessions)
			show_session(o, &s[i]);
	if (!luns)
		out_add(o, "\tno LUNs\n");
	if (!sessions)
		out_add(o, "\tno sessions\n");
}

int show_all(const struct kern_target *t, unsigned int nr_targets,
	     const struct kern_lun *l, unsigned int nr_luns,
	     const struct kern_session *s, unsigned int nr_sessions,
	     char *buf, size_t len)
{
	struct out o = { buf, len, 0 };
	unsigned int i;

	if (len)
		buf[0] = '\0';
	if (!nr_targets)
		out_add(&o, "no targets\n");
	for (i = 0; i < nr_targets; i++)
		show_target(&o, &t[i], l, nr_luns, s, nr_sessions);
	return out_end(&o);
}
