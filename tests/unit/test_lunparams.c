// SPDX-License-Identifier: GPL-2.0
/*
 * LUN parameter strings (usr/lunparams.c) and key=value lists
 * (usr/kvlist.c), as ietd.conf and ietadm --params write them.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "kvlist.h"
#include "lunparams.h"

static char msg[256];

static void lun_ok(const char *s, struct lun_params *lp)
{
	msg[0] = '\0';
	assert_int_equal(lun_params_parse(s, lp, msg, sizeof(msg)), 0);
	assert_string_equal(msg, "");
}

static void lun_bad(const char *s, const char *want)
{
	struct lun_params lp;

	assert_int_equal(lun_params_parse(s, &lp, msg, sizeof(msg)), -EINVAL);
	assert_string_equal(msg, want);
	assert_null(lp.path);
}

static void test_blockio(void **state)
{
	struct lun_params lp;

	lun_ok("Path=/dev/vg0/desk01,Type=blockio", &lp);
	assert_int_equal(lp.type, IET_LUN_BLOCKIO);
	assert_string_equal(lp.path, "/dev/vg0/desk01");
	assert_false(lp.iomode_set);
	assert_int_equal(lp.blocksize, 0);
	assert_true(lp.blocks == 0);
	assert_string_equal(lp.scsi_id, "");
	assert_string_equal(lp.scsi_sn, "");
	lun_params_free(&lp);
	assert_null(lp.path);
}

static void test_fileio_is_default(void **state)
{
	struct lun_params lp;

	lun_ok("Path=/srv/disk.img", &lp);
	assert_int_equal(lp.type, IET_LUN_FILEIO);
	lun_params_free(&lp);
}

static void test_every_key_any_case(void **state)
{
	struct lun_params lp;

	lun_ok("type=BlockIO,PATH=/dev/sdb,iomode=RO,blocksize=4096,"
	       "scsiid=0123456789abcdef,SCSISN=SN-1", &lp);
	assert_int_equal(lp.type, IET_LUN_BLOCKIO);
	assert_string_equal(lp.path, "/dev/sdb");
	assert_true(lp.iomode_set);
	assert_int_equal(lp.iomode, IET_IOMODE_RO);
	assert_int_equal(lp.blocksize, 4096);
	assert_string_equal(lp.scsi_id, "0123456789abcdef");
	assert_string_equal(lp.scsi_sn, "SN-1");
	lun_params_free(&lp);

	lun_ok("Path=/x,IOMode=wb,BlockSize=512", &lp);
	assert_int_equal(lp.iomode, IET_IOMODE_WB);
	assert_int_equal(lp.blocksize, 512);
	lun_params_free(&lp);
	lun_ok("Path=/x,IOMode=wt,BlockSize=1024", &lp);
	assert_int_equal(lp.iomode, IET_IOMODE_WT);
	assert_int_equal(lp.blocksize, 1024);
	lun_params_free(&lp);
	lun_ok("Path=/x,BlockSize=2048", &lp);
	assert_int_equal(lp.blocksize, 2048);
	lun_params_free(&lp);
}

static void test_nullio(void **state)
{
	struct lun_params lp;

	lun_ok("Type=nullio", &lp);
	assert_int_equal(lp.type, IET_LUN_NULLIO);
	assert_null(lp.path);
	assert_true(lp.blocks == 0);
	lun_ok("Type=nullio,Blocks=1000000,BlockSize=4096", &lp);
	assert_true(lp.blocks == 1000000);
	assert_int_equal(lp.blocksize, 4096);
	lun_ok("Type=NULLIO,Blocks=0x10", &lp);
	assert_true(lp.blocks == 16);
}

/* Blanks around items come from continued lines in ietd.conf. */
static void test_blanks_and_commas(void **state)
{
	struct lun_params lp;

	lun_ok("  Path=/dev/sdb,   Type=blockio ,\tIOMode=ro,", &lp);
	assert_string_equal(lp.path, "/dev/sdb");
	assert_int_equal(lp.type, IET_LUN_BLOCKIO);
	assert_int_equal(lp.iomode, IET_IOMODE_RO);
	lun_params_free(&lp);
	/* A comma inside a path: the word after it has no '='. */
	lun_ok("Path=/srv/a,b.img,Type=fileio", &lp);
	assert_string_equal(lp.path, "/srv/a,b.img");
	lun_params_free(&lp);
}

static void test_errors(void **state)
{
	lun_bad("", "no LUN parameters (Path=..,Type=..)");
	lun_bad(" , ", "no LUN parameters (Path=..,Type=..)");
	lun_bad("Type=nullio,Path=/x", "Type=nullio takes no Path");
	lun_bad("Type=blockio", "Type=blockio needs a Path");
	lun_bad("IOMode=ro", "Type=fileio needs a Path");
	lun_bad("Path=/x,Blocks=10", "Blocks is for Type=nullio, not Type=fileio");
	lun_bad("Type=nullio,Blocks=0", "Blocks '0' is not a positive number");
	lun_bad("Type=nullio,Blocks=many", "Blocks 'many' is not a positive number");
	lun_bad("Path=/x,BlockSize=1000",
		"BlockSize '1000' is not 512, 1024, 2048 or 4096");
	lun_bad("Path=/x,BlockSize=8192",
		"BlockSize '8192' is not 512, 1024, 2048 or 4096");
	lun_bad("Path=/x,IOMode=rw", "IOMode 'rw' is not wb, wt or ro");
	lun_bad("Path=/x,Type=disk",
		"Type 'disk' is not blockio, fileio or nullio");
	lun_bad("Path=/x,Type=", "Type '' is not blockio, fileio or nullio");
	lun_bad("Path=/x,Foo=1", "unknown LUN parameter 'Foo'");
	lun_bad("Path=/x,path=/y", "Path is given twice");
	lun_bad("Path=dev/sdb", "Path 'dev/sdb' is not an absolute path");
	lun_bad("Path=", "Path '' is not an absolute path");
	lun_bad("Path=/x Type=blockio",
		"'Path=/x Type=blockio' has a blank inside; separate parameters with commas");
	lun_bad("/dev/sdb", "'/dev/sdb' is not key=value");
	lun_bad("=x", "'=x' has no key before '='");
	lun_bad("Path=/x,ScsiId=0123456789abcdefX",
		"ScsiId '0123456789abcdefX' is longer than 16 characters");
	lun_bad("Path=/x,ScsiSN=0123456789abcdefX",
		"ScsiSN '0123456789abcdefX' is longer than 16 characters");
	lun_bad("Path=/x,ScsiSN=caf\xc3\xa9",
		"ScsiSN 'caf\xc3\xa9' has a character that is not printable ASCII");
}

static void test_lun_number(void **state)
{
	unsigned int lun = 99;

	assert_int_equal(lun_number_parse("0", &lun, msg, sizeof(msg)), 0);
	assert_int_equal(lun, 0);
	assert_int_equal(lun_number_parse("16383", &lun, msg, sizeof(msg)), 0);
	assert_int_equal(lun, 16383);
	assert_int_equal(lun_number_parse("16384", &lun, msg, sizeof(msg)),
			 -EINVAL);
	assert_string_equal(msg, "LUN 16384 is above the maximum 16383");
	assert_int_equal(lun_number_parse("-1", &lun, msg, sizeof(msg)),
			 -EINVAL);
	assert_string_equal(msg, "LUN '-1' is not a number");
	assert_int_equal(lun, 16383);
}

static void test_names(void **state)
{
	assert_string_equal(lun_type_name(IET_LUN_BLOCKIO), "blockio");
	assert_string_equal(lun_type_name(IET_LUN_FILEIO), "fileio");
	assert_string_equal(lun_type_name(IET_LUN_NULLIO), "nullio");
	assert_string_equal(lun_iomode_name(IET_IOMODE_WT), "wt");
	assert_string_equal(lun_iomode_name(IET_IOMODE_WB), "wb");
	assert_string_equal(lun_iomode_name(IET_IOMODE_RO), "ro");
}

static void test_kvlist(void **state)
{
	struct kv_list l;

	assert_int_equal(kv_parse(&l, "HeaderDigest=None,CRC32C,Wthreads=4",
				  msg, sizeof(msg)), 0);
	assert_int_equal(l.nr, 2);
	assert_string_equal(l.kv[0].key, "HeaderDigest");
	assert_string_equal(l.kv[0].val, "None,CRC32C");
	assert_string_equal(l.kv[1].key, "Wthreads");
	assert_string_equal(l.kv[1].val, "4");
	kv_free(&l);

	assert_int_equal(kv_parse(&l, "Name=iqn.x:y=z", msg, sizeof(msg)), 0);
	assert_int_equal(l.nr, 1);
	assert_string_equal(l.kv[0].key, "Name");
	assert_string_equal(l.kv[0].val, "iqn.x:y=z");
	kv_free(&l);

	assert_int_equal(kv_parse(&l, "", msg, sizeof(msg)), 0);
	assert_int_equal(l.nr, 0);
	kv_free(&l);

	assert_int_equal(kv_parse(&l, "a=1,b=2,c=3,d=4,e=5,f=6,g=7,h=8,"
				  "i=1,j=2,k=3,l=4,m=5,n=6,o=7,p=8,"
				  "a=1,b=2,c=3,d=4,e=5,f=6,g=7,h=8,"
				  "i=1,j=2,k=3,l=4,m=5,n=6,o=7,p=8,q=9",
				  msg, sizeof(msg)), -EINVAL);
	assert_string_equal(msg, "more than 32 parameters");
	kv_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blockio),
		cmocka_unit_test(test_fileio_is_default),
		cmocka_unit_test(test_every_key_any_case),
		cmocka_unit_test(test_nullio),
		cmocka_unit_test(test_blanks_and_commas),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_lun_number),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_kvlist),
	};

	return cmocka_run_group_tests_name("lunparams", tests, NULL, NULL);
}
