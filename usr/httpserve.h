/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What ietd answers to an HTTP request: /boot.ipxe (and / as its alias),
 * else a file under HTTPRoot; the head of every answer carries
 * Content-Length, so that the connection can be kept.
 */
#ifndef IET_HTTPSERVE_H
#define IET_HTTPSERVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "httpreq.h"

struct http_resp {
	int status;
	bool close;		/* the connection ends after it */
	bool http10;		/* kept only if it says so */
	char *head;		/* malloc()ed status line and fields */
	size_t head_len;
	char *body;		/* malloc()ed, or NULL */
	size_t body_len;
	int fd;			/* a file to send from after the body, or -1 */
	uint64_t off;
	uint64_t left;
};

/* Answer @req, which came in on our address @server. */
void http_serve(const struct http_req *req, const char *server,
		struct http_resp *r);

/* Refuse with @status (400, 404...) and close. */
void http_serve_error(int status, struct http_resp *r);

void http_resp_free(struct http_resp *r);

#endif /* IET_HTTPSERVE_H */
