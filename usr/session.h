/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The sessions ietd knows of: those the kernel runs, and those a login
 * has admitted but not yet handed over (and discovery sessions, which
 * ietd serves itself). It gives out TSIHs no live session uses and finds
 * the session a login reinstates.
 *
 * A session id (SID) is what /proc/net/iet/session prints: the TSIH in
 * the top 16 bits, below it the six ISID bytes read as a little-endian
 * 48-bit number, as IET's union of isid[6] and tsih read as a u64 on x86.
 *
 * Pure logic, no I/O.
 */
#ifndef IET_SESSION_H
#define IET_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "iet_genl.h"

struct session_entry {
	uint32_t tid;		/* 0: a discovery session */
	uint64_t sid;
	char initiator[IET_NAME_MAX + 1];
	bool local;		/* not in the kernel (yet) */
};

struct session_table {
	struct session_entry *s;
	unsigned int nr;
	unsigned int cap;
	uint16_t last_tsih;	/* the last TSIH given out */
};

uint64_t sid_make(uint16_t tsih, const uint8_t *isid);
uint16_t sid_tsih(uint64_t sid);
void sid_isid(uint64_t sid, uint8_t *isid);

/* The first TSIH after the last one given out that no session has; 0 if none. */
uint16_t session_next_tsih(struct session_table *t);

struct session_entry *session_find_tsih(struct session_table *t, uint32_t tid,
					uint16_t tsih);
/* Initiator names compare ignoring case, as iSCSI names do. */
struct session_entry *session_find_isid(struct session_table *t, uint32_t tid,
					const char *initiator,
					const uint8_t *isid);
unsigned int session_count(const struct session_table *t, uint32_t tid);

int session_add(struct session_table *t, uint32_t tid, uint64_t sid,
		const char *initiator, bool local);
void session_remove(struct session_table *t, uint64_t sid);

/* Forget the kernel's sessions that are not in @live (what it runs now). */
int session_sync(struct session_table *t, const struct session_entry *live,
		 unsigned int nr);

void session_table_free(struct session_table *t);

#endif /* IET_SESSION_H */
