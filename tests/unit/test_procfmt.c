// SPDX-License-Identifier: GPL-2.0
/*
 * The /proc/net/iet lines, byte for byte as IET printed them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "procfmt.h"

static char buf[4200];

static void test_target(void **state)
{
	int n = iet_fmt_target(buf, sizeof(buf), 1,
			       "iqn.2026-11.org.example:desk01");

	assert_string_equal(buf, "tid:1 name:iqn.2026-11.org.example:desk01\n");
	assert_int_equal(n, strlen(buf));
	iet_fmt_target(buf, sizeof(buf), 4294967295u, "x");
	assert_string_equal(buf, "tid:4294967295 name:x\n");
}

static void test_lun_blockio(void **state)
{
	struct iet_lun_line l = {
		.lun = 0, .state = IET_LUN_RUNNING, .iotype = "blockio",
		.iomode = IET_IOMODE_WT, .blocks = 41943040, .blocksize = 512,
		.path = "/dev/vg0/desk01",
	};

	iet_fmt_lun(buf, sizeof(buf), &l);
	assert_string_equal(buf, "\tlun:0 state:0 iotype:blockio iomode:wt "
			    "blocks:41943040 blocksize:512 path:/dev/vg0/desk01\n");
}

static void test_lun_fileio_wb_deleting(void **state)
{
	struct iet_lun_line l = {
		.lun = 16383, .state = IET_LUN_DELETING, .iotype = "fileio",
		.iomode = IET_IOMODE_WB, .blocks = 2097152, .blocksize = 512,
		.path = "/root/iscsi.disk",
	};

	iet_fmt_lun(buf, sizeof(buf), &l);
	assert_string_equal(buf, "\tlun:16383 state:1 iotype:fileio iomode:wb "
			    "blocks:2097152 blocksize:512 path:/root/iscsi.disk\n");
}

/* nullio has no path: the line ends right after the block size. */
static void test_lun_nullio(void **state)
{
	struct iet_lun_line l = {
		.lun = 3, .iotype = "nullio", .iomode = IET_IOMODE_RO,
		.blocks = 18446744073709551615ull, .blocksize = 4096,
	};

	iet_fmt_lun(buf, sizeof(buf), &l);
	assert_string_equal(buf, "\tlun:3 state:0 iotype:nullio iomode:ro "
			    "blocks:18446744073709551615 blocksize:4096\n");
}

static void test_iomode_names(void **state)
{
	assert_string_equal(iet_iomode_name(IET_IOMODE_WT), "wt");
	assert_string_equal(iet_iomode_name(IET_IOMODE_WB), "wb");
	assert_string_equal(iet_iomode_name(IET_IOMODE_RO), "ro");
}

/* A short buffer truncates but reports the length the line needs. */
static void test_truncation(void **state)
{
	char small[8];
	int n = iet_fmt_target(small, sizeof(small), 12, "iqn.x");

	assert_int_equal(n, strlen("tid:12 name:iqn.x\n"));
	assert_string_equal(small, "tid:12 ");
}

/* Cinder's example: TSIH 3, ISID 00:02:3d:7d:00:00 read little-endian. */
static void test_session(void **state)
{
	iet_fmt_session(buf, sizeof(buf), 844427031282176ull,
			"iqn.1993-08.org.debian:01:2f3c4d5e6f");
	assert_string_equal(buf, "\tsid:844427031282176 "
			    "initiator:iqn.1993-08.org.debian:01:2f3c4d5e6f\n");
}

static void test_conn(void **state)
{
	iet_fmt_conn(buf, sizeof(buf), 0, "192.168.0.23", false,
		     IET_DIGEST_NONE, IET_DIGEST_NONE);
	assert_string_equal(buf,
			    "\t\tcid:0 ip:192.168.0.23 state:active hd:none dd:none\n");
	iet_fmt_conn(buf, sizeof(buf), 65535,
		     "[fe80:0000:0000:0000:5054:00ff:fe54:4d0c]", true,
		     IET_DIGEST_CRC32C, 7);
	assert_string_equal(buf, "\t\tcid:65535 "
			    "ip:[fe80:0000:0000:0000:5054:00ff:fe54:4d0c] "
			    "state:closing hd:crc32c dd:unknown\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_target),
		cmocka_unit_test(test_lun_blockio),
		cmocka_unit_test(test_lun_fileio_wb_deleting),
		cmocka_unit_test(test_lun_nullio),
		cmocka_unit_test(test_iomode_names),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_session),
		cmocka_unit_test(test_conn),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
