/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The protocol between ietadm and ietd.
 *
 * ietd listens on an AF_UNIX SOCK_SEQPACKET socket in the abstract
 * namespace, named "IET_ABSTRACT_NAMESPACE" as IET's was (the address is
 * a NUL byte followed by the name, without padding). SEQPACKET keeps
 * message boundaries, so each side reads exactly one message.
 *
 * A client connects, sends one struct ctl_req, reads one struct ctl_rsp
 * and closes. The request names an operation and its objects (tid, lun,
 * sid, cid) and carries ietadm's --params text unchanged ("key=value,...",
 * or the --redirect address): ietd parses and checks it again with the
 * same code, since it trusts no client. The response carries 0 or a
 * negative errno, and text: what to print on success (--op show), or one
 * sentence saying what went wrong. The response is sent only as long as
 * its text, NUL included.
 *
 * Anyone may ask to show; only uid 0 (SO_PEERCRED) may change anything,
 * others get -EPERM. Fields are in host order: both ends are on one host.
 */
#ifndef IET_CTLMSG_H
#define IET_CTLMSG_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#define CTL_SOCKET_NAME	"IET_ABSTRACT_NAMESPACE"
#define CTL_MAGIC	0x49455431	/* "IET1"; changes with the layout */
#define CTL_PARAMS_MAX	4096
#define CTL_TEXT_MAX	65536

enum ctl_op {
	CTL_TARGET_NEW = 1,	/* tid (0: next free), params "Name=<iqn>" */
	CTL_TARGET_DEL,		/* tid */
	CTL_TARGET_UPDATE,	/* tid, params: target or session keys */
	CTL_TARGET_SHOW,	/* tid */
	CTL_TARGET_REDIRECT,	/* tid, params: "addr[:port]" or "" */
	CTL_LUN_NEW,		/* tid, lun, params "Path=..,Type=.." */
	CTL_LUN_DEL,		/* tid, lun */
	CTL_SESSION_SHOW,	/* tid, sid (0: the configured values) */
	CTL_SESSION_DEL,	/* tid, sid */
	CTL_CONN_SHOW,		/* tid, sid, cid */
	CTL_CONN_DEL,		/* tid, sid, cid */
	CTL_USER_NEW,		/* [tid], params "IncomingUser=u,Password=p" */
	CTL_USER_DEL,		/* [tid], params "IncomingUser=u" */
	CTL_USER_SHOW,		/* [tid], [params "IncomingUser=u"] */
	CTL_SYS_DEL,		/* every target */
	CTL_SYS_SHOW,		/* every target, its LUNs and sessions */
	CTL_VERSION,		/* the versions of ietd and the module */
	__CTL_OP_MAX,
};

/* Which of tid, lun, sid, cid the user gave. */
#define CTL_F_TID	(1U << 0)
#define CTL_F_LUN	(1U << 1)
#define CTL_F_SID	(1U << 2)
#define CTL_F_CID	(1U << 3)
/* --force: delete a target or LUN even under sessions. */
#define CTL_F_FORCE	(1U << 4)

struct ctl_req {
	uint32_t magic;
	uint32_t op;		/* enum ctl_op */
	uint32_t flags;		/* CTL_F_* */
	uint32_t tid;
	uint32_t lun;
	uint32_t cid;
	uint64_t sid;
	char params[CTL_PARAMS_MAX];	/* NUL-terminated */
};

struct ctl_rsp {
	uint32_t magic;
	int32_t err;		/* 0 or a negative errno */
	char text[CTL_TEXT_MAX];	/* NUL-terminated */
};

#define CTL_RSP_HDR	offsetof(struct ctl_rsp, text)

/* The socket's address; returns its length. */
static inline socklen_t ctl_addr(struct sockaddr_un *addr)
{
	memset(addr, 0, sizeof(*addr));
	addr->sun_family = AF_UNIX;
	memcpy(addr->sun_path + 1, CTL_SOCKET_NAME, strlen(CTL_SOCKET_NAME));
	return offsetof(struct sockaddr_un, sun_path) + 1 +
		strlen(CTL_SOCKET_NAME);
}

#endif /* IET_CTLMSG_H */
