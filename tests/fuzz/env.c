// SPDX-License-Identifier: GPL-2.0
/*
 * The fake world of the fuzzed logins and discovery sessions. Its every
 * answer follows from the input alone, so that a crash replays; only the
 * CHAP challenges, which crypto.c draws, are random.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fuzz.h"

/* A target as ietd.conf would configure it: session keys by name. */
struct fake_target {
	const char *name;
	const char *alias;
	const char *redirect;	/* TargetAddress to send elsewhere */
	bool auth_required;
	int lookup_err;		/* what find_target says instead */
	const char *keys[8];	/* "Key=Value" over the defaults */
};

static const struct fake_target targets[] = {
	{ .name = "iqn.2026-11.org.example:open" },
	{
		/* Keys the usual initiators leave at defaults it refuses. */
		.name = "iqn.2026-11.org.example:strict",
		.alias = "strict disk",
		.keys = { "HeaderDigest=CRC32C", "DataDigest=CRC32C",
			  "ImmediateData=No", "MaxRecvDataSegmentLength=65536",
			  "MaxXmitDataSegmentLength=65536",
			  "DefaultTime2Wait=3600", "MaxBurstLength=512" },
	},
	{
		.name = "iqn.2026-11.org.example:fast",
		.keys = { "HeaderDigest=None,CRC32C",
			  "DataDigest=None,CRC32C", "InitialR2T=No",
			  "MaxRecvDataSegmentLength=262144",
			  "MaxBurstLength=16776192",
			  "FirstBurstLength=16776192", "MaxOutstandingR2T=16",
			  "DefaultTime2Wait=0" },
	},
	{
		.name = "iqn.2026-11.org.example:chap",
		.alias = "needs CHAP",
		.auth_required = true,
	},
	{ .name = "iqn.2026-11.org.example:broken", .lookup_err = -EIO },
	{
		.name = "iqn.2026-11.org.example:moved",
		.redirect = "[fe80::2]:3260,1",
	},
};

void fuzz_sparams(unsigned int *sparams, const char *const *keys,
		  unsigned int nr)
{
	char buf[64], msg[128], *val;
	unsigned int i;
	int k;

	param_defaults(&session_params, sparams);
	for (i = 0; i < nr && keys[i]; i++) {
		snprintf(buf, sizeof(buf), "%s", keys[i]);
		val = strchr(buf, '=');
		FUZZ_CHECK(val);
		*val++ = '\0';
		k = param_find(&session_params, buf);
		if (k < 0 || param_parse(&session_params.keys[k], val,
					 &sparams[k], msg, sizeof(msg)))
			fuzz_fail(__FILE__, __LINE__, keys[i]);
	}
}

static int find_target(void *ctx, const char *name, struct login_target *t)
{
	const struct fake_target *f;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(targets); i++) {
		f = &targets[i];
		/* As ietd: iSCSI names compare without case. */
		if (strcasecmp(name, f->name))
			continue;
		if (f->lookup_err)
			return f->lookup_err;
		memset(t, 0, sizeof(*t));
		t->tid = i + 1;
		snprintf(t->name, sizeof(t->name), "%s", f->name);
		snprintf(t->alias, sizeof(t->alias), "%s",
			 f->alias ? f->alias : "");
		snprintf(t->redirect, sizeof(t->redirect), "%s",
			 f->redirect ? f->redirect : "");
		fuzz_sparams(t->sparams, f->keys, ARRAY_SIZE(f->keys));
		t->auth_required = f->auth_required;
		return 0;
	}
	return -ENOENT;
}

static int access_ok(void *ctx, const struct login *l, char *why,
		     size_t len)
{
	if (!strstr(l->initiator, "denied"))
		return 0;
	snprintf(why, len, "%s may not use %s", l->initiator,
		 l->target.name);
	return LS_AUTHORIZATION;
}

static bool discovery_auth(void *ctx)
{
	const struct login *l = ctx;

	return strstr(l->initiator, "chap");
}

/* Each of the CHAP target and discovery has one user, "user". */
static int incoming(void *ctx, const char *target, const char *name,
		    char *secret, size_t len)
{
	if (strcmp(name, "user") ||
	    (*target && strcasecmp(target, "iqn.2026-11.org.example:chap")))
		return -ENOENT;
	snprintf(secret, len, "%s", *target ? "target secret" : "disc secret");
	return 0;
}

/* The CHAP target authenticates itself too, when asked. */
static int outgoing(void *ctx, const char *target, char *name, size_t nlen,
		    char *secret, size_t slen)
{
	if (strcasecmp(target, "iqn.2026-11.org.example:chap"))
		return -ENOENT;
	snprintf(name, nlen, "target");
	snprintf(secret, slen, "mutual secret");
	return 0;
}

/* Any TSIH names a session: one with a connection, none, or an error. */
static int session_exists(void *ctx, uint32_t tid, uint16_t tsih,
			  const uint8_t *isid)
{
	static const int answers[] = { 1, 0, -EIO };

	return answers[tsih % ARRAY_SIZE(answers)];
}

static int admit(void *ctx, const struct login *l, uint16_t *tsih,
		 char *why, size_t len)
{
	if (strstr(l->initiator, "full")) {
		snprintf(why, len, "%s has too many sessions", l->initiator);
		return LS_TOO_MANY_CONNS;
	}
	*tsih = 0x1234;
	return 0;
}

const struct login_env fuzz_login_env = {
	.find_target = find_target,
	.access = access_ok,
	.discovery_auth = discovery_auth,
	.accounts = { .incoming = incoming, .outgoing = outgoing },
	.session_exists = session_exists,
	.admit = admit,
};

unsigned int fuzz_disc_targets;

/* Names of every length up to IET_NAME_MAX, for answers in pieces. */
static void disc_name(unsigned int i, char *buf, size_t len)
{
	int n;

	n = snprintf(buf, len, "iqn.2026-11.org.example:disk%02u", i);
	if (i % 4 == 3) {
		/* Pad to the longest names there are. */
		memset(buf + n, 'x', len - n);
		buf[IET_NAME_MAX - i / 4] = '\0';
	}
}

static int disc_targets(void *ctx, struct kern_target **t, unsigned int *nr)
{
	unsigned int i, n = fuzz_disc_targets;

	if (n > FUZZ_TARGETS_MAX)
		return -EIO;
	*t = calloc(n ? n : 1, sizeof(**t));
	if (!*t)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		(*t)[i].tid = i + 1;
		disc_name(i, (*t)[i].name, sizeof((*t)[i].name));
	}
	*nr = n;
	return 0;
}

/* Targets 10 to 19 are hidden from the initiator. */
static bool disc_visible(void *ctx, const char *target)
{
	return !strstr(target, ":disk1");
}

const struct disc_env fuzz_disc_env = {
	.targets = disc_targets,
	.visible = disc_visible,
};
