/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The head of an HTTP/1.1 request (RFC 9112): request line and header
 * fields, as far as a server of GET and HEAD needs them.
 *
 * The parser is strict where leniency lets a request mean two things
 * (RFC 9112 5.1, 5.2 and 6.3: blanks before a colon, folded lines, two
 * Content-Length or Host fields, Transfer-Encoding) and refuses with a
 * status; it accepts a bare LF as a line end, as RFC 9112 2.2 allows.
 * Heads are bounded: HTTP_HEAD_MAX bytes, HTTP_FIELDS_MAX fields and a
 * request target of HTTP_TARGET_MAX bytes.
 *
 * Pure logic, no I/O.
 */
#ifndef IET_HTTPREQ_H
#define IET_HTTPREQ_H

#include <stdbool.h>
#include <stddef.h>

#define HTTP_HEAD_MAX		8192
#define HTTP_FIELDS_MAX		64
#define HTTP_TARGET_MAX		2048

enum http_method {
	HTTP_GET,
	HTTP_HEAD,
	HTTP_OTHER,	/* a valid token we do not serve: 405 */
};

struct http_req {
	enum http_method method;
	unsigned int minor;		/* HTTP/1.minor */
	bool keep_alive;		/* after this answer */
	char target[HTTP_TARGET_MAX + 1];
	char range[128];		/* the Range field, or "" */
	size_t head_len;		/* bytes of the head, CRLFCRLF included */
};

/*
 * Parse the head at the start of @buf's @len bytes. Returns 0 with @req
 * filled in; 1 if the head is not complete yet (and within bounds); or an
 * HTTP status to refuse with, after which the connection must close:
 * 400, 414, 431, 501 or 505.
 */
int http_req_parse(const char *buf, size_t len, struct http_req *req);

#endif /* IET_HTTPREQ_H */
