// SPDX-License-Identifier: GPL-2.0
/*
 * Targets, sessions and ietd.conf, as the login sees them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "allowfile.h"
#include "config.h"
#include "kernel.h"
#include "live.h"
#include "log.h"
#include "session.h"
#include "store.h"

static struct kern *kern;
static const struct config *conf;
static struct session_table sessions;
static bool kernel_lists_sessions = true;

/* Bring the table up to date with the kernel's sessions. */
static int refresh(void)
{
	struct session_entry *live;
	struct kern_session *s;
	unsigned int i, nr;
	int err;

	if (!kernel_lists_sessions)
		return 0;
	err = kern_session_dump(kern, 0, &s, &nr);
	if (err == -EOPNOTSUPP) {
		log_debug(1, "iscsi_trgt cannot list sessions: assuming none but ietd's");
		kernel_lists_sessions = false;
		return 0;
	}
	if (err)
		return err;
	live = calloc(nr + 1, sizeof(*live));
	if (!live) {
		free(s);
		return -ENOMEM;
	}
	for (i = 0; i < nr; i++) {
		live[i].tid = s[i].tid;
		live[i].sid = s[i].sid;
		snprintf(live[i].initiator, sizeof(live[i].initiator), "%s",
			 s[i].initiator);
	}
	err = session_sync(&sessions, live, nr);
	free(live);
	free(s);
	return err;
}

int live_init(struct kern *k, const struct config *cfg)
{
	unsigned int i;
	int err;

	kern = k;
	conf = cfg;
	err = store_load_config(&ietd_store, cfg);
	if (err)
		return err;
	err = refresh();
	if (err)
		return err;
	/* Start after the highest TSIH in use: fewer surprises in logs. */
	for (i = 0; i < sessions.nr; i++)
		if (sid_tsih(sessions.s[i].sid) > sessions.last_tsih)
			sessions.last_tsih = sid_tsih(sessions.s[i].sid);
	return 0;
}

void live_exit(void)
{
	store_free(&ietd_store);
	session_table_free(&sessions);
}

struct kern *live_kern(void)
{
	return kern;
}

const struct config *live_config(void)
{
	return conf;
}

void live_config_set(const struct config *cfg)
{
	conf = cfg;
}

static void fill_target(struct login_target *t, const struct kern_target *kt)
{
	const struct config_target *ct = config_find_target(conf, kt->name);
	const unsigned int *sparams;
	const char *redirect;

	memset(t, 0, sizeof(*t));
	t->tid = kt->tid;
	snprintf(t->name, sizeof(t->name), "%s", kt->name);
	/* ietd.conf's keys, as ietadm may have changed them since. */
	sparams = store_sparams(&ietd_store, kt->name);
	if (sparams)
		memcpy(t->sparams, sparams, sizeof(t->sparams));
	else
		param_defaults(&session_params, t->sparams);
	t->auth_required = store_nr_incoming(&ietd_store, kt->name) > 0;
	if (ct && ct->alias)
		snprintf(t->alias, sizeof(t->alias), "%s", ct->alias);
	redirect = store_redirect(&ietd_store, kt->name);
	if (redirect)
		snprintf(t->redirect, sizeof(t->redirect), "%s", redirect);
}

static int find_target(void *ctx __maybe_unused, const char *name,
		       struct login_target *t)
{
	struct kern_target *kt;
	unsigned int i, nr;
	int err;

	err = kern_target_dump(kern, &kt, &nr);
	if (err)
		return err;
	err = -ENOENT;
	for (i = 0; i < nr && err; i++) {
		if (!strcasecmp(kt[i].name, name)) {
			fill_target(t, &kt[i]);
			err = 0;
		}
	}
	free(kt);
	return err;
}

/* initiators.allow and targets.allow, once the target is known. */
static int access_check(void *ctx, const struct login *l, char *why,
			size_t len)
{
	const struct live_conn *c = ctx;

	switch (allow_files_check(l->target.name, l->initiator,
				  (const void *)&c->peer,
				  (const void *)&c->portal, why, len)) {
	case ALLOW_YES:
		return 0;
	case ALLOW_NO_PORTAL:
		/* RFC 7143 11.13.5: "does not exist at this address". */
		return LS_NOT_FOUND;
	case ALLOW_NO_INITIATOR:
		break;
	}
	return LS_AUTHORIZATION;
}

static bool discovery_auth(void *ctx __maybe_unused)
{
	return store_nr_incoming(&ietd_store, "") > 0;
}

static int incoming(void *ctx __maybe_unused, const char *target,
		    const char *name, char *secret, size_t len)
{
	const struct store_user *u;

	u = store_user_find(&ietd_store, target, USER_INCOMING, name);
	if (!u)
		return -ENOENT;
	snprintf(secret, len, "%s", u->password);
	return 0;
}

static int outgoing(void *ctx __maybe_unused, const char *target,
		    char *name, size_t nlen, char *secret, size_t slen)
{
	const struct store_user *u;

	u = store_user_find(&ietd_store, target, USER_OUTGOING, NULL);
	if (!u)
		return -ENOENT;
	snprintf(name, nlen, "%s", u->name);
	snprintf(secret, slen, "%s", u->password);
	return 0;
}

static int session_exists(void *ctx __maybe_unused, uint32_t tid,
			  uint16_t tsih, const uint8_t *isid)
{
	struct session_entry *e;
	uint8_t id[6];
	int err;

	err = refresh();
	if (err)
		return err;
	e = session_find_tsih(&sessions, tid, tsih);
	if (!e)
		return 0;
	sid_isid(e->sid, id);
	return !memcmp(id, isid, sizeof(id));
}

static unsigned int max_sessions(const char *target)
{
	const struct config_target *ct = config_find_target(conf, target);

	return ct ? ct->max_sessions : 0;
}

/*
 * A login with the ISID of a live session replaces it (RFC 7143 6.3.5):
 * Windows does so after an iPXE boot. The old one goes first.
 */
static int reinstate(const struct login *l, struct session_entry *old,
		     char *why, size_t len)
{
	int err;

	if (old->local) {
		snprintf(why, len, "a login with this ISID is completing");
		return LS_TARGET_ERROR;
	}
	log_info("login: %s reinstates session %llu of target %u", l->initiator,
		 (unsigned long long)old->sid, old->tid);
	err = kern_session_del(kern, old->tid, old->sid);
	if (err && err != -ENOENT) {
		snprintf(why, len, "cannot end session %llu: %s",
			 (unsigned long long)old->sid, strerror(-err));
		return LS_TARGET_ERROR;
	}
	session_remove(&sessions, old->sid);
	return 0;
}

static int admit(void *ctx __maybe_unused, const struct login *l,
		 uint16_t *tsih, char *why, size_t len)
{
	bool normal = l->type == NEGO_NORMAL;
	uint32_t tid = normal ? l->target.tid : 0;
	struct session_entry *old = NULL;
	unsigned int max = normal ? max_sessions(l->target.name) : 0;
	int err;

	err = refresh();
	if (err) {
		snprintf(why, len, "cannot list sessions: %s", strerror(-err));
		return LS_TARGET_ERROR;
	}
	if (normal)
		old = session_find_isid(&sessions, tid, l->initiator, l->isid);
	if (max && session_count(&sessions, tid) - !!old >= max) {
		snprintf(why, len, "target %s has its MaxSessions %u sessions",
			 l->target.name, max);
		return LS_NO_RESOURCES;
	}
	if (old) {
		err = reinstate(l, old, why, len);
		if (err)
			return err;
	}
	*tsih = session_next_tsih(&sessions);
	if (!*tsih ||
	    session_add(&sessions, tid, sid_make(*tsih, l->isid),
			l->initiator, true)) {
		snprintf(why, len, "no TSIH left");
		return LS_NO_RESOURCES;
	}
	return 0;
}

void live_session_started(const struct login *l)
{
	struct session_entry *e;

	e = session_find_tsih(&sessions, l->target.tid, l->session_tsih);
	if (e)
		e->local = false;
}

void live_session_failed(const struct login *l)
{
	session_remove(&sessions, sid_make(l->session_tsih, l->isid));
}

void live_discovery_ended(uint16_t tsih)
{
	struct session_entry *e = session_find_tsih(&sessions, 0, tsih);

	if (e)
		session_remove(&sessions, e->sid);
}

static int targets(void *ctx __maybe_unused, struct kern_target **t,
		   unsigned int *nr)
{
	return kern_target_dump(kern, t, nr);
}

/* SendTargets lists what a login from here would be let in to. */
static bool visible(void *ctx, const char *target)
{
	const struct live_conn *c = ctx;
	char why[256];

	if (allow_files_check(target, c->initiator, (const void *)&c->peer,
			      (const void *)&c->portal, why,
			      sizeof(why)) == ALLOW_YES)
		return true;
	log_debug(2, "discovery: %s not listed for %s: %s", target,
		  c->initiator, why);
	return false;
}

const struct login_env live_login_env = {
	.find_target = find_target,
	.access = access_check,
	.discovery_auth = discovery_auth,
	.accounts = { .incoming = incoming, .outgoing = outgoing },
	.session_exists = session_exists,
	.admit = admit,
};

const struct disc_env live_disc_env = {
	.targets = targets,
	.visible = visible,
};
