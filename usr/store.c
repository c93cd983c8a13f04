// SPDX-License-Identifier: GPL-2.0
/*
 * Accounts and session keys kept by ietd, by target name.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "store.h"

struct store ietd_store;

const char *user_dir_name(enum user_dir dir)
{
	return dir == USER_INCOMING ? "IncomingUser" : "OutgoingUser";
}

static struct store_target *find(const struct store *s, const char *target)
{
	unsigned int i;

	for (i = 0; i < s->nr; i++)
		if (!strcasecmp(s->targets[i].name, target))
			return &s->targets[i];
	return NULL;
}

static struct store_target *get(struct store *s, const char *target)
{
	struct store_target *t = find(s, target), *n;

	if (t)
		return t;
	n = realloc(s->targets, (s->nr + 1) * sizeof(*n));
	if (!n)
		return NULL;
	s->targets = n;
	t = &n[s->nr];
	memset(t, 0, sizeof(*t));
	t->name = strdup(target);
	if (!t->name)
		return NULL;
	s->nr++;
	return t;
}

static struct store_user *user_find(const struct store_target *t,
				    enum user_dir dir, const char *name)
{
	unsigned int i;

	for (i = 0; t && i < t->nr_users; i++)
		if (t->users[i].dir == dir &&
		    (!name || !strcmp(t->users[i].name, name)))
			return &t->users[i];
	return NULL;
}

int store_user_add(struct store *s, const char *target, enum user_dir dir,
		   const char *name, const char *password)
{
	struct store_target *t = get(s, target);
	struct store_user *u;

	if (!t)
		return -ENOMEM;
	/* Account names are case-sensitive, as CHAP_N is compared. */
	if (user_find(t, dir, dir == USER_OUTGOING ? NULL : name))
		return -EEXIST;
	u = realloc(t->users, (t->nr_users + 1) * sizeof(*u));
	if (!u)
		return -ENOMEM;
	t->users = u;
	u = &u[t->nr_users];
	u->dir = dir;
	u->name = strdup(name);
	u->password = strdup(password);
	if (!u->name || !u->password) {
		free(u->name);
		free(u->password);
		return -ENOMEM;
	}
	t->nr_users++;
	return 0;
}

int store_user_del(struct store *s, const char *target, enum user_dir dir,
		   const char *name)
{
	struct store_target *t = find(s, target);
	struct store_user *u = user_find(t, dir, name);

	if (!u)
		return -ENOENT;
	free(u->name);
	free(u->password);
	/* Keep the order: lists show accounts as they were added. */
	memmove(u, u + 1, (t->users + --t->nr_users - u) * sizeof(*u));
	return 0;
}

const struct store_user *store_user_find(const struct store *s,
					 const char *target,
					 enum user_dir dir, const char *name)
{
	return user_find(find(s, target), dir, name);
}

unsigned int store_nr_incoming(const struct store *s, const char *target)
{
	const struct store_target *t = find(s, target);
	unsigned int i, n = 0;

	for (i = 0; t && i < t->nr_users; i++)
		n += t->users[i].dir == USER_INCOMING;
	return n;
}

int store_users_list(const struct store *s, const char *target, char *buf,
		     size_t len)
{
	const struct store_target *t = find(s, target);
	unsigned int i, dir;
	size_t n = 0;

	if (len)
		buf[0] = '\0';
	for (dir = USER_INCOMING; dir <= USER_OUTGOING; dir++) {
		for (i = 0; t && i < t->nr_users; i++) {
			if (t->users[i].dir != dir)
				continue;
			n += snprintf(buf + n, n < len ? len - n : 0, "%s %s\n",
				      user_dir_name(dir), t->users[i].name);
		}
	}
	return n < len ? (int)n : -ENOSPC;
}

const unsigned int *store_sparams(const struct store *s, const char *target)
{
	const struct store_target *t = find(s, target);

	return t && t->has_sparams ? t->sparams : NULL;
}

int store_sparams_set(struct store *s, const char *target,
		      const unsigned int *vals)
{
	struct store_target *t = get(s, target);

	if (!t)
		return -ENOMEM;
	memcpy(t->sparams, vals, sizeof(t->sparams));
	t->has_sparams = true;
	return 0;
}

static void target_free(struct store_target *t)
{
	unsigned int i;

	for (i = 0; i < t->nr_users; i++) {
		free(t->users[i].name);
		free(t->users[i].password);
	}
	free(t->users);
	free(t->redirect);
	free(t->name);
}

int store_redirect_set(struct store *s, const char *target, const char *addr)
{
	struct store_target *t = get(s, target);
	char *copy = NULL;

	if (!t)
		return -ENOMEM;
	if (addr && *addr) {
		copy = strdup(addr);
		if (!copy)
			return -ENOMEM;
	}
	free(t->redirect);
	t->redirect = copy;
	return 0;
}

const char *store_redirect(const struct store *s, const char *target)
{
	const struct store_target *t = find(s, target);

	return t ? t->redirect : NULL;
}

void store_forget(struct store *s, const char *target)
{
	struct store_target *t = find(s, target);

	if (!t)
		return;
	target_free(t);
	*t = s->targets[--s->nr];
}

static int load_auth(struct store *s, const char *target,
		     const struct config_auth *a)
{
	unsigned int i;
	int err = 0;

	/* config.c refused duplicates: -EEXIST cannot happen here. */
	for (i = 0; !err && i < a->nr_incoming; i++)
		err = store_user_add(s, target, USER_INCOMING,
				     a->incoming[i].name,
				     a->incoming[i].password);
	if (!err && a->outgoing.name)
		err = store_user_add(s, target, USER_OUTGOING,
				     a->outgoing.name, a->outgoing.password);
	return err;
}

int store_load_config(struct store *s, const struct config *cfg)
{
	const struct config_target *ct;
	unsigned int i;
	int err;

	store_free(s);
	err = load_auth(s, "", &cfg->discovery);
	for (i = 0; !err && i < cfg->nr_targets; i++) {
		ct = &cfg->targets[i];
		err = store_sparams_set(s, ct->name, ct->sparams) ?:
			load_auth(s, ct->name, &ct->auth);
	}
	if (err)
		store_free(s);
	return err;
}

void store_free(struct store *s)
{
	unsigned int i;

	for (i = 0; i < s->nr; i++)
		target_free(&s->targets[i]);
	free(s->targets);
	s->targets = NULL;
	s->nr = 0;
}
