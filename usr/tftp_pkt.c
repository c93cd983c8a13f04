// SPDX-License-Identifier: GPL-2.0
/*
 * TFTP packets: what clients send, what ietd answers.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "tftp_pkt.h"

/* Opcodes and block numbers are big-endian 16-bit words. */
static unsigned int get16(const uint8_t *p)
{
	return p[0] << 8 | p[1];
}

static void put16(uint8_t *p, unsigned int v)
{
	p[0] = v >> 8;
	p[1] = v;
}

/* A decimal option value: digits only, @max at most; -1 otherwise. */
static long long number(const char *s, long long max)
{
	long long v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
		if (v > max)
			v = max + 1;	/* saturate: "too big" is all we need */
	}
	return v;
}

static unsigned int clamp(long long v, unsigned int lo, unsigned int hi)
{
	if (v < lo)
		return 0;
	return v > hi ? hi : v;
}

enum { OPT_BLKSIZE, OPT_TSIZE, OPT_TIMEOUT, OPT_WINDOW, OPT_NR };

static const char *const opt_names[OPT_NR] = {
	"blksize", "tsize", "timeout", "windowsize",
};

/*
 * One option: unknown names are left out of the answer (RFC 2347), and
 * so are values out of range, but for sizes above what ietd takes, which
 * it narrows as RFCs 2348 and 7440 let a server do.
 */
static int one_option(struct tftp_opts *o, const char *name, const char *val,
		      unsigned int *seen)
{
	long long v;
	int i;

	for (i = 0; i < OPT_NR; i++)
		if (!strcasecmp(name, opt_names[i]))
			break;
	if (i == OPT_NR)
		return 0;
	/* Which of two values would the client expect? Neither. */
	if (*seen & 1u << i)
		return -1;
	*seen |= 1u << i;
	v = number(val, 1LL << 40);
	if (v < 0)
		return 0;
	if (i == OPT_BLKSIZE)
		o->blksize = clamp(v, TFTP_BLKSIZE_MIN, TFTP_BLKSIZE_MAX);
	else if (i == OPT_TSIZE)
		o->tsize = true;
	else if (i == OPT_TIMEOUT)
		o->timeout = v <= TFTP_TIMEOUT_MAX ?
			clamp(v, TFTP_TIMEOUT_MIN, TFTP_TIMEOUT_MAX) : 0;
	else
		o->window = clamp(v, 1, TFTP_WINDOW_MAX);
	return 0;
}

/* The next string at *@p, up to @end; NULL if it has no NUL. */
static const char *next_str(char **p, const char *end)
{
	char *s = *p, *nul = memchr(s, '\0', end - s);

	if (!nul)
		return NULL;
	*p = nul + 1;
	return s;
}

static int parse_options(char *p, const char *end, struct tftp_opts *o,
			 const char **why)
{
	unsigned int seen = 0;
	const char *name, *val;

	while (p < end) {
		name = next_str(&p, end);
		val = name ? next_str(&p, end) : NULL;
		if (!val) {
			*why = "an option without a value";
			return TFTP_EBADOP;
		}
		if (one_option(o, name, val, &seen)) {
			*why = "an option given twice";
			return TFTP_EOPTNEG;
		}
	}
	return 0;
}

static int parse_mode(const char *mode, struct tftp_req *req)
{
	if (!strcasecmp(mode, "octet"))
		req->mode = TFTP_OCTET;
	else if (!strcasecmp(mode, "netascii"))
		req->mode = TFTP_NETASCII;
	else
		return -1;
	return 0;
}

int tftp_parse_req(char *pkt, size_t len, struct tftp_req *req,
		   const char **why)
{
	const char *end = pkt + len, *mode;
	char *p = pkt + 2;

	memset(req, 0, sizeof(*req));
	*why = "a malformed request";
	if (len < 2)
		return TFTP_EBADOP;
	req->op = get16((uint8_t *)pkt);
	if (req->op != TFTP_RRQ && req->op != TFTP_WRQ) {
		*why = "not a request";
		return TFTP_EBADOP;
	}
	req->file = next_str(&p, end);
	mode = req->file ? next_str(&p, end) : NULL;
	if (!mode || !*req->file)
		return TFTP_EBADOP;
	if (parse_mode(mode, req)) {
		*why = "a transfer mode other than octet or netascii";
		return TFTP_EBADOP;
	}
	return parse_options(p, end, &req->opts, why);
}

int tftp_parse_reply(const uint8_t *pkt, size_t len, uint16_t *block)
{
	if (len < 4)
		return -1;
	switch (get16(pkt)) {
	case TFTP_ACK:
		*block = get16(pkt + 2);
		return TFTP_ACK;
	case TFTP_ERROR:
		return TFTP_ERROR;
	}
	return -1;
}

static size_t put_opt(uint8_t *buf, size_t cap, size_t at, const char *name,
		      unsigned long long val)
{
	int n = snprintf((char *)buf + at, cap - at, "%s%c%llu", name, 0, val);

	return n < 0 || (size_t)n >= cap - at ? at : at + n + 1;
}

size_t tftp_build_oack(uint8_t *buf, size_t cap, const struct tftp_opts *o,
		       uint64_t tsize)
{
	size_t n = 2;

	put16(buf, TFTP_OACK);
	if (o->blksize)
		n = put_opt(buf, cap, n, "blksize", o->blksize);
	if (o->tsize)
		n = put_opt(buf, cap, n, "tsize", tsize);
	if (o->timeout)
		n = put_opt(buf, cap, n, "timeout", o->timeout);
	if (o->window)
		n = put_opt(buf, cap, n, "windowsize", o->window);
	return n;
}

size_t tftp_build_error(uint8_t *buf, size_t cap, enum tftp_err code,
			const char *msg)
{
	size_t n = strnlen(msg, cap - 5);

	put16(buf, TFTP_ERROR);
	put16(buf + 2, code);
	memcpy(buf + 4, msg, n);
	buf[4 + n] = '\0';
	return n + 5;
}

void tftp_data_header(uint8_t *buf, uint16_t block)
{
	put16(buf, TFTP_DATA);
	put16(buf + 2, block);
}
