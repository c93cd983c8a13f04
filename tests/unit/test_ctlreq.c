// SPDX-License-Identifier: GPL-2.0
/*
 * Which request an ietadm command line makes, and the checks both ietadm
 * and ietd run on it (usr/ctlreq.c).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "ctlreq.h"

static char msg[512];

#define T	CTL_F_TID
#define L	CTL_F_LUN
#define S	CTL_F_SID
#define C	CTL_F_CID

static int classify(const char *op, uint32_t flags, bool user, bool params,
		    bool redirect, uint32_t *out)
{
	struct ctl_args a = {
		.op = op, .flags = flags, .user = user, .params = params,
		.redirect = redirect,
	};

	*out = 0;
	msg[0] = '\0';
	return ctl_classify(&a, out, msg, sizeof(msg));
}

static void is(const char *op, uint32_t flags, bool user, uint32_t want)
{
	uint32_t got;

	assert_int_equal(classify(op, flags, user, false, false, &got), 0);
	assert_int_equal(got, want);
}

static void refused(const char *op, uint32_t flags, bool user, int err,
		    const char *want)
{
	uint32_t got;

	assert_int_equal(classify(op, flags, user, false, false, &got), err);
	assert_string_equal(msg, want);
}

/* The most specific option decides, as in IET. */
static void test_classify(void **state)
{
	uint32_t op;

	is("new", T, false, CTL_TARGET_NEW);
	is("new", T | L, false, CTL_LUN_NEW);
	is("new", L, false, CTL_LUN_NEW);
	is("new", T | L, true, CTL_USER_NEW);
	is("new", 0, true, CTL_USER_NEW);
	is("delete", T, false, CTL_TARGET_DEL);
	is("delete", T | L, false, CTL_LUN_DEL);
	is("delete", T | S, false, CTL_SESSION_DEL);
	is("delete", T | S | C, false, CTL_CONN_DEL);
	is("delete", 0, false, CTL_SYS_DEL);
	is("delete", T, true, CTL_USER_DEL);
	is("update", T, false, CTL_TARGET_UPDATE);
	is("show", T, false, CTL_TARGET_SHOW);
	is("show", T | S, false, CTL_SESSION_SHOW);
	is("show", T | S | C, false, CTL_CONN_SHOW);
	is("show", 0, true, CTL_USER_SHOW);
	is("show", 0, false, CTL_SYS_SHOW);
	assert_int_equal(classify("update", T, false, false, true, &op), 0);
	assert_int_equal(op, CTL_TARGET_REDIRECT);
}

static void test_classify_errors(void **state)
{
	uint32_t op;

	refused(NULL, T, false, -EINVAL,
		"--op is required: new, delete, update or show");
	refused("create", T, false, -EINVAL,
		"unknown --op 'create': use new, delete, update or show");
	refused("New", T, false, -EINVAL,
		"unknown --op 'New': use new, delete, update or show");
	refused("new", 0, false, -EINVAL, "--op new needs --tid");
	refused("new", T | S, false, -EINVAL,
		"--op new adds targets, LUNs and accounts, not sessions or connections");
	refused("update", 0, false, -EINVAL, "--op update needs --tid");
	refused("update", T | L, false, -EOPNOTSUPP,
		"a LUN cannot be updated: delete it and add it again");
	refused("update", T, true, -EINVAL,
		"accounts cannot be updated: delete the account and add it again");
	refused("update", T | S, false, -EINVAL,
		"--op update changes targets; sessions negotiate their parameters at login");
	refused("show", T | L, false, -EINVAL,
		"--op show does not show LUNs: read /proc/net/iet/volume");
	assert_int_equal(classify("new", T, false, false, true, &op), -EINVAL);
	assert_string_equal(msg, "--redirect goes with --op update");
	assert_int_equal(classify("update", T, false, true, true, &op), -EINVAL);
	assert_string_equal(msg, "--redirect and --params do not go together");
}

static int check(uint32_t op, uint32_t flags, const char *params)
{
	struct ctl_req req = {
		.magic = CTL_MAGIC, .op = op, .flags = flags, .lun = 3,
	};

	snprintf(req.params, sizeof(req.params), "%s", params);
	msg[0] = '\0';
	return ctl_check(&req, msg, sizeof(msg));
}

static void test_check_ids(void **state)
{
	assert_int_equal(check(CTL_TARGET_SHOW, T, ""), 0);
	assert_int_equal(check(CTL_LUN_NEW, T, "Type=nullio"), -EINVAL);
	assert_string_equal(msg, "--lun is required here");
	assert_int_equal(check(CTL_LUN_DEL, L, ""), -EINVAL);
	assert_string_equal(msg, "--tid is required here");
	assert_int_equal(check(CTL_SESSION_DEL, T, ""), -EINVAL);
	assert_string_equal(msg, "--sid is required here");
	assert_int_equal(check(CTL_CONN_DEL, T | S, ""), -EINVAL);
	assert_string_equal(msg, "--cid is required here");
	assert_int_equal(check(CTL_SYS_DEL, 0, ""), 0);
	assert_int_equal(check(0, T, ""), -EINVAL);
	assert_string_equal(msg, "unknown request 0");
	assert_int_equal(check(__CTL_OP_MAX, T, ""), -EINVAL);
}

static void test_check_params(void **state)
{
	assert_int_equal(check(CTL_TARGET_NEW, T, "Name=iqn.x:a"), 0);
	assert_int_equal(check(CTL_TARGET_NEW, T, "name=iqn.x:a"), 0);
	assert_int_equal(check(CTL_TARGET_NEW, T, ""), -EINVAL);
	assert_string_equal(msg,
			    "a new target takes one parameter: --params Name=<target name>");
	assert_int_equal(check(CTL_TARGET_NEW, T, "Alias=x"), -EINVAL);
	assert_int_equal(check(CTL_TARGET_NEW, T, "Name=a,Name=b"), -EINVAL);
	assert_int_equal(check(CTL_TARGET_NEW, T, "Name="), -EINVAL);
	assert_string_equal(msg, "the target name is empty");

	assert_int_equal(check(CTL_TARGET_UPDATE, T,
			       "Wthreads=128,QueuedCommands=1,NOPTimeout=90"),
			 0);
	assert_int_equal(check(CTL_TARGET_UPDATE, T,
			       "MaxRecvDataSegmentLength=65536,HeaderDigest=None,CRC32C"),
			 0);
	assert_int_equal(check(CTL_TARGET_UPDATE, T, ""), -EINVAL);
	assert_string_equal(msg, "nothing to update: give --params");
	assert_int_equal(check(CTL_TARGET_UPDATE, T, "Foo=1"), -EINVAL);
	assert_string_equal(msg, "unknown parameter 'Foo'");
	assert_int_equal(check(CTL_TARGET_UPDATE, T, "QueuedCommands=257"),
			 -EINVAL);
	assert_string_equal(msg,
			    "QueuedCommands: 257 is above the maximum 256");
	assert_int_equal(check(CTL_TARGET_UPDATE, T, "Wthreads=2,wthreads=3"),
			 -EINVAL);
	assert_string_equal(msg, "Wthreads is given twice");
	assert_int_equal(check(CTL_TARGET_UPDATE, T, "Wthreads"), -EINVAL);
	assert_string_equal(msg, "'Wthreads' is not key=value");

	assert_int_equal(check(CTL_LUN_NEW, T | L, "Path=/dev/sdb,Type=blockio"),
			 0);
	assert_int_equal(check(CTL_LUN_NEW, T | L, "Type=blockio"), -EINVAL);
	assert_string_equal(msg, "Lun 3: Type=blockio needs a Path");
	assert_int_equal(check(CTL_LUN_NEW, T | L, ""), -EINVAL);
	assert_string_equal(msg, "Lun 3: no LUN parameters (Path=..,Type=..)");

	assert_int_equal(check(CTL_TARGET_DEL, T, "Name=x"), -EINVAL);
	assert_string_equal(msg, "this operation takes no --params");
	assert_int_equal(check(CTL_TARGET_SHOW, T, ""), 0);
}

static struct ctl_user u;

static int user(uint32_t op, const char *params)
{
	msg[0] = '\0';
	return ctl_user_parse(op, params, &u, msg, sizeof(msg));
}

static void test_user_params(void **state)
{
	assert_int_equal(user(CTL_USER_NEW, "IncomingUser=joe,Password=pw"), 0);
	assert_int_equal(u.dir, USER_INCOMING);
	assert_string_equal(u.name, "joe");
	assert_string_equal(u.password, "pw");
	assert_int_equal(user(CTL_USER_NEW, "password=pw,outgoinguser=t"), 0);
	assert_int_equal(u.dir, USER_OUTGOING);
	assert_string_equal(u.name, "t");
	assert_int_equal(user(CTL_USER_NEW, "IncomingUser=joe"), -EINVAL);
	assert_string_equal(msg, "a new account needs a Password");
	assert_int_equal(user(CTL_USER_NEW, "Password=pw"), -EINVAL);
	assert_string_equal(msg,
			    "name the account: --params IncomingUser=NAME or OutgoingUser=NAME");
	assert_int_equal(user(CTL_USER_NEW,
			      "IncomingUser=a,OutgoingUser=b,Password=p"),
			 -EINVAL);
	assert_string_equal(msg, "give one IncomingUser or OutgoingUser");
	assert_int_equal(user(CTL_USER_NEW, "IncomingUser=a,Password=p,Password=q"),
			 -EINVAL);
	assert_string_equal(msg, "Password is given twice");
	assert_int_equal(user(CTL_USER_NEW, "IncomingUser=,Password=p"), -EINVAL);
	assert_string_equal(msg, "IncomingUser must have 1 to 255 characters");
	assert_int_equal(user(CTL_USER_NEW, "User=a,Password=p"), -EINVAL);
	assert_string_equal(msg,
			    "unknown account parameter 'User': use IncomingUser, OutgoingUser or Password");

	assert_int_equal(user(CTL_USER_DEL, "IncomingUser=joe"), 0);
	assert_int_equal(user(CTL_USER_DEL, ""), -EINVAL);
	assert_int_equal(user(CTL_USER_DEL, "IncomingUser=joe,Password=x"),
			 -EINVAL);
	assert_string_equal(msg, "Password goes with --op new only");
	assert_int_equal(user(CTL_USER_SHOW, ""), 0);
	assert_string_equal(u.name, "");
	assert_int_equal(user(CTL_USER_SHOW, "OutgoingUser=t"), 0);
	assert_int_equal(check(CTL_USER_NEW, 0, "IncomingUser=joe"), -EINVAL);
	assert_string_equal(msg, "a new account needs a Password");
	assert_int_equal(check(CTL_SYS_SHOW, 0, ""), 0);
	assert_int_equal(check(CTL_SYS_SHOW, 0, "a=b"), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classify),
		cmocka_unit_test(test_classify_errors),
		cmocka_unit_test(test_check_ids),
		cmocka_unit_test(test_check_params),
		cmocka_unit_test(test_user_params),
	};

	return cmocka_run_group_tests_name("ctlreq", tests, NULL, NULL);
}
