/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the tests of scsi_decode() share: the LU, the request and sense a
 * CDB is decoded into, and the check of a refusal. Each test's setup()
 * fills lu and clears cdb.
 */
#ifndef IET_SCSI_DECODE_TEST_H
#define IET_SCSI_DECODE_TEST_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "scsi.h"

static struct scsi_lu lu;
static struct scsi_req req;
static struct scsi_sense sense;
static u8 cdb[16];

static int decode(void)
{
	return scsi_decode(cdb, sizeof(cdb), &lu, &req, &sense);
}

/* The CDB is refused with sense key and ASC/ASCQ asc. */
static void expect_fail(u8 key, u16 asc)
{
	assert_int_equal(decode(), SCSI_STATUS_CHECK_CONDITION);
	assert_int_equal(sense.key, key);
	assert_int_equal(sense.asc, asc >> 8);
	assert_int_equal(sense.ascq, asc & 0xff);
}

#endif /* IET_SCSI_DECODE_TEST_H */
