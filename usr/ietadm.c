// SPDX-License-Identifier: GPL-2.0
/*
 * ietadm: IET's admin tool, same options, same exit status. It asks ietd
 * over the control socket (ctlmsg.h) and exits with the negative errno of
 * the answer as a byte (EINVAL 234, EEXIST 239, ENOENT 254, EPERM 255),
 * which scripts such as OpenStack Cinder's IET driver depend on.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "ctlmsg.h"
#include "ctlreq.h"
#include "iet_genl.h"
#include "lunparams.h"
#include "params.h"
#include "util.h"

#define ANSWER_TIMEOUT_S	60

static const struct option long_options[] = {
	{ "op", required_argument, NULL, 'o' },
	{ "tid", required_argument, NULL, 't' },
	{ "sid", required_argument, NULL, 's' },
	{ "cid", required_argument, NULL, 'c' },
	{ "lun", required_argument, NULL, 'l' },
	{ "redirect", required_argument, NULL, 'r' },
	{ "params", required_argument, NULL, 'p' },
	{ "user", no_argument, NULL, 'u' },
	{ "force", no_argument, NULL, 'f' },
	{ "version", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static void usage(void)
{
	printf("Usage: ietadm --op OPERATION [OPTION]...\n"
	       "Configure a running ietd.\n"
	       "\n"
	       "  --op new --tid=N --params Name=NAME\n"
	       "        add a target; --tid=0 takes the next free tid\n"
	       "  --op delete --tid=N [--force]\n"
	       "        delete a target; one with sessions only with --force,\n"
	       "        which ends them once their running commands are done\n"
	       "  --op show --tid=N\n"
	       "        print the target's parameters\n"
	       "  --op update --tid=N --params KEY=VALUE[,KEY=VALUE...]\n"
	       "        set target keys (Wthreads, QueuedCommands, NOPInterval,\n"
	       "        NOPTimeout) or session keys for later logins\n"
	       "  --op show --tid=N --sid=S\n"
	       "        print a session's parameters; --sid=0: the configured ones\n"
	       "  --op delete --tid=N --sid=S [--cid=C]\n"
	       "        end a session, or one of its connections\n"
	       "  --op delete\n"
	       "        end every session and delete every target\n"
	       "  --op show\n"
	       "        list every target, its LUNs and sessions\n"
	       "  --op new|delete|show [--tid=N] --user [--params=...]\n"
	       "        accounts: IncomingUser=NAME,Password=PW or\n"
	       "        OutgoingUser=NAME,Password=PW; without --tid, discovery's\n"
	       "  --op new --tid=N --lun=L --params Path=PATH[,Type=TYPE][,...]\n"
	       "        add a LUN: Type=fileio|blockio|nullio, ScsiId=, ScsiSN=,\n"
	       "        IOMode=wb|wt|ro, BlockSize=512|1024|2048|4096, Blocks=\n"
	       "  --op delete --tid=N --lun=L [--force]\n"
	       "        delete a LUN; of a target with sessions only with --force,\n"
	       "        once the commands using it are done (the sessions stay)\n"
	       "\n"
	       "  -o, --op=OP          new, delete, update or show\n"
	       "  -t, --tid=N          target id\n"
	       "  -s, --sid=N          session id, as in /proc/net/iet/session\n"
	       "  -c, --cid=N          connection id\n"
	       "  -l, --lun=N          logical unit number, 0 to %d\n"
	       "  -p, --params=LIST    KEY=VALUE pairs, separated by commas\n"
	       "  -r, --redirect=ADDR  redirect logins to ADDR[:PORT]\n"
	       "  -u, --user           act on accounts\n"
	       "  -f, --force          delete under sessions\n"
	       "  -v, --version        print the version and exit\n"
	       "  -h, --help           print this help and exit\n"
	       "\n"
	       "The exit status is 0, or the error number negated as a byte.\n",
	       IET_LUN_MAX);
}

/* Print "ietadm: ..." and return @err, the exit status to be. */
static int __printf(2, 3) fail(int err, const char *fmt, ...)
{
	va_list ap;

	fputs("ietadm: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return err;
}

static int parse_id(const char *opt, const char *arg, unsigned long long max,
		    unsigned long long *val)
{
	int err = param_parse_u64(arg, val);

	if (err == -EINVAL)
		return fail(-EINVAL, "%s: '%s' is not a number", opt, arg);
	if (err || *val > max)
		return fail(-EINVAL, "%s: %s is too large", opt, arg);
	return 0;
}

struct cmdline {
	struct ctl_args a;
	struct ctl_req req;
	const char *params;
	const char *redirect;
};

static int parse_option(int c, struct cmdline *cl)
{
	struct ctl_req *req = &cl->req;
	unsigned long long v;
	char msg[128];

	switch (c) {
	case 'o':
		cl->a.op = optarg;
		return 0;
	case 't':
		req->flags |= CTL_F_TID;
		if (parse_id("--tid", optarg, UINT32_MAX, &v))
			return -EINVAL;
		req->tid = v;
		return 0;
	case 's':
		req->flags |= CTL_F_SID;
		return parse_id("--sid", optarg, UINT64_MAX,
				(unsigned long long *)&req->sid);
	case 'c':
		req->flags |= CTL_F_CID;
		if (parse_id("--cid", optarg, UINT32_MAX, &v))
			return -EINVAL;
		req->cid = v;
		return 0;
	case 'l':
		req->flags |= CTL_F_LUN;
		if (lun_number_parse(optarg, &req->lun, msg, sizeof(msg)))
			return fail(-EINVAL, "--lun: %s", msg);
		return 0;
	case 'r':
		cl->redirect = optarg;
		return 0;
	case 'p':
		cl->params = optarg;
		return 0;
	case 'u':
		cl->a.user = true;
		return 0;
	case 'f':
		req->flags |= CTL_F_FORCE;
		return 0;
	}
	return -EINVAL;
}

/*
 * Returns 0 to go on, 1 to exit with 0, 2 to print the versions, or a
 * negative errno.
 */
static int parse_args(int argc, char **argv, struct cmdline *cl)
{
	int c, err;

	/* getopt's own messages take two lines; ours take one. */
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:t:s:c:l:r:p:ufvh", long_options,
				NULL)) != -1) {
		if (c == '?')
			return fail(-EINVAL, "unknown option '%s'; see ietadm --help",
				    argv[optind - 1]);
		if (c == ':')
			return fail(-EINVAL, "option '%s' needs a value",
				    argv[optind - 1]);
		if (c == 'v')
			return 2;
		if (c == 'h') {
			usage();
			return 1;
		}
		err = parse_option(c, cl);
		if (err)
			return err;
	}
	if (optind < argc)
		return fail(-EINVAL, "unexpected argument '%s'", argv[optind]);
	return 0;
}

/* Fill in the request and check it as ietd will. */
static int build_request(struct cmdline *cl)
{
	struct ctl_req *req = &cl->req;
	const char *text = cl->redirect ? cl->redirect : cl->params;
	char msg[512];
	int err;

	cl->a.flags = req->flags;
	cl->a.params = cl->params != NULL;
	cl->a.redirect = cl->redirect != NULL;
	err = ctl_classify(&cl->a, &req->op, msg, sizeof(msg));
	if (err)
		return fail(err, "%s", msg);
	if (text && strlen(text) >= sizeof(req->params))
		return fail(-EINVAL, "--params is longer than %zu bytes",
			    sizeof(req->params) - 1);
	if (text)
		strcpy(req->params, text);
	req->magic = CTL_MAGIC;
	err = ctl_check(req, msg, sizeof(msg));
	return err ? fail(err, "%s", msg) : 0;
}

static int ietd_connect(void)
{
	struct sockaddr_un addr;
	socklen_t len = ctl_addr(&addr);
	struct timeval tv = { .tv_sec = ANSWER_TIMEOUT_S };
	int fd, err;

	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return fail(-errno, "cannot reach ietd: %s", strerror(errno));
	if (connect(fd, (struct sockaddr *)&addr, len)) {
		err = -errno;
		close(fd);
		return fail(err, "cannot reach ietd: %s", strerror(-err));
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return fd;
}

static struct ctl_rsp rsp;

/* Send the request, print the answer, return its errno. */
static int ask(const struct ctl_req *req)
{
	ssize_t n;
	int fd;

	fd = ietd_connect();
	if (fd < 0)
		return fd;
	if (send(fd, req, sizeof(*req), MSG_NOSIGNAL) != sizeof(*req)) {
		close(fd);
		return fail(-errno, "cannot send to ietd: %s", strerror(errno));
	}
	n = recv(fd, &rsp, sizeof(rsp), 0);
	close(fd);
	if (n < 0)
		return fail(-errno, "no answer from ietd: %s", strerror(errno));
	if ((size_t)n <= CTL_RSP_HDR || rsp.magic != CTL_MAGIC)
		return fail(-EPROTO, "ietd answered in a protocol ietadm does not speak");
	rsp.text[n - CTL_RSP_HDR - 1] = '\0';
	if (rsp.err >= 0) {
		fputs(rsp.text, stdout);
		return 0;
	}
	return fail(rsp.err, "%s", *rsp.text ? rsp.text : strerror(-rsp.err));
}

/* Ours, then ietd's and the module's, which ietd asks the kernel for. */
static int print_versions(void)
{
	struct ctl_req req = { .magic = CTL_MAGIC, .op = CTL_VERSION };

	printf("ietadm version %s\n", IET_VERSION);
	fflush(stdout);
	ask(&req);
	return 0;
}

int main(int argc, char **argv)
{
	struct cmdline cl;
	int err;

	memset(&cl, 0, sizeof(cl));
	err = parse_args(argc, argv, &cl);
	if (err == 2)
		return print_versions();
	if (err > 0)
		return 0;
	if (!err)
		err = build_request(&cl);
	if (!err)
		err = ask(&cl.req);
	/* IET's exit status: the negative errno, truncated to a byte. */
	return err & 0xff;
}
