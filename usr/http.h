/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ietd's HTTP/1.1 server (GET and HEAD, keep-alive), in the event loop:
 * the iPXE menu and the files of HTTPRoot (httpserve.h).
 *
 * No client can hold up another: each connection has its own buffers,
 * reads no further than one request head ahead of its answers, and is
 * closed when a request head takes longer than HTTP_REQUEST_MS to come,
 * when it idles between requests for HTTP_IDLE_MS, or when an answer
 * makes no progress for HTTP_SEND_MS. At most HTTP_MAX connections are
 * held, HTTP_PER_PEER from one address; when all are taken a new one
 * evicts the one idle or waiting for a head the longest. A refused
 * request (4xx, 5xx) ends its connection: ietd stops sending and reads
 * what still comes for up to DRAIN_MS, so that the refusal is not lost to
 * a reset.
 */
#ifndef IET_HTTP_H
#define IET_HTTP_H

#include <stddef.h>

struct config;

#define HTTP_REQUEST_MS	10000
#define HTTP_IDLE_MS	15000
#define HTTP_SEND_MS	30000
#define HTTP_MAX	64
#define HTTP_PER_PEER	16

/*
 * Listen on HTTPListen's @listen ("ADDR[:PORT]", "*" for every address),
 * before privileges are dropped; @iscsi_port goes into sanboot URIs.
 * Returns 0 or a negative errno with a sentence in @err.
 */
int http_open(const char *listen, unsigned int iscsi_port, char *err,
	      size_t len);

/* Serve in the event loop; nothing if http_open() was not called. */
int http_start(void);

void http_close(void);

/* ietd.conf @old gives way to @cfg: say what a reload cannot change. */
void http_reloaded(const struct config *old, const struct config *cfg);

#endif /* IET_HTTP_H */
