// SPDX-License-Identifier: GPL-2.0
/*
 * proxyDHCP: requests parsed (usr/dhcp_pkt.c), the file and destination
 * of the answer (usr/dhcp_boot.c), the answer built, and the keys
 * (usr/dhcpconf.c).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "dhcp_boot.h"
#include "dhcp_pkt.h"
#include "dhcpconf.h"
#include "util.h"

static const uint8_t mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
static const uint8_t xid[4] = { 0xde, 0xad, 0xbe, 0xef };
static const uint8_t uuid[17] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
				  13, 14, 15, 16 };

struct pkt {
	uint8_t b[DHCP_PKT_MAX + 64];
	size_t len;
};

/* A BOOTREQUEST header and the cookie, no option yet. */
static void start(struct pkt *p)
{
	memset(p, 0, sizeof(*p));
	p->b[0] = 1;
	p->b[1] = 1;
	p->b[2] = 6;
	memcpy(p->b + 4, xid, 4);
	p->b[10] = 0x80;
	memcpy(p->b + 28, mac, 6);
	memcpy(p->b + 236, "\x63\x82\x53\x63", 4);
	p->len = DHCP_OPTS_OFF;
}

static void opt(struct pkt *p, uint8_t code, const void *v, size_t n)
{
	p->b[p->len++] = code;
	p->b[p->len++] = n;
	memcpy(p->b + p->len, v, n);
	p->len += n;
}

static void opt_str(struct pkt *p, uint8_t code, const char *s)
{
	opt(p, code, s, strlen(s));
}

static void end(struct pkt *p)
{
	p->b[p->len++] = 255;
}

/* What a PXE ROM of @arch sends (no option 93 if @arch < 0), unended. */
static void pxe(struct pkt *p, uint8_t type, int arch)
{
	char class[64];
	uint8_t a[2] = { arch >> 8, arch };

	start(p);
	opt(p, 53, &type, 1);
	snprintf(class, sizeof(class), "PXEClient:Arch:%05d:UNDI:002001",
		 arch < 0 ? 0 : arch);
	opt_str(p, 60, class);
	if (arch >= 0)
		opt(p, 93, a, 2);
	opt(p, 97, uuid, sizeof(uuid));
	opt(p, 61, "\x01\x52\x54\x00\x12\x34\x56", 7);
}

static int parse(struct pkt *p, struct dhcp_req *r)
{
	const char *why;

	return dhcp_parse(p->b, p->len, r, &why);
}

static const char *why_not(struct pkt *p)
{
	struct dhcp_req r;
	const char *why = NULL;

	if (!dhcp_parse(p->b, p->len, &r, &why))
		return NULL;
	assert_non_null(why);
	return why;
}

static struct in_addr ip(const char *s)
{
	struct in_addr a;

	assert_int_equal(inet_pton(AF_INET, s, &a), 1);
	return a;
}

static const struct dhcp_files files = {
	.bios = "undionly.kpxe",
	.efi = "snponly.efi",
	.ipxe = "http://10.0.0.1/boot.ipxe",
};

static const char *file_for(struct pkt *p)
{
	struct dhcp_req r;
	const char *why;

	assert_int_equal(parse(p, &r), 0);
	return dhcp_boot_file(&files, &r, &why);
}

static void test_discover(void **state)
{
	struct dhcp_req r;
	struct pkt p;

	pxe(&p, DHCPDISCOVER, 0);
	end(&p);
	assert_int_equal(parse(&p, &r), 0);
	assert_int_equal(r.type, DHCPDISCOVER);
	assert_int_equal(r.arch, 0);
	assert_false(r.ipxe);
	assert_memory_equal(r.xid, xid, 4);
	assert_memory_equal(r.chaddr, mac, 6);
	assert_int_equal(r.flags[0], 0x80);
	assert_int_equal(r.uuid_len, 17);
	assert_memory_equal(r.uuid, uuid, 17);
	assert_int_equal(r.client_id_len, 7);
	assert_false(r.has_server_id);
	assert_false(r.has_boot_item);
	assert_int_equal(dhcp_answer_type(&r, DHCP_SOCK_SERVER,
					  ip("10.0.0.1")), DHCPOFFER);
	assert_int_equal(dhcp_answer_type(&r, DHCP_SOCK_PXE, ip("10.0.0.1")),
			 0);
}

static void test_arch(void **state)
{
	struct pkt p;

	pxe(&p, DHCPDISCOVER, 0);
	end(&p);
	assert_string_equal(file_for(&p), "undionly.kpxe");
	pxe(&p, DHCPDISCOVER, 7);
	end(&p);
	assert_string_equal(file_for(&p), "snponly.efi");
	pxe(&p, DHCPDISCOVER, 9);
	end(&p);
	assert_string_equal(file_for(&p), "snponly.efi");
	/* IA32 UEFI and ARM: no file for them. */
	pxe(&p, DHCPDISCOVER, 6);
	end(&p);
	assert_null(file_for(&p));
	pxe(&p, DHCPDISCOVER, 11);
	end(&p);
	assert_null(file_for(&p));
	/* No option 93: the class says, or else it is a BIOS. */
	start(&p);
	opt(&p, 53, "\x01", 1);
	opt_str(&p, 60, "PXEClient:Arch:00007:UNDI:003016");
	end(&p);
	assert_string_equal(file_for(&p), "snponly.efi");
	start(&p);
	opt(&p, 53, "\x01", 1);
	opt_str(&p, 60, "PXEClient");
	end(&p);
	assert_string_equal(file_for(&p), "undionly.kpxe");
	/* Option 93 wins over the class. */
	start(&p);
	opt(&p, 53, "\x01", 1);
	opt_str(&p, 60, "PXEClient:Arch:00000:UNDI:002001");
	opt(&p, 93, "\x00\x07", 2);
	end(&p);
	assert_string_equal(file_for(&p), "snponly.efi");
}

static void test_ipxe(void **state)
{
	static const uint8_t rfc3004[] = {
		3, 'a', 'b', 'c', 4, 'i', 'P', 'X', 'E',
	};
	struct dhcp_files none = files;
	struct dhcp_req r;
	const char *why;
	struct pkt p;

	pxe(&p, DHCPDISCOVER, 7);
	opt_str(&p, 77, "iPXE");
	end(&p);
	assert_string_equal(file_for(&p), files.ipxe);
	/* RFC 3004's form, among other classes. */
	pxe(&p, DHCPDISCOVER, 0);
	opt(&p, 77, rfc3004, sizeof(rfc3004));
	end(&p);
	assert_string_equal(file_for(&p), files.ipxe);
	pxe(&p, DHCPDISCOVER, 0);
	opt(&p, 175, "\x13\x01\x01", 3);
	end(&p);
	assert_string_equal(file_for(&p), files.ipxe);
	/* Not iPXE. */
	pxe(&p, DHCPDISCOVER, 0);
	opt_str(&p, 77, "iPXE2");
	end(&p);
	assert_string_equal(file_for(&p), "undionly.kpxe");
	/* iPXE, and nothing to give it: no answer rather than a loop. */
	none.ipxe = NULL;
	pxe(&p, DHCPDISCOVER, 0);
	opt(&p, 175, "", 0);
	end(&p);
	assert_int_equal(parse(&p, &r), 0);
	assert_true(r.ipxe);
	assert_null(dhcp_boot_file(&none, &r, &why));
}

static void test_request(void **state)
{
	struct in_addr us = ip("10.0.0.1");
	struct dhcp_req r;
	struct pkt p;

	pxe(&p, DHCPREQUEST, 0);
	opt(&p, 43, "\x47\x04\x80\x00\x00\x00\xff", 7);
	end(&p);
	assert_int_equal(parse(&p, &r), 0);
	assert_true(r.has_boot_item);
	assert_memory_equal(r.boot_item, "\x80\x00\x00\x00", 4);
	assert_int_equal(dhcp_answer_type(&r, DHCP_SOCK_PXE, us), DHCPACK);
	/* On port 67 a REQUEST is for whichever server it names. */
	assert_int_equal(dhcp_answer_type(&r, DHCP_SOCK_SERVER, us), 0);
	pxe(&p, DHCPREQUEST, 0);
	opt(&p, 54, &us, 4);
	end(&p);
	assert_int_equal(parse(&p, &r), 0);
	assert_int_equal(dhcp_answer_type(&r, DHCP_SOCK_SERVER, us), DHCPACK);
	assert_int_equal(dhcp_answer_type(&r, DHCP_SOCK_SERVER,
					  ip("10.0.0.2")), 0);
	pxe(&p, DHCPINFORM, 0);
	end(&p);
	assert_int_equal(parse(&p, &r), 0);
	assert_int_equal(dhcp_answer_type(&r, DHCP_SOCK_PXE, us), DHCPACK);
	assert_int_equal(dhcp_answer_type(&r, DHCP_SOCK_SERVER, us), 0);
	/* DECLINE, RELEASE: nothing. */
	pxe(&p, 4, 0);
	end(&p);
	assert_int_equal(parse(&p, &r), 0);
	assert_int_equal(dhcp_answer_type(&r, DHCP_SOCK_PXE, us), 0);
	assert_int_equal(dhcp_answer_type(&r, DHCP_SOCK_SERVER, us), 0);
}

/* The option @code of the reply @b (@len bytes), or NULL; its length. */
static const uint8_t *find(const uint8_t *b, size_t len, uint8_t code,
			   uint8_t *olen)
{
	size_t i = DHCP_OPTS_OFF;

	while (i < len && b[i] != 255) {
		if (b[i] == 0) {
			i++;
			continue;
		}
		assert_true(i + 2 + b[i + 1] <= len);
		if (b[i] == code) {
			*olen = b[i + 1];
			return b + i + 2;
		}
		i += 2 + b[i + 1];
	}
	assert_true(i < len);
	return NULL;
}

static void check_reply(const uint8_t *b, size_t len, int type,
			const char *file)
{
	const uint8_t *v;
	uint8_t n;

	assert_true(len >= DHCP_REPLY_MIN && len <= DHCP_REPLY_MAX);
	assert_int_equal(b[0], 2);
	assert_int_equal(b[1], 1);
	assert_int_equal(b[2], 6);
	assert_memory_equal(b + 4, xid, 4);
	assert_int_equal(b[10], 0x80);
	assert_memory_equal(b + 16, "\0\0\0\0", 4);	/* yiaddr */
	assert_memory_equal(b + 20, "\x0a\0\0\x01", 4);	/* siaddr */
	assert_memory_equal(b + 28, mac, 6);
	assert_string_equal((const char *)b + 108, file);
	assert_memory_equal(b + 236, "\x63\x82\x53\x63", 4);
	v = find(b, len, 53, &n);
	assert_non_null(v);
	assert_int_equal(n, 1);
	assert_int_equal(v[0], type);
	v = find(b, len, 54, &n);
	assert_non_null(v);
	assert_memory_equal(v, "\x0a\0\0\x01", 4);
	v = find(b, len, 60, &n);
	assert_non_null(v);
	assert_int_equal(n, 9);
	assert_memory_equal(v, "PXEClient", 9);
	v = find(b, len, 97, &n);
	assert_non_null(v);
	assert_int_equal(n, 17);
	assert_memory_equal(v, uuid, 17);
	v = find(b, len, 67, &n);
	assert_non_null(v);
	assert_int_equal(n, strlen(file));
	assert_memory_equal(v, file, n);
	/* No lease: no mask, router, lease time. */
	assert_null(find(b, len, 1, &n));
	assert_null(find(b, len, 3, &n));
	assert_null(find(b, len, 51, &n));
}

static void test_offer(void **state)
{
	uint8_t b[DHCP_REPLY_MAX], n;
	const uint8_t *v;
	struct dhcp_req r;
	struct pkt p;
	size_t len;

	pxe(&p, DHCPDISCOVER, 0);
	end(&p);
	assert_int_equal(parse(&p, &r), 0);
	len = dhcp_build_reply(b, sizeof(b), &r, DHCPOFFER, ip("10.0.0.1"),
			       "undionly.kpxe");
	assert_int_equal(len, 301);
	check_reply(b, len, DHCPOFFER, "undionly.kpxe");
	v = find(b, len, 43, &n);
	assert_non_null(v);
	assert_int_equal(n, 4);
	assert_memory_equal(v, "\x06\x01\x08\xff", 4);
}

static void test_ack(void **state)
{
	const char *url = "http://10.0.0.1:8080/boot.ipxe";
	uint8_t b[DHCP_REPLY_MAX], n;
	const uint8_t *v;
	struct dhcp_req r;
	struct pkt p;
	size_t len;

	pxe(&p, DHCPREQUEST, 0);
	opt(&p, 43, "\x47\x04\x80\x00\x00\x00\xff", 7);
	end(&p);
	memcpy(p.b + 12, "\x0a\0\0\x05", 4);	/* ciaddr */
	assert_int_equal(parse(&p, &r), 0);
	len = dhcp_build_reply(b, sizeof(b), &r, DHCPACK, ip("10.0.0.1"),
			       url);
	check_reply(b, len, DHCPACK, url);
	assert_memory_equal(b + 12, "\x0a\0\0\x05", 4);
	v = find(b, len, 43, &n);
	assert_non_null(v);
	assert_int_equal(n, 10);
	assert_memory_equal(v, "\x06\x01\x08\x47\x04\x80\x00\x00\x00\xff", 10);
}

static void test_build_limits(void **state)
{
	uint8_t b[DHCP_REPLY_MAX];
	char name[DHCP_FILE_LEN + 1];
	struct dhcp_req r;
	struct pkt p;

	pxe(&p, DHCPDISCOVER, 0);
	end(&p);
	assert_int_equal(parse(&p, &r), 0);
	memset(name, 'a', sizeof(name));
	name[DHCP_FILE_LEN - 1] = '\0';
	assert_true(dhcp_build_reply(b, sizeof(b), &r, DHCPOFFER,
				     ip("10.0.0.1"), name) > DHCP_REPLY_MIN);
	name[DHCP_FILE_LEN - 1] = 'a';
	name[DHCP_FILE_LEN] = '\0';
	assert_int_equal(dhcp_build_reply(b, sizeof(b), &r, DHCPOFFER,
					  ip("10.0.0.1"), name), 0);
	assert_int_equal(dhcp_build_reply(b, DHCP_REPLY_MIN - 1, &r,
					  DHCPOFFER, ip("10.0.0.1"), "a"), 0);
	assert_int_equal(dhcp_build_reply(b, 320, &r, DHCPOFFER,
					  ip("10.0.0.1"), name), 0);
	/* A short answer is padded to BOOTP's 300 bytes. */
	start(&p);
	opt(&p, 53, "\x01", 1);
	opt_str(&p, 60, "PXEClient");
	end(&p);
	assert_int_equal(parse(&p, &r), 0);
	memset(b, 0xee, sizeof(b));
	assert_int_equal(dhcp_build_reply(b, sizeof(b), &r, DHCPOFFER,
					  ip("10.0.0.1"), "a"), DHCP_REPLY_MIN);
	assert_int_equal(b[DHCP_REPLY_MIN - 1], 0);
	assert_int_equal(b[DHCP_REPLY_MIN], 0xee);
}

static void test_malformed(void **state)
{
	struct pkt p;

	pxe(&p, DHCPDISCOVER, 0);
	end(&p);
	p.len = DHCP_OPTS_OFF - 1;
	assert_string_equal(why_not(&p), "shorter than a BOOTP header");
	p.len = 0;
	assert_non_null(why_not(&p));
	p.len = DHCP_PKT_MAX + 1;
	assert_string_equal(why_not(&p), "longer than an Ethernet frame");

	pxe(&p, DHCPDISCOVER, 0);
	end(&p);
	p.b[0] = 2;
	assert_string_equal(why_not(&p), "not a BOOTREQUEST");
	p.b[0] = 1;
	p.b[1] = 6;
	assert_string_equal(why_not(&p), "not Ethernet");
	p.b[1] = 1;
	p.b[2] = 16;
	assert_string_equal(why_not(&p), "not Ethernet");
	p.b[2] = 6;
	p.b[239] = 0x64;
	assert_string_equal(why_not(&p), "no DHCP magic cookie");
	p.b[239] = 0x63;
	assert_null(why_not(&p));
	/* A BOOTP request: a cookie, nothing more. */
	start(&p);
	assert_string_equal(why_not(&p), "options without an end");
	end(&p);
	assert_string_equal(why_not(&p), "no message type");
}

static void test_bad_options(void **state)
{
	struct pkt p;

	pxe(&p, DHCPDISCOVER, 0);
	assert_string_equal(why_not(&p), "options without an end");
	/* The last option says 10 bytes, 3 are there. */
	p.b[p.len++] = 12;
	p.b[p.len++] = 10;
	memcpy(p.b + p.len, "abc", 3);
	p.len += 3;
	assert_string_equal(why_not(&p), "an option runs past its end");
	/* A code and no length. */
	pxe(&p, DHCPDISCOVER, 0);
	p.b[p.len++] = 12;
	assert_string_equal(why_not(&p), "an option runs past its end");
	/* Zero-length options and pads are fine; type 53 must have 1 byte. */
	pxe(&p, DHCPDISCOVER, 0);
	opt(&p, 12, "", 0);
	p.b[p.len++] = 0;
	opt(&p, 97, "", 0);
	end(&p);
	assert_null(why_not(&p));
	pxe(&p, DHCPDISCOVER, 0);
	opt(&p, 53, "", 0);
	end(&p);
	assert_string_equal(why_not(&p),
			    "a malformed message type or overload option");
	/* Past the end, nothing is read. */
	start(&p);
	end(&p);
	opt(&p, 53, "\x01", 1);
	opt_str(&p, 60, "PXEClient");
	assert_string_equal(why_not(&p), "no message type");
}

static void test_not_pxe(void **state)
{
	struct pkt p;

	start(&p);
	opt(&p, 53, "\x01", 1);
	opt_str(&p, 60, "MSFT 5.0");
	end(&p);
	assert_string_equal(why_not(&p), "not a PXE client");
	start(&p);
	opt(&p, 53, "\x01", 1);
	end(&p);
	assert_string_equal(why_not(&p), "not a PXE client");
	start(&p);
	opt(&p, 53, "\x01", 1);
	opt_str(&p, 60, "PXEClien");
	end(&p);
	assert_string_equal(why_not(&p), "not a PXE client");
}

/* Option 52: more options in the file field, then in sname. */
static void test_overload(void **state)
{
	struct dhcp_req r;
	struct pkt p;

	start(&p);
	opt(&p, 52, "\x03", 1);
	end(&p);
	memcpy(p.b + 108, "\x35\x01\x01\xff", 4);
	memcpy(p.b + 44, "\x3c\x09PXEClient\x5d\x02\x00\x07\xff", 16);
	assert_int_equal(parse(&p, &r), 0);
	assert_int_equal(r.type, DHCPDISCOVER);
	assert_int_equal(r.arch, 7);
	/* Without 52, those fields are names, not options. */
	p.b[DHCP_OPTS_OFF] = 12;
	assert_string_equal(why_not(&p), "no message type");
	/* An option running past the file field. */
	start(&p);
	opt(&p, 52, "\x01", 1);
	opt(&p, 53, "\x01", 1);
	opt_str(&p, 60, "PXEClient");
	end(&p);
	p.b[108 + 126] = 12;
	p.b[108 + 127] = 5;
	assert_string_equal(why_not(&p), "an option runs past its end");
	p.b[108 + 127] = 0;
	assert_null(why_not(&p));
	/* A field full to its end needs no END. */
	memset(p.b + 108, 0, 128);
	assert_null(why_not(&p));
	p.b[DHCP_OPTS_OFF + 2] = 4;
	assert_string_equal(why_not(&p),
			    "a malformed message type or overload option");
}

static void test_dest(void **state)
{
	struct dhcp_dest d;
	struct dhcp_req r;
	struct pkt p;

	pxe(&p, DHCPDISCOVER, 0);
	end(&p);
	assert_int_equal(parse(&p, &r), 0);
	/* From 0.0.0.0: a broadcast to port 68. */
	dhcp_reply_dest(&r, ip("0.0.0.0"), 68, 67, &d);
	assert_true(d.broadcast);
	assert_int_equal(d.addr.s_addr, htonl(INADDR_BROADCAST));
	assert_int_equal(d.port, 68);
	/* From an address: back there. */
	dhcp_reply_dest(&r, ip("127.0.0.1"), 40000, 67, &d);
	assert_false(d.broadcast);
	assert_int_equal(d.addr.s_addr, ip("127.0.0.1").s_addr);
	assert_int_equal(d.port, 40000);
	r.ciaddr = ip("10.0.0.5");
	dhcp_reply_dest(&r, ip("0.0.0.0"), 68, 67, &d);
	assert_false(d.broadcast);
	assert_int_equal(d.addr.s_addr, r.ciaddr.s_addr);
	assert_int_equal(d.port, 68);
	/* Through a relay: to it, on the server port. */
	r.giaddr = ip("10.1.0.1");
	dhcp_reply_dest(&r, ip("10.1.0.1"), 67, 6767, &d);
	assert_false(d.broadcast);
	assert_int_equal(d.addr.s_addr, r.giaddr.s_addr);
	assert_int_equal(d.port, 6767);
}

#define Q	"?mac=${netX/mac}"

static void test_url(void **state)
{
	struct in_addr s = ip("192.168.0.1");
	char u[80];

	assert_int_equal(dhcp_menu_url(u, sizeof(u), "", 80, s), 0);
	assert_string_equal(u, "http://192.168.0.1/boot.ipxe" Q);
	assert_int_equal(dhcp_menu_url(u, sizeof(u), "0.0.0.0", 8080, s), 0);
	assert_string_equal(u, "http://192.168.0.1:8080/boot.ipxe" Q);
	assert_int_equal(dhcp_menu_url(u, sizeof(u), "10.0.0.1", 8080, s), 0);
	assert_string_equal(u, "http://10.0.0.1:8080/boot.ipxe" Q);
	assert_int_equal(dhcp_menu_url(u, sizeof(u), "::", 81, s), 0);
	assert_string_equal(u, "http://192.168.0.1:81/boot.ipxe" Q);
	assert_int_equal(dhcp_menu_url(u, sizeof(u), "fd00::1", 80, s), 0);
	assert_string_equal(u, "http://[fd00::1]/boot.ipxe" Q);
	assert_int_equal(dhcp_menu_url(u, 40, "", 80, s), -ENOSPC);
}

static int key(struct dhcpconf *d, unsigned int line, const char *k,
	       const char *v, char *msg)
{
	char *words[2];

	words[0] = (char *)k;
	words[1] = (char *)v;
	return dhcpconf_key(d, line, words, v ? 2 : 1, msg, 256);
}

static void test_keys(void **state)
{
	static const char *const bad_listen[] = {
		"[::1]", "::1", "10.0.0.1:0", "10.0.0.256", "host.example",
		"10.0.0.1:x",
	};
	struct dhcpconf d;
	char msg[256], name[200];
	unsigned int i;

	dhcpconf_init(&d);
	assert_int_equal(key(&d, 1, "Listen", "x", msg), 1);
	assert_int_equal(key(&d, 1, "proxydhcplisten", "10.0.0.1:6767", msg),
			 0);
	assert_string_equal(d.listen, "10.0.0.1:6767");
	assert_int_equal(key(&d, 2, "ProxyDHCPListen", "*", msg), -EINVAL);
	assert_string_equal(msg, "ProxyDHCPListen is already given on line 1");
	assert_int_equal(key(&d, 3, "ProxyDHCPPXEPort", "6768", msg), 0);
	assert_int_equal(d.pxe_port, 6768);
	assert_int_equal(key(&d, 4, "BootFileEFI", "efi/ipxe.efi", msg), 0);
	assert_string_equal(d.file[DHCP_BOOT_EFI], "efi/ipxe.efi");
	assert_int_equal(key(&d, 5, "BootFileIPXE",
			     "http://10.0.0.1/x.ipxe", msg), 0);
	assert_int_equal(key(&d, 6, "BootFileBIOS", NULL, msg), -EINVAL);
	assert_string_equal(msg, "BootFileBIOS takes one value");
	dhcpconf_free(&d);
	assert_null(d.listen);
	for (i = 0; i < ARRAY_SIZE(bad_listen); i++) {
		assert_int_equal(key(&d, 1, "ProxyDHCPListen", bad_listen[i],
				     msg), -EINVAL);
		assert_non_null(strstr(msg, "is not an IPv4 ADDR[:PORT]"));
		dhcpconf_free(&d);
	}
	assert_int_equal(key(&d, 1, "ProxyDHCPPXEPort", "0", msg), -EINVAL);
	dhcpconf_free(&d);
	assert_int_equal(key(&d, 1, "ProxyDHCPPXEPort", "65536", msg),
			 -EINVAL);
	dhcpconf_free(&d);
	memset(name, 'a', sizeof(name));
	name[127] = '\0';
	assert_int_equal(key(&d, 1, "BootFileBIOS", name, msg), 0);
	dhcpconf_free(&d);
	name[127] = 'a';
	name[128] = '\0';
	assert_int_equal(key(&d, 1, "BootFileBIOS", name, msg), -EINVAL);
	assert_int_equal(key(&d, 1, "BootFileBIOS", "a\tb", msg), -EINVAL);
	dhcpconf_free(&d);
	assert_int_equal(key(&d, 1, "BootFileBIOS", "a\x80", msg), -EINVAL);
	assert_non_null(strstr(msg, "is not up to 127 printable bytes"));
	dhcpconf_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_discover),
		cmocka_unit_test(test_arch),
		cmocka_unit_test(test_ipxe),
		cmocka_unit_test(test_request),
		cmocka_unit_test(test_offer),
		cmocka_unit_test(test_ack),
		cmocka_unit_test(test_build_limits),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_bad_options),
		cmocka_unit_test(test_not_pxe),
		cmocka_unit_test(test_overload),
		cmocka_unit_test(test_dest),
		cmocka_unit_test(test_url),
		cmocka_unit_test(test_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
