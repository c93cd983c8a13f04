// SPDX-License-Identifier: GPL-2.0
/*
 * The iPXE menu builder and its escaping, and the HTTP and menu keys of
 * ietd.conf with the client matching they drive.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "config.h"
#include "ipxemenu.h"
#include "util.h"

#define EX "iqn.2026-11.org.example:"

static const struct menu_lun luns[] = {
	{ 1, 0, EX "desk01", "Desk one" },
	{ 1, 10, EX "desk01", NULL },
	{ 2, 0, EX "desk02", "evil ${net0/mac} || shell\nimgexec http://x/y" },
	{ 3, 0, EX "bad${x}", NULL },
	{ 4, 0, "-x", NULL },
};

static char *build(struct menu *m)
{
	size_t len;
	char *s;

	if (!m->server)
		m->server = "10.0.0.1";
	if (!m->port)
		m->port = 3260;
	m->luns = luns;
	m->nr_luns = ARRAY_SIZE(luns);
	assert_int_equal(ipxe_menu_build(m, &s, &len), 0);
	assert_int_equal(strlen(s), len);
	return s;
}

/* Every "${" in the script is ours: the one of "goto ${choice}". */
static void only_our_expansion(const char *s)
{
	const char *p = strstr(s, "${");

	assert_non_null(p);
	assert_memory_equal(p, "${choice}", 9);
	assert_null(strstr(p + 1, "${"));
}

static void test_menu(void **state)
{
	struct menu m = { .timeout = 5 };
	char *s = build(&m);

	assert_memory_equal(s, "#!ipxe\n", 7);
	assert_non_null(strstr(s, "\nmenu iSCSI boot\n"));
	assert_non_null(strstr(s, "\nitem t1l0 " EX "desk01 LUN 0 (Desk one)\n"));
	assert_non_null(strstr(s, "\nitem t1l10 " EX "desk01 LUN 10\n"));
	assert_non_null(strstr(s, "\nsanboot iscsi:10.0.0.1::3260:0:" EX "desk01 || goto failed\n"));
	/* LUNs in hex. */
	assert_non_null(strstr(s, "\nsanboot iscsi:10.0.0.1::3260:a:" EX "desk01 || goto failed\n"));
	assert_non_null(strstr(s, "\nsanboot --no-describe --drive 0x80 || goto failed\n"));
	assert_non_null(strstr(s, "\nitem shell iPXE shell\n"));
	assert_non_null(strstr(s, "\nchoose --default local --timeout 5000 choice || goto shell\n"));
	assert_null(strstr(s, "set username"));
	assert_null(strstr(s, "initiator-iqn"));
	free(s);
}

static void test_escaping(void **state)
{
	struct menu m = { .title = "Room ${a} && reboot\n#!ipxe" };
	char *s = build(&m);

	only_our_expansion(s);
	assert_null(strstr(s, "||  shell"));
	assert_null(strstr(s, "\nimgexec"));
	assert_null(strstr(s, "&&"));
	assert_non_null(strstr(s, "\nmenu Room __a_ __ reboot___ipxe\n"));
	assert_non_null(strstr(s, "\nitem t2l0 " EX "desk02 LUN 0 (evil __net0/mac_ __ shell_imgexec http://x/y)\n"));
	/* Names that cannot go in unchanged are left out. */
	assert_null(strstr(s, "bad"));
	assert_null(strstr(s, ":-x"));
	assert_null(strstr(s, "t4l0"));
	free(s);
}

static void test_labels(void **state)
{
	char out[16];

	ipxe_label("  a   b\t-c ", out, sizeof(out));
	assert_string_equal(out, "a b _c");
	ipxe_label("x--y", out, sizeof(out));
	assert_string_equal(out, "x--y");
	ipxe_label("0123456789abcdefghij", out, sizeof(out));
	assert_string_equal(out, "0123456789abcde");
	assert_true(ipxe_word_safe(EX "x"));
	assert_true(ipxe_word_safe("secret-0123%^"));
	assert_false(ipxe_word_safe(""));
	assert_false(ipxe_word_safe("-opt"));
	assert_false(ipxe_word_safe("a b"));
	assert_false(ipxe_word_safe("a${b}"));
	assert_false(ipxe_word_safe("a|b"));
	assert_false(ipxe_word_safe("a\nb"));
	assert_false(ipxe_word_safe("caf\xc3\xa9"));
}

static void test_client(void **state)
{
	struct menu m = {
		.server = "[fd00::1]", .port = 3261, .timeout = 0,
		.dflt = MENU_SAN, .dflt_target = EX "DESK01", .dflt_lun = 10,
		.initiator = "iqn.2026-11.org.example.client:pc1",
		.chap = { "joe", "secretsecret12", "tgt", "tgt-secret-4567" },
	};
	char *s = build(&m);

	assert_non_null(strstr(s, "#!ipxe\nset initiator-iqn iqn.2026-11.org.example.client:pc1\n"
				  "set username joe\nset password secretsecret12\n"
				  "set reverse-username tgt\nset reverse-password tgt-secret-4567\n"));
	assert_non_null(strstr(s, "choose --default t1l10 --timeout 0 choice"));
	assert_non_null(strstr(s, "sanboot iscsi:[fd00::1]::3261:0:" EX "desk01 "));
	free(s);
}

static void test_unsafe_secret(void **state)
{
	struct menu m = {
		.dflt = MENU_SHELL,
		.chap = { "joe", "pass word${x}", "tgt", "tgt-secret-4567" },
	};
	char *s = build(&m);

	assert_null(strstr(s, "username"));
	assert_null(strstr(s, "password"));
	assert_non_null(strstr(s, "choose --default shell "));
	free(s);
	m.chap.secret = "secretsecret12";
	m.chap.reverse_secret = "${x}";
	s = build(&m);
	assert_non_null(strstr(s, "set password secretsecret12\n"));
	assert_null(strstr(s, "reverse"));
	free(s);
}

/* ---- ietd.conf ---- */

static char err[512];

static int parse(struct config *cfg, const char *text)
{
	err[0] = '\0';
	return config_parse(cfg, "t.conf", text, strlen(text), err,
			    sizeof(err));
}

static void bad(const char *text, const char *want)
{
	struct config cfg;

	if (parse(&cfg, text) != -EINVAL)
		fail_msg("'%s' accepted", text);
	if (!strstr(err, want))
		fail_msg("'%s' does not hold '%s'", err, want);
}

static void test_keys(void **state)
{
	struct config cfg;
	const struct bootconf *b = &cfg.boot;
	int ret;

	ret = (parse(&cfg,
		"HTTPListen 10.0.0.1:8080\n"
		"httproot /srv/boot\n"
		"MenuTitle  Room   42\t\n"
		"MenuTimeout 7\n"
		"BootClient 52-54-00-AB-CD-EF Target=" EX "desk01,Lun=1,\\\n"
		"	Timeout=3,InitiatorName=" EX "pc1,User=joe\n"
		"BootClient desk02 Default=shell\n"
		"ProxyDHCPListen 10.0.0.1\n"
		"bootfileefi ipxe.efi\n"
		"Target " EX "desk01\n"));
	if (ret)
		fail_msg("%s", err);
	assert_string_equal(b->listen, "10.0.0.1:8080");
	assert_string_equal(b->root, "/srv/boot");
	assert_string_equal(b->dhcp.listen, "10.0.0.1");
	assert_string_equal(b->dhcp.file[DHCP_BOOT_EFI], "ipxe.efi");
	assert_null(b->dhcp.file[DHCP_BOOT_BIOS]);
	assert_string_equal(b->title, "Room   42");
	assert_int_equal(b->timeout, 7);
	assert_int_equal(b->nr_clients, 2);
	assert_string_equal(b->clients[0].mac, "52:54:00:ab:cd:ef");
	assert_string_equal(b->clients[0].target, EX "desk01");
	assert_int_equal(b->clients[0].lun, 1);
	assert_int_equal(b->clients[0].timeout, 3);
	assert_int_equal(b->clients[0].dflt, BOOT_SAN);
	assert_string_equal(b->clients[0].user, "joe");
	assert_string_equal(b->clients[1].hostname, "desk02");
	assert_int_equal(b->clients[1].dflt, BOOT_SHELL);
	config_free(&cfg);
}

static void test_key_errors(void **state)
{
	bad("\nHTTPListen 10.0.0.1:0\n", "t.conf:2: HTTPListen");
	bad("HTTPListen [::1\n", "t.conf:1:");
	bad("HTTPListen a\nHTTPListen b\n", "t.conf:2: HTTPListen is already given on line 1");
	bad("\nProxyDHCPListen [::1]:67\n", "t.conf:2: ProxyDHCPListen '[::1]:67' is not an IPv4");
	bad("BootFileEFI a b\n", "t.conf:1: BootFileEFI takes one value");
	bad("Target " EX "a\nProxyDHCPListen *\n", "t.conf:2: ProxyDHCPListen belongs to the global section");
	bad("MenuTimeout 9999\n", "t.conf:1: MenuTimeout");
	bad("MenuTimeout\n", "t.conf:1: MenuTimeout takes one value");
	bad("HTTPRoot a b\n", "t.conf:1: HTTPRoot takes one value");
	bad("Target " EX "a\nHTTPRoot /x\n", "t.conf:2: HTTPRoot belongs to the global section");
	bad("BootClient 52:54:00:ab:cd\n", "t.conf:1: BootClient takes");
	bad("BootClient -x Target=" EX "a\n", "neither a MAC nor a host name");
	bad("BootClient a Target=bad name\n", "t.conf:1:");
	bad("BootClient a Default=disk\n", "Default 'disk'");
	bad("BootClient a Colour=red\n", "unknown or repeated parameter 'Colour'");
	bad("BootClient a Target=" EX "a,User=x,User=y\n", "'User'");
	bad("BootClient a User=x\n", "User names an account of its Target");
	bad("BootClient a Timeout=x\n", "Timeout 'x'");
	bad("BootClient 52:54:00:ab:cd:ef Default=local\n"
	    "BootClient 52-54-00-AB-CD-EF Default=local\n",
	    "t.conf:2: BootClient 52-54-00-AB-CD-EF is already given on line 1");
	bad("BootClient Desk Default=local\nBootClient desk Default=local\n",
	    "already given on line 1");
}

static void test_match(void **state)
{
	struct boot_query q;
	const struct boot_client *c;
	struct config cfg;

	memset(&q, 0, sizeof(q));
	assert_int_equal(parse(&cfg,
		"MenuTimeout 4\n"
		"BootClient 52:54:00:00:00:01 Target=" EX "a\n"
		"BootClient desk02 Target=" EX "b,Timeout=0\n"
		"BootClient 52:54:00:00:00:03 Default=shell\n"), 0);
	assert_null(bootconf_match(&cfg.boot, &q));
	assert_int_equal(bootconf_timeout(&cfg.boot, NULL), 4);
	strcpy(q.hostname, "DESK02");
	c = bootconf_match(&cfg.boot, &q);
	assert_non_null(c);
	assert_string_equal(c->target, EX "b");
	assert_int_equal(bootconf_timeout(&cfg.boot, c), 0);
	/* The MAC wins over the host name. */
	strcpy(q.mac, "52:54:00:00:00:01");
	c = bootconf_match(&cfg.boot, &q);
	assert_string_equal(c->target, EX "a");
	assert_int_equal(bootconf_timeout(&cfg.boot, c), 4);
	strcpy(q.mac, "52:54:00:00:00:03");
	c = bootconf_match(&cfg.boot, &q);
	assert_null(c->target);
	assert_int_equal(c->dflt, BOOT_SHELL);
	/* No target and no Default: the local disk. */
	config_free(&cfg);
	assert_int_equal(parse(&cfg, "BootClient x Timeout=1\n"), 0);
	assert_int_equal(cfg.boot.clients[0].dflt, BOOT_LOCAL);
	config_free(&cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_menu),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_client),
		cmocka_unit_test(test_unsafe_secret),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_key_errors),
		cmocka_unit_test(test_match),
	};

	return cmocka_run_group_tests_name("ipxemenu", tests, NULL, NULL);
}
