// SPDX-License-Identifier: GPL-2.0
/*
 * Sense data. Fixed format is what IET sent and what every initiator
 * reads; the control mode page reports D_SENSE=0 to match. Descriptor
 * format only answers a REQUEST SENSE that asks for it.
 */
#include "scsi.h"

int scsi_fail(struct scsi_sense *s, u8 key, u16 asc_ascq)
{
	s->key = key;
	s->asc = asc_ascq >> 8;
	s->ascq = asc_ascq & 0xff;
	s->info_valid = false;
	s->sks_valid = false;
	return SCSI_STATUS_CHECK_CONDITION;
}

static unsigned int copy_out(u8 *buf, unsigned int len, const u8 *d,
			     unsigned int n)
{
	if (buf && len)
		memcpy(buf, d, len < n ? len : n);
	return n;
}

/*
 * SPC-4 4.5.3: response code 70h (current error), with the VALID bit and
 * INFORMATION when the error names a place (a miscompare's offset), and
 * the sense-key specific field pointer when it names a field. The
 * additional length covers bytes 8 to 17.
 */
unsigned int scsi_sense_fixed(u8 *buf, unsigned int len,
			      const struct scsi_sense *s)
{
	u8 d[SCSI_SENSE_FIXED_LEN] = { 0 };

	d[0] = 0x70;
	d[2] = s->key & 0x0f;
	if (s->info_valid) {
		d[0] |= 0x80;
		put_be32(d + 3, s->info);
	}
	d[7] = SCSI_SENSE_FIXED_LEN - 8;
	d[12] = s->asc;
	d[13] = s->ascq;
	if (s->sks_valid) {	/* SKSV, C/D, BPV and the bit, the byte */
		d[15] = 0x80 | (s->sks_cdb ? 0x40 : 0) |
			(s->sks_bit < SCSI_SKS_NO_BIT ? 0x08 | s->sks_bit : 0);
		put_be16(d + 16, s->sks_field);
	}
	return copy_out(buf, len, d, sizeof(d));
}

/* SPC-4 4.5.2: response code 72h (current error) and no descriptors. */
unsigned int scsi_sense_desc(u8 *buf, unsigned int len,
			     const struct scsi_sense *s)
{
	u8 d[SCSI_SENSE_DESC_LEN] = { 0 };

	d[0] = 0x72;
	d[1] = s->key & 0x0f;
	d[2] = s->asc;
	d[3] = s->ascq;
	return copy_out(buf, len, d, sizeof(d));
}
