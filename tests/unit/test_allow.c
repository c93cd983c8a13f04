// SPDX-License-Identifier: GPL-2.0
/*
 * initiators.allow and targets.allow: the parser (usr/allow.c) with good
 * and bad lines and their exact messages, the matcher, and the files as
 * ietd reads and re-reads them (usr/allowfile.c).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "allow.h"
#include "allowfile.h"
#include "util.h"

#define FILE_NAME	"/etc/iet/initiators.allow"
#define TA		"iqn.2026-11.org.example:ta"
#define TB		"iqn.2026-11.org.example:tb"
#define INI		"iqn.2001-04.com.example:pc01"

static char err[512];
static struct allow_list l;

static void parse_ok(enum allow_kind kind, const char *text)
{
	err[0] = '\0';
	assert_int_equal(allow_parse(&l, kind, FILE_NAME, text, strlen(text),
				     err, sizeof(err)), 0);
	assert_string_equal(err, "");
}

/* The address @s (IPv4 or IPv6) as rules compare it. */
static const uint8_t *addr(const char *s)
{
	static uint8_t a[4][ALLOW_ADDR_LEN];
	static unsigned int next;
	struct sockaddr_storage ss = { 0 };
	struct sockaddr_in6 *s6 = (void *)&ss;
	struct sockaddr_in *s4 = (void *)&ss;
	uint8_t *out = a[next++ % 4];

	if (inet_pton(AF_INET, s, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
	} else {
		assert_int_equal(inet_pton(AF_INET6, s, &s6->sin6_addr), 1);
		s6->sin6_family = AF_INET6;
	}
	assert_int_equal(allow_addr((struct sockaddr *)&ss, out), 0);
	return out;
}

/* Whether @l lets @name at @a use @target; the deciding line in *@line. */
static bool may(const char *target, const char *a, const char *name,
		unsigned int *line)
{
	unsigned int dummy;

	return allow_check(&l, target, addr(a), name, line ? line : &dummy);
}

static int teardown(void **state)
{
	allow_free(&l);
	return 0;
}

/* ---- syntax ---- */

static void test_syntax(void **state)
{
	unsigned int line;

	parse_ok(ALLOW_INITIATORS,
		 "# comment\n"
		 "   # indented comment\n"
		 "\n"
		 "\t\n"
		 TA "\t10.0.0.1 ,10.0.0.2 ,  \\\n"
		 "    10.0.0.3,\t[::1]   # trailing comment\n"
		 TB " ALL\r\n"
		 "ALL 192.168.0.0/16\n");
	assert_int_equal(l.nr_rules, 3);
	assert_int_equal(l.rules[0].line, 5);
	assert_int_equal(l.rules[0].nr_entries, 4);
	assert_int_equal(l.rules[1].line, 7);
	assert_null(l.rules[2].target);
	assert_int_equal(l.nr_warnings, 0);
	assert_true(may(TA, "10.0.0.3", INI, &line));
	assert_int_equal(line, 5);
	assert_true(may(TA, "::1", INI, NULL));
	assert_false(may(TA, "10.0.0.4", INI, NULL));
	assert_true(may(TB, "172.16.0.1", INI, NULL));
	assert_true(may("iqn.2026-11.org.example:other", "192.168.7.7", INI,
			&line));
	assert_int_equal(line, 8);
}

static void test_last_line(void **state)
{
	/* No newline at the end; a backslash on the last line is harmless. */
	parse_ok(ALLOW_INITIATORS, TA " 10.0.0.1 \\");
	assert_int_equal(l.nr_rules, 1);
	assert_true(may(TA, "10.0.0.1", NULL, NULL));
}

/* ---- addresses ---- */

static void test_ipv4(void **state)
{
	parse_ok(ALLOW_INITIATORS, TA " 10.0.0.1\n");
	assert_true(may(TA, "10.0.0.1", INI, NULL));
	assert_false(may(TA, "10.0.0.2", INI, NULL));
	assert_false(may(TA, "::ffff:10.0.0.2", INI, NULL));
	/* An IPv4 client of an IPv6 socket is the same client. */
	assert_true(may(TA, "::ffff:10.0.0.1", INI, NULL));
	assert_false(may(TA, "::a00:1", INI, NULL));
}

static void test_cidr(void **state)
{
	parse_ok(ALLOW_INITIATORS,
		 TA " 10.0.0.0/8, 192.168.1.128/25\n"
		 TB " 172.16.1.1/32\n"
		 "ALL 0.0.0.0/0\n");
	assert_true(may(TA, "10.255.1.2", INI, NULL));
	assert_false(may(TA, "11.0.0.1", INI, NULL));
	assert_true(may(TA, "192.168.1.128", INI, NULL));
	assert_true(may(TA, "192.168.1.255", INI, NULL));
	assert_false(may(TA, "192.168.1.127", INI, NULL));
	assert_true(may(TB, "172.16.1.1", INI, NULL));
	assert_false(may(TB, "172.16.1.0", INI, NULL));
	/* /0 of IPv4 is every IPv4 address, and no IPv6 one. */
	assert_true(may("iqn.x:y", "1.2.3.4", INI, NULL));
	assert_true(may("iqn.x:y", "255.255.255.255", INI, NULL));
	assert_false(may("iqn.x:y", "2001:db8::1", INI, NULL));
}

static void test_ipv6(void **state)
{
	parse_ok(ALLOW_INITIATORS,
		 TA " [2001:db8::1], [fe80::]/10, [2001:0db8:0001:0000::]/64\n"
		 TB " [::1]\n"
		 "ALL [::]/0\n");
	assert_true(may(TA, "2001:db8:0:0:0:0:0:1", INI, NULL));
	assert_true(may(TA, "2001:0db8::0001", INI, NULL));
	assert_false(may(TA, "2001:db8::2", INI, NULL));
	assert_true(may(TA, "fe80::1234", INI, NULL));
	assert_true(may(TA, "febf::1", INI, NULL));
	assert_false(may(TA, "fec0::1", INI, NULL));
	assert_true(may(TA, "2001:db8:1::ffff", INI, NULL));
	assert_false(may(TA, "2001:db8:2::", INI, NULL));
	assert_true(may(TB, "0:0:0:0:0:0:0:1", INI, NULL));
	assert_false(may(TB, "127.0.0.1", INI, NULL));
	/* [::]/0 is every address, IPv4 ones too (as ::ffff:a.b.c.d). */
	assert_true(may("iqn.x:y", "2001:db8::9", INI, NULL));
	assert_true(may("iqn.x:y", "10.1.2.3", INI, NULL));
}

static void test_v4_mapped(void **state)
{
	parse_ok(ALLOW_INITIATORS,
		 TA " [::ffff:10.0.0.1]\n"
		 TB " [::ffff:0:0]/96\n");
	assert_true(may(TA, "10.0.0.1", INI, NULL));
	assert_true(may(TA, "::ffff:10.0.0.1", INI, NULL));
	assert_false(may(TA, "10.0.0.2", INI, NULL));
	assert_true(may(TB, "8.8.8.8", INI, NULL));
	assert_false(may(TB, "2001:db8::1", INI, NULL));
}

static void test_addr_str(void **state)
{
	char buf[INET6_ADDRSTRLEN];

	allow_addr_str(addr("10.0.0.1"), buf, sizeof(buf));
	assert_string_equal(buf, "10.0.0.1");
	allow_addr_str(addr("::ffff:10.0.0.2"), buf, sizeof(buf));
	assert_string_equal(buf, "10.0.0.2");
	allow_addr_str(addr("2001:0db8::0001"), buf, sizeof(buf));
	assert_string_equal(buf, "2001:db8::1");
}

static void test_other_family(void **state)
{
	struct sockaddr sa = { .sa_family = AF_UNIX };
	uint8_t a[ALLOW_ADDR_LEN];

	assert_int_equal(allow_addr(&sa, a), -EAFNOSUPPORT);
}

/* ---- names ---- */

static void test_regex_anchored(void **state)
{
	parse_ok(ALLOW_INITIATORS,
		 TA " iqn.2001-04.com.example:.*\n"
		 TB " example:pc01\n");
	assert_true(may(TA, "10.0.0.9", INI, NULL));
	assert_true(may(TA, "10.0.0.9", "iqn.2001-04.com.example:", NULL));
	/* A substring is not enough, at either end. */
	assert_false(may(TA, "10.0.0.9", "xiqn.2001-04.com.example:pc01",
			 NULL));
	assert_false(may(TA, "10.0.0.9", "iqn.2001-04.com.example", NULL));
	assert_false(may(TB, "10.0.0.9", INI, NULL));
	assert_false(may(TB, "10.0.0.9", "iqn.x:example", NULL));
	/* No name (targets.allow's question): names never match. */
	assert_false(may(TA, "10.0.0.9", NULL, NULL));
}

/* What the size limits leave: bounds, brackets, escapes. */
static void test_regex_limits(void **state)
{
	parse_ok(ALLOW_INITIATORS,
		 TA " iqn.x:pc[0-9]{2}, iqn.x:[*+?]+, iqn.x:a\\++, iqn.x:(a{2})*\n");
	assert_true(may(TA, "10.0.0.9", "iqn.x:pc42", NULL));
	assert_false(may(TA, "10.0.0.9", "iqn.x:pc421", NULL));
	assert_true(may(TA, "10.0.0.9", "iqn.x:*+", NULL));
	assert_true(may(TA, "10.0.0.9", "iqn.x:a+++", NULL));
}

static void test_regex_whole_alternation(void **state)
{
	parse_ok(ALLOW_INITIATORS,
		 TA " iqn.2001-04.com.example:a|iqn.2001-04.com.example:ab\n"
		 /* glibc takes a stray ')' as a literal: still anchored. */
		 TB " iqn.x:a)|iqn.y\n");
	assert_true(may(TA, "10.0.0.9", "iqn.2001-04.com.example:a", NULL));
	assert_true(may(TA, "10.0.0.9", "iqn.2001-04.com.example:ab", NULL));
	assert_false(may(TA, "10.0.0.9", "iqn.2001-04.com.example:abc",
			 NULL));
	assert_true(may(TB, "10.0.0.9", "iqn.x:a)", NULL));
	assert_false(may(TB, "10.0.0.9", "iqn.x:a)b", NULL));
	assert_false(may(TB, "10.0.0.9", "iqn.x:a", NULL));
	assert_true(may(TB, "10.0.0.9", "iqn.y", NULL));
	assert_false(may(TB, "10.0.0.9", "iqn.yy", NULL));
}

static void test_case(void **state)
{
	parse_ok(ALLOW_INITIATORS,
		 "IQN.2026-11.ORG.EXAMPLE:TA IQN.2001-04.COM.EXAMPLE:PC0[0-9]\n"
		 "all aLL\n");
	assert_true(may(TA, "10.0.0.9", INI, NULL));
	assert_false(may(TA, "10.0.0.9", "iqn.2001-04.com.example:pc10",
			 NULL));
	assert_true(may(TB, "10.0.0.9", "anything", NULL));
}

static void test_mixed_list(void **state)
{
	parse_ok(ALLOW_INITIATORS, TA " 10.0.0.1, " INI ", [2001:db8::]/32\n");
	assert_true(may(TA, "10.0.0.1", "iqn.x:other", NULL));
	assert_true(may(TA, "10.9.9.9", INI, NULL));
	assert_true(may(TA, "2001:db8::5", "iqn.x:other", NULL));
	assert_false(may(TA, "10.9.9.9", "iqn.x:other", NULL));
}

/* ---- which line decides ---- */

static void test_first_line_decides(void **state)
{
	unsigned int line;

	parse_ok(ALLOW_INITIATORS,
		 TA " 10.0.0.1\n"
		 "ALL ALL\n");
	assert_false(may(TA, "10.0.0.2", INI, &line));
	assert_int_equal(line, 1);
	assert_true(may(TB, "10.0.0.2", INI, &line));
	assert_int_equal(line, 2);
}

static void test_all_stops(void **state)
{
	unsigned int line;

	parse_ok(ALLOW_INITIATORS,
		 "ALL 10.0.0.1\n"
		 TA " ALL\n"
		 TB " ALL\n");
	assert_false(may(TA, "10.0.0.2", INI, &line));
	assert_int_equal(line, 1);
	assert_true(may(TB, "10.0.0.1", INI, NULL));
	assert_int_equal(l.nr_warnings, 2);
	assert_string_equal(l.warnings[0], FILE_NAME
			    ":2: never used: the ALL line 1 decides for every target");
	assert_string_equal(l.warnings[1], FILE_NAME
			    ":3: never used: the ALL line 1 decides for every target");
}

static void test_repeated_target(void **state)
{
	parse_ok(ALLOW_INITIATORS,
		 TA " 10.0.0.1\n"
		 "IQN.2026-11.org.example:TA 10.0.0.2\n");
	assert_false(may(TA, "10.0.0.2", INI, NULL));
	assert_int_equal(l.nr_warnings, 1);
	assert_string_equal(l.warnings[0], FILE_NAME
			    ":2: never used: line 1 decides for IQN.2026-11.org.example:TA");
}

static void test_no_line_for_target(void **state)
{
	unsigned int line = 9;

	parse_ok(ALLOW_INITIATORS, TA " ALL\n");
	assert_true(may(TA, "10.0.0.1", INI, NULL));
	assert_false(may(TB, "10.0.0.1", INI, &line));
	assert_int_equal(line, 0);
}

static void test_empty_file(void **state)
{
	unsigned int line = 9;

	/* IET: with no entries, nobody can connect. */
	parse_ok(ALLOW_INITIATORS, "# nothing but comments\n\n");
	assert_int_equal(l.nr_rules, 0);
	assert_false(may(TA, "10.0.0.1", INI, &line));
	assert_int_equal(line, 0);
	assert_int_equal(l.nr_warnings, 1);
	assert_string_equal(l.warnings[0], FILE_NAME
			    ": no line: no initiator may use any target (without the file, all may)");
	allow_free(&l);
	parse_ok(ALLOW_TARGETS, "");
	assert_false(may(TA, "10.0.0.1", NULL, NULL));
}

static void test_no_file(void **state)
{
	unsigned int line = 9;

	/* What allowfile.c keeps for a missing file: a zeroed list. */
	memset(&l, 0, sizeof(l));
	assert_true(may(TA, "10.0.0.1", INI, &line));
	assert_int_equal(line, 0);
}

static void test_targets_allow(void **state)
{
	parse_ok(ALLOW_TARGETS,
		 TA " 10.0.0.1, [2001:db8::1]\n"
		 "ALL ALL\n");
	assert_true(may(TA, "10.0.0.1", NULL, NULL));
	assert_true(may(TA, "2001:db8::1", NULL, NULL));
	assert_false(may(TA, "10.0.0.2", NULL, NULL));
	assert_true(may(TB, "10.0.0.2", NULL, NULL));
}

/* ---- bad lines ---- */

struct bad {
	enum allow_kind kind;
	const char *text;
	const char *err;
};

#define F FILE_NAME

static const struct bad bad_lines[] = {
	{ ALLOW_INITIATORS, TA "\n",
	  F ":1: no list after '" TA "': add addresses or names, or ALL to let everyone in" },
	{ ALLOW_INITIATORS, "# x\n" TA "   # all commented out\n",
	  F ":2: no list after '" TA "': add addresses or names, or ALL to let everyone in" },
	{ ALLOW_INITIATORS, TA " 10.0.0.1/33\n",
	  F ":1: '10.0.0.1/33': the length after '/' must be a number from 0 to 32" },
	{ ALLOW_INITIATORS, TA " 10.0.0.0/\n",
	  F ":1: '10.0.0.0/': the length after '/' must be a number from 0 to 32" },
	{ ALLOW_INITIATORS, TA " 10.0.0.0/0024\n",
	  F ":1: '10.0.0.0/0024': the length after '/' must be a number from 0 to 32" },
	{ ALLOW_INITIATORS, TA " 10.0.0.256\n",
	  F ":1: '10.0.0.256' is not an IPv4 address: write four numbers from 0 to 255, as in 192.168.0.10" },
	{ ALLOW_INITIATORS, TA " 10.0.0\n",
	  F ":1: '10.0.0' is not an IPv4 address: write four numbers from 0 to 255, as in 192.168.0.10" },
	{ ALLOW_INITIATORS, TA " 10.0.0.1/24\n",
	  F ":1: '10.0.0.1/24' has bits set past its first 24, so it would match nothing: write 10.0.0.0/24" },
	{ ALLOW_INITIATORS, TA " [2001:db8::1\n",
	  F ":1: '[2001:db8::1': no ']' after the IPv6 address" },
	{ ALLOW_INITIATORS, TA " [2001:db8::g]\n",
	  F ":1: '[2001:db8::g]' is not an IPv6 address, as in [2001:db8::1]" },
	{ ALLOW_INITIATORS, TA " [1:2:3:4:5:6:7:8:9]\n",
	  F ":1: '[1:2:3:4:5:6:7:8:9]' is not an IPv6 address, as in [2001:db8::1]" },
	{ ALLOW_INITIATORS, TA " [1::2::3]\n",
	  F ":1: '[1::2::3]' is not an IPv6 address, as in [2001:db8::1]" },
	{ ALLOW_INITIATORS, TA " [fe80::1%eth0]\n",
	  F ":1: '[fe80::1%eth0]': zones ('%eth0') are not supported; leave the zone out" },
	{ ALLOW_INITIATORS, TA " [2001:db8::]/129\n",
	  F ":1: '[2001:db8::]/129': only '/' and a length from 0 to 128 may follow ']'" },
	{ ALLOW_INITIATORS, TA " [::1]x\n",
	  F ":1: '[::1]x': only '/' and a length from 0 to 128 may follow ']'" },
	{ ALLOW_INITIATORS, TA " [2001:db8::1]/64\n",
	  F ":1: '[2001:db8::1]/64' has bits set past its first 64, so it would match nothing: write [2001:db8::]/64" },
	{ ALLOW_INITIATORS, TA " fe80::1\n",
	  F ":1: 'fe80::1': put an IPv6 address in brackets, as in [2001:db8::]/32" },
	{ ALLOW_INITIATORS, TA " 2001:db8::/32\n",
	  F ":1: '2001:db8::/32': put an IPv6 address in brackets, as in [2001:db8::]/32" },
	{ ALLOW_INITIATORS, TA " iqn.x:(\n",
	  F ":1: 'iqn.x:(' is not a valid regular expression: Unmatched ( or \\(" },
	{ ALLOW_INITIATORS, TA " iqn.x:a++\n",
	  F ":1: 'iqn.x:a++' is not a regular expression ietd takes: a repetition of a repetition, which POSIX leaves undefined" },
	{ ALLOW_INITIATORS, TA " iqn.x:a{2}*\n",
	  F ":1: 'iqn.x:a{2}*' is not a regular expression ietd takes: a repetition of a repetition, which POSIX leaves undefined" },
	{ ALLOW_INITIATORS, TA " iqn.x:(((((a+)+)+)+)+)+\n",
	  F ":1: 'iqn.x:(((((a+)+)+)+)+)+' is not a regular expression ietd takes: groups nested more than 4 deep" },
	{ ALLOW_INITIATORS, TA " iqn.x:a{40}\n",
	  F ":1: 'iqn.x:a{40}' is not a regular expression ietd takes: a {m,n} bound above 32" },
	{ ALLOW_INITIATORS, TA " iqn.x:(a{2}b){2}(c{2}){2}\n",
	  F ":1: 'iqn.x:(a{2}b){2}(c{2}){2}' is not a regular expression ietd takes: more than 3 {m,n} bounds" },
	{ ALLOW_INITIATORS, TA " iqn.x:[a\n",
	  F ":1: 'iqn.x:[a' is not a valid regular expression: Unmatched [, [^, [:, [., or [=" },
	{ ALLOW_INITIATORS, TA " 10.0.0.1,,10.0.0.2\n",
	  F ":1: an empty entry: remove the extra comma" },
	{ ALLOW_INITIATORS, TA " 10.0.0.1,\n",
	  F ":1: an empty entry: remove the extra comma" },
	{ ALLOW_INITIATORS, TA " , 10.0.0.1\n",
	  F ":1: an empty entry: remove the extra comma" },
	{ ALLOW_INITIATORS, TA " 10.0.0.1 10.0.0.2\n",
	  F ":1: '10.0.0.1 10.0.0.2': separate entries with commas" },
	{ ALLOW_INITIATORS, TA " pc01.example.com\n",
	  F ":1: 'pc01.example.com' is neither an address nor an iSCSI name (iqn., eui., naa.): host names are not looked up; write its address" },
	{ ALLOW_TARGETS, TA " iqn.x:.*\n",
	  F ":1: 'iqn.x:.*' is not an address: targets.allow lists the portal addresses a target is offered on (a.b.c.d, [IPv6], with /LENGTH, or ALL)" },
	{ ALLOW_INITIATORS, "10.0.0.1 10.0.0.2\n",
	  F ":1: '10.0.0.1' stands where the target goes: a line is 'TARGET-NAME|ALL LIST'" },
	{ ALLOW_INITIATORS, "[::1] ALL\n",
	  F ":1: '[::1]' stands where the target goes: a line is 'TARGET-NAME|ALL LIST'" },
	{ ALLOW_INITIATORS, TA "," TB " 10.0.0.1\n",
	  F ":1: '" TA "," TB "': one target per line; give each its own line" },
	/* Errors name the first physical line of a continued one. */
	{ ALLOW_INITIATORS, TA " ALL\n" TB " 10.0.0.1, \\\n  10.0.0.1/8\n",
	  F ":2: '10.0.0.1/8' has bits set past its first 8, so it would match nothing: write 10.0.0.0/8" },
	{ ALLOW_INITIATORS, TA " ALL\n" TB " 10.0.0.1, \\\n\\\n 1\n" TA " x(\n",
	  F ":2: '1' is not an IPv4 address: write four numbers from 0 to 255, as in 192.168.0.10" },
};

static void test_bad_lines(void **state)
{
	const struct bad *b;
	int ret;

	for (b = bad_lines; b < bad_lines + ARRAY_SIZE(bad_lines); b++) {
		ret = allow_parse(&l, b->kind, FILE_NAME, b->text,
				  strlen(b->text), err, sizeof(err));
		if (ret != -EINVAL || strcmp(err, b->err))
			fail_msg("%s\ngave %d, '%s'", b->text, ret, err);
		/* All or nothing: a failed parse leaves nothing behind. */
		assert_null(l.file);
		assert_null(l.rules);
	}
}

static void test_nul(void **state)
{
	static const char text[] = TA " 10.0.0.1\n" TA " \0\n";

	assert_int_equal(allow_parse(&l, ALLOW_INITIATORS, FILE_NAME, text,
				     sizeof(text) - 1, err, sizeof(err)),
			 -EINVAL);
	assert_string_equal(err, F ":2: a NUL byte: this is not a text file");
}

/* ---- the files: allowfile.c ---- */

static char dir[64];

static void put(const char *name, const char *text)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void drop(const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	unlink(path);
}

static int dir_setup(void **state)
{
	snprintf(dir, sizeof(dir), "/tmp/iet-test-allow.XXXXXX");
	assert_non_null(mkdtemp(dir));
	return 0;
}

static int dir_teardown(void **state)
{
	allow_files_free();
	drop(ALLOW_INITIATORS_FILE);
	drop(ALLOW_TARGETS_FILE);
	rmdir(dir);
	return 0;
}

static enum allow_verdict ask(const char *target, const char *name,
			      const char *from, const char *to, char *why)
{
	struct sockaddr_in peer = { .sin_family = AF_INET };
	struct sockaddr_in6 portal = { .sin6_family = AF_INET6 };

	assert_int_equal(inet_pton(AF_INET, from, &peer.sin_addr), 1);
	assert_int_equal(inet_pton(AF_INET6, to, &portal.sin6_addr), 1);
	why[0] = '\0';
	return allow_files_check(target, name, (struct sockaddr *)&peer,
				 (struct sockaddr *)&portal, why, 256);
}

static void test_files(void **state)
{
	char why[256], want[256];

	/* No files: everything. */
	assert_int_equal(allow_files_load(dir, err, sizeof(err)), 0);
	assert_int_equal(ask(TA, INI, "10.0.0.1", "::1", why), ALLOW_YES);

	put(ALLOW_INITIATORS_FILE, TA " 10.0.0.1\n" TB " " INI "\n");
	put(ALLOW_TARGETS_FILE, TA " [::ffff:10.0.0.100]\nALL ALL\n");
	assert_int_equal(allow_files_load(dir, err, sizeof(err)), 0);
	assert_int_equal(ask(TA, INI, "10.0.0.1", "::ffff:10.0.0.100", why),
			 ALLOW_YES);
	assert_int_equal(ask(TA, INI, "10.0.0.2", "::ffff:10.0.0.100", why),
			 ALLOW_NO_INITIATOR);
	snprintf(want, sizeof(want),
		 "target " TA ": %s/initiators.allow:1 lists neither 10.0.0.2 nor " INI,
		 dir);
	assert_string_equal(why, want);
	assert_int_equal(ask(TA, INI, "10.0.0.1", "::1", why),
			 ALLOW_NO_PORTAL);
	snprintf(want, sizeof(want),
		 "target " TA " is not offered on ::1 (%s/targets.allow:1)",
		 dir);
	assert_string_equal(why, want);
	assert_int_equal(ask(TB, INI, "10.0.0.2", "::1", why), ALLOW_YES);
	assert_int_equal(ask(TB, "iqn.x:y", "10.0.0.2", "::1", why),
			 ALLOW_NO_INITIATOR);
	assert_int_equal(ask("iqn.x:z", INI, "10.0.0.1", "::1", why),
			 ALLOW_NO_INITIATOR);
	snprintf(want, sizeof(want),
		 "target iqn.x:z: no line of %s/initiators.allow names it or ALL",
		 dir);
	assert_string_equal(why, want);

	/* A reload with an error keeps the rules in force. */
	put(ALLOW_INITIATORS_FILE, TA " 10.0.0.2\n" TB " 10.0.0.1/8\n");
	assert_int_not_equal(allow_files_reload(), 0);
	assert_int_equal(allow_files_load(dir, err, sizeof(err)), -EINVAL);
	snprintf(want, sizeof(want),
		 "%s/initiators.allow:2: '10.0.0.1/8' has bits set past its first 8, so it would match nothing: write 10.0.0.0/8",
		 dir);
	assert_string_equal(err, want);
	assert_int_equal(ask(TA, INI, "10.0.0.1", "::ffff:10.0.0.100", why),
			 ALLOW_YES);
	/* So does one in the second file. */
	put(ALLOW_INITIATORS_FILE, TA " 10.0.0.2\n");
	put(ALLOW_TARGETS_FILE, TA " iqn.x:.*\n");
	assert_int_not_equal(allow_files_reload(), 0);
	assert_int_equal(ask(TA, INI, "10.0.0.1", "::ffff:10.0.0.100", why),
			 ALLOW_YES);

	/* Fixed: the new rules apply; a removed file allows all again. */
	drop(ALLOW_TARGETS_FILE);
	assert_int_equal(allow_files_reload(), 0);
	assert_int_equal(ask(TA, INI, "10.0.0.1", "::1", why),
			 ALLOW_NO_INITIATOR);
	assert_int_equal(ask(TA, INI, "10.0.0.2", "::1", why), ALLOW_YES);
}

static void test_unreadable(void **state)
{
	char path[128];

	/* A directory where the file should be: an error, not "no file". */
	snprintf(path, sizeof(path), "%s/%s", dir, ALLOW_TARGETS_FILE);
	assert_int_equal(mkdir(path, 0700), 0);
	assert_int_equal(allow_files_load(dir, err, sizeof(err)), -EISDIR);
	rmdir(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_syntax, teardown),
		cmocka_unit_test_teardown(test_last_line, teardown),
		cmocka_unit_test_teardown(test_ipv4, teardown),
		cmocka_unit_test_teardown(test_cidr, teardown),
		cmocka_unit_test_teardown(test_ipv6, teardown),
		cmocka_unit_test_teardown(test_v4_mapped, teardown),
		cmocka_unit_test(test_addr_str),
		cmocka_unit_test(test_other_family),
		cmocka_unit_test_teardown(test_regex_anchored, teardown),
		cmocka_unit_test_teardown(test_regex_limits, teardown),
		cmocka_unit_test_teardown(test_regex_whole_alternation,
					  teardown),
		cmocka_unit_test_teardown(test_case, teardown),
		cmocka_unit_test_teardown(test_mixed_list, teardown),
		cmocka_unit_test_teardown(test_first_line_decides, teardown),
		cmocka_unit_test_teardown(test_all_stops, teardown),
		cmocka_unit_test_teardown(test_repeated_target, teardown),
		cmocka_unit_test_teardown(test_no_line_for_target, teardown),
		cmocka_unit_test_teardown(test_empty_file, teardown),
		cmocka_unit_test_teardown(test_no_file, teardown),
		cmocka_unit_test_teardown(test_targets_allow, teardown),
		cmocka_unit_test(test_bad_lines),
		cmocka_unit_test(test_nul),
		cmocka_unit_test_setup_teardown(test_files, dir_setup,
						dir_teardown),
		cmocka_unit_test_setup_teardown(test_unreadable, dir_setup,
						dir_teardown),
	};

	return cmocka_run_group_tests_name("allow", tests, NULL, NULL);
}
