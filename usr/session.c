// SPDX-License-Identifier: GPL-2.0
/*
 * The table of live sessions.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "session.h"

uint64_t sid_make(uint16_t tsih, const uint8_t *isid)
{
	uint64_t sid = (uint64_t)tsih << 48;
	int i;

	for (i = 0; i < 6; i++)
		sid |= (uint64_t)isid[i] << (8 * i);
	return sid;
}

uint16_t sid_tsih(uint64_t sid)
{
	return sid >> 48;
}

void sid_isid(uint64_t sid, uint8_t *isid)
{
	int i;

	for (i = 0; i < 6; i++)
		isid[i] = sid >> (8 * i);
}

static bool tsih_used(const struct session_table *t, uint16_t tsih)
{
	unsigned int i;

	for (i = 0; i < t->nr; i++)
		if (sid_tsih(t->s[i].sid) == tsih)
			return true;
	return false;
}

uint16_t session_next_tsih(struct session_table *t)
{
	uint16_t tsih = t->last_tsih;
	unsigned int tries;

	for (tries = 0; tries < 65536; tries++) {
		tsih++;
		if (tsih && !tsih_used(t, tsih)) {
			t->last_tsih = tsih;
			return tsih;
		}
	}
	return 0;
}

struct session_entry *session_find_tsih(struct session_table *t, uint32_t tid,
					uint16_t tsih)
{
	unsigned int i;

	for (i = 0; i < t->nr; i++)
		if (t->s[i].tid == tid && sid_tsih(t->s[i].sid) == tsih)
			return &t->s[i];
	return NULL;
}

struct session_entry *session_find_isid(struct session_table *t, uint32_t tid,
					const char *initiator,
					const uint8_t *isid)
{
	uint64_t mask = (1ULL << 48) - 1, want = sid_make(0, isid);
	unsigned int i;

	for (i = 0; i < t->nr; i++)
		if (t->s[i].tid == tid && (t->s[i].sid & mask) == want &&
		    !strcasecmp(t->s[i].initiator, initiator))
			return &t->s[i];
	return NULL;
}

unsigned int session_count(const struct session_table *t, uint32_t tid)
{
	unsigned int i, n = 0;

	for (i = 0; i < t->nr; i++)
		n += t->s[i].tid == tid;
	return n;
}

int session_add(struct session_table *t, uint32_t tid, uint64_t sid,
		const char *initiator, bool local)
{
	struct session_entry *e;
	unsigned int cap;

	if (t->nr == t->cap) {
		cap = t->cap ? 2 * t->cap : 16;
		e = realloc(t->s, cap * sizeof(*e));
		if (!e)
			return -ENOMEM;
		t->s = e;
		t->cap = cap;
	}
	e = &t->s[t->nr++];
	memset(e, 0, sizeof(*e));
	e->tid = tid;
	e->sid = sid;
	e->local = local;
	snprintf(e->initiator, sizeof(e->initiator), "%s", initiator);
	return 0;
}

void session_remove(struct session_table *t, uint64_t sid)
{
	unsigned int i;

	for (i = 0; i < t->nr; i++) {
		if (t->s[i].sid == sid) {
			t->s[i] = t->s[--t->nr];
			return;
		}
	}
}

static bool in(const struct session_entry *live, unsigned int nr,
	       const struct session_entry *e)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		if (live[i].tid == e->tid && live[i].sid == e->sid)
			return true;
	return false;
}

int session_sync(struct session_table *t, const struct session_entry *live,
		 unsigned int nr)
{
	unsigned int i;
	int err;

	for (i = 0; i < t->nr; i++)
		if (!t->s[i].local && !in(live, nr, &t->s[i]))
			t->s[i--] = t->s[--t->nr];
	for (i = 0; i < nr; i++) {
		if (in(t->s, t->nr, &live[i]))
			continue;
		err = session_add(t, live[i].tid, live[i].sid,
				  live[i].initiator, false);
		if (err)
			return err;
	}
	return 0;
}

void session_table_free(struct session_table *t)
{
	free(t->s);
	memset(t, 0, sizeof(*t));
}
