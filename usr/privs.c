// SPDX-License-Identifier: GPL-2.0
/*
 * Dropping root while keeping CAP_NET_ADMIN.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/capability.h>

#include "params.h"
#include "privs.h"

static int parse_id(const char *s, unsigned long long *id)
{
	return param_parse_u64(s, id) || *id >= (unsigned int)-1 ?
		-EINVAL : 0;
}

int privs_parse_user(const char *s, uid_t *uid)
{
	unsigned long long id;
	struct passwd *pw;

	if (!parse_id(s, &id)) {
		*uid = id;
		return 0;
	}
	pw = getpwnam(s);
	if (!pw)
		return -ENOENT;
	*uid = pw->pw_uid;
	return 0;
}

int privs_parse_group(const char *s, gid_t *gid)
{
	unsigned long long id;
	struct group *gr;

	if (!parse_id(s, &id)) {
		*gid = id;
		return 0;
	}
	gr = getgrnam(s);
	if (!gr)
		return -ENOENT;
	*gid = gr->gr_gid;
	return 0;
}

/* Permitted and effective: CAP_NET_ADMIN alone. */
static int keep_net_admin(void)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];

	memset(data, 0, sizeof(data));
	data[CAP_TO_INDEX(CAP_NET_ADMIN)].permitted =
		CAP_TO_MASK(CAP_NET_ADMIN);
	data[CAP_TO_INDEX(CAP_NET_ADMIN)].effective =
		CAP_TO_MASK(CAP_NET_ADMIN);
	return syscall(SYS_capset, &hdr, data);
}

static int fail(char *err, size_t len, const char *what)
{
	int ret = -errno;

	snprintf(err, len, "%s: %s", what, strerror(errno));
	return ret;
}

int privs_drop(uid_t uid, gid_t gid, char *err, size_t len)
{
	if (gid != (gid_t)-1) {
		if (setgroups(1, &gid))
			return fail(err, len, "setgroups");
		if (setresgid(gid, gid, gid))
			return fail(err, len, "setgid");
	}
	if (uid == (uid_t)-1 || uid == geteuid())
		return 0;
	/* setuid() would clear every capability without this. */
	if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0))
		return fail(err, len, "prctl(PR_SET_KEEPCAPS)");
	if (setresuid(uid, uid, uid))
		return fail(err, len, "setuid");
	if (keep_net_admin())
		return fail(err, len, "capset(CAP_NET_ADMIN)");
	if (prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0))
		return fail(err, len, "prctl(PR_SET_KEEPCAPS)");
	return 0;
}
