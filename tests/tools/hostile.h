/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the parts of iscsi_hostile share: the iSCSI constants it needs,
 * a PDU as received and a connection with its sequence numbers and the
 * log of what came back, the flags that break a PDU on its way out, the
 * outcomes a case may accept, and the functions of hostile_wire.c,
 * hostile_login.c, hostile_cases.c and hostile_mutate.c that the others
 * call.
 */
#ifndef HOSTILE_H
#define HOSTILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define BHS		48
#define RSVD		0xffffffffU
#define OUR_MRDSL	65536
#define RBUF		(1 << 20)
#define LOG_PDUS	64

enum {
	OP_NOP_OUT = 0x00, OP_SCSI_CMD = 0x01, OP_TMF = 0x02, OP_LOGIN = 0x03,
	OP_TEXT = 0x04, OP_DATA_OUT = 0x05, OP_LOGOUT = 0x06, OP_SNACK = 0x10,
	OP_NOP_IN = 0x20, OP_SCSI_RSP = 0x21, OP_TMF_RSP = 0x22,
	OP_LOGIN_RSP = 0x23, OP_TEXT_RSP = 0x24, OP_DATA_IN = 0x25,
	OP_LOGOUT_RSP = 0x26, OP_R2T = 0x31, OP_ASYNC = 0x32, OP_REJECT = 0x3f,
};

#define OP_IMM		0x40
#define F_FINAL		0x80
#define F_READ		0x40
#define F_WRITE		0x20
#define F_STATUS	0x01	/* S of Data-In */

/* Send flags: what to break in a PDU on its way out. */
#define BAD_HD		1
#define BAD_DD		2
#define KEEP_DLEN	4	/* the BHS's dlength stays what the caller set */

struct pdu {
	uint8_t bhs[BHS];
	uint32_t dlen;
	uint8_t data[64];	/* the first bytes of its data segment */
};

struct conn {
	int fd;
	bool hd, dd;
	uint32_t cmdsn, expstatsn, itt, mxdsl, max_cmdsn;
	uint8_t *rbuf;
	size_t rlen;
	struct pdu log[LOG_PDUS];	/* what came since the last clear */
	unsigned int nlog;
	unsigned long rx_pdus;
};

/* What the target did: the outcomes a case may accept. */
enum {
	DROP = 1,	/* the connection ended */
	REJECT = 2,	/* a Reject, and the session goes on */
	ANSWER = 4,	/* a response to the PDU, and the session goes on */
	SILENT = 8,	/* nothing, and the session goes on */
};

/* The options, set by main() in iscsi_hostile.c. */
extern const char *host, *port, *target;
extern int timeout_ms;

/* hostile_wire.c: bytes, the socket, PDUs in and out, building BHSs. */
void fail(const char *fmt, ...);
void put32(uint8_t *p, uint32_t v);
uint32_t get32(const uint8_t *p);
uint32_t get_dlen(const uint8_t *bhs);
void put_dlen(uint8_t *bhs, uint32_t len);
long long now_ms(void);
void crc_init(void);
int dial(void);
void conn_close(struct conn *c);
int absorb(struct conn *c);
size_t pdu_size(const struct conn *c, const uint8_t *bhs);
int next_pdu(struct conn *c, struct pdu *p, int ms);
int drain(struct conn *c);
int send_pdu(struct conn *c, uint8_t *bhs, const uint8_t *ahs, size_t ahs_len,
	     const uint8_t *data, uint32_t dlen, int flags, size_t cut);
void bhs_init(struct conn *c, uint8_t *b, uint8_t op, uint8_t flags);
void bhs_cmd(struct conn *c, uint8_t *b, uint8_t op, uint8_t flags);
void bhs_nop(struct conn *c, uint8_t *b);
void bhs_scsi(struct conn *c, uint8_t *b, uint8_t rw, uint32_t edtl,
	      const uint8_t *cdb, size_t cdb_len);
void cdb10(uint8_t *cdb, uint8_t op, uint32_t lba, uint16_t blocks);
void bhs_data_out(struct conn *c, uint8_t *b, uint32_t itt, uint32_t ttt,
		  uint32_t datasn, uint32_t off);

/* hostile_login.c: sessions, pings, and what came back. */
int ping(struct conn *c);
int fresh(struct conn *c, bool digests);
const struct pdu *logged(const struct conn *c, uint8_t op, uint32_t itt);
const struct pdu *await_pdu(struct conn *c, uint8_t op, uint32_t itt, int ms);
int wait_drop(struct conn *c);

/* hostile_cases.c: the scripted cases. */
int run_cases(struct conn *c, const char *name);
void list_cases(FILE *f);

/* hostile_mutate.c: mutate mode. */
int run_mutate(struct conn *c, unsigned long count, uint64_t seed);

#endif /* HOSTILE_H */
