// SPDX-License-Identifier: GPL-2.0
/*
 * The HTTP and menu keys of ietd.conf. See bootconf.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bootconf.h"
#include "hostport.h"
#include "kvlist.h"
#include "located.h"
#include "lunparams.h"
#include "params.h"

#define TIMEOUT_MAX	3600

void bootconf_init(struct bootconf *b)
{
	memset(b, 0, sizeof(*b));
	b->timeout = -1;
	dhcpconf_init(&b->dhcp);
}

static void client_free(struct boot_client *c)
{
	free(c->hostname);
	free(c->target);
	free(c->initiator);
	free(c->user);
}

void bootconf_free(struct bootconf *b)
{
	unsigned int i;

	for (i = 0; i < b->nr_clients; i++)
		client_free(&b->clients[i]);
	free(b->clients);
	free(b->listen);
	free(b->root);
	free(b->title);
	dhcpconf_free(&b->dhcp);
	bootconf_init(b);
}

static int parse_seconds(const char *s, int *val, const char *what, char *msg,
		   size_t len)
{
	unsigned long long v;

	if (param_parse_u64(s, &v) || v > TIMEOUT_MAX) {
		snprintf(msg, len, "%s '%s' is not a number of seconds up to %d",
			 what, s, TIMEOUT_MAX);
		return -EINVAL;
	}
	*val = v;
	return 0;
}

static int do_string(char **val, unsigned int *seen, unsigned int line,
		     char **words, const char *s, char *msg, size_t len)
{
	if (located_once(seen, line, words[0], msg, len))
		return -EINVAL;
	*val = strdup(s);
	return *val ? 0 : -ENOMEM;
}

static int do_listen(struct bootconf *b, unsigned int line, char **words,
		     char *msg, size_t len)
{
	unsigned int port = HTTP_PORT_DEFAULT;
	char addr[64];

	if (hostport_parse(words[1], addr, sizeof(addr), &port)) {
		snprintf(msg, len, "HTTPListen '%s' is not ADDR[:PORT] (10.0.0.1:8080, [::1]:8080, *:80)",
			 words[1]);
		return -EINVAL;
	}
	return do_string(&b->listen, &b->listen_line, line, words, words[1],
			 msg, len);
}

static int client_default(struct boot_client *c, const char *v, char *msg,
			  size_t len)
{
	if (!strcasecmp(v, "san"))
		c->dflt = BOOT_SAN;
	else if (!strcasecmp(v, "local"))
		c->dflt = BOOT_LOCAL;
	else if (!strcasecmp(v, "shell"))
		c->dflt = BOOT_SHELL;
	else
		goto bad;
	return 0;
bad:
	snprintf(msg, len, "Default '%s' is not san, local or shell", v);
	return -EINVAL;
}

static int client_iqn(char **dst, const struct kv *kv, char *msg, size_t len)
{
	if (*dst) {
		snprintf(msg, len, "%s is given twice", kv->key);
		return -EINVAL;
	}
	if (iscsi_name_check(kv->val, msg, len))
		return -EINVAL;
	*dst = strdup(kv->val);
	return *dst ? 0 : -ENOMEM;
}

static int client_kv(struct boot_client *c, const struct kv *kv, char *msg,
		     size_t len)
{
	if (!strcasecmp(kv->key, "Target"))
		return client_iqn(&c->target, kv, msg, len);
	if (!strcasecmp(kv->key, "InitiatorName"))
		return client_iqn(&c->initiator, kv, msg, len);
	if (!strcasecmp(kv->key, "Lun"))
		return lun_number_parse(kv->val, &c->lun, msg, len) ?
			-EINVAL : 0;
	if (!strcasecmp(kv->key, "Default"))
		return client_default(c, kv->val, msg, len);
	if (!strcasecmp(kv->key, "Timeout"))
		return parse_seconds(kv->val, &c->timeout, "Timeout", msg, len);
	if (!strcasecmp(kv->key, "User") && !c->user) {
		c->user = strdup(kv->val);
		return c->user ? 0 : -ENOMEM;
	}
	snprintf(msg, len, "BootClient: unknown or repeated parameter '%s'",
		 kv->key);
	return -EINVAL;
}

static int client_who(struct bootconf *b, struct boot_client *c,
		      const char *who, char *msg, size_t len)
{
	unsigned int i;

	if (boot_mac_parse(who, c->mac)) {
		c->mac[0] = '\0';
		if (boot_hostname_check(who)) {
			snprintf(msg, len, "BootClient '%s' is neither a MAC nor a host name",
				 who);
			return -EINVAL;
		}
	}
	for (i = 0; i < b->nr_clients; i++) {
		const struct boot_client *o = &b->clients[i];

		if ((c->mac[0] && !strcmp(o->mac, c->mac)) ||
		    (!c->mac[0] && o->hostname &&
		     !strcasecmp(o->hostname, who))) {
			snprintf(msg, len, "BootClient %s is already given on line %u",
				 who, o->line);
			return -EINVAL;
		}
	}
	if (!c->mac[0]) {
		c->hostname = strdup(who);
		if (!c->hostname)
			return -ENOMEM;
	}
	return 0;
}

/* @params: the line after WHO, which like a Lun's may go on lines. */
static int client_parse(struct bootconf *b, struct boot_client *c,
			char **words, const char *params,
			char *msg, size_t len)
{
	struct kv_list l;
	unsigned int i;
	int ret;

	c->timeout = -1;
	c->dflt = BOOT_SAN;
	ret = client_who(b, c, words[1], msg, len);
	if (ret)
		return ret;
	ret = kv_parse(&l, params, msg, len);
	for (i = 0; !ret && i < l.nr; i++)
		ret = client_kv(c, &l.kv[i], msg, len);
	kv_free(&l);
	if (!ret && !c->target && c->user) {
		snprintf(msg, len, "BootClient: User names an account of its Target, and there is none");
		return -EINVAL;
	}
	if (!ret && !c->target && c->dflt == BOOT_SAN)
		c->dflt = BOOT_LOCAL;
	return ret;
}

static int do_client(struct bootconf *b, unsigned int line, char **words,
		     unsigned int nr, const char *rest, char *msg, size_t len)
{
	struct boot_client c = { .line = line }, *n;
	const char *params;
	int ret;

	if (nr < 3) {
		snprintf(msg, len, "BootClient takes a MAC or host name and Target=IQN,...");
		return -EINVAL;
	}
	params = rest + strlen(words[1]);
	params += strspn(params, " \t");
	ret = client_parse(b, &c, words, params, msg, len);
	if (ret)
		goto fail;
	n = realloc(b->clients, (b->nr_clients + 1) * sizeof(*n));
	ret = -ENOMEM;
	if (!n)
		goto fail;
	b->clients = n;
	b->clients[b->nr_clients++] = c;
	return 0;
fail:
	client_free(&c);
	return ret;
}

bool bootconf_is_key(const char *key)
{
	return !strcasecmp(key, "HTTPListen") || !strcasecmp(key, "HTTPRoot") ||
	       !strcasecmp(key, "MenuTitle") ||
	       !strcasecmp(key, "MenuTimeout") ||
	       !strcasecmp(key, "BootClient") || dhcpconf_is_key(key);
}

int bootconf_key(struct bootconf *b, unsigned int line, char **words,
		 unsigned int nr, const char *rest, char *msg, size_t len)
{
	const char *key = words[0];

	if (!bootconf_is_key(key))
		return 1;
	if (dhcpconf_is_key(key))
		return dhcpconf_key(&b->dhcp, line, words, nr, msg, len);
	if (!strcasecmp(key, "BootClient"))
		return do_client(b, line, words, nr, rest, msg, len);
	if (nr < 2 || (nr > 2 && strcasecmp(key, "MenuTitle"))) {
		snprintf(msg, len, "%s takes one value", key);
		return -EINVAL;
	}
	if (!strcasecmp(key, "HTTPListen"))
		return do_listen(b, line, words, msg, len);
	if (!strcasecmp(key, "HTTPRoot"))
		return do_string(&b->root, &b->root_line, line, words,
				 words[1], msg, len);
	if (!strcasecmp(key, "MenuTitle"))
		return do_string(&b->title, &b->title_line, line, words, rest,
				 msg, len);
	if (located_once(&b->timeout_line, line, key, msg, len))
		return -EINVAL;
	return parse_seconds(words[1], &b->timeout, key, msg, len);
}

const struct boot_client *bootconf_match(const struct bootconf *b,
					 const struct boot_query *q)
{
	unsigned int i;

	for (i = 0; q->mac[0] && i < b->nr_clients; i++)
		if (!strcmp(b->clients[i].mac, q->mac))
			return &b->clients[i];
	for (i = 0; q->hostname[0] && i < b->nr_clients; i++)
		if (b->clients[i].hostname &&
		    !strcasecmp(b->clients[i].hostname, q->hostname))
			return &b->clients[i];
	return NULL;
}

int bootconf_timeout(const struct bootconf *b, const struct boot_client *c)
{
	if (c && c->timeout >= 0)
		return c->timeout;
	return b->timeout >= 0 ? b->timeout : MENU_TIMEOUT_DEFAULT;
}
