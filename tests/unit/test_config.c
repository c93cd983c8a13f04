// SPDX-License-Identifier: GPL-2.0
/*
 * The ietd.conf parser (usr/config.c): valid files, and every kind of
 * error with its exact FILE:LINE message.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "config.h"

#define FILE_NAME "/etc/iet/ietd.conf"

static char err[512];

static void parse_ok(struct config *cfg, const char *text)
{
	err[0] = '\0';
	assert_int_equal(config_parse(cfg, FILE_NAME, text, strlen(text),
				      err, sizeof(err)), 0);
	assert_string_equal(err, "");
}

static void parse_bad(const char *text, const char *want)
{
	struct config cfg;

	assert_int_equal(config_parse(&cfg, FILE_NAME, text, strlen(text),
				      err, sizeof(err)), -EINVAL);
	assert_string_equal(err, want);
	/* All or nothing: a failed parse leaves nothing behind. */
	assert_int_equal(cfg.nr_targets, 0);
	assert_null(cfg.targets);
	assert_null(cfg.file);
}

static const char full[] =
	"# IET's example, more or less\n"
	"   # an indented comment\n"
	"\n"
	"IncomingUser disc discsecret12\n"
	"OutgoingUser dout doutsecret12\n"
	"iSNSServer 10.0.0.1\n"
	"iSNSAccessControl Yes\n"
	"\n"
	"Target iqn.2026-11.org.example:desk01\n"
	"\tIncomingUser joe joesecret123\n"
	"\tIncomingUser ann ann#secret12\n"
	"\tOutgoingUser tgt tgtsecret123\n"
	"\tAlias Desk One\n"
	"\tMaxSessions 4\n"
	"\tLun 0 Path=/dev/vg0/desk01,Type=blockio\n"
	"\tLun 7 Type=nullio,Blocks=1000\n"
	"\tWthreads 16\n"
	"\tNOPInterval 5\n"
	"\tMaxBurstLength 65536\n"
	"\tHeaderDigest CRC32C,None\n"
	"\tInitialR2T No\n"
	"Target iqn.2026-11.org.example:desk02\n"
	"\tLun 0 Path=/srv/desk02.img\n";

static void test_full(void **state)
{
	const struct config_target *t;
	struct config cfg;

	parse_ok(&cfg, full);
	assert_string_equal(cfg.file, FILE_NAME);
	assert_int_equal(cfg.nr_warnings, 0);
	assert_int_equal(cfg.discovery.nr_incoming, 1);
	assert_string_equal(cfg.discovery.incoming[0].name, "disc");
	assert_string_equal(cfg.discovery.incoming[0].password, "discsecret12");
	assert_int_equal(cfg.discovery.incoming[0].line, 4);
	assert_string_equal(cfg.discovery.outgoing.name, "dout");
	assert_string_equal(cfg.isns_server, "10.0.0.1");
	assert_true(cfg.isns_access_control);
	assert_int_equal(cfg.nr_targets, 2);

	t = &cfg.targets[0];
	assert_string_equal(t->name, "iqn.2026-11.org.example:desk01");
	assert_int_equal(t->line, 9);
	assert_int_equal(t->auth.nr_incoming, 2);
	assert_string_equal(t->auth.incoming[1].name, "ann");
	assert_string_equal(t->auth.incoming[1].password, "ann#secret12");
	assert_string_equal(t->auth.outgoing.name, "tgt");
	assert_string_equal(t->auth.outgoing.password, "tgtsecret123");
	assert_string_equal(t->alias, "Desk One");
	assert_int_equal(t->max_sessions, 4);
	assert_int_equal(t->nr_luns, 2);
	assert_int_equal(t->luns[0].lun, 0);
	assert_int_equal(t->luns[0].line, 15);
	assert_int_equal(t->luns[0].params.type, IET_LUN_BLOCKIO);
	assert_string_equal(t->luns[0].params.path, "/dev/vg0/desk01");
	assert_int_equal(t->luns[1].lun, 7);
	assert_int_equal(t->luns[1].params.type, IET_LUN_NULLIO);
	assert_true(t->luns[1].params.blocks == 1000);

	assert_int_equal(t->tparams[TGT_WTHREADS], 16);
	assert_int_equal(t->tparams_line[TGT_WTHREADS], 17);
	assert_int_equal(t->tparams[TGT_NOP_INTERVAL], 5);
	assert_int_equal(t->tparams[TGT_QUEUED_CMDS], 32);
	assert_int_equal(t->tparams_line[TGT_QUEUED_CMDS], 0);
	assert_int_equal(t->sparams[SESS_MAX_BURST], 65536);
	assert_int_equal(t->sparams[SESS_HEADER_DIGEST], PARAM_DIGEST_ALL);
	assert_int_equal(t->sparams[SESS_INITIAL_R2T], 0);
	assert_int_equal(t->sparams[SESS_FIRST_BURST], 65536);
	assert_int_equal(t->sparams_line[SESS_FIRST_BURST], 0);
	assert_int_equal(t->sparams[SESS_DATA_DIGEST], PARAM_DIGEST_NONE);

	t = &cfg.targets[1];
	assert_string_equal(t->name, "iqn.2026-11.org.example:desk02");
	assert_null(t->alias);
	assert_int_equal(t->auth.nr_incoming, 0);
	assert_null(t->auth.outgoing.name);
	assert_int_equal(t->tparams[TGT_WTHREADS], 8);
	assert_int_equal(t->luns[0].params.type, IET_LUN_FILEIO);

	assert_ptr_equal(config_find_target(&cfg,
			 "IQN.2026-11.org.example:DESK02"), t);
	assert_null(config_find_target(&cfg, "iqn.2026-11.org.example:desk0"));
	config_free(&cfg);
	assert_int_equal(cfg.nr_targets, 0);
}

static void test_empty(void **state)
{
	struct config cfg;

	parse_ok(&cfg, "");
	assert_int_equal(cfg.nr_targets, 0);
	config_free(&cfg);
	parse_ok(&cfg, "\n\n   \n\t\n# nothing\n");
	assert_int_equal(cfg.nr_targets, 0);
	assert_false(cfg.isns_access_control);
	assert_null(cfg.isns_server);
	config_free(&cfg);
}

static void test_case_insensitive(void **state)
{
	struct config cfg;

	parse_ok(&cfg, "incominguser a bbbbbbbbbbbb\n"
		 "TARGET iqn.x:a\n"
		 "  lun 0 PATH=/dev/sdb,type=BLOCKIO,iomode=Ro\n"
		 "  WTHREADS 2\n"
		 "  queuedcommands 0x40\n"
		 "  initialr2t YES\n"
		 "  immediatedata no\n"
		 "  headerdigest crc32c\n"
		 "  maxsessions 1\n"
		 "  alias x\n");
	assert_int_equal(cfg.discovery.nr_incoming, 1);
	assert_int_equal(cfg.nr_targets, 1);
	assert_int_equal(cfg.targets[0].luns[0].params.type, IET_LUN_BLOCKIO);
	assert_int_equal(cfg.targets[0].luns[0].params.iomode, IET_IOMODE_RO);
	assert_int_equal(cfg.targets[0].tparams[TGT_WTHREADS], 2);
	assert_int_equal(cfg.targets[0].tparams[TGT_QUEUED_CMDS], 64);
	assert_int_equal(cfg.targets[0].sparams[SESS_INITIAL_R2T], 1);
	assert_int_equal(cfg.targets[0].sparams[SESS_IMMEDIATE_DATA], 0);
	assert_int_equal(cfg.targets[0].sparams[SESS_HEADER_DIGEST],
			 PARAM_DIGEST_CRC32C);
	config_free(&cfg);
}

static void test_continuation(void **state)
{
	const struct config_lun *l;
	struct config cfg;

	parse_ok(&cfg, "Target \\\n"
		 "  iqn.x:a\n"
		 "\tLun 0 Path=/dev/sdb,\\\n"
		 "\t      Type=blockio,\\\n"
		 "\t      IOMode=ro\n"
		 "\tLun 1 Path=/dev/sdc,Type=blockio \\  \r\n"
		 "\t      ,ScsiId=abc\r\n"
		 "\tIncomingUser joe \\\n"
		 "\t  joesecret123\n");
	assert_int_equal(cfg.nr_targets, 1);
	assert_string_equal(cfg.targets[0].name, "iqn.x:a");
	assert_int_equal(cfg.targets[0].line, 1);
	assert_int_equal(cfg.targets[0].nr_luns, 2);
	l = &cfg.targets[0].luns[0];
	assert_int_equal(l->line, 3);
	assert_int_equal(l->params.type, IET_LUN_BLOCKIO);
	assert_int_equal(l->params.iomode, IET_IOMODE_RO);
	l = &cfg.targets[0].luns[1];
	assert_int_equal(l->line, 6);
	assert_string_equal(l->params.scsi_id, "abc");
	assert_string_equal(cfg.targets[0].auth.incoming[0].password,
			    "joesecret123");
	config_free(&cfg);

	/* A backslash on the last line has nothing to join. */
	parse_ok(&cfg, "Target iqn.x:a\\");
	assert_string_equal(cfg.targets[0].name, "iqn.x:a");
	config_free(&cfg);

	/* Comments are found after joining: the next line is comment too. */
	parse_ok(&cfg, "# Target iqn.x:old \\\nTarget iqn.x:gone\n");
	assert_int_equal(cfg.nr_targets, 0);
	config_free(&cfg);
}

/* Errors on continued lines name the first physical line. */
static void test_continuation_lines(void **state)
{
	parse_bad("Target iqn.x:a\n"
		  "\tLun 0 Path=/dev/sdb,\\\n"
		  "\t      Type=blockio,\\\n"
		  "\t      IOMode=rw\n",
		  FILE_NAME ":2: Lun 0: IOMode 'rw' is not wb, wt or ro");
	parse_bad("Target iqn.x:a\n"
		  "\tLun 0 Path=/dev/sdb,\\\n"
		  "\t      Type=blockio\n"
		  "\tBogus 1\n",
		  FILE_NAME ":4: unknown key 'Bogus'");
}

/* IET's sample file has comments after values, to be uncommented. */
static void test_trailing_comments(void **state)
{
	const struct config_target *t;
	struct config cfg;

	parse_ok(&cfg, "IncomingUser joe ab#cd   # discovery\n"
		 "Target iqn.x:a #1\n"
		 "\tMaxRecvDataSegmentLength 8192          # Max data per PDU\n"
		 "\tHeaderDigest None,CRC32C\t#digests\n"
		 "\tAlias Desk One # the first\n"
		 "\tLun 0 Path=/dev/sdb,Type=blockio  # root disk, fast\n"
		 "\tLun 1 Path=/dev/sdc, \\\n"
		 "\t      Type=blockio # continued, then commented\n");
	assert_string_equal(cfg.discovery.incoming[0].password, "ab#cd");
	t = &cfg.targets[0];
	assert_string_equal(t->name, "iqn.x:a");
	assert_int_equal(t->sparams[SESS_MAX_RECV_DSL], 8192);
	assert_int_equal(t->sparams[SESS_HEADER_DIGEST], PARAM_DIGEST_ALL);
	assert_string_equal(t->alias, "Desk One");
	assert_string_equal(t->luns[0].params.path, "/dev/sdb");
	assert_int_equal(t->luns[0].params.type, IET_LUN_BLOCKIO);
	assert_int_equal(t->luns[1].params.type, IET_LUN_BLOCKIO);
	config_free(&cfg);

	/* A word that is data stays an error when it is not a value. */
	parse_bad("Target iqn.x:a\n\tWthreads 4#5\n",
		  FILE_NAME ":2: Wthreads: '4#5' is not a number");
	parse_bad("Target iqn.x:a\n\tWthreads # four\n",
		  FILE_NAME ":2: Wthreads needs one value");
}

static void test_lun0_warning(void **state)
{
	struct config cfg;

	parse_ok(&cfg, "Target iqn.x:a\n"
		 "  Lun 1 Type=nullio\n"
		 "Target iqn.x:b\n"
		 "Target iqn.x:c\n"
		 "  Lun 3 Type=nullio\n"
		 "  Lun 0 Type=nullio\n"
		 "Target iqn.x:d\n"
		 "  Lun 2 Type=nullio\n");
	assert_int_equal(cfg.nr_targets, 4);
	assert_int_equal(cfg.nr_warnings, 2);
	assert_string_equal(cfg.warnings[0], FILE_NAME
			    ":1: target iqn.x:a has no Lun 0; initiators look for it");
	assert_string_equal(cfg.warnings[1], FILE_NAME
			    ":7: target iqn.x:d has no Lun 0; initiators look for it");
	config_free(&cfg);
}

static void test_short_secret(void **state)
{
	struct config cfg;

	parse_ok(&cfg, "IncomingUser dee 0123456789a\n"
		 "Target iqn.x:a\n"
		 "  IncomingUser ann 0123456789ab\n"
		 "  OutgoingUser tgt short\n");
	assert_int_equal(cfg.nr_warnings, 2);
	assert_string_equal(cfg.warnings[0], FILE_NAME
			    ":1: IncomingUser dee: a secret of 11 characters is easy to guess, and the Windows initiator refuses it; use 12 to 16");
	assert_string_equal(cfg.warnings[1], FILE_NAME
			    ":4: OutgoingUser tgt: a secret of 5 characters is easy to guess, and the Windows initiator refuses it; use 12 to 16");
	config_free(&cfg);
}

static void test_ranges(void **state)
{
	struct config cfg;

	parse_ok(&cfg, "Target iqn.x:a\n"
		 "Wthreads 1\nQueuedCommands 256\nNOPInterval 0\n"
		 "NOPTimeout 90\nMaxBurstLength 16777215\n"
		 "FirstBurstLength 512\nMaxSessions 65535\n"
		 "Lun 16383 Type=nullio\n"
		 "Target iqn.x:b\n"
		 "Wthreads 128\nQueuedCommands 1\nMaxSessions 0\n"
		 "ErrorRecoveryLevel 2\nDefaultTime2Wait 3600\n"
		 "Lun 0 Type=nullio\n");
	assert_int_equal(cfg.targets[0].tparams[TGT_WTHREADS], 1);
	assert_int_equal(cfg.targets[0].tparams[TGT_QUEUED_CMDS], 256);
	assert_int_equal(cfg.targets[0].tparams[TGT_NOP_TIMEOUT], 90);
	assert_int_equal(cfg.targets[0].sparams[SESS_MAX_BURST], 16777215);
	assert_int_equal(cfg.targets[0].max_sessions, 65535);
	assert_int_equal(cfg.targets[0].luns[0].lun, 16383);
	assert_int_equal(cfg.targets[1].tparams[TGT_WTHREADS], 128);
	assert_int_equal(cfg.targets[1].sparams[SESS_ERL], 2);
	config_free(&cfg);

	parse_bad("Target iqn.x:a\n  Wthreads 0\n",
		  FILE_NAME ":2: Wthreads: 0 is below the minimum 1");
	parse_bad("Target iqn.x:a\n  Wthreads 129\n",
		  FILE_NAME ":2: Wthreads: 129 is above the maximum 128");
	parse_bad("Target iqn.x:a\n  QueuedCommands 257\n",
		  FILE_NAME ":2: QueuedCommands: 257 is above the maximum 256");
	parse_bad("Target iqn.x:a\n  NOPTimeout 91\n",
		  FILE_NAME ":2: NOPTimeout: 91 is above the maximum 90");
	parse_bad("Target iqn.x:a\n  MaxBurstLength 1\n",
		  FILE_NAME ":2: MaxBurstLength: 1 is below the minimum 512");
	parse_bad("Target iqn.x:a\n  MaxBurstLength 16777216\n",
		  FILE_NAME ":2: MaxBurstLength: 16777216 is above the maximum 16777215");
	parse_bad("Target iqn.x:a\n  ErrorRecoveryLevel 3\n",
		  FILE_NAME ":2: ErrorRecoveryLevel: 3 is above the maximum 2");
	parse_bad("Target iqn.x:a\n  MaxSessions 65536\n",
		  FILE_NAME ":2: MaxSessions: 65536 is above the maximum 65535");
	parse_bad("Target iqn.x:a\n  Lun 16384 Type=nullio\n",
		  FILE_NAME ":2: LUN 16384 is above the maximum 16383");
	parse_bad("Target iqn.x:a\n  InitialR2T maybe\n",
		  FILE_NAME ":2: InitialR2T: 'maybe' is not Yes or No");
	parse_bad("Target iqn.x:a\n  DataDigest MD5\n",
		  FILE_NAME ":2: DataDigest: 'MD5' is not None, CRC32C or a list of them");
	parse_bad("Target iqn.x:a\n  OFMarker Yes\n",
		  FILE_NAME ":2: OFMarker: Yes is not supported");
}

static void test_key_errors(void **state)
{
	parse_bad("Foo 1\n", FILE_NAME ":1: unknown key 'Foo'");
	parse_bad("\n\nTarget iqn.x:a\n  Foo\n",
		  FILE_NAME ":4: unknown key 'Foo'");
	parse_bad("Wthreads 4\n", FILE_NAME
		  ":1: Wthreads belongs to a target; put it after a Target line");
	parse_bad("MaxBurstLength 4096\n", FILE_NAME
		  ":1: MaxBurstLength belongs to a target; put it after a Target line");
	parse_bad("Lun 0 Type=nullio\n", FILE_NAME
		  ":1: Lun belongs to a target; put it after a Target line");
	parse_bad("Alias x\n", FILE_NAME
		  ":1: Alias belongs to a target; put it after a Target line");
	parse_bad("Target iqn.x:a\niSNSServer 10.0.0.1\n", FILE_NAME
		  ":2: iSNSServer belongs to the global section, before the first Target");
	parse_bad("Target iqn.x:a\nisnsaccesscontrol No\n", FILE_NAME
		  ":2: isnsaccesscontrol belongs to the global section, before the first Target");
	parse_bad("Target iqn.x:a\n  Wthreads\n",
		  FILE_NAME ":2: Wthreads needs one value");
	parse_bad("Target iqn.x:a\n  Wthreads 4 5\n",
		  FILE_NAME ":2: Wthreads takes one value, not 2 words");
	parse_bad("Target iqn.x:a\n  Wthreads 4\n  wthreads 5\n",
		  FILE_NAME ":3: Wthreads is already set on line 2");
	parse_bad("Target iqn.x:a\n  MaxSessions 4\n  MaxSessions 5\n",
		  FILE_NAME ":3: MaxSessions is already set on line 2");
	parse_bad("Target iqn.x:a\n  MaxSessions -1\n",
		  FILE_NAME ":2: MaxSessions: '-1' is not a number");
	parse_bad("Target iqn.x:a\n  Alias a\n  Alias b\n", FILE_NAME
		  ":3: Alias is already given for target iqn.x:a");
	parse_bad("Target iqn.x:a\n  Alias\n",
		  FILE_NAME ":2: Alias needs a name");
	parse_bad("iSNSServer\n", FILE_NAME ":1: iSNSServer needs an address");
	parse_bad("iSNSServer a\niSNSServer b\n",
		  FILE_NAME ":2: iSNSServer is already given on line 1");
	parse_bad("iSNSAccessControl maybe\n", FILE_NAME
		  ":1: iSNSAccessControl: 'maybe' is not Yes or No");
	parse_bad("iSNSAccessControl No\niSNSAccessControl No\n", FILE_NAME
		  ":2: iSNSAccessControl is already given on line 1");
	parse_bad("Target iqn.x:a\nLun 0 Path=x\n",
		  FILE_NAME ":2: Lun 0: Path 'x' is not an absolute path");
	parse_bad("\nTFTPListen 10.0.0.1:0\n",
		  FILE_NAME ":2: TFTPListen '10.0.0.1:0' is not ADDR[:PORT]");
}

static void test_nul_byte(void **state)
{
	static const char text[] = "Target iqn.x:a\nLun 0 Path=/x\0y\n";
	struct config cfg;

	assert_int_equal(config_parse(&cfg, FILE_NAME, text, sizeof(text) - 1,
				      err, sizeof(err)), -EINVAL);
	assert_string_equal(err, FILE_NAME ":2: the line holds a NUL byte");
}

static void test_target_errors(void **state)
{
	char long_name[300], text[400], want[500];

	parse_bad("Target\n", FILE_NAME ":1: Target needs a name");
	parse_bad("Target iqn.x:a iqn.x:b\n",
		  FILE_NAME ":1: Target takes a name, not 2 words");
	parse_bad("Target iqn.x:a\nLun 0 Type=nullio\n\nTarget IQN.X:A\n",
		  FILE_NAME ":4: target IQN.X:A is already defined on line 1");
	memset(long_name, 'a', 224);
	long_name[224] = '\0';
	snprintf(text, sizeof(text), "Target %s\n", long_name);
	snprintf(want, sizeof(want), "%s:1: %s", FILE_NAME,
		 "the target name is 224 bytes long, more than 223");
	parse_bad(text, want);
	parse_bad("Target iqn.x:\x01\n", FILE_NAME
		  ":1: the target name 'iqn.x:\x01' has a blank or a control character");
}

static void test_user_errors(void **state)
{
	parse_bad("IncomingUser joe\n", FILE_NAME
		  ":1: IncomingUser needs a user name and a password");
	parse_bad("IncomingUser joe a b\n", FILE_NAME
		  ":1: IncomingUser takes a user name and a password, not 3 words");
	parse_bad("Target iqn.x:a\nIncomingUser joe pw1\nincominguser joe pw2\n",
		  FILE_NAME ":3: IncomingUser joe is already given on line 2");
	parse_bad("OutgoingUser a b\nOutgoingUser c d\n", FILE_NAME
		  ":2: OutgoingUser is already given on line 1; only one is allowed");
	parse_bad("Target iqn.x:a\n OutgoingUser a b\n OutgoingUser c d\n",
		  FILE_NAME
		  ":3: OutgoingUser is already given on line 2; only one is allowed");
}

static void test_lun_errors(void **state)
{
	parse_bad("Target iqn.x:a\nLun 0\n", FILE_NAME
		  ":2: Lun needs a number and parameters (Lun 0 Path=..,Type=..)");
	parse_bad("Target iqn.x:a\nLun x Type=nullio\n",
		  FILE_NAME ":2: LUN 'x' is not a number");
	parse_bad("Target iqn.x:a\nLun 0 Type=blockio\n",
		  FILE_NAME ":2: Lun 0: Type=blockio needs a Path");
	parse_bad("Target iqn.x:a\nLun 0 Type=nullio,Path=/dev/sdb\n",
		  FILE_NAME ":2: Lun 0: Type=nullio takes no Path");
	parse_bad("Target iqn.x:a\nLun 3 Path=/x,BlockSize=1000\n", FILE_NAME
		  ":2: Lun 3: BlockSize '1000' is not 512, 1024, 2048 or 4096");
	parse_bad("Target iqn.x:a\nLun 0 Path=/x\nLun 0 Type=nullio\n",
		  FILE_NAME ":3: Lun 0 is already defined on line 2");
	parse_bad("Target iqn.x:a\nLun 0 Path=/x Type=blockio\n", FILE_NAME
		  ":2: Lun 0: 'Path=/x Type=blockio' has a blank inside; separate parameters with commas");
	parse_bad("Target iqn.x:a\nLun 0 Path=/x,ScsiId=01234567890123456\n",
		  FILE_NAME
		  ":2: Lun 0: ScsiId '01234567890123456' is longer than 16 characters");
}

/* The first error wins, and nothing of the file is kept. */
static void test_first_error(void **state)
{
	parse_bad("Target iqn.x:a\nLun 0 Type=nullio\nWthreads 0\nFoo\n",
		  FILE_NAME ":3: Wthreads: 0 is below the minimum 1");
}

static void test_load(void **state)
{
	char path[] = "/tmp/iet-test-config-XXXXXX";
	struct config cfg;
	int fd;

	assert_int_equal(config_load(&cfg, "/nonexistent/ietd.conf", err,
				     sizeof(err)), -ENOENT);
	assert_string_equal(err,
			    "/nonexistent/ietd.conf: No such file or directory");

	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, full, strlen(full)), strlen(full));
	close(fd);
	assert_int_equal(config_load(&cfg, path, err, sizeof(err)), 0);
	assert_int_equal(cfg.nr_targets, 2);
	assert_string_equal(cfg.file, path);
	config_free(&cfg);

	fd = open(path, O_WRONLY | O_APPEND);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "Bogus\n", 6), 6);
	close(fd);
	assert_int_equal(config_load(&cfg, path, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, ":24: unknown key 'Bogus'"));
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_case_insensitive),
		cmocka_unit_test(test_continuation),
		cmocka_unit_test(test_continuation_lines),
		cmocka_unit_test(test_trailing_comments),
		cmocka_unit_test(test_lun0_warning),
		cmocka_unit_test(test_short_secret),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_key_errors),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_target_errors),
		cmocka_unit_test(test_user_errors),
		cmocka_unit_test(test_lun_errors),
		cmocka_unit_test(test_first_error),
		cmocka_unit_test(test_load),
	};

	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
