// SPDX-License-Identifier: GPL-2.0
/*
 * The ietd.conf parser. See config.h for the syntax it accepts.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "config.h"
#include "hostport.h"
#include "located.h"
#include "util.h"

#define MAX_WORDS	64

struct parser {
	struct config *cfg;
	const char *file;
	unsigned int phys;		/* physical lines read so far */
	unsigned int line;		/* first physical line of this one */
	struct config_target *target;	/* NULL in the global section */
	unsigned int isns_server_line;
	unsigned int isns_ac_line;
	char *text;			/* the logical line */
	char *copy;			/* the same, cut into words */
	size_t cap;
	char *words[MAX_WORDS];
	size_t offs[MAX_WORDS];		/* where each word starts in text */
	unsigned int nr_words;		/* all of them, even past MAX_WORDS */
	char *err;
	size_t errlen;
};

static int __printf(2, 3) fail(struct parser *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	located_vformat(p->err, p->errlen, p->file, p->line, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static int nomem(struct parser *p)
{
	snprintf(p->err, p->errlen, "%s: out of memory", p->file);
	return -ENOMEM;
}

static int __printf(3, 4) warn(struct parser *p, unsigned int line,
			       const char *fmt, ...)
{
	struct config *cfg = p->cfg;
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	located_vformat(msg, sizeof(msg), p->file, line, fmt, ap);
	va_end(ap);
	if (located_add(&cfg->warnings, &cfg->nr_warnings, msg))
		return nomem(p);
	return 0;
}

/* Grow @arr of @nr elements of @size by one zeroed element. */
static void *grow(void *arr, unsigned int nr, size_t size)
{
	char *n = realloc(arr, (nr + 1) * size);

	if (n)
		memset(n + nr * size, 0, size);
	return n;
}

/* ---- reading logical lines ---- */

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int line_reserve(struct parser *p, size_t need)
{
	char *t, *c;
	size_t cap = p->cap ? p->cap : 256;

	if (need <= p->cap)
		return 0;
	while (cap < need)
		cap *= 2;
	t = realloc(p->text, cap);
	if (!t)
		return nomem(p);
	p->text = t;
	c = realloc(p->copy, cap);
	if (!c)
		return nomem(p);
	p->copy = c;
	p->cap = cap;
	return 0;
}

/*
 * Append one physical line at *pos to the logical line of @n bytes.
 * Returns 1 if a trailing backslash asks for the next line, else 0.
 */
static int physical_line(struct parser *p, const char **pos, const char *end,
			 size_t *n)
{
	const char *s = *pos, *e = memchr(s, '\n', end - s);
	size_t len;

	*pos = e ? e + 1 : end;
	len = (e ? e : end) - s;
	p->phys++;
	if (memchr(s, '\0', len))
		return fail(p, "the line holds a NUL byte");
	if (line_reserve(p, *n + len + 1))
		return -ENOMEM;
	memcpy(p->text + *n, s, len);
	*n += len;
	while (*n && (p->text[*n - 1] == '\r' || is_blank(p->text[*n - 1])))
		(*n)--;
	if (*n && p->text[*n - 1] == '\\') {
		(*n)--;
		return *pos < end;
	}
	return 0;
}

/* Read the next logical line into p->text. Returns 1, 0 at the end. */
static int next_line(struct parser *p, const char **pos, const char *end)
{
	size_t n = 0;
	int more;

	if (*pos >= end)
		return 0;
	p->line = p->phys + 1;
	do {
		more = physical_line(p, pos, end, &n);
		if (more < 0)
			return more;
	} while (more);
	p->text[n] = '\0';
	return 1;
}

/* Cut the line into words, up to a word that starts a comment. */
static void split_words(struct parser *p)
{
	char *s = p->copy;
	size_t end = 0;		/* in text, just past the last word */

	strcpy(p->copy, p->text);
	p->nr_words = 0;
	for (;;) {
		while (is_blank(*s))
			s++;
		if (!*s)
			break;
		if (*s == '#') {
			p->text[end] = '\0';
			break;
		}
		if (p->nr_words < MAX_WORDS) {
			p->words[p->nr_words] = s;
			p->offs[p->nr_words] = s - p->copy;
		}
		p->nr_words++;
		while (*s && !is_blank(*s))
			s++;
		end = s - p->copy;
		if (*s)
			*s++ = '\0';
	}
}

/* The line from word @i on, as written, blanks and all. */
static const char *rest(struct parser *p, unsigned int i)
{
	return p->text + p->offs[i];
}

/* ---- keys ---- */

/* Require exactly @n words after the key; @what names them. */
static int want_args(struct parser *p, unsigned int n, const char *what)
{
	if (p->nr_words - 1 == n)
		return 0;
	if (p->nr_words - 1 < n)
		return fail(p, "%s needs %s", p->words[0], what);
	return fail(p, "%s takes %s, not %u words", p->words[0], what,
		    p->nr_words - 1);
}

static int target_finish(struct parser *p, struct config_target *t)
{
	unsigned int i;

	if (!t || !t->nr_luns)
		return 0;
	for (i = 0; i < t->nr_luns; i++)
		if (t->luns[i].lun == 0)
			return 0;
	return warn(p, t->line,
		    "target %s has no Lun 0; initiators look for it",
		    t->name);
}

static int do_target(struct parser *p)
{
	struct config *cfg = p->cfg;
	const struct config_target *old;
	struct config_target *t;
	const char *name;
	char msg[256];

	if (want_args(p, 1, "a name"))
		return -EINVAL;
	name = p->words[1];
	if (iscsi_name_check(name, msg, sizeof(msg)))
		return fail(p, "%s", msg);
	old = config_find_target(cfg, name);
	if (old)
		return fail(p, "target %s is already defined on line %u",
			    name, old->line);
	if (target_finish(p, p->target))
		return -ENOMEM;
	t = grow(cfg->targets, cfg->nr_targets, sizeof(*t));
	if (!t)
		return nomem(p);
	cfg->targets = t;
	t += cfg->nr_targets++;
	t->line = p->line;
	param_defaults(&target_params, t->tparams);
	param_defaults(&session_params, t->sparams);
	t->name = strdup(name);
	if (!t->name)
		return nomem(p);
	p->target = t;
	return 0;
}

static struct config_auth *auth(struct parser *p)
{
	return p->target ? &p->target->auth : &p->cfg->discovery;
}

static int user_set(struct parser *p, struct config_user *u)
{
	size_t len = strlen(p->words[2]);

	/* RFC 7143 12.1.3 asks for 12 bytes at least; Windows insists. */
	if (len < 12 &&
	    warn(p, p->line,
		 "%s %s: a secret of %zu characters is easy to guess, and the Windows initiator refuses it; use 12 to 16",
		 p->words[0], p->words[1], len))
		return -ENOMEM;
	u->line = p->line;
	u->name = strdup(p->words[1]);
	u->password = strdup(p->words[2]);
	if (!u->name || !u->password)
		return nomem(p);
	return 0;
}

static int do_incoming(struct parser *p)
{
	struct config_auth *a = auth(p);
	struct config_user *u;
	unsigned int i;

	if (want_args(p, 2, "a user name and a password"))
		return -EINVAL;
	for (i = 0; i < a->nr_incoming; i++)
		if (!strcmp(a->incoming[i].name, p->words[1]))
			return fail(p, "IncomingUser %s is already given on line %u",
				    p->words[1], a->incoming[i].line);
	u = grow(a->incoming, a->nr_incoming, sizeof(*u));
	if (!u)
		return nomem(p);
	a->incoming = u;
	return user_set(p, &a->incoming[a->nr_incoming++]);
}

static int do_outgoing(struct parser *p)
{
	struct config_auth *a = auth(p);

	if (want_args(p, 2, "a user name and a password"))
		return -EINVAL;
	if (a->outgoing.name)
		return fail(p, "OutgoingUser is already given on line %u; only one is allowed",
			    a->outgoing.line);
	return user_set(p, &a->outgoing);
}

static int do_isns_server(struct parser *p)
{
	if (want_args(p, 1, "an address"))
		return -EINVAL;
	if (p->isns_server_line)
		return fail(p, "iSNSServer is already given on line %u",
			    p->isns_server_line);
	p->isns_server_line = p->line;
	p->cfg->isns_server = strdup(p->words[1]);
	return p->cfg->isns_server ? 0 : nomem(p);
}

static int do_isns_ac(struct parser *p)
{
	const char *v;

	if (want_args(p, 1, "Yes or No"))
		return -EINVAL;
	if (p->isns_ac_line)
		return fail(p, "iSNSAccessControl is already given on line %u",
			    p->isns_ac_line);
	v = p->words[1];
	if (strcasecmp(v, "Yes") && strcasecmp(v, "No"))
		return fail(p, "iSNSAccessControl: '%s' is not Yes or No", v);
	p->isns_ac_line = p->line;
	p->cfg->isns_access_control = !strcasecmp(v, "Yes");
	return 0;
}

/* A global key with one word for its value, given once. */
static int do_global_word(struct parser *p, char **val, unsigned int *line)
{
	if (want_args(p, 1, "one value"))
		return -EINVAL;
	if (*line)
		return fail(p, "%s is already given on line %u", p->words[0],
			    *line);
	*line = p->line;
	*val = strdup(p->words[1]);
	return *val ? 0 : nomem(p);
}

static int do_tftp_root(struct parser *p)
{
	if (p->words[1] && p->words[1][0] != '/')
		return fail(p, "TFTPRoot '%s' is not an absolute path",
			    p->words[1]);
	return do_global_word(p, &p->cfg->tftp_root, &p->cfg->tftp_root_line);
}

static int do_tftp_listen(struct parser *p)
{
	unsigned int port;
	char addr[256];

	if (p->words[1] &&
	    hostport_parse(p->words[1], addr, sizeof(addr), &port))
		return fail(p, "TFTPListen '%s' is not ADDR[:PORT]",
			    p->words[1]);
	return do_global_word(p, &p->cfg->tftp_listen,
			      &p->cfg->tftp_listen_line);
}

static int do_alias(struct parser *p)
{
	struct config_target *t = p->target;

	if (p->nr_words < 2)
		return fail(p, "Alias needs a name");
	if (t->alias)
		return fail(p, "Alias is already given for target %s", t->name);
	t->alias = strdup(rest(p, 1));
	return t->alias ? 0 : nomem(p);
}

static int do_max_sessions(struct parser *p)
{
	static const struct param_key key = {
		"MaxSessions", 0, 0, 65535, PARAM_OP_NONE, PARAM_FMT_NUM
	};
	struct config_target *t = p->target;
	char msg[256];

	if (want_args(p, 1, "a number"))
		return -EINVAL;
	if (t->max_sessions_line)
		return fail(p, "MaxSessions is already set on line %u",
			    t->max_sessions_line);
	if (param_parse(&key, p->words[1], &t->max_sessions, msg, sizeof(msg)))
		return fail(p, "%s", msg);
	t->max_sessions_line = p->line;
	return 0;
}

static int do_lun(struct parser *p)
{
	struct config_target *t = p->target;
	struct lun_params lp;
	struct config_lun *l;
	unsigned int i, lun;
	char msg[256];

	if (p->nr_words < 3)
		return fail(p, "Lun needs a number and parameters (Lun 0 Path=..,Type=..)");
	if (lun_number_parse(p->words[1], &lun, msg, sizeof(msg)))
		return fail(p, "%s", msg);
	for (i = 0; i < t->nr_luns; i++)
		if (t->luns[i].lun == lun)
			return fail(p, "Lun %u is already defined on line %u",
				    lun, t->luns[i].line);
	if (lun_params_parse(rest(p, 2), &lp, msg, sizeof(msg)))
		return fail(p, "Lun %u: %s", lun, msg);
	l = grow(t->luns, t->nr_luns, sizeof(*l));
	if (!l) {
		lun_params_free(&lp);
		return nomem(p);
	}
	t->luns = l;
	l += t->nr_luns++;
	l->lun = lun;
	l->line = p->line;
	l->params = lp;
	return 0;
}

/* A target or session key: one value, range checked, set once. */
static int do_param(struct parser *p, const struct param_key *key,
		    unsigned int *val, unsigned int *line)
{
	char msg[256];

	if (want_args(p, 1, "one value"))
		return -EINVAL;
	if (*line)
		return fail(p, "%s is already set on line %u", key->name,
			    *line);
	if (param_parse(key, p->words[1], val, msg, sizeof(msg)))
		return fail(p, "%s", msg);
	*line = p->line;
	return 0;
}

enum where {
	IN_GLOBAL = 1,
	IN_TARGET = 2,
	ANYWHERE = IN_GLOBAL | IN_TARGET,
};

static const struct keyword {
	const char *name;
	int (*fn)(struct parser *p);
	enum where where;
} keywords[] = {
	{ "Target", do_target, ANYWHERE },
	{ "IncomingUser", do_incoming, ANYWHERE },
	{ "OutgoingUser", do_outgoing, ANYWHERE },
	{ "iSNSServer", do_isns_server, IN_GLOBAL },
	{ "iSNSAccessControl", do_isns_ac, IN_GLOBAL },
	{ "TFTPRoot", do_tftp_root, IN_GLOBAL },
	{ "TFTPListen", do_tftp_listen, IN_GLOBAL },
	{ "Alias", do_alias, IN_TARGET },
	{ "MaxSessions", do_max_sessions, IN_TARGET },
	{ "Lun", do_lun, IN_TARGET },
};

static int in_place(struct parser *p, enum where where)
{
	if (p->target && !(where & IN_TARGET))
		return fail(p, "%s belongs to the global section, before the first Target",
			    p->words[0]);
	if (!p->target && !(where & IN_GLOBAL))
		return fail(p, "%s belongs to a target; put it after a Target line",
			    p->words[0]);
	return 0;
}

/* The HTTP and menu keys (bootconf.h); 1 if @p's key is none of them. */
static int do_boot_key(struct parser *p)
{
	char msg[256];
	int ret;

	if (!bootconf_is_key(p->words[0]))
		return 1;
	if (in_place(p, IN_GLOBAL))
		return -EINVAL;
	ret = bootconf_key(&p->cfg->boot, p->line, p->words, p->nr_words,
			   p->nr_words > 1 ? rest(p, 1) : "", msg, sizeof(msg));
	if (ret == -ENOMEM)
		return nomem(p);
	return ret < 0 ? fail(p, "%s", msg) : ret;
}

static int do_key(struct parser *p)
{
	struct config_target *t = p->target;
	const char *key = p->words[0];
	unsigned int i;
	int k;

	for (i = 0; i < ARRAY_SIZE(keywords); i++) {
		if (strcasecmp(keywords[i].name, key))
			continue;
		if (in_place(p, keywords[i].where))
			return -EINVAL;
		return keywords[i].fn(p);
	}
	k = param_find(&target_params, key);
	if (k >= 0)
		return in_place(p, IN_TARGET) ? -EINVAL :
			do_param(p, &target_params.keys[k], &t->tparams[k],
				 &t->tparams_line[k]);
	k = param_find(&session_params, key);
	if (k >= 0)
		return in_place(p, IN_TARGET) ? -EINVAL :
			do_param(p, &session_params.keys[k], &t->sparams[k],
				 &t->sparams_line[k]);
	k = do_boot_key(p);
	if (k <= 0)
		return k;
	return fail(p, "unknown key '%s'", key);
}

static int do_line(struct parser *p)
{
	split_words(p);
	if (!p->nr_words)
		return 0;
	if (p->nr_words > MAX_WORDS)
		return fail(p, "the line has more than %d words", MAX_WORDS);
	return do_key(p);
}

int config_parse(struct config *cfg, const char *file, const char *text,
		 size_t len, char *err, size_t errlen)
{
	struct parser p = {
		.cfg = cfg, .file = file, .err = err, .errlen = errlen,
	};
	const char *pos = text;
	int ret;

	memset(cfg, 0, sizeof(*cfg));
	bootconf_init(&cfg->boot);
	cfg->file = strdup(file);
	if (!cfg->file)
		return nomem(&p);
	while ((ret = next_line(&p, &pos, text + len)) > 0) {
		ret = do_line(&p);
		if (ret)
			break;
	}
	if (!ret)
		ret = target_finish(&p, p.target);
	free(p.text);
	free(p.copy);
	if (ret)
		config_free(cfg);
	return ret;
}

int config_load(struct config *cfg, const char *file, char *err,
		size_t errlen)
{
	size_t len = 0, cap = 4096;
	char *buf = NULL, *n;
	ssize_t r;
	int fd, ret;

	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
		snprintf(err, errlen, "%s: %s", file, strerror(errno));
		return ret;
	}
	for (;;) {
		if (!buf || len == cap) {
			cap *= 2;
			n = realloc(buf, cap);
			if (!n) {
				ret = -ENOMEM;
				snprintf(err, errlen, "%s: out of memory", file);
				goto out;
			}
			buf = n;
		}
		r = read(fd, buf + len, cap - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			ret = -errno;
			snprintf(err, errlen, "%s: %s", file, strerror(errno));
			goto out;
		}
		if (!r)
			break;
		len += r;
	}
	ret = config_parse(cfg, file, buf, len, err, errlen);
out:
	free(buf);
	close(fd);
	return ret;
}

static void auth_free(struct config_auth *a)
{
	unsigned int i;

	for (i = 0; i < a->nr_incoming; i++) {
		free(a->incoming[i].name);
		free(a->incoming[i].password);
	}
	free(a->incoming);
	free(a->outgoing.name);
	free(a->outgoing.password);
}

static void target_free(struct config_target *t)
{
	unsigned int i;

	for (i = 0; i < t->nr_luns; i++)
		lun_params_free(&t->luns[i].params);
	free(t->luns);
	auth_free(&t->auth);
	free(t->name);
	free(t->alias);
}

void config_free(struct config *cfg)
{
	unsigned int i;

	for (i = 0; i < cfg->nr_targets; i++)
		target_free(&cfg->targets[i]);
	free(cfg->targets);
	located_free(cfg->warnings, cfg->nr_warnings);
	auth_free(&cfg->discovery);
	bootconf_free(&cfg->boot);
	free(cfg->isns_server);
	free(cfg->tftp_root);
	free(cfg->tftp_listen);
	free(cfg->file);
	memset(cfg, 0, sizeof(*cfg));
}

const struct config_target *config_find_target(const struct config *cfg,
					       const char *name)
{
	unsigned int i;

	for (i = 0; i < cfg->nr_targets; i++)
		if (!strcasecmp(cfg->targets[i].name, name))
			return &cfg->targets[i];
	return NULL;
}
