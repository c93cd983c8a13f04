// SPDX-License-Identifier: GPL-2.0
/*
 * APTPL files (pr_store.h). The directory comes as a file descriptor of
 * ietd's, so the files land where ietd sees them (/var/lib/iet/pr),
 * whatever root the kernel's own threads have.
 */
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/slab.h>
#include "pr.h"
#include "pr_store.h"

static struct file *iet_pr_file(struct iet_pr_store *ps, u32 seq,
				int flags)
{
	char name[sizeof(ps->name) + 4];

	snprintf(name, sizeof(name), "%s.%u", ps->name, seq & 1);
	return file_open_root(&ps->dir, name, flags | O_NOFOLLOW |
			      O_LARGEFILE | O_CLOEXEC, 0600);
}

/* One file's state and seq; -ENOENT, -EIO, or -EINVAL if it is bad. */
static int iet_pr_read(struct iet_pr_store *ps, u32 slot,
		       struct scsi_pr *pr, u32 *seq)
{
	struct file *f = iet_pr_file(ps, slot, O_RDONLY);
	loff_t pos = 0;
	ssize_t n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_read(f, ps->buf, SCSI_PR_FILE_MAX, &pos);
	filp_close(f, NULL);
	if (n < 0)
		return n;
	if (n == SCSI_PR_FILE_MAX || scsi_pr_load(ps->buf, n, pr, seq))
		return -EINVAL;
	return 0;
}

/* The newer of the two files that read whole, into pr. */
static void iet_pr_load(struct iet_pr_store *ps, struct scsi_pr *pr)
{
	struct scsi_pr *other = kmalloc(sizeof(*other), GFP_KERNEL);
	u32 seq0, seq1;
	bool ok0, ok1;

	if (!other)
		return;
	ok0 = !iet_pr_read(ps, 0, pr, &seq0);
	ok1 = !iet_pr_read(ps, 1, other, &seq1);
	if (ok1 && (!ok0 || (s32)(seq1 - seq0) > 0)) {
		*pr = *other;
		seq0 = seq1;
		ok0 = true;
	}
	kfree(other);
	if (ok0)
		ps->seq = seq0;		/* the next save goes to the other */
	if (!ok0 || !pr->aptpl) {
		/* No state, or its last REGISTER said APTPL 0: it ends. */
		scsi_pr_init(pr);
		return;
	}
	pr_info("%s: persistent reservations restored (generation %u)\n",
		ps->name, pr->generation);
}

int iet_pr_store_open(struct iet_pr_store *ps, int fd, const char *target,
		      u32 lun, struct scsi_pr *pr)
{
	struct file *dir;

	memset(ps, 0, sizeof(*ps));
	if (fd < 0)
		return 0;
	/* A name with a slash would leave the directory. */
	if (strchr(target, '/'))
		return -EINVAL;
	dir = fget(fd);
	if (!dir)
		return -EBADF;
	if (!d_is_dir(dir->f_path.dentry)) {
		fput(dir);
		return -ENOTDIR;
	}
	ps->buf = kvmalloc(SCSI_PR_FILE_MAX, GFP_KERNEL);
	if (!ps->buf) {
		fput(dir);
		return -ENOMEM;
	}
	ps->dir = dir->f_path;
	path_get(&ps->dir);
	fput(dir);
	snprintf(ps->name, sizeof(ps->name), "%s,%u", target, lun);
	iet_pr_load(ps, pr);
	return 0;
}

void iet_pr_store_close(struct iet_pr_store *ps)
{
	if (ps->dir.dentry)
		path_put(&ps->dir);
	kvfree(ps->buf);
	memset(ps, 0, sizeof(*ps));
}

/* The directory entry of a new file must reach the disk too. */
static int iet_pr_sync_dir(struct iet_pr_store *ps)
{
	struct file *d = file_open_root(&ps->dir, ".", O_RDONLY |
					O_DIRECTORY | O_CLOEXEC, 0);
	int err;

	if (IS_ERR(d))
		return PTR_ERR(d);
	err = vfs_fsync(d, 0);
	filp_close(d, NULL);
	return err;
}

int iet_pr_store_save(struct iet_pr_store *ps, const struct scsi_pr *pr)
{
	u32 seq = ps->seq + 1;
	struct file *f;
	loff_t pos = 0;
	ssize_t n;
	int len, err;

	len = scsi_pr_save(pr, seq, ps->buf, SCSI_PR_FILE_MAX);
	if (len < 0)
		return -ENOSPC;
	f = iet_pr_file(ps, seq, O_WRONLY | O_CREAT | O_TRUNC);
	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_write(f, ps->buf, len, &pos);
	err = n < 0 ? n : n != len ? -EIO : vfs_fsync(f, 0);
	filp_close(f, NULL);
	if (!err)
		err = iet_pr_sync_dir(ps);
	if (err)
		return err;
	ps->seq = seq;
	return 0;
}
