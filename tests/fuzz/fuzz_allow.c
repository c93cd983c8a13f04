// SPDX-License-Identifier: GPL-2.0
/*
 * initiators.allow and targets.allow: the input is a file. Byte 0 picks
 * which of the two it is; the rest is parsed as ietd parses it at start
 * and on SIGHUP. A file that parses is asked about a few initiators and
 * portals, and must answer the same twice; one that does not must say
 * why, with its file name and a line number.
 */
#include <stdlib.h>
#include <string.h>

#include "allow.h"
#include "fuzz.h"

static void ask(const struct allow_list *l)
{
	static const char *const names[] = {
		"iqn.2026-11.org.example:desk01", "iqn.1993-08.org.debian:01:x",
		"eui.0123456789abcdef", "",
	};
	static const char *const targets[] = {
		"iqn.2026-11.org.example:desk01", "IQN.2026-11.ORG.EXAMPLE:DESK01",
		"iqn.x:other",
	};
	uint8_t addr[ALLOW_ADDR_LEN];
	unsigned int i, j, line, again;
	bool yes;

	for (i = 0; i < ALLOW_ADDR_LEN; i++)
		addr[i] = i < 10 ? 0 : 0xff;
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		addr[15] = i;
		for (j = 0; j < ARRAY_SIZE(targets); j++) {
			line = again = 0;
			yes = allow_check(l, targets[j], addr, names[i], &line);
			FUZZ_CHECK(yes == allow_check(l, targets[j], addr,
						      names[i], &again));
			FUZZ_CHECK(line == again);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct allow_list l;
	char err[512];

	if (!size)
		return 0;
	memset(&l, 0, sizeof(l));
	err[0] = '\0';
	if (allow_parse(&l, data[0] & 1 ? ALLOW_TARGETS : ALLOW_INITIATORS,
			"fuzz.allow", (const char *)data + 1, size - 1, err,
			sizeof(err))) {
		FUZZ_CHECK(!strncmp(err, "fuzz.allow:", 11));
		allow_free(&l);
		return 0;
	}
	ask(&l);
	allow_free(&l);
	return 0;
}
