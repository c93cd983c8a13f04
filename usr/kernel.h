/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The link to iscsi_trgt.ko: generic netlink family "iet" (include/
 * iet_genl.h) through libnl-genl-3. Every call is synchronous and returns
 * 0 or the kernel's negative errno; after a failure kern_message() holds
 * the kernel's own explanation (netlink extended ack), or "".
 */
#ifndef IET_KERNEL_H
#define IET_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iet_genl.h"
#include "lunparams.h"
#include "params.h"

struct kern;

struct kern_target {
	uint32_t tid;
	char name[IET_NAME_MAX + 1];
	unsigned int params[TGT_NR];	/* indexed by enum target_key */
};

struct kern_lun {
	uint32_t tid;
	uint32_t lun;
	enum iet_lun_state state;
	struct lun_params params;	/* blocks: the size, always set */
};

/*
 * Connect, find the family and check that the module speaks our protocol.
 * On failure @err holds a sentence such as "kernel module iscsi_trgt is
 * not loaded (no generic netlink family 'iet')".
 */
int kern_open(struct kern **kp, char *err, size_t len);
void kern_close(struct kern *k);
/* The APTPL directory each new LUN gets (kernel_setup takes fd); -1: none. */
void kern_set_pr_dir(struct kern *k, int fd);

/* The kernel's words about the last failed call, or "". */
const char *kern_message(const struct kern *k);

/* The module's release (IET_VERSION) and protocol (IET_GENL_VERSION). */
int kern_version(struct kern *k, char *version, size_t len,
		 uint32_t *protocol);

/* *tid 0 lets the kernel choose; the tid given is stored back. */
int kern_target_new(struct kern *k, uint32_t *tid, const char *name,
		    const unsigned int *params);
/* @force: end its sessions first; else -EBUSY while it has any. */
int kern_target_del(struct kern *k, uint32_t tid, bool force);
/* Set the target keys whose bit (1 << enum target_key) is in @mask. */
int kern_target_set(struct kern *k, uint32_t tid,
		    const unsigned int *params, unsigned int mask);
int kern_target_get(struct kern *k, uint32_t tid, struct kern_target *t);
/* Every target, in tid order; free(*targets) afterwards. */
int kern_target_dump(struct kern *k, struct kern_target **targets,
		     unsigned int *nr);

/* Connections a session report keeps; MaxConnections is 1 in practice. */
#define KERN_CONNS_MAX	8

struct kern_conn_info {
	uint32_t cid;
	enum iet_conn_state state;
	char addr[64];		/* as /proc shows it */
	uint32_t digest_errors;	/* 0 also from a module that does not say */
};

/* A session as GET_SESSION reports it. */
struct kern_session {
	uint32_t tid;
	uint64_t sid;
	char initiator[IET_NAME_MAX + 1];
	bool has_params;	/* params[] is filled in */
	uint32_t params[IET_P_MAX + 1];	/* by enum iet_session_param */
	unsigned int nr_conns;
	struct kern_conn_info conns[KERN_CONNS_MAX];
};

/* A logged-in connection for NEW_CONN; params by enum iet_session_param. */
struct kern_conn {
	uint32_t tid;
	uint64_t sid;
	uint32_t cid;
	const char *initiator;
	int fd;
	uint32_t stat_sn;
	uint32_t exp_cmd_sn;
	uint32_t params[IET_P_MAX + 1];
};

/* The kernel takes its own reference to c->fd; the caller closes its. */
int kern_conn_new(struct kern *k, const struct kern_conn *c);
/* End connection @cid; the kernel ends the session with its last one. */
int kern_conn_del(struct kern *k, uint32_t tid, uint64_t sid, uint32_t cid);
/* End every connection of session @sid of target @tid. */
int kern_session_del(struct kern *k, uint32_t tid, uint64_t sid);
/* The sessions of target @tid, or of all if 0; free(*s) afterwards. */
int kern_session_dump(struct kern *k, uint32_t tid, struct kern_session **s,
		      unsigned int *nr);

int kern_lun_new(struct kern *k, uint32_t tid, uint32_t lun,
		 const struct lun_params *p);
/* @force: even under sessions; else -EBUSY while the target has any. */
int kern_lun_del(struct kern *k, uint32_t tid, uint32_t lun, bool force);
/* The LUNs of target @tid, or of all targets if @tid is 0. */
int kern_lun_dump(struct kern *k, uint32_t tid, struct kern_lun **luns,
		  unsigned int *nr);
void kern_luns_free(struct kern_lun *luns, unsigned int nr);

#endif /* IET_KERNEL_H */
