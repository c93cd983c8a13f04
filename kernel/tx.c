// SPDX-License-Identifier: GPL-2.0
/*
 * The responses of a connection leave from one place. A command that is
 * done joins the connection's tx list; one work item sends what the list
 * holds under a single hold of tx_mutex, every PDU but the last with
 * MSG_MORE, and frees the commands afterwards. Commands that finish
 * together then neither spin on tx_mutex nor push a TCP segment each: a
 * burst of completions leaves as a few full segments.
 */
#include <linux/llist.h>
#include <linux/mutex.h>
#include <linux/workqueue.h>
#include "cmd.h"
#include "iscsi.h"
#include "session.h"
#include "tx.h"

static struct workqueue_struct *iet_tx_wq;

int iet_tx_init(void)
{
	/*
	 * Unbound: the responses go out on whichever CPU is free, beside
	 * the store's completions rather than behind them.
	 */
	iet_tx_wq = alloc_workqueue("iet_tx", WQ_MEM_RECLAIM | WQ_UNBOUND, 0);
	return iet_tx_wq ? 0 : -ENOMEM;
}

void iet_tx_exit(void)
{
	destroy_workqueue(iet_tx_wq);
}

/* Sends one batch, oldest first; the caller frees its commands. */
static int iet_tx_batch(struct iet_conn *conn, struct llist_node *batch)
{
	struct iet_cmd *cmd;
	int err = 0;

	mutex_lock(&conn->tx_mutex);
	llist_for_each_entry(cmd, batch, tx_node) {
		iet_cmd_finish(cmd);
		conn->tx_more = cmd->tx_node.next ||
				!llist_empty(&conn->tx_list);
		if (!err && iet_cmd_claim_response(cmd))
			err = iet_cmd_respond(cmd);
	}
	conn->tx_more = false;
	mutex_unlock(&conn->tx_mutex);
	return err;
}

static void iet_tx_work(struct work_struct *work)
{
	struct iet_conn *conn = container_of(work, struct iet_conn, tx_work);
	struct llist_node *batch;
	struct iet_cmd *cmd, *next;

	while ((batch = llist_del_all(&conn->tx_list))) {
		batch = llist_reverse_order(batch);
		if (iet_tx_batch(conn, batch))
			iet_conn_shutdown(conn);
		llist_for_each_entry_safe(cmd, next, batch, tx_node)
			iet_cmd_free(cmd);
	}
}

void iet_tx_conn_init(struct iet_conn *conn)
{
	init_llist_head(&conn->tx_list);
	INIT_WORK(&conn->tx_work, iet_tx_work);
}

/*
 * The work item may still look at the list after it freed the last
 * command, which is what the rx thread waits for: conn must outlive it.
 */
void iet_tx_conn_flush(struct iet_conn *conn)
{
	flush_work(&conn->tx_work);
}

/* The command is done: its response (or its end, if aborted) follows. */
void iet_tx_queue(struct iet_cmd *cmd)
{
	struct iet_conn *conn = cmd->conn;

	if (llist_add(&cmd->tx_node, &conn->tx_list))
		queue_work(iet_tx_wq, &conn->tx_work);
}
