// SPDX-License-Identifier: GPL-2.0
/*
 * ietd's HTTP side: the input is what a client sends. Its head is parsed
 * as ietd parses it; a head that parses is parsed again from exactly its
 * own bytes, and must give the same request, and its target's path,
 * query and Range are decoded. The input also goes into the iPXE menu as
 * a title, a target name and an alias, and the script must still hold no
 * line but ours and no "${" but ours.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "httpquery.h"
#include "httprange.h"
#include "httpreq.h"
#include "ipxemenu.h"

static void decode(const struct http_req *req, size_t size)
{
	char path[HTTP_TARGET_MAX + 1];
	struct boot_query q;
	uint64_t first, last;

	if (!http_path_decode(req->target, path, sizeof(path)))
		FUZZ_CHECK(strlen(path) <= strlen(req->target));
	if (!http_query_parse(req->target, &q))
		FUZZ_CHECK(!q.mac[0] || strlen(q.mac) == 17);
	if (http_range_parse(req->range, size, &first, &last) == RANGE_PART)
		FUZZ_CHECK(first <= last && last < size);
}

static void request(const char *buf, size_t size)
{
	struct http_req req, again;
	int ret;

	ret = http_req_parse(buf, size, &req);
	FUZZ_CHECK(ret == 0 || ret == 1 || ret == 400 || ret == 414 ||
		   ret == 431 || ret == 501 || ret == 505);
	if (ret)
		return;
	FUZZ_CHECK(req.head_len <= size && req.head_len <= HTTP_HEAD_MAX);
	FUZZ_CHECK(strlen(req.target) <= HTTP_TARGET_MAX);
	FUZZ_CHECK(req.target[0] == '/' || req.target[0] == '*');
	FUZZ_CHECK(http_req_parse(buf, req.head_len, &again) == 0);
	FUZZ_CHECK(again.head_len == req.head_len);
	FUZZ_CHECK(!strcmp(again.target, req.target));
	decode(&req, size);
}

/* Each line of the script is one iPXE writes for itself. */
static void check_script(const char *s)
{
	static const char *const starts[] = {
		"#!ipxe", "set ", ":", "menu ", "item ", "choose ",
		"goto ", "sanboot ", "shell", "echo ", "prompt ",
	};
	const char *line, *dollar = strstr(s, "${");
	unsigned int i;

	FUZZ_CHECK(dollar && !strncmp(dollar, "${choice}\n", 10));
	FUZZ_CHECK(!strstr(dollar + 1, "${"));
	for (line = s; *line; line = strchr(line, '\n') + 1) {
		for (i = 0; i < ARRAY_SIZE(starts); i++)
			if (!strncmp(line, starts[i], strlen(starts[i])))
				break;
		FUZZ_CHECK(i < ARRAY_SIZE(starts));
		FUZZ_CHECK(strchr(line, '\n'));
	}
}

static void menu(const char *text)
{
	const char *alias = text + strlen(text) / 2;
	char name[256];
	struct menu_lun l = { 1, 0, name, alias };
	struct menu m = {
		.title = text, .server = "10.0.0.1", .port = 3260,
		.luns = &l, .nr_luns = 1, .dflt = MENU_SAN,
		.dflt_target = name, .initiator = alias,
		.chap = { name, alias, alias, name },
	};
	size_t len;
	char *s;

	snprintf(name, sizeof(name), "%.*s", (int)(alias - text), text);
	if (ipxe_menu_build(&m, &s, &len))
		return;
	FUZZ_CHECK(strlen(s) == len);
	check_script(s);
	free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1);

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	request(buf, size);
	menu(buf);
	free(buf);
	return 0;
}
