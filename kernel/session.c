// SPDX-License-Identifier: GPL-2.0
/*
 * Sessions and connections: made by ietd's handoff after login, gone when
 * the connection ends. Everything here runs under iet_config_mutex except
 * the rx thread, which never takes it: destroying a connection waits for
 * its rx thread, so the thread must not wait for the lock in turn.
 */
#include <linux/kthread.h>
#include <linux/net.h>
#include <linux/slab.h>
#include <linux/tcp.h>
#include <net/ipv6.h>
#include <net/sock.h>
#include "iscsi.h"
#include "keepalive.h"
#include "pr_state.h"
#include "session.h"
#include "target.h"
#include "tx.h"
#include "ua_state.h"

static void iet_reap(struct work_struct *work);
static DECLARE_WORK(iet_reap_work, iet_reap);

struct iet_session *iet_session_find(struct iet_target *target, u64 sid)
{
	struct iet_session *sess;

	lockdep_assert_held(&iet_config_mutex);
	list_for_each_entry(sess, &target->sessions, list)
		if (sess->sid == sid)
			return sess;
	return NULL;
}

static struct iet_session *iet_session_new(struct iet_target *target,
					   const struct iet_conn_config *cfg)
{
	struct iet_session *sess = kzalloc(sizeof(*sess), GFP_KERNEL);

	if (!sess)
		return NULL;
	sess->target = target;
	sess->sid = cfg->sid;
	strscpy(sess->initiator, cfg->initiator, sizeof(sess->initiator));
	memcpy(sess->params, cfg->params, sizeof(sess->params));
	spin_lock_init(&sess->sn_lock);
	sess->exp_cmd_sn = cfg->exp_cmd_sn;
	INIT_LIST_HEAD(&sess->conns);
	INIT_LIST_HEAD(&sess->ua);
	if (iet_ua_session_link(sess)) {
		kfree(sess);
		return NULL;
	}
	pr_info("target %u: session %llu from %s\n", target->tid, sess->sid,
		sess->initiator);
	return sess;
}

static void iet_session_free(struct iet_session *sess)
{
	pr_info("target %u: session %llu ended\n", sess->target->tid, sess->sid);
	iet_ua_session_unlink(sess);
	iet_pr_session_gone(sess);
	kfree(sess);
}

/*
 * The window a response advertises: commands still running close it, so
 * that an initiator never has more than QueuedCommands outstanding.
 */
void iet_session_sn(struct iet_session *sess, u32 *exp_cmd_sn, u32 *max_cmd_sn)
{
	u32 queued = sess->target->params.queued_cmds;

	spin_lock_bh(&sess->sn_lock);
	*exp_cmd_sn = sess->exp_cmd_sn;
	*max_cmd_sn = sess->exp_cmd_sn - 1 + queued - min(sess->active, queued);
	spin_unlock_bh(&sess->sn_lock);
}

static void iet_conn_peer(struct iet_conn *conn)
{
	struct sockaddr_storage ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
	struct sockaddr_in *sin = (struct sockaddr_in *)&ss;

	if (kernel_getpeername(conn->sock, (struct sockaddr *)&ss) < 0)
		strscpy(conn->peer, "unknown", sizeof(conn->peer));
	else if (ss.ss_family == AF_INET6 &&
		 !ipv6_addr_v4mapped(&sin6->sin6_addr))
		snprintf(conn->peer, sizeof(conn->peer), "[%pI6]",
			 &sin6->sin6_addr);
	else if (ss.ss_family == AF_INET6)
		snprintf(conn->peer, sizeof(conn->peer), "%pI4",
			 &sin6->sin6_addr.s6_addr32[3]);
	else
		snprintf(conn->peer, sizeof(conn->peer), "%pI4",
			 &sin->sin_addr);
}

static int iet_conn_socket(struct iet_conn *conn, int fd)
{
	struct socket *sock;
	int err;

	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	if (sock->type != SOCK_STREAM || (sock->sk->sk_family != AF_INET &&
					  sock->sk->sk_family != AF_INET6)) {
		sockfd_put(sock);
		return -EPROTOTYPE;
	}
	conn->sock = sock;
	/* Writeback may wait on this target: never recurse into I/O. */
	sock->sk->sk_allocation = GFP_NOIO;
	tcp_sock_set_nodelay(sock->sk);
	iet_conn_peer(conn);
	return 0;
}

static struct iet_conn *iet_conn_new(struct iet_session *sess,
				     const struct iet_conn_config *cfg)
{
	struct iet_conn *conn = kzalloc(sizeof(*conn), GFP_KERNEL);
	int err;

	if (!conn)
		return ERR_PTR(-ENOMEM);
	conn->session = sess;
	conn->cid = cfg->cid;
	conn->stat_sn = cfg->stat_sn;
	conn->hdigest = sess->params[IET_P_HEADER_DIGEST] == IET_DIGEST_CRC32C;
	conn->ddigest = sess->params[IET_P_DATA_DIGEST] == IET_DIGEST_CRC32C;
	mutex_init(&conn->tx_mutex);
	iet_tx_conn_init(conn);
	iet_page_pool_init(&conn->pages);
	spin_lock_init(&conn->cmds_lock);
	INIT_LIST_HEAD(&conn->cmds);
	init_waitqueue_head(&conn->cmds_wait);
	iet_keepalive_init(conn);
	err = iet_conn_socket(conn, cfg->fd);
	if (err)
		goto err_free;
	conn->rx_task = kthread_create(iet_rx_thread, conn, "iet_rx/%u:%u",
				       sess->target->tid, conn->cid);
	if (IS_ERR(conn->rx_task)) {
		err = PTR_ERR(conn->rx_task);
		goto err_sock;
	}
	list_add_tail(&conn->list, &sess->conns);
	return conn;

err_sock:
	sockfd_put(conn->sock);
err_free:
	kfree(conn);
	return ERR_PTR(err);
}

int iet_conn_add(struct iet_target *target, const struct iet_conn_config *cfg)
{
	struct iet_session *sess;
	struct iet_conn *conn;
	bool new = false;

	lockdep_assert_held(&iet_config_mutex);
	sess = iet_session_find(target, cfg->sid);
	if (sess && !list_empty(&sess->conns))
		return -EBUSY;		/* MaxConnections is 1 */
	if (!sess) {
		sess = iet_session_new(target, cfg);
		if (!sess)
			return -ENOMEM;
		new = true;
	}
	conn = iet_conn_new(sess, cfg);
	if (IS_ERR(conn)) {
		if (new)
			iet_session_free(sess);
		return PTR_ERR(conn);
	}
	wake_up_process(conn->rx_task);
	iet_keepalive_kick(conn);
	return 0;
}

/* Stops new work on the connection; its rx thread then winds it down. */
void iet_conn_shutdown(struct iet_conn *conn)
{
	if (!test_and_set_bit(IET_CONN_F_CLOSING, &conn->flags))
		kernel_sock_shutdown(conn->sock, SHUT_RDWR);
}

/* Called by the rx thread when it has nothing left: reap it soon. */
void iet_conn_closed(struct iet_conn *conn)
{
	set_bit(IET_CONN_F_DONE, &conn->flags);
	schedule_work(&iet_reap_work);
}

static void iet_conn_destroy(struct iet_conn *conn)
{
	struct iet_session *sess = conn->session;

	lockdep_assert_held(&iet_config_mutex);
	iet_conn_shutdown(conn);
	kthread_stop(conn->rx_task);
	/* The rx thread and the workers are done; the keepalive goes last. */
	iet_tx_conn_flush(conn);
	iet_keepalive_stop(conn);
	list_del(&conn->list);
	sockfd_put(conn->sock);
	iet_page_pool_drain(&conn->pages);
	kfree(conn);
	if (list_empty(&sess->conns))
		iet_session_free(sess);
}

/*
 * Destroys the connections of sess whose rx threads are done, or all of
 * them. The last one frees sess: the walk must not read sess after it.
 */
static void iet_session_reap(struct iet_session *sess, bool all)
{
	struct iet_conn *conn, *next;
	bool last;

	list_for_each_entry_safe(conn, next, &sess->conns, list) {
		if (!all && !test_bit(IET_CONN_F_DONE, &conn->flags))
			continue;
		last = list_is_last(&conn->list, &sess->conns);
		iet_conn_destroy(conn);
		if (last)
			return;
	}
}

static void iet_session_destroy(struct iet_session *sess)
{
	iet_session_reap(sess, true);
}

int iet_session_del(struct iet_target *target, u64 sid)
{
	struct iet_session *sess = iet_session_find(target, sid);

	if (!sess)
		return -ENOENT;
	iet_session_destroy(sess);
	return 0;
}

int iet_conn_del(struct iet_target *target, u64 sid, u16 cid)
{
	struct iet_session *sess = iet_session_find(target, sid);
	struct iet_conn *conn;

	if (!sess)
		return -ENOENT;
	list_for_each_entry(conn, &sess->conns, list) {
		if (conn->cid == cid) {
			iet_conn_destroy(conn);
			return 0;
		}
	}
	return -ENOENT;
}

void iet_session_del_all(struct iet_target *target)
{
	struct iet_session *sess, *next;

	lockdep_assert_held(&iet_config_mutex);
	list_for_each_entry_safe(sess, next, &target->sessions, list)
		iet_session_destroy(sess);
}

/* Frees the connections whose rx threads have finished. */
static void iet_reap(struct work_struct *work)
{
	struct iet_session *sess, *snext;
	struct iet_target *target;

	mutex_lock(&iet_config_mutex);
	list_for_each_entry(target, &iet_targets, list)
		list_for_each_entry_safe(sess, snext, &target->sessions, list)
			iet_session_reap(sess, false);
	mutex_unlock(&iet_config_mutex);
}

void iet_conn_reap_sync(void)
{
	flush_work(&iet_reap_work);
}
