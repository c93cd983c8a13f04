/* SPDX-License-Identifier: GPL-2.0 */
#ifndef IET_SESSION_H
#define IET_SESSION_H

#include <linux/list.h>
#include <linux/llist.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include "iet_genl.h"
#include "pagepool.h"
#include "ping.h"

struct iet_target;
struct socket;
struct task_struct;

/*
 * A session lives while it has a connection: ErrorRecoveryLevel 0 and
 * DefaultTime2Retain 0 leave nothing to keep once the last one is gone.
 */
struct iet_session {
	struct list_head list;		/* in target->sessions */
	struct iet_target *target;
	u64 sid;
	char initiator[IET_NAME_MAX + 1];
	u32 params[IET_P_MAX + 1];
	spinlock_t sn_lock;		/* exp_cmd_sn, active */
	u32 exp_cmd_sn;
	u32 active;			/* non-immediate commands not done */
	struct list_head conns;
	struct list_head ua;		/* unit attentions, by LUN: ua_state.c */
	bool ua_any;			/* one is pending: a hint */
};

enum {
	IET_CONN_F_CLOSING,		/* no new work: the socket is shut */
	IET_CONN_F_DONE,		/* the rx thread wound down: reap it */
	IET_CONN_F_REAP,		/* commands were aborted from afar */
};

struct iet_conn {
	struct list_head list;		/* in session->conns */
	struct iet_session *session;
	u16 cid;
	char peer[48];			/* as /proc shows it */
	struct socket *sock;
	struct task_struct *rx_task;
	unsigned long flags;

	struct mutex tx_mutex;		/* one PDU at a time on the wire */
	bool tx_more;			/* more PDUs follow: MSG_MORE */
	struct llist_head tx_list;	/* commands done: tx.c */
	struct work_struct tx_work;
	u32 stat_sn;			/* under tx_mutex */
	u32 tx_pdus;			/* PDUs sent; under tx_mutex */
	u32 ttt;			/* next target transfer tag; rx only */

	/* Signs of life for the keepalive, written by the rx thread only. */
	unsigned long last_rx;		/* jiffies of the last read */
	u32 rx_reads;			/* reads that brought bytes */

	/* The keepalive's own (keepalive.c). */
	struct delayed_work ka_work;
	struct iet_ping ping;
	u32 ping_ttt;

	/* Digests, as the login negotiated them; the rest is rx only. */
	bool hdigest;
	bool ddigest;
	u32 rx_left;			/* data segment bytes still to read */
	u32 rx_crc;			/* CRC register over those read */
	unsigned int digest_errors;

	struct iet_page_pool pages;	/* for the commands' data */

	spinlock_t cmds_lock;
	struct list_head cmds;		/* every struct iet_cmd of this conn */
	unsigned int nr_cmds;
	wait_queue_head_t cmds_wait;	/* nr_cmds reaching 0, a cmd done */
};

struct iet_conn_config {
	u64 sid;
	u16 cid;
	const char *initiator;
	int fd;
	u32 stat_sn;
	u32 exp_cmd_sn;
	const u32 *params;		/* IET_P_MAX + 1 values */
};

int iet_conn_add(struct iet_target *target, const struct iet_conn_config *cfg);
int iet_conn_del(struct iet_target *target, u64 sid, u16 cid);
int iet_session_del(struct iet_target *target, u64 sid);
void iet_session_del_all(struct iet_target *target);
struct iet_session *iet_session_find(struct iet_target *target, u64 sid);
void iet_conn_shutdown(struct iet_conn *conn);
void iet_conn_closed(struct iet_conn *conn);
void iet_conn_reap_sync(void);

/* The command window, RFC 7143 4.2.2.1. */
void iet_session_sn(struct iet_session *sess, u32 *exp_cmd_sn, u32 *max_cmd_sn);

#endif /* IET_SESSION_H */
