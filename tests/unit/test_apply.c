// SPDX-License-Identifier: GPL-2.0
/*
 * What ietd does to the kernel: reconciling ietd.conf with live state
 * (usr/apply.c) and ietadm's operations (usr/admin.c), against the
 * in-memory kernel of fake_kernel.c.
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

#include "admin.h"
#include "apply.h"
#include "config.h"
#include "fake_kernel.h"
#include "store.h"

#define FILE_NAME "/etc/iet/ietd.conf"

static const char conf[] =
	"Target iqn.2026-11.org.example:a\n"
	"\tWthreads 4\n"
	"\tLun 0 Path=/dev/vg/a,Type=blockio\n"
	"\tLun 1 Type=nullio\n"
	"Target iqn.2026-11.org.example:b\n"
	"\tLun 0 Path=/srv/b.img\n";

static char err[1024];
static struct kern *k;

static void load(struct config *cfg, const char *text)
{
	assert_int_equal(config_parse(cfg, FILE_NAME, text, strlen(text), err,
				      sizeof(err)), 0);
}

static int setup(void **state)
{
	fake_reset();
	store_free(&ietd_store);
	setenv("IET_FAKE_CONN", "1", 1);
	assert_int_equal(kern_open(&k, err, sizeof(err)), 0);
	return 0;
}

static const struct fake_target *target(const char *name)
{
	unsigned int i;

	for (i = 0; i < fake.nr_targets; i++)
		if (!strcmp(fake.targets[i].name, name))
			return &fake.targets[i];
	return NULL;
}

static const struct fake_lun *lun(uint32_t tid, uint32_t n)
{
	unsigned int i;

	for (i = 0; i < fake.nr_luns; i++)
		if (fake.luns[i].tid == tid && fake.luns[i].lun == n)
			return &fake.luns[i];
	return NULL;
}

static void live_target(uint32_t tid, const char *name, unsigned int wthreads)
{
	struct fake_target *t = &fake.targets[fake.nr_targets++];

	t->tid = tid;
	snprintf(t->name, sizeof(t->name), "%s", name);
	param_defaults(&target_params, t->params);
	t->params[TGT_WTHREADS] = wthreads;
	if (tid > fake.last_tid)
		fake.last_tid = tid;
}

static void live_lun(uint32_t tid, uint32_t n, const char *path)
{
	struct fake_lun *l = &fake.luns[fake.nr_luns++];

	l->tid = tid;
	l->lun = n;
	l->type = IET_LUN_BLOCKIO;
	snprintf(l->path, sizeof(l->path), "%s", path);
}

static void test_fresh(void **state)
{
	const struct fake_target *a, *b;
	struct config cfg;

	load(&cfg, conf);
	assert_int_equal(apply_config(k, &cfg, err, sizeof(err)), 0);
	a = target("iqn.2026-11.org.example:a");
	b = target("iqn.2026-11.org.example:b");
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(a->tid, 1);
	assert_int_equal(b->tid, 2);
	assert_int_equal(a->params[TGT_WTHREADS], 4);
	assert_int_equal(a->params[TGT_QUEUED_CMDS], 32);
	assert_int_equal(b->params[TGT_WTHREADS], 8);
	assert_int_equal(fake.nr_luns, 3);
	assert_string_equal(lun(1, 0)->path, "/dev/vg/a");
	assert_int_equal(lun(1, 0)->type, IET_LUN_BLOCKIO);
	assert_int_equal(lun(1, 1)->type, IET_LUN_NULLIO);
	assert_string_equal(lun(2, 0)->path, "/srv/b.img");
	assert_int_equal(lun(2, 0)->type, IET_LUN_FILEIO);
	config_free(&cfg);
}

/* A restart with the same file finds everything and changes nothing. */
static void test_again_changes_nothing(void **state)
{
	struct config cfg;

	load(&cfg, conf);
	assert_int_equal(apply_config(k, &cfg, err, sizeof(err)), 0);
	fake.target_news = fake.target_sets = fake.lun_news = 0;
	assert_int_equal(apply_config(k, &cfg, err, sizeof(err)), 0);
	assert_int_equal(fake.target_news, 0);
	assert_int_equal(fake.target_sets, 0);
	assert_int_equal(fake.lun_news, 0);
	assert_int_equal(fake.nr_targets, 2);
	assert_int_equal(fake.nr_luns, 3);
	config_free(&cfg);
}

static void test_keeps_live(void **state)
{
	const struct fake_target *a;
	struct config cfg;

	live_target(7, "iqn.2026-11.org.example:other", 8);
	live_target(3, "IQN.2026-11.ORG.EXAMPLE:A", 8);
	live_lun(3, 0, "/dev/vg/old");
	load(&cfg, conf);
	assert_int_equal(apply_config(k, &cfg, err, sizeof(err)), 0);
	a = target("IQN.2026-11.ORG.EXAMPLE:A");
	assert_int_equal(a->tid, 3);
	assert_int_equal(a->params[TGT_WTHREADS], 4);
	assert_int_equal(fake.target_sets, 1);
	/* The live LUN 0 is left alone; LUN 1 was missing. */
	assert_string_equal(lun(3, 0)->path, "/dev/vg/old");
	assert_non_null(lun(3, 1));
	assert_non_null(target("iqn.2026-11.org.example:other"));
	assert_int_equal(target("iqn.2026-11.org.example:b")->tid, 8);
	assert_null(target("iqn.2026-11.org.example:a"));
	config_free(&cfg);
}

/* A failure halfway takes back this run's changes, and only those. */
static void test_rollback(void **state)
{
	static const char bad[] =
		"Target iqn.2026-11.org.example:a\n"
		"\tWthreads 4\n"
		"\tLun 0 Path=/dev/vg/a,Type=blockio\n"
		"\tLun 1 Type=nullio\n"
		"Target iqn.2026-11.org.example:b\n"
		"\tLun 0 Type=nullio\n"
		"\tLun 1 Path=/dev/fail,Type=blockio\n";
	struct config cfg;

	live_target(3, "iqn.2026-11.org.example:a", 8);
	live_lun(3, 0, "/dev/vg/a");
	load(&cfg, bad);
	assert_int_equal(apply_config(k, &cfg, err, sizeof(err)), -EIO);
	assert_string_equal(err, FILE_NAME
			    ":7: Lun 1: /dev/fail: Input/output error: injected failure");
	assert_int_equal(fake.nr_targets, 1);
	assert_int_equal(target("iqn.2026-11.org.example:a")->params[TGT_WTHREADS],
			 8);
	assert_int_equal(fake.nr_luns, 1);
	assert_non_null(lun(3, 0));
	config_free(&cfg);
}

static void test_check_paths(void **state)
{
	char file[] = "/tmp/iet-test-apply-XXXXXX", text[256], want[512];
	struct config cfg;
	int fd;

	load(&cfg, "Target iqn.x:a\n\n\tLun 0 Path=/nonexistent/x\n");
	assert_int_equal(apply_check_paths(&cfg, err, sizeof(err)), -ENOENT);
	assert_string_equal(err, FILE_NAME
			    ":3: Lun 0: /nonexistent/x: No such file or directory");
	config_free(&cfg);

	load(&cfg, "Target iqn.x:a\nLun 2 Path=/tmp\n");
	assert_int_equal(apply_check_paths(&cfg, err, sizeof(err)), -EINVAL);
	assert_string_equal(err, FILE_NAME
			    ":2: Lun 2: /tmp: neither a file nor a block device");
	config_free(&cfg);

	fd = mkstemp(file);
	assert_true(fd >= 0);
	close(fd);
	snprintf(text, sizeof(text),
		 "Target iqn.x:a\nLun 0 Path=%s\nLun 1 Type=nullio\n"
		 "Lun 2 Path=%s,Type=blockio\n", file, file);
	load(&cfg, text);
	assert_int_equal(apply_check_paths(&cfg, err, sizeof(err)), -ENOTBLK);
	snprintf(want, sizeof(want),
		 "%s:4: Lun 2: %s: not a block device (Type=blockio)",
		 FILE_NAME, file);
	assert_string_equal(err, want);
	config_free(&cfg);
	unlink(file);
}

/* ---- ietadm's operations ---- */

static struct ctl_rsp rsp;

static int ask(uint32_t op, uint32_t flags, uint32_t tid, uint32_t n,
	       const char *params, uid_t uid)
{
	struct ctl_req req = {
		.magic = CTL_MAGIC, .op = op, .flags = flags, .tid = tid,
		.lun = n,
	};

	snprintf(req.params, sizeof(req.params), "%s", params);
	memset(&rsp, 0x55, sizeof(rsp));
	admin_handle(k, &req, uid, &rsp);
	assert_int_equal(rsp.magic, CTL_MAGIC);
	return rsp.err;
}

#define T	CTL_F_TID
#define TARGET_A	"iqn.x:redirected"
#define TL	(CTL_F_TID | CTL_F_LUN)

static void test_target_ops(void **state)
{
	assert_int_equal(ask(CTL_TARGET_NEW, T, 0, 0, "Name=iqn.x:new", 0), 0);
	assert_string_equal(rsp.text, "");
	assert_int_equal(target("iqn.x:new")->tid, 1);
	assert_int_equal(ask(CTL_TARGET_SHOW, T, 1, 0, "", 0), 0);
	assert_string_equal(rsp.text, "Wthreads=8\nType=0\nQueuedCommands=32\n"
			    "NOPInterval=0\nNOPTimeout=0\n");
	assert_int_equal(ask(CTL_TARGET_NEW, T, 0, 0, "name=IQN.X:NEW", 0),
			 -EINVAL);
	assert_string_equal(rsp.text, "target IQN.X:NEW already exists with tid 1");
	assert_int_equal(ask(CTL_TARGET_NEW, T, 1, 0, "Name=iqn.x:two", 0),
			 -EEXIST);
	assert_string_equal(rsp.text, "tid 1 is already in use");
	assert_int_equal(ask(CTL_TARGET_NEW, T, 5, 0, "Name=iqn.x:five", 0), 0);
	assert_int_equal(target("iqn.x:five")->tid, 5);

	assert_int_equal(ask(CTL_TARGET_UPDATE, T, 1, 0,
			     "Wthreads=16,nopinterval=5", 0), 0);
	assert_int_equal(ask(CTL_TARGET_SHOW, T, 1, 0, "", 0), 0);
	assert_string_equal(rsp.text, "Wthreads=16\nType=0\nQueuedCommands=32\n"
			    "NOPInterval=5\nNOPTimeout=0\n");
	assert_int_equal(ask(CTL_TARGET_UPDATE, T, 1, 0,
			     "MaxBurstLength=4096,wthreads=2", 0), 0);
	assert_int_equal(store_sparams(&ietd_store, "iqn.x:new")[SESS_MAX_BURST],
			 4096);
	assert_int_equal(target("iqn.x:new")->params[TGT_WTHREADS], 2);
	assert_int_equal(ask(CTL_TARGET_UPDATE, T, 1, 0, "Colour=blue", 0),
			 -EINVAL);
	assert_string_equal(rsp.text, "unknown parameter 'Colour'");
	assert_int_equal(ask(CTL_TARGET_UPDATE, T, 1, 0, "Wthreads=0", 0),
			 -EINVAL);
	assert_string_equal(rsp.text, "Wthreads: 0 is below the minimum 1");
	assert_int_equal(ask(CTL_TARGET_UPDATE, T, 9, 0, "Wthreads=2", 0),
			 -ENOENT);
	assert_string_equal(rsp.text, "tid 9: no such target");

	assert_int_equal(ask(CTL_TARGET_SHOW, T, 9, 0, "", 0), -ENOENT);
	assert_string_equal(rsp.text, "tid 9: no such target");
	assert_int_equal(ask(CTL_TARGET_DEL, T, 5, 0, "", 0), 0);
	assert_null(target("iqn.x:five"));
	assert_int_equal(ask(CTL_TARGET_DEL, T, 5, 0, "", 0), -ENOENT);
	assert_string_equal(rsp.text, "tid 5: no such target");
}

static void test_permissions(void **state)
{
	assert_int_equal(ask(CTL_TARGET_NEW, T, 0, 0, "Name=iqn.x:a", 1000),
			 -EPERM);
	assert_string_equal(rsp.text,
			    "only root may change the target configuration");
	assert_int_equal(fake.nr_targets, 0);
	assert_int_equal(ask(CTL_TARGET_NEW, T, 0, 0, "Name=iqn.x:a", 0), 0);
	assert_int_equal(ask(CTL_TARGET_SHOW, T, 1, 0, "", 1000), 0);
	assert_int_equal(ask(CTL_TARGET_UPDATE, T, 1, 0, "Wthreads=2", 1000),
			 -EPERM);
	assert_int_equal(ask(CTL_TARGET_DEL, T, 1, 0, "", 1000), -EPERM);
	assert_int_equal(ask(CTL_LUN_NEW, TL, 1, 0, "Type=nullio", 1000),
			 -EPERM);
	assert_int_equal(ask(CTL_USER_SHOW, 0, 0, 0, "", 1000), -EPERM);
	assert_string_equal(rsp.text,
			    "only root may show accounts: they hold passwords");
}

static void test_lun_ops(void **state)
{
	char file[] = "/tmp/iet-test-apply-XXXXXX", params[128];
	int fd = mkstemp(file);

	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(ask(CTL_TARGET_NEW, T, 0, 0, "Name=iqn.x:a", 0), 0);
	assert_int_equal(ask(CTL_LUN_NEW, TL, 1, 0, "Path=/nonexistent", 0),
			 -ENOENT);
	assert_string_equal(rsp.text,
			    "Lun 0: /nonexistent: No such file or directory");
	assert_int_equal(ask(CTL_LUN_NEW, TL, 1, 0, "Path=/x,Type=disk", 0),
			 -EINVAL);
	assert_string_equal(rsp.text,
			    "Lun 0: Type 'disk' is not blockio, fileio or nullio");
	snprintf(params, sizeof(params), "Path=%s", file);
	assert_int_equal(ask(CTL_LUN_NEW, TL, 1, 0, params, 0), 0);
	assert_string_equal(lun(1, 0)->path, file);
	assert_int_equal(ask(CTL_LUN_NEW, TL, 1, 0, "Type=nullio", 0), -EEXIST);
	assert_string_equal(rsp.text, "tid 1: Lun 0 already exists");
	assert_int_equal(ask(CTL_LUN_NEW, TL, 4, 2, "Type=nullio", 0), -ENOENT);
	assert_string_equal(rsp.text, "tid 4: no such target");
	assert_int_equal(ask(CTL_LUN_NEW, TL, 1, 3, "Path=/tmp/fail", 0),
			 -ENOENT);
	assert_int_equal(ask(CTL_LUN_DEL, TL, 1, 3, "", 0), -ENOENT);
	assert_string_equal(rsp.text, "tid 1: no Lun 3");
	assert_int_equal(ask(CTL_LUN_DEL, TL, 6, 0, "", 0), -ENOENT);
	assert_string_equal(rsp.text, "tid 6: no such target");
	assert_int_equal(ask(CTL_LUN_DEL, TL, 1, 0, "", 0), 0);
	assert_null(lun(1, 0));
	unlink(file);
}

static void test_kernel_words(void **state)
{
	char dir[] = "/tmp/iet-test-XXXXXX", file[64], params[128];
	int fd;

	assert_non_null(mkdtemp(dir));
	snprintf(file, sizeof(file), "%s/fail", dir);
	fd = creat(file, 0600);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(ask(CTL_TARGET_NEW, T, 0, 0, "Name=iqn.x:a", 0), 0);
	snprintf(params, sizeof(params), "Path=%s", file);
	assert_int_equal(ask(CTL_LUN_NEW, TL, 1, 0, params, 0), -EIO);
	snprintf(params, sizeof(params),
		 "%s: Input/output error: injected failure", file);
	assert_string_equal(rsp.text, params);
	unlink(file);
	rmdir(dir);
}

static void test_redirect(void **state)
{
	assert_int_equal(ask(CTL_TARGET_NEW, T, 1, 0, "Name=" TARGET_A, 0), 0);
	assert_int_equal(ask(CTL_TARGET_REDIRECT, T, 1, 0, "10.0.0.1", 0), 0);
	assert_string_equal(store_redirect(&ietd_store, TARGET_A),
			    "10.0.0.1:3260");
	assert_int_equal(ask(CTL_TARGET_REDIRECT, T, 1, 0, "[fd00::2]:3261", 0),
			 0);
	assert_string_equal(store_redirect(&ietd_store, TARGET_A),
			    "[fd00::2]:3261");
	assert_int_equal(ask(CTL_TARGET_REDIRECT, T, 1, 0, "", 0), 0);
	assert_null(store_redirect(&ietd_store, TARGET_A));
	assert_int_equal(ask(CTL_TARGET_REDIRECT, T, 1, 0, "10.0.0.1:0", 0),
			 -EINVAL);
	assert_string_equal(rsp.text,
			    "--redirect=10.0.0.1:0: the port is not a number from 1 to 65535");
	assert_int_equal(ask(CTL_TARGET_REDIRECT, T, 9, 0, "10.0.0.1", 0),
			 -ENOENT);
	assert_int_equal(ask(99, 0, 0, 0, "", 0), -EINVAL);
	assert_string_equal(rsp.text, "unknown request 99");
}

#define SID	844427031282176ULL
#define TS	(CTL_F_TID | CTL_F_SID)
#define TSC	(CTL_F_TID | CTL_F_SID | CTL_F_CID)

static int ask_sid(uint32_t op, uint32_t flags, uint32_t tid, uint64_t sid,
		   uint32_t cid, uid_t uid)
{
	struct ctl_req req = {
		.magic = CTL_MAGIC, .op = op, .flags = flags, .tid = tid,
		.sid = sid, .cid = cid,
	};

	memset(&rsp, 0x55, sizeof(rsp));
	admin_handle(k, &req, uid, &rsp);
	assert_int_equal(rsp.magic, CTL_MAGIC);
	return rsp.err;
}

static void session_add(uint32_t tid, uint64_t sid, uint32_t cid)
{
	struct fake_session *s = &fake.sessions[fake.nr_sessions++];

	memset(s, 0, sizeof(*s));
	s->tid = tid;
	s->sid = sid;
	s->cid = cid;
	s->fd = -1;
	snprintf(s->initiator, sizeof(s->initiator), "iqn.x:ini");
	s->params[IET_P_INITIAL_R2T] = 1;
	s->params[IET_P_MAX_CONNECTIONS] = 1;
	s->params[IET_P_MAX_RECV_DSL] = 65536;
	s->params[IET_P_MAX_XMIT_DSL] = 262144;
	s->params[IET_P_MAX_BURST] = 262144;
	s->params[IET_P_FIRST_BURST] = 65536;
	s->params[IET_P_TIME2WAIT] = 2;
	s->params[IET_P_MAX_R2T] = 1;
	s->params[IET_P_DATA_PDU_IN_ORDER] = 1;
	s->params[IET_P_DATA_SEQ_IN_ORDER] = 1;
	s->params[IET_P_HEADER_DIGEST] = IET_DIGEST_CRC32C;
}

static void test_session_ops(void **state)
{
	assert_int_equal(ask(CTL_TARGET_NEW, T, 0, 0, "Name=iqn.x:a", 0), 0);
	session_add(1, SID, 0);
	assert_int_equal(ask_sid(CTL_SESSION_SHOW, TS, 1, SID, 0, 1000), 0);
	assert_string_equal(rsp.text,
			    "InitialR2T=Yes\nImmediateData=No\nMaxConnections=1\n"
			    "MaxRecvDataSegmentLength=65536\n"
			    "MaxXmitDataSegmentLength=262144\n"
			    "MaxBurstLength=262144\nFirstBurstLength=65536\n"
			    "DefaultTime2Wait=2\nDefaultTime2Retain=0\n"
			    "MaxOutstandingR2T=1\nDataPDUInOrder=Yes\n"
			    "DataSequenceInOrder=Yes\nErrorRecoveryLevel=0\n"
			    "HeaderDigest=CRC32C\nDataDigest=None\n"
			    "OFMarker=No\nIFMarker=No\nOFMarkInt=Reject\n"
			    "IFMarkInt=Reject\n");
	assert_int_equal(ask(CTL_TARGET_UPDATE, T, 1, 0,
			     "ImmediateData=No,MaxRecvDataSegmentLength=4096", 0),
			 0);
	assert_int_equal(ask_sid(CTL_SESSION_SHOW, TS, 1, 0, 0, 0), 0);
	assert_non_null(strstr(rsp.text, "ImmediateData=No\n"));
	assert_non_null(strstr(rsp.text, "\nMaxRecvDataSegmentLength=4096\n"));
	assert_non_null(strstr(rsp.text, "\nHeaderDigest=None\n"));
	assert_int_equal(ask_sid(CTL_SESSION_SHOW, TS, 1, 7, 0, 0), -ENOENT);
	assert_string_equal(rsp.text, "tid 1: no session 7");
	assert_int_equal(ask_sid(CTL_SESSION_SHOW, TS, 2, SID, 0, 0), -ENOENT);
	assert_string_equal(rsp.text, "tid 2: no such target");

	assert_int_equal(ask(CTL_TARGET_DEL, T, 1, 0, "", 0), -EBUSY);
	assert_string_equal(rsp.text,
			    "tid 1: the target has sessions; delete them first (--sid, --cid) or add --force");
	assert_int_equal(ask_sid(CTL_CONN_DEL, TSC, 1, SID, 3, 1000), -EPERM);
	assert_int_equal(ask_sid(CTL_CONN_DEL, TSC, 1, SID, 3, 0), -ENOENT);
	assert_string_equal(rsp.text,
			    "tid 1 session 844427031282176 cid 3: no such connection");
	assert_int_equal(ask_sid(CTL_CONN_DEL, TSC, 1, 5, 0, 0), -ENOENT);
	assert_string_equal(rsp.text, "tid 1: no session 5");
	assert_int_equal(ask_sid(CTL_CONN_DEL, TSC, 1, SID, 0, 0), 0);
	assert_int_equal(fake.nr_sessions, 0);

	session_add(1, SID, 0);
	assert_int_equal(ask_sid(CTL_SESSION_DEL, TS, 1, SID + 1, 0, 0), -ENOENT);
	assert_string_equal(rsp.text, "tid 1: no session 844427031282177");
	assert_int_equal(ask_sid(CTL_SESSION_DEL, TS, 1, SID, 0, 0), 0);
	assert_int_equal(fake.nr_sessions, 0);
	assert_int_equal(ask(CTL_TARGET_DEL, T, 1, 0, "", 0), 0);
	assert_null(store_sparams(&ietd_store, "iqn.x:a"));
}

/* --force: a LUN goes under sessions, which stay; a target ends them. */
static void test_force(void **state)
{
	const uint32_t tlf = TL | CTL_F_FORCE, tf = T | CTL_F_FORCE;

	assert_int_equal(ask(CTL_TARGET_NEW, T, 0, 0, "Name=iqn.x:a", 0), 0);
	assert_int_equal(ask(CTL_LUN_NEW, TL, 1, 0, "Type=nullio", 0), 0);
	assert_int_equal(ask(CTL_LUN_NEW, TL, 1, 1, "Type=nullio", 0), 0);
	session_add(1, SID, 0);
	assert_int_equal(ask(CTL_LUN_DEL, TL, 1, 1, "", 0), -EBUSY);
	assert_string_equal(rsp.text,
			    "tid 1: Lun 1: the target has sessions; delete them first (--sid, --cid) or add --force");
	assert_int_equal(fake.nr_luns, 2);
	assert_int_equal(ask(CTL_LUN_DEL, tlf, 1, 1, "", 1000), -EPERM);
	assert_int_equal(ask(CTL_LUN_DEL, tlf, 1, 1, "", 0), 0);
	assert_int_equal(fake.nr_luns, 1);
	assert_int_equal(fake.nr_sessions, 1);
	assert_int_equal(ask(CTL_LUN_DEL, tlf, 1, 1, "", 0), -ENOENT);
	assert_string_equal(rsp.text, "tid 1: no Lun 1");
	assert_int_equal(ask(CTL_TARGET_DEL, T, 1, 0, "", 0), -EBUSY);
	assert_int_equal(ask(CTL_TARGET_SHOW, tf, 1, 0, "", 0), -EINVAL);
	assert_string_equal(rsp.text,
			    "--force goes with --op delete --tid=N [--lun=L]");
	assert_int_equal(ask(CTL_TARGET_DEL, tf, 1, 0, "", 0), 0);
	assert_int_equal(fake.nr_sessions, 0);
	assert_int_equal(fake.nr_targets, 0);
	assert_int_equal(fake.nr_luns, 0);
}

static void test_sys_ops(void **state)
{
	assert_int_equal(ask(CTL_SYS_SHOW, 0, 0, 0, "", 1000), 0);
	assert_string_equal(rsp.text, "no targets\n");
	assert_int_equal(ask(CTL_TARGET_NEW, T, 0, 0, "Name=iqn.x:a", 0), 0);
	assert_int_equal(ask(CTL_TARGET_NEW, T, 0, 0, "Name=iqn.x:b", 0), 0);
	assert_int_equal(ask(CTL_LUN_NEW, TL, 1, 0, "Type=nullio", 0), 0);
	session_add(1, SID, 0);
	session_add(2, SID + 1, 0);
	assert_int_equal(ask(CTL_SYS_SHOW, 0, 0, 0, "", 0), 0);
	assert_non_null(strstr(rsp.text, "target 1 iqn.x:a\n\tLUN 0: nullio"));
	assert_non_null(strstr(rsp.text,
			       "\tsession 844427031282176 from iqn.x:ini\n"
			       "\t\tconnection 0 from 127.0.0.1, active\n"
			       "target 2 iqn.x:b\n\tsession "));
	assert_int_equal(ask(CTL_SYS_DEL, 0, 0, 0, "", 1000), -EPERM);
	assert_int_equal(fake.nr_targets, 2);
	assert_int_equal(ask(CTL_SYS_DEL, 0, 0, 0, "", 0), 0);
	assert_int_equal(fake.nr_targets, 0);
	assert_int_equal(fake.nr_sessions, 0);
	assert_int_equal(ask(CTL_VERSION, 0, 0, 0, "", 1000), 0);
	assert_non_null(strstr(rsp.text, "\niscsi_trgt version "));
}

static void test_user_ops(void **state)
{
	assert_int_equal(ask(CTL_TARGET_NEW, T, 0, 0, "Name=iqn.x:a", 0), 0);
	assert_int_equal(ask(CTL_USER_NEW, T, 1, 0,
			     "IncomingUser=joe,Password=secretsecret", 0), 0);
	assert_int_equal(ask(CTL_USER_NEW, T, 1, 0,
			     "IncomingUser=joe,Password=other", 0), -EEXIST);
	assert_string_equal(rsp.text, "tid 1: IncomingUser joe already exists");
	assert_int_equal(ask(CTL_USER_NEW, T, 1, 0,
			     "OutgoingUser=tgt,Password=pw", 0), 0);
	assert_int_equal(ask(CTL_USER_NEW, T, 1, 0,
			     "OutgoingUser=tgt2,Password=pw", 0), -EEXIST);
	assert_string_equal(rsp.text, "tid 1: there is an OutgoingUser already");
	assert_int_equal(ask(CTL_USER_NEW, 0, 0, 0,
			     "IncomingUser=disc,Password=pw", 0), 0);
	assert_int_equal(ask(CTL_USER_NEW, T, 3, 0,
			     "IncomingUser=x,Password=pw", 0), -ENOENT);
	assert_string_equal(rsp.text, "tid 3: no such target");
	assert_int_equal(store_nr_incoming(&ietd_store, "IQN.X:A"), 1);

	assert_int_equal(ask(CTL_USER_SHOW, T, 1, 0, "", 0), 0);
	assert_string_equal(rsp.text, "IncomingUser joe\nOutgoingUser tgt\n");
	assert_int_equal(ask(CTL_USER_SHOW, 0, 0, 0, "", 0), 0);
	assert_string_equal(rsp.text, "IncomingUser disc\n");
	assert_int_equal(ask(CTL_USER_SHOW, T, 1, 0, "IncomingUser=joe", 0), 0);
	assert_string_equal(rsp.text, "IncomingUser joe secretsecret\n");
	assert_int_equal(ask(CTL_USER_SHOW, T, 1, 0, "IncomingUser=Joe", 0),
			 -ENOENT);
	assert_string_equal(rsp.text, "tid 1: no IncomingUser Joe");

	assert_int_equal(ask(CTL_USER_DEL, T, 1, 0, "IncomingUser=joe", 1000),
			 -EPERM);
	assert_int_equal(ask(CTL_USER_DEL, T, 1, 0, "IncomingUser=joe", 0), 0);
	assert_int_equal(ask(CTL_USER_DEL, T, 1, 0, "IncomingUser=joe", 0),
			 -ENOENT);
	assert_string_equal(rsp.text, "tid 1: no IncomingUser joe");
	assert_int_equal(ask(CTL_USER_DEL, 0, 0, 0, "OutgoingUser=disc", 0),
			 -ENOENT);
	assert_string_equal(rsp.text, "discovery: no OutgoingUser disc");
	assert_int_equal(ask(CTL_USER_SHOW, T, 1, 0, "", 0), 0);
	assert_string_equal(rsp.text, "OutgoingUser tgt\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_fresh, setup),
		cmocka_unit_test_setup(test_again_changes_nothing, setup),
		cmocka_unit_test_setup(test_keeps_live, setup),
		cmocka_unit_test_setup(test_rollback, setup),
		cmocka_unit_test_setup(test_check_paths, setup),
		cmocka_unit_test_setup(test_target_ops, setup),
		cmocka_unit_test_setup(test_permissions, setup),
		cmocka_unit_test_setup(test_lun_ops, setup),
		cmocka_unit_test_setup(test_kernel_words, setup),
		cmocka_unit_test_setup(test_redirect, setup),
		cmocka_unit_test_setup(test_session_ops, setup),
		cmocka_unit_test_setup(test_force, setup),
		cmocka_unit_test_setup(test_sys_ops, setup),
		cmocka_unit_test_setup(test_user_ops, setup),
	};

	return cmocka_run_group_tests_name("apply", tests, NULL, NULL);
}
