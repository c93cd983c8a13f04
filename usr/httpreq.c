// SPDX-License-Identifier: GPL-2.0
/*
 * The HTTP request head parser. See httpreq.h.
 */
#include <string.h>
#include <strings.h>

#include "httpreq.h"

/* A line of the head: [s, s + len), its CR or LF left out. */
struct line {
	const char *s;
	size_t len;
};

/* RFC 9110 5.6.2: tchar. */
static bool is_tchar(unsigned char c)
{
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z'))
		return true;
	return c && strchr("!#$%&'*+-.^_`|~", c);
}

static bool is_token(const char *s, size_t len)
{
	size_t i;

	if (!len)
		return false;
	for (i = 0; i < len; i++)
		if (!is_tchar(s[i]))
			return false;
	return true;
}

/*
 * The line at @pos, up to LF (a CR before it is dropped). Returns the
 * position after it, or NULL if there is no LF before @end.
 */
static const char *next_line(const char *pos, const char *end,
			     struct line *l)
{
	const char *lf = memchr(pos, '\n', end - pos);

	if (!lf)
		return NULL;
	l->s = pos;
	l->len = lf - pos;
	if (l->len && pos[l->len - 1] == '\r')
		l->len--;
	return lf + 1;
}

/* A bare CR anywhere else could end a line for another parser. */
static bool has_ctl(const struct line *l, bool tab_ok)
{
	size_t i;

	for (i = 0; i < l->len; i++) {
		unsigned char c = l->s[i];

		if ((c < 0x20 && !(tab_ok && c == '\t')) || c == 0x7f)
			return true;
	}
	return false;
}

static int parse_method(struct http_req *req, const char *s, size_t len)
{
	if (!is_token(s, len))
		return 400;
	if (len == 3 && !memcmp(s, "GET", 3))
		req->method = HTTP_GET;
	else if (len == 4 && !memcmp(s, "HEAD", 4))
		req->method = HTTP_HEAD;
	else
		req->method = HTTP_OTHER;
	return 0;
}

/* origin-form, or absolute-form (RFC 9112 3.2.2) cut to its path. */
static int parse_target(struct http_req *req, const char *s, size_t len)
{
	const char *slash;
	size_t i;

	if (len > HTTP_TARGET_MAX)
		return 414;
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7f)
			return 400;
	if (len > 7 && !strncasecmp(s, "http://", 7)) {
		slash = memchr(s + 7, '/', len - 7);
		if (!slash) {
			strcpy(req->target, "/");
			return 0;
		}
		len -= slash - s;
		s = slash;
	}
	if (!len || (s[0] != '/' && !(len == 1 && s[0] == '*')))
		return 400;
	memcpy(req->target, s, len);
	req->target[len] = '\0';
	return 0;
}

static int parse_version(struct http_req *req, const char *s, size_t len)
{
	if (len != 8 || memcmp(s, "HTTP/", 5) || s[6] != '.' ||
	    s[5] < '0' || s[5] > '9' || s[7] < '0' || s[7] > '9')
		return 400;
	if (s[5] != '1')
		return 505;
	req->minor = s[7] - '0';
	req->keep_alive = req->minor >= 1;
	return 0;
}

/* method SP request-target SP HTTP-version (RFC 9112 3). */
static int request_line(struct http_req *req, const struct line *l)
{
	const char *end = l->s + l->len, *sp1, *sp2;
	int ret;

	if (has_ctl(l, false))
		return 400;
	sp1 = memchr(l->s, ' ', l->len);
	if (!sp1)
		return 400;
	sp2 = memchr(sp1 + 1, ' ', end - sp1 - 1);
	if (!sp2)
		return sp1 - l->s > HTTP_TARGET_MAX ? 414 : 400;
	ret = parse_method(req, l->s, sp1 - l->s);
	if (!ret)
		ret = parse_target(req, sp1 + 1, sp2 - sp1 - 1);
	if (!ret)
		ret = parse_version(req, sp2 + 1, end - sp2 - 1);
	return ret;
}

struct fields {
	unsigned int nr_host;
	unsigned int nr_length;
	unsigned int nr_range;
};

static bool value_is(const char *v, size_t len, const char *word)
{
	return strlen(word) == len && !strncasecmp(v, word, len);
}

/* Connection: a comma list of options (RFC 9110 7.6.1). */
static void connection(struct http_req *req, const char *v, size_t len)
{
	const char *end = v + len, *comma;
	size_t n;

	while (v < end) {
		comma = memchr(v, ',', end - v);
		n = (comma ? comma : end) - v;
		while (n && (*v == ' ' || *v == '\t')) {
			v++;
			n--;
		}
		while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
			n--;
		if (value_is(v, n, "close"))
			req->keep_alive = false;
		else if (value_is(v, n, "keep-alive") && req->minor == 0)
			req->keep_alive = true;
		v = comma ? comma + 1 : end;
	}
}

/* A body we never read: nothing after it can be trusted as a request. */
static int content_length(struct http_req *req, const char *v, size_t len)
{
	size_t i;

	if (!len)
		return 400;
	for (i = 0; i < len; i++)
		if (v[i] < '0' || v[i] > '9')
			return 400;
	for (i = 0; i < len; i++)
		if (v[i] != '0')
			req->keep_alive = false;
	return 0;
}

static int field_value(struct http_req *req, struct fields *f,
		       const char *name, size_t nlen, const char *v,
		       size_t vlen)
{
	if (value_is(name, nlen, "Host"))
		return ++f->nr_host > 1 ? 400 : 0;
	if (value_is(name, nlen, "Transfer-Encoding"))
		return 501;
	if (value_is(name, nlen, "Content-Length"))
		return ++f->nr_length > 1 ? 400 : content_length(req, v, vlen);
	if (value_is(name, nlen, "Connection"))
		connection(req, v, vlen);
	/* Range is optional to honour: an odd one is ignored, not refused. */
	if (value_is(name, nlen, "Range") && ++f->nr_range == 1 &&
	    vlen < sizeof(req->range)) {
		memcpy(req->range, v, vlen);
		req->range[vlen] = '\0';
	} else if (value_is(name, nlen, "Range")) {
		req->range[0] = '\0';
	}
	return 0;
}

/* field-name ":" OWS field-value OWS (RFC 9112 5). */
static int field_line(struct http_req *req, struct fields *f,
		      const struct line *l)
{
	const char *colon, *v, *end = l->s + l->len;

	if (l->s[0] == ' ' || l->s[0] == '\t')
		return 400;	/* obs-fold */
	if (has_ctl(l, true))
		return 400;
	colon = memchr(l->s, ':', l->len);
	if (!colon || !is_token(l->s, colon - l->s))
		return 400;
	v = colon + 1;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	return field_value(req, f, l->s, colon - l->s, v, end - v);
}

/* Without an end of head in sight: wait, or say which bound broke. */
static int incomplete(const char *buf, size_t len)
{
	const char *pos = buf, *end = buf + len;
	unsigned int nr = 0;
	struct line l;

	if (len > HTTP_HEAD_MAX)
		len = HTTP_HEAD_MAX;
	end = buf + len;
	while ((pos = next_line(pos, end, &l)))
		nr++;
	if (!nr && len > HTTP_TARGET_MAX + 32)
		return 414;
	if (nr > HTTP_FIELDS_MAX + 1 || len >= HTTP_HEAD_MAX)
		return 431;
	return 1;
}

int http_req_parse(const char *buf, size_t len, struct http_req *req)
{
	const char *pos = buf, *end = buf + len;
	struct fields f = { 0 };
	unsigned int nr = 0;
	struct line l;
	int ret;

	memset(req, 0, sizeof(*req));
	/* RFC 9112 2.2: an empty line before a request is ignored. */
	if (len >= 2 && buf[0] == '\r' && buf[1] == '\n')
		pos += 2;
	else if (len && buf[0] == '\n')
		pos++;
	pos = next_line(pos, end, &l);
	if (!pos)
		return incomplete(buf, len);
	ret = request_line(req, &l);
	if (ret)
		return ret;
	for (;;) {
		pos = next_line(pos, end, &l);
		if (!pos || pos - buf > HTTP_HEAD_MAX)
			return pos ? 431 : incomplete(buf, len);
		if (!l.len)
			break;
		if (++nr > HTTP_FIELDS_MAX)
			return 431;
		ret = field_line(req, &f, &l);
		if (ret)
			return ret;
	}
	if (req->minor >= 1 && f.nr_host != 1)
		return 400;
	req->head_len = pos - buf;
	return 0;
}
