/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TFTP packets (RFC 1350) and option negotiation (RFC 2347: blksize of
 * RFC 2348, timeout and tsize of RFC 2349, windowsize of RFC 7440):
 * parsing what clients send and building what the server answers. No I/O.
 */
#ifndef IET_TFTP_PKT_H
#define IET_TFTP_PKT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum tftp_op {
	TFTP_RRQ = 1,
	TFTP_WRQ = 2,
	TFTP_DATA = 3,
	TFTP_ACK = 4,
	TFTP_ERROR = 5,
	TFTP_OACK = 6,
};

enum tftp_err {
	TFTP_EUNDEF = 0,
	TFTP_ENOTFOUND = 1,
	TFTP_EACCESS = 2,
	TFTP_EBADOP = 4,
	TFTP_EBADID = 5,
	TFTP_EOPTNEG = 8,
};

#define TFTP_BLKSIZE_DEF	512
#define TFTP_BLKSIZE_MIN	8
#define TFTP_BLKSIZE_MAX	65464
#define TFTP_TIMEOUT_MIN	1
#define TFTP_TIMEOUT_MAX	255
#define TFTP_WINDOW_MAX		65535
/* RFC 2347 keeps a request within 512 bytes; allow some slack. */
#define TFTP_REQ_MAX		1024
/* Room for every option we answer in an OACK. */
#define TFTP_OACK_MAX		128

enum tftp_mode { TFTP_OCTET, TFTP_NETASCII };

/* The options a request asked for and ietd accepts; 0: not asked. */
struct tftp_opts {
	unsigned int blksize;
	unsigned int timeout;
	unsigned int window;
	bool tsize;		/* asked for: answer the file's size */
};

struct tftp_req {
	enum tftp_op op;
	const char *file;	/* points into the packet */
	enum tftp_mode mode;
	struct tftp_opts opts;
};

/*
 * Parse a request of @len bytes at @pkt; req->file points into it.
 * Returns 0, or the TFTP error code to answer with and a reason in @why.
 */
int tftp_parse_req(char *pkt, size_t len, struct tftp_req *req,
		   const char **why);

/*
 * Read an ACK or ERROR a client sent during a transfer. Returns the
 * opcode (TFTP_ACK with @block set, TFTP_ERROR) or -1 for anything else.
 */
int tftp_parse_reply(const uint8_t *pkt, size_t len, uint16_t *block);

/* The OACK for @opts, @tsize the file's size. Returns its length. */
size_t tftp_build_oack(uint8_t *buf, size_t cap, const struct tftp_opts *o,
		       uint64_t tsize);

/* An ERROR packet with @msg; returns its length (at most @cap). */
size_t tftp_build_error(uint8_t *buf, size_t cap, enum tftp_err code,
			const char *msg);

/* The header of a DATA packet, 4 bytes. */
void tftp_data_header(uint8_t *buf, uint16_t block);

#endif /* IET_TFTP_PKT_H */
