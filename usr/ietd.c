// SPDX-License-Identifier: GPL-2.0
/*
 * ietd: reads ietd.conf, makes iscsi_trgt.ko hold its targets and LUNs,
 * logs initiators in and hands their connections to the kernel, serves
 * discovery sessions, and serves ietadm.
 *
 * Startup checks everything it can before it changes anything: the whole
 * file is parsed and every LUN's Path looked at first, and a failure while
 * applying takes back what this run added. Targets live in the kernel, so
 * a restart finds them and adds only what is missing; exiting leaves them.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <syslog.h>
#include <unistd.h>

#include "allowfile.h"
#include "apply.h"
#include "config.h"
#include "ctl.h"
#include "daemon.h"
#include "dhcp.h"
#include "evloop.h"
#include "http.h"
#include "iet_genl.h"
#include "iscsi_proto.h"
#include "kernel.h"
#include "live.h"
#include "log.h"
#include "params.h"
#include "portal.h"
#include "prdir.h"
#include "privs.h"
#include "tftp.h"
#include "reload_apply.h"

#define CONFIG_FILE		"/etc/iet/ietd.conf"
#define OLD_CONFIG_FILE		"/etc/ietd.conf"
#define PID_FILE		"/run/ietd.pid"

struct options {
	const char *config;	/* NULL: the default places */
	bool foreground;
	int debug;
	uid_t uid;
	gid_t gid;
	/* The address iSCSI logins are taken on; NULL: every address. */
	const char *address;
	unsigned int port;
	const char *pidfile;
	const char *allow_dir;	/* of initiators.allow and targets.allow */
	const char *state_dir;	/* of what outlives ietd: APTPL files */
	bool test;		/* check the configuration and exit */
};

enum { OPT_PIDFILE = 256, OPT_ALLOW_DIR, OPT_STATE_DIR };

static const struct option long_options[] = {
	{ "config", required_argument, NULL, 'c' },
	{ "foreground", no_argument, NULL, 'f' },
	{ "debug", required_argument, NULL, 'd' },
	{ "uid", required_argument, NULL, 'u' },
	{ "gid", required_argument, NULL, 'g' },
	{ "address", required_argument, NULL, 'a' },
	{ "port", required_argument, NULL, 'p' },
	{ "pidfile", required_argument, NULL, OPT_PIDFILE },
	{ "allow-dir", required_argument, NULL, OPT_ALLOW_DIR },
	{ "state-dir", required_argument, NULL, OPT_STATE_DIR },
	{ "test", no_argument, NULL, 't' },
	{ "version", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: ietd [OPTION]...\n"
		"The iSCSI target daemon: configures iscsi_trgt.ko from ietd.conf, logs\n"
		"initiators in, serves discovery sessions and ietadm.\n"
		"\n"
		"  -c, --config=FILE   read FILE instead of " CONFIG_FILE "\n"
		"  -f, --foreground    stay in the foreground, log to stderr\n"
		"  -d, --debug=LEVEL   on stderr, say what ietd does (1) and more (2+)\n"
		"  -u, --uid=USER      run as USER, keeping CAP_NET_ADMIN\n"
		"  -g, --gid=GROUP     run as GROUP\n"
		"  -a, --address=ADDR  take iSCSI logins on ADDR only (default: every\n"
		"                      IPv4 and IPv6 address)\n"
		"  -p, --port=PORT     the port for iSCSI logins (default %d)\n"
		"      --pidfile=FILE  the pid file (default " PID_FILE ")\n"
		"      --allow-dir=DIR read initiators.allow and targets.allow in DIR\n"
		"                      (default " ALLOW_DIR ")\n"
		"      --state-dir=DIR keep persistent reservations (APTPL) in DIR/pr\n"
		"                      (default " STATE_DIR ")\n"
		"  -t, --test          check the configuration, its paths included,\n"
		"                      and exit without touching the kernel\n"
		"  -v, --version       print the version and exit\n"
		"  -h, --help          print this help and exit\n",
		ISCSI_PORT);
}

static int bad_option(const char *opt, const char *arg, const char *why)
{
	fprintf(stderr, "ietd: %s '%s': %s\n", opt, arg, why);
	return -EINVAL;
}

static int parse_number(const char *opt, const char *arg, unsigned int max,
			unsigned int *val)
{
	unsigned long long v;

	if (param_parse_u64(arg, &v) || v > max)
		return bad_option(opt, arg, "not a number in range");
	*val = v;
	return 0;
}

static int parse_option(int c, struct options *o)
{
	unsigned int v;

	switch (c) {
	case 'c':
		o->config = optarg;
		return 0;
	case 'f':
		o->foreground = true;
		return 0;
	case 'd':
		if (parse_number("--debug", optarg, 100, &v))
			return -EINVAL;
		o->debug = v;
		return 0;
	case 'u':
		return privs_parse_user(optarg, &o->uid) ?
			bad_option("--uid", optarg, "no such user") : 0;
	case 'g':
		return privs_parse_group(optarg, &o->gid) ?
			bad_option("--gid", optarg, "no such group") : 0;
	case 'a':
		o->address = optarg;
		return 0;
	case 'p':
		if (parse_number("--port", optarg, 65535, &o->port) ||
		    !o->port)
			return bad_option("--port", optarg, "not a port");
		return 0;
	case OPT_PIDFILE:
		o->pidfile = optarg;
		return 0;
	case OPT_ALLOW_DIR:
		o->allow_dir = optarg;
		return 0;
	case OPT_STATE_DIR:
		o->state_dir = optarg;
		return 0;
	case 't':
		o->test = true;
		return 0;
	}
	return -EINVAL;
}

/* Returns 0 to go on, or 1 + the exit status. */
static int parse_args(int argc, char **argv, struct options *o)
{
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":c:fd:u:g:a:p:tvh", long_options,
				NULL)) != -1) {
		if (c == '?' || c == ':') {
			fprintf(stderr, "ietd: %s option '%s'\n",
				c == '?' ? "unknown" : "a value is missing after",
				argv[optind - 1]);
			goto bad;
		}
		if (c == 'v') {
			printf("ietd version %s\n", IET_VERSION);
			return 1;
		}
		if (c == 'h') {
			usage(stdout);
			return 1;
		}
		if (parse_option(c, o))
			goto bad;
	}
	if (optind == argc)
		return 0;
	fprintf(stderr, "ietd: unexpected argument '%s'\n", argv[optind]);
bad:
	fprintf(stderr, "Try 'ietd --help' for more information.\n");
	return 2;
}

/*
 * -c FILE, else /etc/iet/ietd.conf, else IET's old place, else, at start
 * only, nothing.
 */
static int load_config(const struct options *o, struct config *cfg,
		       bool at_start)
{
	char err[1024];
	int ret;

	if (o->config) {
		ret = config_load(cfg, o->config, err, sizeof(err));
	} else {
		ret = config_load(cfg, CONFIG_FILE, err, sizeof(err));
		if (ret == -ENOENT) {
			ret = config_load(cfg, OLD_CONFIG_FILE, err,
					  sizeof(err));
			if (!ret)
				log_warn("%s is deprecated; move it to %s",
					 OLD_CONFIG_FILE, CONFIG_FILE);
		}
		/* A file gone since the start is a slip, not "no targets". */
		if (ret == -ENOENT && !at_start) {
			snprintf(err, sizeof(err), "%s: %s", CONFIG_FILE,
				 strerror(ENOENT));
		} else if (ret == -ENOENT) {
			log_debug(1, "no %s: starting with no targets",
				  CONFIG_FILE);
			ret = config_parse(cfg, CONFIG_FILE, "", 0, err,
					   sizeof(err));
		}
	}
	if (ret)
		log_located(LOG_ERR, err);
	return ret;
}

static void report_config(const struct config *cfg)
{
	unsigned int i;

	for (i = 0; i < cfg->nr_warnings; i++)
		log_located(LOG_WARNING, cfg->warnings[i]);
	if (cfg->isns_server)
		log_warn("%s: iSNS is not supported; iSNSServer %s is ignored",
			 cfg->file, cfg->isns_server);
}

static const struct options *options;
/* The file in force after a reload; until the first, main()'s. */
static struct config *reloaded;

static void config_put(struct config *cfg)
{
	if (cfg)
		config_free(cfg);
	free(cfg);
}

/* Read and check ietd.conf, then the access files, as a start does. */
static struct config *reload_read(void)
{
	struct config *cfg = calloc(1, sizeof(*cfg));
	char err[1024];

	if (!cfg) {
		log_error("reload: out of memory");
		return NULL;
	}
	if (load_config(options, cfg, false))
		goto bad;
	report_config(cfg);
	if (apply_check_paths(cfg, err, sizeof(err))) {
		log_located(LOG_ERR, err);
		goto bad;
	}
	if (allow_files_reload())
		goto bad;
	return cfg;
bad:
	config_put(cfg);
	return NULL;
}

/*
 * SIGHUP: apply what changed in the files (reload_apply.h). A mistake
 * found before the kernel is touched changes nothing at all.
 */
static void sighup(void)
{
	struct reload_stats st;
	struct config *cfg;
	char err[1024];

	log_info("SIGHUP: reading the configuration again");
	cfg = reload_read();
	if (!cfg) {
		log_error("reload: nothing changed");
		return;
	}
	if (reload_apply(live_kern(), live_config(), cfg, &st, err,
			 sizeof(err))) {
		log_located(LOG_ERR, err);
		log_error("reload: %s not applied; only the access files were read again",
			  cfg->file);
		config_put(cfg);
		return;
	}
	tftp_reloaded(cfg);
	http_reloaded(live_config(), cfg);
	dhcp_reloaded(cfg);
	/* Logins read it from now on: the old one may go. */
	live_config_set(cfg);
	config_put(reloaded);
	reloaded = cfg;
}

static void on_signal(struct watch *w, uint32_t events __maybe_unused)
{
	struct signalfd_siginfo si;

	while (read(w->fd, &si, sizeof(si)) == sizeof(si)) {
		if (si.ssi_signo == SIGHUP) {
			sighup();
			continue;
		}
		log_info("%s: exiting", strsignal(si.ssi_signo));
		evloop_stop(0);
	}
}

static struct watch signals = { .fd = -1, .fn = on_signal };

static void signals_set(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGHUP);
}

/*
 * From the start, so that a SIGTERM while the configuration is being
 * applied waits for the event loop instead of leaving half of it.
 */
static void signals_block(void)
{
	sigset_t set;

	signal(SIGPIPE, SIG_IGN);
	signals_set(&set);
	sigprocmask(SIG_BLOCK, &set, NULL);
}

static int signals_init(void)
{
	sigset_t set;

	signals_set(&set);
	signals.fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (signals.fd < 0)
		return -errno;
	return evloop_add(&signals, EPOLLIN);
}

/*
 * The kernel link, and the configuration applied to it. Without a state
 * directory the LUNs still work; only APTPL is refused.
 */
static int kernel_setup(const struct options *o, const struct config *cfg,
			struct kern **k)
{
	char err[1024];
	int ret, fd;

	ret = kern_open(k, err, sizeof(err));
	if (ret) {
		log_error("%s", err);
		return ret;
	}
	fd = prdir_open(o->state_dir, err, sizeof(err));
	if (fd < 0)
		log_warn("%s: persistent reservations cannot outlive a restart (APTPL refused)",
			 err);
	kern_set_pr_dir(*k, fd);
	ret = apply_config(*k, cfg, err, sizeof(err));
	if (ret) {
		log_located(LOG_ERR, err);
		kern_close(*k);
		*k = NULL;
	}
	return ret;
}

/*
 * The sessions the kernel runs, so that no TSIH of theirs is given out
 * again, then the portals, while ietd may still bind to port 3260.
 */
static int iscsi_setup(const struct options *o, const struct config *cfg,
		       struct kern *k)
{
	char err[256];
	int ret;

	ret = live_init(k, cfg);
	if (ret) {
		log_error("cannot read the kernel's sessions: %s",
			  strerror(-ret));
		return ret;
	}
	ret = portal_open(o->address, o->port, err, sizeof(err));
	/* HTTPListen is bound at start only, like the portals. */
	if (!ret && cfg->boot.listen)
		ret = http_open(cfg->boot.listen, o->port, err, sizeof(err));
	/* And TFTP's, on port 69 that needs root, and proxyDHCP's. */
	if (!ret)
		ret = tftp_open(cfg, err, sizeof(err));
	if (!ret)
		ret = dhcp_open(cfg, err, sizeof(err));
	if (ret)
		log_error("%s", err);
	return ret;
}

/* Detach, write the pid, drop privileges: errors still reach stderr. */
static int become_daemon(const struct options *o, int pidfd)
{
	char err[256];
	int ret;

	if (!o->foreground) {
		ret = daemon_start();
		if (ret) {
			log_error("cannot become a daemon: %s", strerror(-ret));
			return ret;
		}
	}
	ret = pidfile_write(pidfd, err, sizeof(err));
	if (!ret)
		ret = privs_drop(o->uid, o->gid, err, sizeof(err));
	if (ret)
		log_error("%s", err);
	return ret;
}

static int serve(const struct options *o, struct kern *k)
{
	int ret;

	options = o;
	ret = evloop_init();
	if (!ret)
		ret = signals_init();
	if (!ret)
		ret = ctl_start(k);
	if (!ret)
		ret = portal_start();
	if (!ret)
		ret = tftp_start();
	if (!ret)
		ret = http_start();
	if (!ret)
		ret = dhcp_start();
	if (ret) {
		log_error("cannot start the event loop: %s", strerror(-ret));
		return 1;
	}
	if (!o->foreground) {
		log_detach();
		daemon_ready();
	}
	log_info("version %s ready", IET_VERSION);
	ret = evloop_run();
	evloop_exit();
	return ret;
}

static int run(const struct options *o, const struct config *cfg)
{
	struct kern *k = NULL;
	int pidfd, ret, ret2;
	char err[1024];

	pidfd = pidfile_lock(o->pidfile, err, sizeof(err));
	if (pidfd < 0) {
		log_error("%s", err);
		return 1;
	}
	ret = ctl_open(err, sizeof(err));
	if (ret)
		log_error("%s", err);
	if (!ret)
		ret = kernel_setup(o, cfg, &k);
	if (!ret)
		ret = iscsi_setup(o, cfg, k);
	if (!ret)
		ret = become_daemon(o, pidfd);
	ret = ret ? 1 : serve(o, k);
	http_close();
	portal_close();
	tftp_close();
	dhcp_close();
	live_exit();
	config_put(reloaded);
	reloaded = NULL;
	ctl_close();
	kern_close(k);
	ret2 = pidfile_remove(o->pidfile, pidfd);
	if (ret2)
		log_warn("cannot remove %s: %s", o->pidfile, strerror(-ret2));
	return ret;
}

int main(int argc, char **argv)
{
	struct options o = {
		.uid = (uid_t)-1, .gid = (gid_t)-1,
		.port = ISCSI_PORT, .pidfile = PID_FILE, .allow_dir = ALLOW_DIR,
		.state_dir = STATE_DIR,
	};
	struct config cfg;
	char err[1024];
	int ret;

	ret = parse_args(argc, argv, &o);
	if (ret)
		return ret - 1;
	signals_block();
	/* A check answers whoever ran it, on stderr. */
	log_init("ietd", o.debug, !o.foreground && !o.test);
	log_debug(1, "portal %s:%u", o.address ? o.address : "*", o.port);
	if (load_config(&o, &cfg, true))
		return 1;
	report_config(&cfg);
	ret = apply_check_paths(&cfg, err, sizeof(err));
	if (!ret)
		ret = allow_files_load(o.allow_dir, err, sizeof(err));
	if (ret) {
		log_located(LOG_ERR, err);
		config_free(&cfg);
		return 1;
	}
	if (o.test) {
		printf("%s: ok, %u target%s\n", cfg.file, cfg.nr_targets,
		       cfg.nr_targets == 1 ? "" : "s");
		allow_files_summary(stdout);
		ret = 0;
	} else {
		ret = run(&o, &cfg);
	}
	allow_files_free();
	config_free(&cfg);
	return ret;
}
