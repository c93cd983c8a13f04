// SPDX-License-Identifier: GPL-2.0
/*
 * INQUIRY vital product data: the pages Linux, multipath and the
 * conformance suites read (SPC-4 and SBC-3 VPD pages), and the identity of the
 * LU that the serial number and device identification pages carry.
 */
#include "scsi.h"

#define VPD_SUPPORTED		0x00
#define VPD_SERIAL		0x80
#define VPD_DEVICE_ID		0x83
#define VPD_BLOCK_LIMITS	0xb0
#define VPD_BLOCK_DEV_CHARS	0xb1
#define VPD_LBP			0xb2

/* SBC-3 6.5.2, 6.5.3: both SBC-3 pages are 3Ch bytes after the header. */
#define VPD_SBC3_PAGE_LEN	0x3c

/* SPC-4 designation descriptor, bytes 0 and 1 */
#define PROTO_ISCSI		0x50
#define CODE_SET_BINARY		0x01
#define CODE_SET_ASCII		0x02
#define CODE_SET_UTF8		0x03
#define PIV			0x80
#define ASSOC_LU		0x00
#define ASSOC_PORT		0x10
#define DESIG_T10		0x01
#define DESIG_NAA		0x03
#define DESIG_REL_PORT		0x04
#define DESIG_NAME		0x08

#define T10_VENDOR		"IET"
#define NAA_LOCAL		0x3ull	/* NAA 3h: locally assigned */
#define SCSI_NAME_MAX		252	/* a multiple of 4 that fits a byte */

#define FNV64_BASIS		0xcbf29ce484222325ull
#define FNV64_PRIME		0x100000001b3ull

/* SBC-3 6.5.3 Block Limits */
#define BL_WSNZ			0x01
#define BL_UGAVALID		0x80000000u

/* SBC-3 6.5.4 Logical Block Provisioning, byte 5, and its type */
#define LBP_LBPU		0x80
#define LBP_LBPWS		0x40
#define LBP_LBPWS10		0x20
#define LBP_LBPRZ		0x04
#define LBP_THIN		0x02
#define LBP_PAGE_LEN		4

/*
 * In ascending order, as the Supported VPD Pages page lists them. The
 * Logical Block Provisioning page comes last and only for a LU that
 * deallocates: SBC-3 ties it to LBPME.
 */
static const u8 vpd_pages[] = {
	VPD_SUPPORTED, VPD_SERIAL, VPD_DEVICE_ID, VPD_BLOCK_LIMITS,
	VPD_BLOCK_DEV_CHARS, VPD_LBP,
};

static unsigned int nr_vpd_pages(const struct scsi_lu *lu)
{
	return sizeof(vpd_pages) - !lu->can_unmap;
}

struct lu_ident {
	char id[SCSI_ID_MAX + 1];	/* vendor specific part of the T10 id */
	char sn[SCSI_SN_MAX + 1];	/* the unit serial number */
	u64 hash;			/* the NAA designator's source */
};

/* FNV-1a, 64 bits (Fowler, Noll, Vo): stable on every host and order. */
static u64 fnv1a64(u64 h, const void *p, unsigned int n)
{
	const u8 *b = p;

	while (n--) {
		h ^= *b++;
		h *= FNV64_PRIME;
	}
	return h;
}

static const char *str_or_empty(const char *s)
{
	return s ? s : "";
}

/* SPC-4: ASCII fields hold 20h to 7Eh; anything else becomes '_'. */
static void copy_ascii(char *dst, const char *src, unsigned int max)
{
	unsigned int i;

	for (i = 0; i < max && src[i]; i++)
		dst[i] = src[i] >= 0x20 && src[i] <= 0x7e ? src[i] : '_';
	dst[i] = '\0';
}

static void to_hex(char *dst, const u8 *src, unsigned int n)
{
	static const char digits[] = "0123456789abcdef";
	unsigned int i;

	for (i = 0; i < n; i++) {
		dst[2 * i] = digits[src[i] >> 4];
		dst[2 * i + 1] = digits[src[i] & 0x0f];
	}
	dst[2 * n] = '\0';
}

/*
 * The LU's identity. A ScsiId is used as given; without one, the id is the
 * FNV-1a hash of the target name followed by the LUN as 4 big-endian
 * bytes, in 16 hex digits (IET hashed the same with MD5). As in IET, the
 * serial number defaults to the hex of the id's bytes: of the ScsiId's
 * characters, or the same 16 digits. The NAA designator comes from the
 * hash of the ScsiId when there is one, so LUs sharing a ScsiId (a volume
 * exported by two nodes, for multipath) share every designator.
 */
static void lu_ident(const struct scsi_lu *lu, struct lu_ident *li)
{
	const char *id = str_or_empty(lu->scsi_id);
	const char *sn = str_or_empty(lu->scsi_sn);

	if (*id) {
		copy_ascii(li->id, id, SCSI_ID_MAX);
		li->hash = fnv1a64(FNV64_BASIS, li->id, strlen(li->id));
		to_hex(li->sn, (const u8 *)li->id, strlen(li->id));
	} else {
		const char *name = str_or_empty(lu->target_name);
		u8 b[8];

		put_be32(b, lu->lun);
		li->hash = fnv1a64(fnv1a64(FNV64_BASIS, name, strlen(name)),
				   b, 4);
		put_be64(b, li->hash);
		to_hex(li->id, b, sizeof(b));
		to_hex(li->sn, b, sizeof(b));
	}
	if (*sn)
		copy_ascii(li->sn, sn, SCSI_SN_MAX);
}

/* Unit Serial Number page */
static void vpd_serial(const struct scsi_lu *lu, struct scsi_out *o)
{
	struct lu_ident li;

	lu_ident(lu, &li);
	scsi_out_mem(o, li.sn, strlen(li.sn));
}

static void desig_header(struct scsi_out *o, u8 b0, u8 b1, unsigned int n)
{
	scsi_out_u8(o, b0);
	scsi_out_u8(o, b1);
	scsi_out_u8(o, 0);
	scsi_out_u8(o, n);
}

/* T10 vendor ID designator: "IET" padded to 8 bytes, then the id. */
static void desig_t10(const struct lu_ident *li, struct scsi_out *o)
{
	unsigned int n = strlen(li->id);

	desig_header(o, CODE_SET_ASCII, ASSOC_LU | DESIG_T10, 8 + n);
	scsi_out_str(o, T10_VENDOR, 8);
	scsi_out_mem(o, li->id, n);
}

/*
 * NAA designator, NAA 3h: 60 locally administered bits. The IEEE formats
 * need an OUI the project does not have; EUI-64 too.
 */
static void desig_naa(const struct lu_ident *li, struct scsi_out *o)
{
	desig_header(o, CODE_SET_BINARY, ASSOC_LU | DESIG_NAA, 8);
	scsi_out_be64(o, NAA_LOCAL << 60 | (li->hash & ~(0xfull << 60)));
}

/* Relative target port designator: the one port, number 1. */
static void desig_rel_port(struct scsi_out *o)
{
	desig_header(o, PROTO_ISCSI | CODE_SET_BINARY,
		     PIV | ASSOC_PORT | DESIG_REL_PORT, 4);
	scsi_out_be32(o, 1);
}

/*
 * SCSI name string designator: the target port's name as RFC 7143 forms
 * it, "<iSCSI name>,t,0x<TPGT>", null-terminated and null-padded to a
 * multiple of 4 bytes. Left out when there is no name or it cannot fit.
 */
static void desig_name(const struct scsi_lu *lu, struct scsi_out *o)
{
	static const char digits[] = "0123456789abcdef";
	const char *name = str_or_empty(lu->target_name);
	unsigned int len = strlen(name), n, i;
	u16 tpgt = lu->tpgt ? lu->tpgt : 1;
	char t[9] = ",t,0x";

	n = (len + sizeof(t) + 1 + 3) & ~3u;
	if (!len || n > SCSI_NAME_MAX)
		return;
	for (i = 0; i < 4; i++)
		t[5 + i] = digits[(tpgt >> (12 - 4 * i)) & 0x0f];
	desig_header(o, PROTO_ISCSI | CODE_SET_UTF8,
		     PIV | ASSOC_PORT | DESIG_NAME, n);
	scsi_out_mem(o, name, len);
	scsi_out_mem(o, t, sizeof(t));
	scsi_out_fill(o, 0, n - len - sizeof(t));
}

/* Device Identification page */
static void vpd_device_id(const struct scsi_lu *lu, struct scsi_out *o)
{
	struct lu_ident li;

	lu_ident(lu, &li);
	desig_t10(&li, o);
	desig_naa(&li, o);
	desig_rel_port(o);
	desig_name(lu, o);
}

/*
 * SBC-3 6.5.3. WSNZ: WRITE SAME of 0 blocks ("to the end") is refused.
 * The UNMAP limits are 0 when UNMAP is absent, as SBC-3 and the
 * conformance suites want; the granularity and its alignment come from the
 * store (a thin pool's chunk, a file system's block). PRE-FETCH has no
 * limit of its own to report (0).
 */
static void vpd_block_limits(const struct scsi_lu *lu, struct scsi_out *o)
{
	bool unmap = lu->can_unmap;

	scsi_out_u8(o, lu->max_ws_blocks ? BL_WSNZ : 0);
	scsi_out_u8(o, lu->max_caw_blocks);
	scsi_out_be16(o, lu->opt_gran_blocks);
	scsi_out_be32(o, lu->max_xfer_blocks);
	scsi_out_be32(o, lu->opt_xfer_blocks);
	scsi_out_be32(o, 0);		/* MAXIMUM PREFETCH LENGTH */
	scsi_out_be32(o, unmap ? SCSI_UNMAP_MAX_LBAS : 0);
	scsi_out_be32(o, unmap ? SCSI_UNMAP_MAX_DESC : 0);
	scsi_out_be32(o, unmap ? lu->unmap_gran_blocks : 0);
	scsi_out_be32(o, unmap && lu->unmap_gran_blocks ?
		      BL_UGAVALID | lu->unmap_align_blocks : 0);
	scsi_out_be64(o, lu->max_ws_blocks);
	scsi_out_fill(o, 0, VPD_SBC3_PAGE_LEN - 40);
}

/*
 * SBC-3 6.5.4: UNMAP and both WRITE SAMEs deallocate; LBPRZ only when a
 * deallocated block really reads back as zeroes. No threshold, no
 * anchoring, no provisioning group descriptor.
 */
static void vpd_lbp(const struct scsi_lu *lu, struct scsi_out *o)
{
	scsi_out_u8(o, 0);		/* THRESHOLD EXPONENT */
	scsi_out_u8(o, LBP_LBPU | LBP_LBPWS | LBP_LBPWS10 |
		    (lu->lbprz ? LBP_LBPRZ : 0));
	scsi_out_u8(o, LBP_THIN);
	scsi_out_u8(o, 0);
}

/* SBC-3 6.5.2: the rotation rate; no product type or form factor. */
static void vpd_block_dev_chars(const struct scsi_lu *lu, struct scsi_out *o)
{
	scsi_out_be16(o, lu->rotation_rate);
	scsi_out_fill(o, 0, VPD_SBC3_PAGE_LEN - 2);
}

int scsi_em_vpd(u8 page, const struct scsi_lu *lu, struct scsi_out *o,
		struct scsi_sense *s)
{
	if (!memchr(vpd_pages, page, nr_vpd_pages(lu)))
		return scsi_fail(s, SCSI_SENSE_ILLEGAL_REQUEST,
				 SCSI_ASC_INVALID_FIELD_IN_CDB);
	scsi_out_u8(o, 0);		/* connected, direct access */
	scsi_out_u8(o, page);
	scsi_out_be16(o, 0);		/* PAGE LENGTH, set below */
	switch (page) {
	case VPD_SUPPORTED:
		scsi_out_mem(o, vpd_pages, nr_vpd_pages(lu));
		break;
	case VPD_SERIAL:
		vpd_serial(lu, o);
		break;
	case VPD_DEVICE_ID:
		vpd_device_id(lu, o);
		break;
	case VPD_BLOCK_LIMITS:
		vpd_block_limits(lu, o);
		break;
	case VPD_LBP:
		vpd_lbp(lu, o);
		break;
	default:
		vpd_block_dev_chars(lu, o);
		break;
	}
	scsi_out_set_be16(o, 2, o->pos - 4);
	return 0;
}
