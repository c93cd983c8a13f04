// SPDX-License-Identifier: GPL-2.0
/*
 * ietnl: sends one raw command of the "iet" generic netlink family and
 * prints the kernel's answer, so tests can reach the module without ietd
 * (permissions, strict attribute validation).
 *
 *   ietnl [-r] COMMAND [dump] [ATTR=VALUE ...]
 *   ietnl ops
 *
 * COMMAND is a name of commands[] below (new-target, get-lun ...) or a
 * number. ATTR is a name below, put with its type, or a number of enum
 * iet_attr, put as a u32 whatever it should be. Prints "0" or "-ERRNO
 * message" and exits 0 or ERRNO; with -r, every message of the answer
 * goes to stdout first as it came, bytes and all, for tests that look
 * for what must not be in it.
 *
 * "ops" prints the family's operations as the kernel's generic netlink
 * controller lists them, one a line: number, name, then "do", "dump"
 * and "admin" (GENL_ADMIN_PERM) as they apply.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include "iet_genl.h"

static int answer;
static int raw;

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *err, void *arg)
{
	answer = err->error;
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	return NL_STOP;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);

	if (raw)
		fwrite(nlh, 1, nlh->nlmsg_len, stdout);
	return NL_OK;
}

static const char *const commands[] = {
	[IET_CMD_GET_VERSION] = "get-version",
	[IET_CMD_NEW_TARGET] = "new-target",
	[IET_CMD_DEL_TARGET] = "del-target",
	[IET_CMD_SET_TARGET] = "set-target",
	[IET_CMD_GET_TARGET] = "get-target",
	[IET_CMD_NEW_LUN] = "new-lun",
	[IET_CMD_DEL_LUN] = "del-lun",
	[IET_CMD_GET_LUN] = "get-lun",
	[IET_CMD_NEW_CONN] = "new-conn",
	[IET_CMD_DEL_CONN] = "del-conn",
	[IET_CMD_DEL_SESSION] = "del-session",
	[IET_CMD_GET_SESSION] = "get-session",
};

/* A name of commands[], or a number for one the module may not know. */
static int command(const char *arg)
{
	size_t i;

	for (i = 1; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (commands[i] && !strcmp(commands[i], arg))
			return i;
	return atoi(arg);
}

enum kind { U8, U32, U64, STR, FLAG };

static const struct {
	const char *name;
	int type;
	enum kind kind;
} attrs[] = {
	{ "version", IET_A_VERSION, STR },
	{ "tid", IET_A_TID, U32 },
	{ "name", IET_A_TARGET_NAME, STR },
	{ "wthreads", IET_A_WTHREADS, U32 },
	{ "queued", IET_A_QUEUED_CMDS, U32 },
	{ "lun", IET_A_LUN, U32 },
	{ "type", IET_A_LUN_TYPE, U8 },
	{ "path", IET_A_LUN_PATH, STR },
	{ "iomode", IET_A_LUN_IOMODE, U8 },
	{ "blocksize", IET_A_LUN_BLOCKSIZE, U32 },
	{ "blocks", IET_A_LUN_BLOCKS, U64 },
	{ "state", IET_A_LUN_STATE, U8 },
	{ "force", IET_A_FORCE, FLAG },
};

/* NAME=VALUE with NAME from attrs[], or NUMBER=VALUE for a raw u32. */
static int put_attr(struct nl_msg *msg, const char *arg)
{
	const char *eq = strchr(arg, '=');
	enum kind kind = U32;
	char *end;
	int type;
	size_t i;

	if (!eq)
		return -1;
	type = strtol(arg, &end, 10);
	if (end != eq || type <= 0 || type > 1000) {
		for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++)
			if (strlen(attrs[i].name) == (size_t)(eq - arg) &&
			    !strncmp(attrs[i].name, arg, eq - arg))
				break;
		if (i == sizeof(attrs) / sizeof(attrs[0]))
			return -1;
		type = attrs[i].type;
		kind = attrs[i].kind;
	}
	eq++;
	switch (kind) {
	case U8:
		return nla_put_u8(msg, type, strtoul(eq, NULL, 0));
	case U64:
		return nla_put_u64(msg, type, strtoull(eq, NULL, 0));
	case STR:
		return nla_put_string(msg, type, eq);
	case FLAG:
		return nla_put_flag(msg, type);
	default:
		return nla_put_u32(msg, type, strtoul(eq, NULL, 0));
	}
}

static const char *command_name(int cmd)
{
	int n = sizeof(commands) / sizeof(commands[0]);

	return cmd > 0 && cmd < n && commands[cmd] ? commands[cmd] : "unknown";
}

static void print_op(struct nlattr *op)
{
	struct nlattr *tb[CTRL_ATTR_OP_MAX + 1];
	uint32_t id, flags;

	if (nla_parse_nested(tb, CTRL_ATTR_OP_MAX, op, NULL) ||
	    !tb[CTRL_ATTR_OP_ID])
		return;
	id = nla_get_u32(tb[CTRL_ATTR_OP_ID]);
	flags = tb[CTRL_ATTR_OP_FLAGS] ? nla_get_u32(tb[CTRL_ATTR_OP_FLAGS]) : 0;
	printf("%u %s%s%s%s\n", id, command_name(id),
	       flags & GENL_CMD_CAP_DO ? " do" : "",
	       flags & GENL_CMD_CAP_DUMP ? " dump" : "",
	       flags & GENL_ADMIN_PERM ? " admin" : "");
}

static int on_family(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[CTRL_ATTR_MAX + 1], *op;
	int rem;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, CTRL_ATTR_MAX, NULL) ||
	    !tb[CTRL_ATTR_OPS])
		return NL_SKIP;
	nla_for_each_nested(op, tb[CTRL_ATTR_OPS], rem)
		print_op(op);
	return NL_OK;
}

/* The controller's own list: what the kernel would run, not our table. */
static int list_ops(struct nl_sock *sk)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg || !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, GENL_ID_CTRL,
				 0, 0, CTRL_CMD_GETFAMILY, 1) ||
	    nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, IET_GENL_NAME))
		return 2;
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, on_family, NULL);
	if (nl_send_auto(sk, msg) < 0 || nl_recvmsgs_default(sk) < 0) {
		fprintf(stderr, "ietnl: the controller does not answer\n");
		return 2;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct nl_sock *sk = nl_socket_alloc();
	struct nl_msg *msg = nlmsg_alloc();
	int family, flags = 0, i = 2;

	if (argc > 1 && !strcmp(argv[1], "-r")) {
		raw = 1;
		argc--;
		argv++;
	}
	if (argc < 2 || !sk || !msg) {
		fprintf(stderr, "usage: ietnl [-r] COMMAND [dump] [ATTR=VALUE ...] | ietnl ops\n");
		return 2;
	}
	if (genl_connect(sk) < 0) {
		fprintf(stderr, "ietnl: cannot open a netlink socket\n");
		return 2;
	}
	if (!strcmp(argv[1], "ops"))
		return list_ops(sk);
	family = genl_ctrl_resolve(sk, IET_GENL_NAME);
	if (family < 0) {
		fprintf(stderr, "ietnl: no generic netlink family '%s'\n",
			IET_GENL_NAME);
		return 2;
	}
	if (argc > 2 && !strcmp(argv[2], "dump")) {
		flags = NLM_F_DUMP;
		i++;
	}
	genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, flags,
		    command(argv[1]), IET_GENL_VERSION);
	for (; i < argc; i++) {
		if (put_attr(msg, argv[i])) {
			fprintf(stderr, "ietnl: bad attribute '%s'\n", argv[i]);
			return 2;
		}
	}
	nl_socket_modify_err_cb(sk, NL_CB_CUSTOM, on_error, NULL);
	nl_socket_modify_cb(sk, NL_CB_ACK, NL_CB_CUSTOM, on_ack, NULL);
	nl_socket_modify_cb(sk, NL_CB_FINISH, NL_CB_CUSTOM, on_ack, NULL);
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, on_valid, NULL);
	if (nl_send_auto(sk, msg) < 0) {
		fprintf(stderr, "ietnl: send failed\n");
		return 2;
	}
	nl_recvmsgs_default(sk);
	printf("%d%s%s\n", answer, answer ? " " : "",
	       answer ? strerror(-answer) : "");
	return -answer;
}
