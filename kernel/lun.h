/* SPDX-License-Identifier: GPL-2.0 */
#ifndef IET_LUN_H
#define IET_LUN_H

#include <linux/list.h>
#include <linux/refcount.h>
#include <linux/types.h>
#include <linux/wait.h>
#include "gate.h"
#include "iet_genl.h"
#include "taskset.h"

struct iet_target;
struct iet_lun;
struct netlink_ext_ack;
struct iet_backend_io;
struct iet_pr_state;

/* What ietd asked for; the backend fills in the size. */
struct iet_lun_config {
	u32 lun;
	enum iet_lun_type type;
	enum iet_iomode iomode;
	u32 blocksize;
	u64 blocks;			/* nullio only; 0: the default */
	const char *path;		/* blockio and fileio only */
	const char *scsi_id;		/* may be NULL */
	const char *scsi_sn;		/* may be NULL */
	int pr_dir_fd;			/* APTPL files go there; -1: none */
};

/*
 * A storage backend. attach() opens the store named by the config and sets
 * lun->blocks; detach() closes it. A backend knows nothing of iSCSI.
 */
struct iet_backend_ops {
	const char *name;		/* as /proc/net/iet/volume shows it */
	int (*attach)(struct iet_lun *lun, const struct iet_lun_config *cfg,
		      struct netlink_ext_ack *extack);
	void (*detach)(struct iet_lun *lun);
	/* The store's size now, in blocks; NULL: it cannot change. */
	u64 (*size)(struct iet_lun *lun);
	const struct iet_backend_io *io;
};

extern const struct iet_backend_io iet_blockio_io;
extern const struct iet_backend_io iet_fileio_io;
extern const struct iet_backend_ops iet_blockio_ops;
extern const struct iet_backend_ops iet_fileio_ops;
extern const struct iet_backend_ops iet_nullio_ops;

struct iet_lun {
	struct list_head list;		/* in target->luns, by number; RCU */
	refcount_t refs;		/* the list's, and each command's */
	struct iet_target *target;
	u32 lun;
	enum iet_lun_type type;
	enum iet_lun_state state;
	enum iet_iomode iomode;
	u32 blocksize;
	u8 blkbits;
	u64 blocks;			/* size in units of blocksize */
	char *path;			/* NULL for nullio */
	char scsi_id[IET_SCSI_ID_MAX + 1];
	char scsi_sn[IET_SCSI_SN_MAX + 1];
	const struct iet_backend_ops *ops;
	void *priv;			/* the backend's */
	/*
	 * What attach() found the store can do (SBC-3 logical block
	 * provisioning), for the Block Limits and provisioning pages.
	 */
	bool wce;			/* writes may wait in a volatile cache */
	bool swp;			/* write protected by MODE SELECT */
	struct iet_pr_state *pr;	/* reservations: pr_state.c */
	bool can_unmap;			/* io->discard deallocates */
	bool lbprz;			/* and the blocks then read zeroes */
	u32 unmap_gran_blocks;		/* 0: not reported */
	u32 unmap_align_blocks;
	/*
	 * Writes pass it together, COMPARE AND WRITE and ORWRITE close it:
	 * nothing writes their blocks between their read and their write.
	 */
	struct iet_gate write_gate;
	struct iet_task_set ts;		/* task attributes: taskset.c */
	/* Commands PREEMPT AND ABORT waits for (iet_ts_abort). */
	atomic_t aborting;
	wait_queue_head_t abort_wait;
};

struct iet_cmd;
struct page;

/*
 * The I/O half of a backend: each call runs in a worker, may sleep, and
 * returns 0 or a negative errno that becomes a CHECK CONDITION.
 */
struct iet_backend_io {
	int (*read)(struct iet_lun *lun, struct iet_cmd *cmd);
	int (*write)(struct iet_lun *lun, struct iet_cmd *cmd);
	/*
	 * Starts a command's read or write and returns at once; its end
	 * calls iet_cmd_io_done, from any context. NULL: the backend
	 * blocks, and commands go to a worker.
	 */
	void (*submit)(struct iet_lun *lun, struct iet_cmd *cmd);
	int (*flush)(struct iet_lun *lun, u64 lba, u32 nblocks);
	/* len bytes (whole blocks) at lba from or to pages, not a command's */
	int (*rw_pages)(struct iet_lun *lun, struct page **pages, u32 len,
			u64 lba, bool write, bool fua);
	/* Deallocates; only called when lun->can_unmap. */
	int (*discard)(struct iet_lun *lun, u64 lba, u64 nblocks);
	/* Writes zeroes cheaply, or -EOPNOTSUPP: the caller writes them. */
	int (*zeroout)(struct iet_lun *lun, u64 lba, u64 nblocks);
	/*
	 * The extent at lba: mapped or deallocated, and for how many blocks
	 * (at least 1). NULL: everything is mapped.
	 */
	int (*lba_status)(struct iet_lun *lun, u64 lba, u64 *nblocks,
			  bool *mapped);
};

struct iet_lun *iet_lun_find(struct iet_target *target, u32 lun);
int iet_lun_add(struct iet_target *target, const struct iet_lun_config *cfg,
		struct netlink_ext_ack *extack);
void iet_lun_del(struct iet_lun *lun);
struct iet_lun *iet_lun_get(struct iet_target *target, u32 lun);
void iet_lun_put(struct iet_lun *lun);
unsigned int iet_lun_numbers(struct iet_target *target, u32 *luns,
			     unsigned int max);

#endif /* IET_LUN_H */
