// SPDX-License-Identifier: GPL-2.0
/*
 * Requests to answers. See httpserve.h.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "httpboot.h"
#include "httpfile.h"
#include "httpquery.h"
#include "httprange.h"
#include "httpserve.h"
#include "live.h"
#include "log.h"
#include "util.h"

#define HEAD_MAX	1024

static const char *reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 206: return "Partial Content";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 414: return "URI Too Long";
	case 416: return "Range Not Satisfiable";
	case 431: return "Request Header Fields Too Large";
	case 501: return "Not Implemented";
	case 505: return "HTTP Version Not Supported";
	}
	return "Internal Server Error";
}

static void http_date(char *buf, size_t len, time_t t)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, len, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

/* The head: status line, the fields every answer has, then @extra. */
static void head(struct http_resp *r, uint64_t length, const char *type,
		 const char *extra)
{
	char date[64];
	int n;

	http_date(date, sizeof(date), time(NULL));
	r->head = malloc(HEAD_MAX);
	if (!r->head)
		return;
	n = snprintf(r->head, HEAD_MAX,
		     "HTTP/1.1 %d %s\r\nServer: ietd\r\nDate: %s\r\n"
		     "Content-Length: %" PRIu64 "\r\nContent-Type: %s\r\n"
		     "%s%s\r\n",
		     r->status, reason(r->status), date, length, type, extra,
		     r->close ? "Connection: close\r\n" :
		     r->http10 ? "Connection: keep-alive\r\n" : "");
	r->head_len = n < HEAD_MAX ? n : HEAD_MAX - 1;
}

static void error_body(struct http_resp *r, bool with_body, const char *extra)
{
	char text[96];
	int n;

	n = snprintf(text, sizeof(text), "%d %s\n", r->status,
		     reason(r->status));
	head(r, n, "text/plain; charset=utf-8", extra);
	if (with_body) {
		r->body = strdup(text);
		r->body_len = r->body ? (size_t)n : 0;
	}
}

void http_serve_error(int status, struct http_resp *r)
{
	memset(r, 0, sizeof(*r));
	r->fd = -1;
	r->status = status;
	r->close = true;
	error_body(r, true, "");
}

static void serve_menu(const struct http_req *req, const char *server,
		 struct http_resp *r)
{
	struct boot_query q;
	size_t len;
	char *s;
	int ret;

	if (http_query_parse(req->target, &q)) {
		r->status = 400;
		error_body(r, req->method == HTTP_GET, "");
		return;
	}
	ret = http_boot_menu(&q, server, &s, &len);
	if (ret) {
		log_warn("HTTP: cannot build the menu: %s", strerror(-ret));
		r->status = 500;
		error_body(r, req->method == HTTP_GET, "");
		return;
	}
	log_debug(1, "HTTP: menu for mac '%s' hostname '%s'", q.mac,
		  q.hostname);
	r->status = 200;
	head(r, len, "text/plain; charset=utf-8", "Cache-Control: no-store\r\n");
	if (req->method == HTTP_GET) {
		r->body = s;
		r->body_len = len;
	} else {
		free(s);
	}
}

/* Serve @st.st_size bytes of @fd, or the part Range asks for. */
static void file_part(const struct http_req *req, const char *path, int fd,
		      const struct stat *st, struct http_resp *r)
{
	uint64_t size = st->st_size, first = 0, last = size - 1;
	char extra[256], date[64];

	http_date(date, sizeof(date), st->st_mtime);
	switch (http_range_parse(req->range, size, &first, &last)) {
	case RANGE_UNSATISFIABLE:
		close(fd);
		r->status = 416;
		snprintf(extra, sizeof(extra),
			 "Content-Range: bytes */%" PRIu64 "\r\n", size);
		error_body(r, req->method == HTTP_GET, extra);
		return;
	case RANGE_PART:
		r->status = 206;
		snprintf(extra, sizeof(extra),
			 "Content-Range: bytes %" PRIu64 "-%" PRIu64 "/%" PRIu64
			 "\r\nAccept-Ranges: bytes\r\nLast-Modified: %s\r\n",
			 first, last, size, date);
		break;
	default:
		r->status = 200;
		first = 0;
		last = size - 1;
		snprintf(extra, sizeof(extra),
			 "Accept-Ranges: bytes\r\nLast-Modified: %s\r\n", date);
	}
	head(r, size ? last - first + 1 : 0, http_file_type(path), extra);
	if (req->method == HTTP_GET && size) {
		r->fd = fd;
		r->off = first;
		r->left = last - first + 1;
	} else {
		close(fd);
	}
}

static void serve_file(const struct http_req *req, const char *path,
		 struct http_resp *r)
{
	const struct config *cfg = live_config();
	const char *root = cfg ? cfg->boot.root : NULL;
	struct stat st;
	int fd;

	fd = root ? http_file_open(root, path, &st) : -ENOENT;
	if (fd < 0) {
		r->status = fd == -EACCES ? 403 : 404;
		log_debug(1, "HTTP: %s: %d", path, r->status);
		error_body(r, req->method == HTTP_GET, "");
		return;
	}
	file_part(req, path, fd, &st, r);
}

void http_serve(const struct http_req *req, const char *server,
		struct http_resp *r)
{
	char path[HTTP_TARGET_MAX + 1];

	memset(r, 0, sizeof(*r));
	r->fd = -1;
	r->close = !req->keep_alive;
	r->http10 = req->minor == 0;
	if (req->method == HTTP_OTHER) {
		r->status = 405;
		error_body(r, true, "Allow: GET, HEAD\r\n");
		return;
	}
	if (http_path_decode(req->target, path, sizeof(path)) ||
	    path[0] != '/') {
		r->status = 400;
		error_body(r, req->method == HTTP_GET, "");
		return;
	}
	if (!strcmp(path, "/") || !strcmp(path, "/boot.ipxe"))
		serve_menu(req, server, r);
	else
		serve_file(req, path, r);
}

void http_resp_free(struct http_resp *r)
{
	free(r->head);
	free(r->body);
	if (r->fd >= 0)
		close(r->fd);
	memset(r, 0, sizeof(*r));
	r->fd = -1;
}
