// SPDX-License-Identifier: GPL-2.0
/*
 * The initiators.allow and targets.allow parser and matcher; see allow.h.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "allow.h"
#include "located.h"
#include "params.h"
#include "util.h"

#define DIGITS		"0123456789"
#define HOST_CHARS	"abcdefghijklmnopqrstuvwxyz" \
			"ABCDEFGHIJKLMNOPQRSTUVWXYZ" DIGITS ".-"

struct parser {
	struct allow_list *l;
	enum allow_kind kind;
	const char *file;
	const char *pos, *end;
	unsigned int phys;		/* physical lines read so far */
	unsigned int line;		/* first physical line of this one */
	unsigned int all_line;		/* of the first ALL rule, 0: none */
	char *text;			/* the logical line */
	size_t cap;
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

/* Line 0: about the whole file. */
static int __printf(3, 4) warn(struct parser *p, unsigned int line,
			       const char *fmt, ...)
{
	struct allow_list *l = p->l;
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	located_vformat(msg, sizeof(msg), p->file, line, fmt, ap);
	va_end(ap);
	if (located_add(&l->warnings, &l->nr_warnings, msg))
		return nomem(p);
	return 0;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static char *skip_blanks(char *s)
{
	while (is_blank(*s))
		s++;
	return s;
}

/* ---- logical lines ---- */

static int reserve(struct parser *p, size_t need)
{
	size_t cap = p->cap ? p->cap : 256;
	char *t;

	if (need <= p->cap)
		return 0;
	while (cap < need)
		cap *= 2;
	t = realloc(p->text, cap);
	if (!t)
		return nomem(p);
	p->text = t;
	p->cap = cap;
	return 0;
}

/*
 * Append the next physical line to the @n bytes of p->text. Returns 1
 * when a backslash at its end (blanks may follow) asks for the next.
 */
static int physical_line(struct parser *p, size_t *n)
{
	const char *s = p->pos, *e = memchr(s, '\n', p->end - s);
	size_t len = (e ? e : p->end) - s;

	p->pos = e ? e + 1 : p->end;
	p->phys++;
	if (memchr(s, '\0', len))
		return fail(p, "a NUL byte: this is not a text file");
	if (reserve(p, *n + len + 1))
		return -ENOMEM;
	memcpy(p->text + *n, s, len);
	*n += len;
	while (*n && is_blank(p->text[*n - 1]))
		(*n)--;
	if (*n && p->text[*n - 1] == '\\') {
		(*n)--;
		return p->pos < p->end;
	}
	return 0;
}

/* Cut a comment: '#' at the start of a word, as in ietd.conf. */
static void cut_comment(char *s)
{
	char *c;

	for (c = s; *c; c++) {
		if (*c == '#' && (c == s || is_blank(c[-1]))) {
			*c = '\0';
			return;
		}
	}
}

/* The next logical line in p->text: 1, 0 at the end, or -errno. */
static int next_line(struct parser *p)
{
	size_t n = 0;
	int more;

	if (p->pos >= p->end)
		return 0;
	p->line = p->phys + 1;
	do {
		more = physical_line(p, &n);
		if (more < 0)
			return more;
	} while (more);
	p->text[n] = '\0';
	cut_comment(p->text);
	return 1;
}

/* ---- addresses ---- */

static void map_v4(uint8_t *addr, const void *in4)
{
	memset(addr, 0, 10);
	addr[10] = 0xff;
	addr[11] = 0xff;
	memcpy(addr + 12, in4, 4);
}

int allow_addr(const struct sockaddr *sa, uint8_t addr[ALLOW_ADDR_LEN])
{
	const struct sockaddr_in6 *s6 = (const void *)sa;
	const struct sockaddr_in *s4 = (const void *)sa;

	if (sa->sa_family == AF_INET) {
		map_v4(addr, &s4->sin_addr);
		return 0;
	}
	if (sa->sa_family != AF_INET6)
		return -EAFNOSUPPORT;
	memcpy(addr, &s6->sin6_addr, ALLOW_ADDR_LEN);
	return 0;
}

void allow_addr_str(const uint8_t addr[ALLOW_ADDR_LEN], char *buf, size_t len)
{
	static const uint8_t mapped[12] = {
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff,
	};

	if (!memcmp(addr, mapped, sizeof(mapped)))
		inet_ntop(AF_INET, addr + 12, buf, len);
	else
		inet_ntop(AF_INET6, addr, buf, len);
}

static bool net_match(const uint8_t *net, unsigned int prefix,
		      const uint8_t *addr)
{
	unsigned int full = prefix / 8, bits = prefix % 8;
	uint8_t mask = 0xff << (8 - bits);

	if (memcmp(net, addr, full))
		return false;
	return !bits || !((net[full] ^ addr[full]) & mask);
}

/* Clear the bits past @prefix: the network @net belongs to. */
static void network(uint8_t *net, unsigned int prefix)
{
	unsigned int i;

	for (i = prefix; i < ALLOW_ADDR_LEN * 8; i++)
		net[i / 8] &= ~(0x80 >> (i % 8));
}

/* "/LEN" with LEN from 0 to @max, in decimal. */
static int parse_prefix(const char *s, unsigned int max, unsigned int *len)
{
	size_t n = strspn(s, DIGITS);

	if (!n || n > 3 || s[n])
		return -EINVAL;
	*len = strtoul(s, NULL, 10);
	return *len <= max ? 0 : -EINVAL;
}

/* Copy the @n bytes at @s into @buf of @len, as a string. */
static int copy_part(char *buf, size_t len, const char *s, size_t n)
{
	if (n >= len)
		return -EINVAL;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return 0;
}

/* An entry made of digits, dots and a slash: a.b.c.d or a.b.c.d/LEN. */
static int parse_v4(struct parser *p, const char *s, struct allow_entry *a)
{
	const char *slash = strchr(s, '/');
	char buf[INET6_ADDRSTRLEN];
	struct in_addr in;
	unsigned int len = 32;

	if (copy_part(buf, sizeof(buf), s, slash ? (size_t)(slash - s) :
		      strlen(s)) || inet_pton(AF_INET, buf, &in) != 1)
		return fail(p, "'%s' is not an IPv4 address: write four numbers from 0 to 255, as in 192.168.0.10",
			    s);
	if (slash && parse_prefix(slash + 1, 32, &len))
		return fail(p, "'%s': the length after '/' must be a number from 0 to 32",
			    s);
	a->type = ALLOW_NET;
	map_v4(a->net, &in);
	a->prefix = 96 + len;
	network(a->net, a->prefix);
	/* IET compared such an entry to nothing; say so, and the fix. */
	if (memcmp(a->net + 12, &in, 4)) {
		inet_ntop(AF_INET, a->net + 12, buf, sizeof(buf));
		return fail(p, "'%s' has bits set past its first %u, so it would match nothing: write %s/%u",
			    s, len, buf, len);
	}
	return 0;
}

/* An entry starting with '[': [IPv6] or [IPv6]/LEN. */
static int parse_v6(struct parser *p, const char *s, struct allow_entry *a)
{
	const char *close = strchr(s, ']');
	uint8_t addr[ALLOW_ADDR_LEN];
	char buf[INET6_ADDRSTRLEN];
	unsigned int len = 128;

	if (!close)
		return fail(p, "'%s': no ']' after the IPv6 address", s);
	if (copy_part(buf, sizeof(buf), s + 1, close - s - 1) ||
	    inet_pton(AF_INET6, buf, addr) != 1) {
		if (strchr(s, '%'))
			return fail(p, "'%s': zones ('%%eth0') are not supported; leave the zone out",
				    s);
		return fail(p, "'%s' is not an IPv6 address, as in [2001:db8::1]",
			    s);
	}
	if (close[1] && (close[1] != '/' ||
			 parse_prefix(close + 2, 128, &len)))
		return fail(p, "'%s': only '/' and a length from 0 to 128 may follow ']'",
			    s);
	a->type = ALLOW_NET;
	a->prefix = len;
	memcpy(a->net, addr, sizeof(addr));
	network(a->net, len);
	if (memcmp(a->net, addr, sizeof(addr))) {
		inet_ntop(AF_INET6, a->net, buf, sizeof(buf));
		return fail(p, "'%s' has bits set past its first %u, so it would match nothing: write [%s]/%u",
			    s, len, buf, len);
	}
	return 0;
}

/* Whether @s, with any "/LEN" cut, reads as an IPv6 address. */
static bool is_bare_v6(const char *s)
{
	char buf[INET6_ADDRSTRLEN];
	struct in6_addr a;

	return strchr(s, ':') &&
		!copy_part(buf, sizeof(buf), s, strcspn(s, "/%")) &&
		inet_pton(AF_INET6, buf, &a) == 1;
}

/* ---- names ---- */

/*
 * Letters, digits, dots and hyphens that do not start like an iSCSI
 * name: a host name, which IET never looked up and neither does ietd.
 */
static bool is_host_name(const char *s)
{
	if (!strncasecmp(s, "iqn.", 4) || !strncasecmp(s, "eui.", 4) ||
	    !strncasecmp(s, "naa.", 4))
		return false;
	return strspn(s, HOST_CHARS) == strlen(s);
}

#define RE_MAX_LEN	512	/* bytes: a name is 223 at most */
#define RE_MAX_BOUND	32	/* in {m,n} */
#define RE_MAX_BOUNDS	3	/* {m,n} in one pattern */
#define RE_MAX_DEPTH	4	/* of nested groups, each maybe repeated */

static bool is_repeat(char c)
{
	return c == '*' || c == '+' || c == '?' || c == '{';
}

/*
 * glibc's regcomp() copies a subexpression once per repetition, nesting
 * included: "a++++...", bounds inside bounds, or repeated groups inside
 * repeated groups, would take gigabytes.
 * Patterns that name initiators need none of that. NULL if @s is fine.
 */
static const char *regex_too_big(const char *s)
{
	unsigned int bounds = 0, depth = 0;
	const char *c;
	char *end;
	long n;

	if (strlen(s) > RE_MAX_LEN)
		return "longer than 512 bytes";
	for (c = s; *c; c++) {
		if (*c == '\\' && c[1]) {
			c++;
			continue;
		}
		/* A bracket expression holds literals: skip to its end. */
		if (*c == '[') {
			c += c[1] == '^' ? 2 : 1;
			c += *c == ']';
			c = strchrnul(c, ']');
			if (!*c)
				break;
			continue;
		}
		if (is_repeat(*c) && c > s && is_repeat(c[-1]) &&
		    !(c - 1 > s && c[-2] == '\\'))
			return "a repetition of a repetition, which POSIX leaves undefined";
		if (*c == '}' && is_repeat(c[1]))
			return "a repetition of a repetition, which POSIX leaves undefined";
		depth += *c == '(';
		depth -= *c == ')' && depth;
		if (depth > RE_MAX_DEPTH)
			return "groups nested more than 4 deep";
		if (*c != '{')
			continue;
		if (++bounds > RE_MAX_BOUNDS)
			return "more than 3 {m,n} bounds";
		n = strtol(c + 1, &end, 10);
		if (n <= RE_MAX_BOUND && *end == ',')
			n = strtol(end + 1, NULL, 10);
		if (n > RE_MAX_BOUND)
			return "a {m,n} bound above 32";
	}
	return NULL;
}

static int parse_name(struct parser *p, const char *s, struct allow_entry *a)
{
	const char *big;
	char msg[128];
	int ret;

	if (p->kind == ALLOW_TARGETS)
		return fail(p, "'%s' is not an address: targets.allow lists the portal addresses a target is offered on (a.b.c.d, [IPv6], with /LENGTH, or ALL)",
			    s);
	if (is_host_name(s))
		return fail(p, "'%s' is neither an address nor an iSCSI name (iqn., eui., naa.): host names are not looked up; write its address",
			    s);
	big = regex_too_big(s);
	if (big)
		return fail(p, "'%.64s' is not a regular expression ietd takes: %s",
			    s, big);
	/* Case-insensitive: iSCSI names are (RFC 3722, stringprep). */
	ret = regcomp(&a->re, s, REG_EXTENDED | REG_ICASE);
	if (ret) {
		regerror(ret, &a->re, msg, sizeof(msg));
		return fail(p, "'%s' is not a valid regular expression: %s",
			    s, msg);
	}
	a->type = ALLOW_NAME;
	return 0;
}

/*
 * The whole name must match. regexec() finds the leftmost match, and of
 * those starting there the longest (POSIX): if one covers the whole name,
 * that is it. Wrapping the pattern in ^(...)$ instead would let a stray
 * ')' in it, which glibc takes as a literal, undo the anchoring.
 */
static bool name_match(const regex_t *re, const char *name)
{
	regmatch_t m;

	return !regexec(re, name, 1, &m, 0) && m.rm_so == 0 &&
		(size_t)m.rm_eo == strlen(name);
}

/* ---- lines ---- */

static int parse_entry(struct parser *p, char *s, struct allow_entry *a)
{
	if (!*s)
		return fail(p, "an empty entry: remove the extra comma");
	if (strpbrk(s, " \t\r"))
		return fail(p, "'%s': separate entries with commas", s);
	if (!strcasecmp(s, "ALL")) {
		a->type = ALLOW_ANY;
		return 0;
	}
	if (*s == '[')
		return parse_v6(p, s, a);
	if (strspn(s, DIGITS "./") == strlen(s))
		return parse_v4(p, s, a);
	if (is_bare_v6(s))
		return fail(p, "'%s': put an IPv6 address in brackets, as in [2001:db8::]/32",
			    s);
	return parse_name(p, s, a);
}

/* Cut @list at its commas, blanks around them dropped, into @r. */
static int parse_list(struct parser *p, char *list, struct allow_rule *r)
{
	struct allow_entry *e;
	char *s, *comma, *end;
	int ret;

	for (s = list; s; s = comma ? comma + 1 : NULL) {
		comma = strchr(s, ',');
		if (comma)
			*comma = '\0';
		s = skip_blanks(s);
		for (end = s + strlen(s); end > s && is_blank(end[-1]); end--)
			;
		*end = '\0';
		e = realloc(r->entries, (r->nr_entries + 1) * sizeof(*e));
		if (!e)
			return nomem(p);
		r->entries = e;
		e += r->nr_entries;
		memset(e, 0, sizeof(*e));
		ret = parse_entry(p, s, e);
		if (ret)
			return ret;
		r->nr_entries++;
	}
	return 0;
}

static int check_target(struct parser *p, const char *target)
{
	char msg[128];

	if (!strcasecmp(target, "ALL"))
		return 0;
	if (strchr(target, ','))
		return fail(p, "'%s': one target per line; give each its own line",
			    target);
	if (strspn(target, DIGITS "./") == strlen(target) ||
	    *target == '[' || is_bare_v6(target))
		return fail(p, "'%s' stands where the target goes: a line is 'TARGET-NAME|ALL LIST'",
			    target);
	if (iscsi_name_check(target, msg, sizeof(msg)))
		return fail(p, "%s", msg);
	return 0;
}

/* A line no target can ever reach is said, not refused. */
static int check_reachable(struct parser *p, const struct allow_rule *r)
{
	const struct allow_rule *o;

	if (p->all_line)
		return warn(p, r->line,
			    "never used: the ALL line %u decides for every target",
			    p->all_line);
	if (!r->target) {
		p->all_line = r->line;
		return 0;
	}
	for (o = p->l->rules; o < r; o++)
		if (o->target && !strcasecmp(o->target, r->target))
			return warn(p, r->line,
				    "never used: line %u decides for %s",
				    o->line, r->target);
	return 0;
}

static int parse_line(struct parser *p)
{
	char *target = skip_blanks(p->text), *list;
	struct allow_rule *r;
	int ret;

	if (!*target)
		return 0;
	list = target + strcspn(target, " \t\r");
	if (*list)
		*list++ = '\0';
	list = skip_blanks(list);
	ret = check_target(p, target);
	if (ret)
		return ret;
	if (!*list)
		return fail(p, "no list after '%s': add addresses or names, or ALL to let everyone in",
			    target);
	r = realloc(p->l->rules, (p->l->nr_rules + 1) * sizeof(*r));
	if (!r)
		return nomem(p);
	p->l->rules = r;
	r += p->l->nr_rules;
	memset(r, 0, sizeof(*r));
	r->line = p->line;
	if (strcasecmp(target, "ALL")) {
		r->target = strdup(target);
		if (!r->target)
			return nomem(p);
	}
	/* Counted now, so that allow_free() frees what a failure leaves. */
	p->l->nr_rules++;
	ret = parse_list(p, list, r);
	return ret ? ret : check_reachable(p, r);
}

int allow_parse(struct allow_list *l, enum allow_kind kind, const char *file,
		const char *text, size_t len, char *err, size_t errlen)
{
	struct parser p = {
		.l = l, .kind = kind, .file = file,
		.pos = text, .end = text + len, .err = err, .errlen = errlen,
	};
	int ret;

	memset(l, 0, sizeof(*l));
	while ((ret = next_line(&p)) > 0) {
		ret = parse_line(&p);
		if (ret)
			break;
	}
	if (!ret && !l->nr_rules)
		ret = warn(&p, 0, kind == ALLOW_INITIATORS ?
			   "no line: no initiator may use any target (without the file, all may)" :
			   "no line: no target is offered on any portal (without the file, all are)");
	if (!ret) {
		l->file = strdup(file);
		if (!l->file)
			ret = nomem(&p);
	}
	free(p.text);
	if (ret)
		allow_free(l);
	return ret;
}

void allow_free(struct allow_list *l)
{
	struct allow_rule *r;
	unsigned int i, j;

	for (i = 0; i < l->nr_rules; i++) {
		r = &l->rules[i];
		for (j = 0; j < r->nr_entries; j++)
			if (r->entries[j].type == ALLOW_NAME)
				regfree(&r->entries[j].re);
		free(r->entries);
		free(r->target);
	}
	free(l->rules);
	located_free(l->warnings, l->nr_warnings);
	free(l->file);
	memset(l, 0, sizeof(*l));
}

/* ---- matching ---- */

static bool entry_match(const struct allow_entry *e, const uint8_t *addr,
			const char *name)
{
	switch (e->type) {
	case ALLOW_ANY:
		return true;
	case ALLOW_NET:
		return net_match(e->net, e->prefix, addr);
	case ALLOW_NAME:
		return name && name_match(&e->re, name);
	}
	return false;
}

bool allow_check(const struct allow_list *l, const char *target,
		 const uint8_t addr[ALLOW_ADDR_LEN], const char *name,
		 unsigned int *line)
{
	const struct allow_rule *r = NULL;
	unsigned int i;

	*line = 0;
	if (!l->file)
		return true;
	/* By index: an empty file has no array to point past. */
	for (i = 0; i < l->nr_rules && !r; i++)
		if (!l->rules[i].target ||
		    !strcasecmp(l->rules[i].target, target))
			r = &l->rules[i];
	if (!r)
		return false;
	*line = r->line;
	for (i = 0; i < r->nr_entries; i++)
		if (entry_match(&r->entries[i], addr, name))
			return true;
	return false;
}
