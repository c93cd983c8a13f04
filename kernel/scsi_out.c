// SPDX-License-Identifier: GPL-2.0
/*
 * The bounded writer every emulated response goes through. The allocation
 * length may cut a response anywhere, even inside a field, while its
 * header still gives the full length (SPC-4, ALLOCATION LENGTH field): so
 * bytes past the buffer are counted and dropped, never written.
 */
#include "scsi.h"

void scsi_out_init(struct scsi_out *o, u8 *buf, unsigned int len)
{
	o->buf = buf;
	o->len = buf ? len : 0;
	o->pos = 0;
}

static unsigned int room(const struct scsi_out *o)
{
	return o->pos < o->len ? o->len - o->pos : 0;
}

void scsi_out_mem(struct scsi_out *o, const void *src, unsigned int n)
{
	unsigned int r = room(o);

	if (r)
		memcpy(o->buf + o->pos, src, n < r ? n : r);
	o->pos += n;
}

void scsi_out_fill(struct scsi_out *o, u8 c, unsigned int n)
{
	unsigned int r = room(o);

	if (r)
		memset(o->buf + o->pos, c, n < r ? n : r);
	o->pos += n;
}

void scsi_out_u8(struct scsi_out *o, u8 v)
{
	scsi_out_mem(o, &v, 1);
}

void scsi_out_be16(struct scsi_out *o, u16 v)
{
	u8 b[2];

	put_be16(b, v);
	scsi_out_mem(o, b, sizeof(b));
}

void scsi_out_be32(struct scsi_out *o, u32 v)
{
	u8 b[4];

	put_be32(b, v);
	scsi_out_mem(o, b, sizeof(b));
}

void scsi_out_be64(struct scsi_out *o, u64 v)
{
	u8 b[8];

	put_be64(b, v);
	scsi_out_mem(o, b, sizeof(b));
}

/* An ASCII field of width bytes: s left-aligned, cut or space-padded. */
void scsi_out_str(struct scsi_out *o, const char *s, unsigned int width)
{
	unsigned int n = 0;

	while (n < width && s[n])
		n++;
	scsi_out_mem(o, s, n);
	scsi_out_fill(o, ' ', width - n);
}

/* Patch a length field written earlier, if it fell inside the buffer. */
void scsi_out_set_u8(struct scsi_out *o, unsigned int at, u8 v)
{
	if (at < o->len)
		o->buf[at] = v;
}

void scsi_out_set_be16(struct scsi_out *o, unsigned int at, u16 v)
{
	scsi_out_set_u8(o, at, v >> 8);
	scsi_out_set_u8(o, at + 1, v);
}
