// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/net/iet/volume and /proc/net/iet/session: IET's text views of the
 * live configuration, walked under iet_config_mutex.
 */
#include <linux/limits.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <net/net_namespace.h>
#include "lun.h"
#include "proc.h"
#include "procfmt.h"
#include "session.h"
#include "target.h"

/* A LUN line is a path and a few numbers; one buffer per open file. */
struct iet_proc_buf {
	char line[PATH_MAX + 128];
};

static struct proc_dir_entry *iet_proc_dir;

static void *iet_proc_start(struct seq_file *m, loff_t *pos)
{
	mutex_lock(&iet_config_mutex);
	return seq_list_start(&iet_targets, *pos);
}

static void *iet_proc_next(struct seq_file *m, void *v, loff_t *pos)
{
	return seq_list_next(v, &iet_targets, pos);
}

static void iet_proc_stop(struct seq_file *m, void *v)
{
	mutex_unlock(&iet_config_mutex);
}

static void iet_proc_put_target(struct seq_file *m, struct iet_target *t)
{
	struct iet_proc_buf *buf = m->private;

	iet_fmt_target(buf->line, sizeof(buf->line), t->tid, t->name);
	seq_puts(m, buf->line);
}

static int iet_proc_volume_show(struct seq_file *m, void *v)
{
	struct iet_target *t = list_entry(v, struct iet_target, list);
	struct iet_proc_buf *buf = m->private;
	struct iet_lun_line line;
	struct iet_lun *lun;

	iet_proc_put_target(m, t);
	list_for_each_entry(lun, &t->luns, list) {
		line = (struct iet_lun_line) {
			.lun = lun->lun,
			.state = lun->state,
			.iotype = lun->ops->name,
			.iomode = lun->iomode,
			.blocks = lun->blocks,
			.blocksize = lun->blocksize,
			.path = lun->path,
		};
		iet_fmt_lun(buf->line, sizeof(buf->line), &line);
		seq_puts(m, buf->line);
	}
	return 0;
}

static int iet_proc_session_show(struct seq_file *m, void *v)
{
	struct iet_target *t = list_entry(v, struct iet_target, list);
	struct iet_proc_buf *buf = m->private;
	struct iet_session *sess;
	struct iet_conn *conn;

	iet_proc_put_target(m, t);
	list_for_each_entry(sess, &t->sessions, list) {
		iet_fmt_session(buf->line, sizeof(buf->line), sess->sid,
				sess->initiator);
		seq_puts(m, buf->line);
		list_for_each_entry(conn, &sess->conns, list) {
			iet_fmt_conn(buf->line, sizeof(buf->line), conn->cid,
				     conn->peer,
				     test_bit(IET_CONN_F_CLOSING, &conn->flags),
				     sess->params[IET_P_HEADER_DIGEST],
				     sess->params[IET_P_DATA_DIGEST]);
			seq_puts(m, buf->line);
		}
	}
	return 0;
}

static const struct seq_operations iet_volume_seq_ops = {
	.start = iet_proc_start,
	.next = iet_proc_next,
	.stop = iet_proc_stop,
	.show = iet_proc_volume_show,
};

static const struct seq_operations iet_session_seq_ops = {
	.start = iet_proc_start,
	.next = iet_proc_next,
	.stop = iet_proc_stop,
	.show = iet_proc_session_show,
};

int iet_proc_init(void)
{
	iet_proc_dir = proc_mkdir("iet", init_net.proc_net);
	if (!iet_proc_dir)
		return -ENOMEM;
	if (!proc_create_seq_private("volume", 0444, iet_proc_dir,
				     &iet_volume_seq_ops,
				     sizeof(struct iet_proc_buf), NULL) ||
	    !proc_create_seq_private("session", 0444, iet_proc_dir,
				     &iet_session_seq_ops,
				     sizeof(struct iet_proc_buf), NULL)) {
		proc_remove(iet_proc_dir);
		return -ENOMEM;
	}
	return 0;
}

void iet_proc_exit(void)
{
	proc_remove(iet_proc_dir);
}
