/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place that knows kernel versions. iet supports Debian 12's 6.1
 * and 6.12 kernels and is written against the newer API; each shim below
 * backports one difference to 6.1 and says which release changed it.
 */
#ifndef IET_COMPAT_H
#define IET_COMPAT_H

#include <linux/version.h>
#include <linux/blkdev.h>
#include <linux/bvec.h>
#include <linux/fs.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uio.h>
#include <net/genetlink.h>

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 1, 0)
#error "iet needs Linux 6.1 or later"
#endif

/*
 * 6.9 made block device opens return a struct file
 * (bdev_file_open_by_path); 6.1 had blkdev_get_by_path with an fmode_t that
 * blkdev_put must be given again. 6.5 to 6.8 had a third form that iet
 * does not support.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 9, 0)
struct iet_bdev {
	struct file *file;
	struct block_device *bdev;
};

static inline int iet_bdev_open(struct iet_bdev *b, const char *path,
				bool ro, void *holder)
{
	blk_mode_t mode = BLK_OPEN_READ | (ro ? 0 : BLK_OPEN_WRITE);
	struct file *file = bdev_file_open_by_path(path, mode, holder, NULL);

	if (IS_ERR(file))
		return PTR_ERR(file);
	b->file = file;
	b->bdev = file_bdev(file);
	return 0;
}

static inline void iet_bdev_close(struct iet_bdev *b)
{
	fput(b->file);
}
#elif LINUX_VERSION_CODE < KERNEL_VERSION(6, 5, 0)
struct iet_bdev {
	fmode_t mode;
	struct block_device *bdev;
};

static inline int iet_bdev_open(struct iet_bdev *b, const char *path,
				bool ro, void *holder)
{
	fmode_t mode = FMODE_READ | FMODE_EXCL | (ro ? 0 : FMODE_WRITE);
	struct block_device *bdev = blkdev_get_by_path(path, mode, holder);

	if (IS_ERR(bdev))
		return PTR_ERR(bdev);
	b->mode = mode;
	b->bdev = bdev;
	return 0;
}

static inline void iet_bdev_close(struct iet_bdev *b)
{
	blkdev_put(b->bdev, b->mode);
}
#else
#error "iet supports 6.1-6.4 and 6.9 or later block device opens"
#endif

/* 6.2 moved a dump's parsed attributes into a struct genl_info. */
static inline struct nlattr **iet_dump_attrs(struct netlink_callback *cb)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
	return genl_info_dump(cb)->attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

/*
 * Page data onto a socket without a copy, the socket taking its own page
 * references. 6.5 replaced ->sendpage with MSG_SPLICE_PAGES on a bvec
 * iterator; 6.1 has kernel_sendpage. Returns 0 once all len bytes are
 * queued.
 */
#ifdef MSG_SPLICE_PAGES
/* pdu.c says why splicing is off by default here. */
#define IET_ZEROCOPY_DEFAULT false

static inline int iet_sock_send_pages(struct socket *sock,
				      const struct bio_vec *bv,
				      unsigned int nr, size_t len, int flags)
{
	struct msghdr msg = { .msg_flags = flags | MSG_SPLICE_PAGES };
	int ret;

	iov_iter_bvec(&msg.msg_iter, ITER_SOURCE, bv, nr, len);
	while (msg_data_left(&msg)) {
		ret = sock_sendmsg(sock, &msg);
		if (ret <= 0)
			return ret ? ret : -EIO;
	}
	return 0;
}
#else
#define IET_ZEROCOPY_DEFAULT true

static inline int iet_sock_send_pages(struct socket *sock,
				      const struct bio_vec *bv,
				      unsigned int nr, size_t len, int flags)
{
	unsigned int i, done;
	int ret, more;

	for (i = 0; i < nr; i++) {
		more = i + 1 < nr ? MSG_MORE : 0;
		for (done = 0; done < bv[i].bv_len; done += ret) {
			ret = kernel_sendpage(sock, bv[i].bv_page,
					      bv[i].bv_offset + done,
					      bv[i].bv_len - done, flags | more);
			if (ret <= 0)
				return ret ? ret : -EIO;
		}
	}
	return 0;
}
#endif

#endif /* IET_COMPAT_H */
