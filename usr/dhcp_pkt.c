// SPDX-License-Identifier: GPL-2.0
/*
 * DHCP requests of PXE clients, and proxyDHCP replies. See dhcp_pkt.h.
 */
#include <errno.h>
#include <string.h>

#include "dhcp_pkt.h"

#define BOOTREQUEST	1
#define BOOTREPLY	2
#define HTYPE_ETHER	1

/* Offsets in the BOOTP header (RFC 2131, figure 1). */
#define OFF_XID		4
#define OFF_FLAGS	10
#define OFF_CIADDR	12
#define OFF_SIADDR	20
#define OFF_GIADDR	24
#define OFF_CHADDR	28
#define OFF_SNAME	44
#define SNAME_LEN	64
#define OFF_FILE	108
#define OFF_COOKIE	236

enum dhcp_opt {
	OPT_PAD = 0,
	OPT_VENDOR = 43,
	OPT_OVERLOAD = 52,
	OPT_MSG_TYPE = 53,
	OPT_SERVER_ID = 54,
	OPT_VENDOR_CLASS = 60,
	OPT_CLIENT_ID = 61,
	OPT_BOOTFILE = 67,
	OPT_USER_CLASS = 77,
	OPT_CLIENT_ARCH = 93,
	OPT_CLIENT_UUID = 97,
	OPT_IPXE = 175,
	OPT_END = 255,
};

/* Option 43 for PXE clients: its sub-options. */
#define PXE_DISCOVERY_CONTROL	6
#define PXE_BOOT_ITEM		71
/* Discovery control bit 3: boot the file of this offer, no menu. */
#define PXE_BOOT_FILE_NOW	8

static const uint8_t cookie[4] = { 99, 130, 83, 99 };
static const char pxe_class[] = "PXEClient";
static const char arch_prefix[] = "PXEClient:Arch:";

/* What the options of a request said, beside struct dhcp_req. */
struct seen {
	bool pxe;
	int class_arch;		/* from option 60; -1: none */
	uint8_t overload;	/* option 52: 1 file, 2 sname, 3 both */
	bool bad;		/* an option we need is malformed */
};

/* "PXEClient:Arch:00007:UNDI:003016": the five digits after "Arch:". */
static int class_arch(const uint8_t *v, uint8_t len)
{
	size_t n = sizeof(arch_prefix) - 1;
	int arch = 0;
	size_t i;

	if (len < n + 5 || memcmp(v, arch_prefix, n))
		return -1;
	for (i = n; i < n + 5; i++) {
		if (v[i] < '0' || v[i] > '9')
			return -1;
		arch = arch * 10 + v[i] - '0';
	}
	return arch > 65535 ? -1 : arch;
}

/*
 * iPXE sends its user class as the bare string "iPXE"; RFC 3004 wants
 * length-prefixed strings, which some configurations set. Take both.
 */
static bool is_ipxe_class(const uint8_t *v, uint8_t len)
{
	unsigned int i;

	if (len == 4 && !memcmp(v, "iPXE", 4))
		return true;
	for (i = 0; i < len; i += 1 + v[i])
		if (v[i] == 4 && i + 5 <= len && !memcmp(v + i + 1, "iPXE", 4))
			return true;
	return false;
}

/* Option 43 of a request: the boot item a 4011 request asks for. */
static void vendor_opts(const uint8_t *v, uint8_t len, struct dhcp_req *r)
{
	unsigned int i = 0;

	while (i + 2 <= len && v[i] != OPT_END) {
		if (v[i] == OPT_PAD) {
			i++;
			continue;
		}
		if (i + 2 + v[i + 1] > len)
			return;
		if (v[i] == PXE_BOOT_ITEM && v[i + 1] == 4) {
			memcpy(r->boot_item, v + i + 2, 4);
			r->has_boot_item = true;
		}
		i += 2 + v[i + 1];
	}
}

static void take_id(uint8_t code, const uint8_t *v, uint8_t len,
		    struct dhcp_req *r)
{
	if (code == OPT_SERVER_ID && len == 4) {
		memcpy(&r->server_id, v, 4);
		r->has_server_id = true;
	} else if (code == OPT_CLIENT_ID) {
		r->client_id_len = len;
	} else if (code == OPT_CLIENT_UUID && len && len <= DHCP_UUID_MAX) {
		memcpy(r->uuid, v, len);
		r->uuid_len = len;
	}
}

/* One option; later ones of the same code win. */
static void take(uint8_t code, const uint8_t *v, uint8_t len,
		 struct dhcp_req *r, struct seen *s)
{
	switch (code) {
	case OPT_MSG_TYPE:
		if (len != 1)
			s->bad = true;
		else
			r->type = v[0];
		break;
	case OPT_VENDOR_CLASS:
		s->pxe = len >= sizeof(pxe_class) - 1 &&
			 !memcmp(v, pxe_class, sizeof(pxe_class) - 1);
		s->class_arch = class_arch(v, len);
		break;
	case OPT_CLIENT_ARCH:
		/* A list; a PXE ROM sends one. */
		if (len >= 2)
			r->arch = v[0] << 8 | v[1];
		break;
	case OPT_USER_CLASS:
		r->ipxe |= is_ipxe_class(v, len);
		break;
	case OPT_IPXE:
		r->ipxe = true;
		break;
	case OPT_OVERLOAD:
		if (len != 1 || !v[0] || v[0] > 3)
			s->bad = true;
		else
			s->overload = v[0];
		break;
	case OPT_VENDOR:
		vendor_opts(v, len, r);
		break;
	default:
		take_id(code, v, len, r);
	}
}

/*
 * The options in @len bytes at @p. Returns 0 at an END option, 1 if the
 * area ends first, -EINVAL if an option runs past it.
 */
static int walk(const uint8_t *p, size_t len, struct dhcp_req *r,
		struct seen *s)
{
	size_t i = 0;
	uint8_t code;

	while (i < len) {
		code = p[i++];
		if (code == OPT_END)
			return 0;
		if (code == OPT_PAD)
			continue;
		if (i == len || p[i] > len - i - 1)
			return -EINVAL;
		take(code, p + i + 1, p[i], r, s);
		i += 1 + p[i];
	}
	return 1;
}

/*
 * The options field, which must end with END, then the file and sname
 * fields if option 52 says they hold options too (RFC 2131, 4.1: in that
 * order); these may simply be full.
 */
static int parse_options(const uint8_t *pkt, size_t len, struct dhcp_req *r,
			 struct seen *s, const char **why)
{
	int ret;

	ret = walk(pkt + DHCP_OPTS_OFF, len - DHCP_OPTS_OFF, r, s);
	if (!ret && (s->overload & 1))
		ret = walk(pkt + OFF_FILE, DHCP_FILE_LEN, r, s) < 0 ? -1 : 0;
	if (!ret && (s->overload & 2))
		ret = walk(pkt + OFF_SNAME, SNAME_LEN, r, s) < 0 ? -1 : 0;
	if (ret)
		*why = ret > 0 ? "options without an end" :
			"an option runs past its end";
	else if (s->bad)
		*why = "a malformed message type or overload option";
	else if (!r->type)
		*why = "no message type";
	else if (!s->pxe)
		*why = "not a PXE client";
	else
		return 0;
	return -EINVAL;
}

static int parse_header(const uint8_t *pkt, size_t len, struct dhcp_req *r,
			const char **why)
{
	if (len < DHCP_OPTS_OFF)
		*why = "shorter than a BOOTP header";
	else if (len > DHCP_PKT_MAX)
		*why = "longer than an Ethernet frame";
	else if (pkt[0] != BOOTREQUEST)
		*why = "not a BOOTREQUEST";
	else if (pkt[1] != HTYPE_ETHER || pkt[2] != 6)
		*why = "not Ethernet";
	else if (memcmp(pkt + OFF_COOKIE, cookie, sizeof(cookie)))
		*why = "no DHCP magic cookie";
	else
		goto ok;
	return -EINVAL;
ok:
	r->htype = pkt[1];
	r->hlen = pkt[2];
	memcpy(r->xid, pkt + OFF_XID, 4);
	memcpy(r->flags, pkt + OFF_FLAGS, 2);
	memcpy(&r->ciaddr, pkt + OFF_CIADDR, 4);
	memcpy(&r->giaddr, pkt + OFF_GIADDR, 4);
	memcpy(r->chaddr, pkt + OFF_CHADDR, sizeof(r->chaddr));
	return 0;
}

int dhcp_parse(const uint8_t *pkt, size_t len, struct dhcp_req *r,
	       const char **why)
{
	struct seen s = { .class_arch = -1 };

	memset(r, 0, sizeof(*r));
	r->arch = -1;
	if (parse_header(pkt, len, r, why) ||
	    parse_options(pkt, len, r, &s, why))
		return -EINVAL;
	/* Before PXE 2.1 there was no option 93, only the class string. */
	if (r->arch < 0)
		r->arch = s.class_arch;
	return 0;
}

int dhcp_answer_type(const struct dhcp_req *r, enum dhcp_sock sock,
		     struct in_addr server)
{
	if (sock == DHCP_SOCK_PXE)
		return r->type == DHCPREQUEST || r->type == DHCPINFORM ?
			DHCPACK : 0;
	if (r->type == DHCPDISCOVER)
		return DHCPOFFER;
	/* A REQUEST on port 67 names the server it is for. */
	if (r->type == DHCPREQUEST && r->has_server_id &&
	    r->server_id.s_addr == server.s_addr)
		return DHCPACK;
	return 0;
}

static uint8_t *put(uint8_t *p, uint8_t code, const void *v, size_t len)
{
	p[0] = code;
	p[1] = len;
	memcpy(p + 2, v, len);
	return p + 2 + len;
}

/*
 * Option 43: boot the file at once, with no menu and no discovery (so
 * that the ROM waits for nothing more); an ACK repeats the boot item.
 */
static uint8_t *put_vendor(uint8_t *p, const struct dhcp_req *r, int type)
{
	uint8_t v[10] = { PXE_DISCOVERY_CONTROL, 1, PXE_BOOT_FILE_NOW };
	size_t n = 3;

	if (type == DHCPACK && r->has_boot_item) {
		v[n++] = PXE_BOOT_ITEM;
		v[n++] = 4;
		memcpy(v + n, r->boot_item, 4);
		n += 4;
	}
	v[n++] = OPT_END;
	return put(p, OPT_VENDOR, v, n);
}

static uint8_t *put_options(uint8_t *p, const struct dhcp_req *r, int type,
			    struct in_addr server, const char *file)
{
	uint8_t t = type;

	p = put(p, OPT_MSG_TYPE, &t, 1);
	p = put(p, OPT_SERVER_ID, &server, 4);
	p = put(p, OPT_VENDOR_CLASS, pxe_class, sizeof(pxe_class) - 1);
	if (r->uuid_len)
		p = put(p, OPT_CLIENT_UUID, r->uuid, r->uuid_len);
	p = put_vendor(p, r, type);
	if (*file)
		p = put(p, OPT_BOOTFILE, file, strlen(file));
	*p++ = OPT_END;
	return p;
}

/* The options' room at most: all but the file name and the UUID. */
#define OPTS_ROOM	(3 + 6 + 11 + 2 + 12 + 2 + 1)

size_t dhcp_build_reply(uint8_t *buf, size_t cap, const struct dhcp_req *r,
			int type, struct in_addr server, const char *file)
{
	size_t flen = strlen(file), len;
	uint8_t *end;

	len = DHCP_OPTS_OFF + OPTS_ROOM + r->uuid_len + flen;
	if (flen >= DHCP_FILE_LEN || cap < len || cap < DHCP_REPLY_MIN)
		return 0;
	memset(buf, 0, DHCP_OPTS_OFF);
	buf[0] = BOOTREPLY;
	buf[1] = r->htype;
	buf[2] = r->hlen;
	memcpy(buf + OFF_XID, r->xid, 4);
	memcpy(buf + OFF_FLAGS, r->flags, 2);
	/* yiaddr stays 0: the site's DHCP server gives addresses. */
	if (type == DHCPACK)
		memcpy(buf + OFF_CIADDR, &r->ciaddr, 4);
	memcpy(buf + OFF_SIADDR, &server, 4);
	memcpy(buf + OFF_GIADDR, &r->giaddr, 4);
	memcpy(buf + OFF_CHADDR, r->chaddr, sizeof(r->chaddr));
	memcpy(buf + OFF_FILE, file, flen);
	memcpy(buf + OFF_COOKIE, cookie, sizeof(cookie));
	end = put_options(buf + DHCP_OPTS_OFF, r, type, server, file);
	len = end - buf;
	if (len < DHCP_REPLY_MIN) {
		memset(end, OPT_PAD, DHCP_REPLY_MIN - len);
		len = DHCP_REPLY_MIN;
	}
	return len;
}
