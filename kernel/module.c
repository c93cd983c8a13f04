// SPDX-License-Identifier: GPL-2.0
/*
 * iscsi_trgt: the kernel half of iet, an iSCSI target. ietd does login and
 * policy in userspace and configures this module over generic netlink.
 */
#include <linux/module.h>
#include <net/genetlink.h>
#include "cmd.h"
#include "iet_genl.h"
#include "netlink.h"
#include "proc.h"
#include "target.h"

static int __init iet_init(void)
{
	int err;

	err = iet_cmd_init();
	if (err)
		return err;
	err = iet_proc_init();
	if (err)
		goto err_cmd;
	err = iet_genl_init();
	if (err)
		goto err_proc;
	pr_info("iSCSI target %s, netlink protocol %d\n", IET_VERSION,
		IET_GENL_VERSION);
	return 0;

err_proc:
	iet_proc_exit();
err_cmd:
	iet_cmd_exit();
	return err;
}

/* No more netlink commands first, then no sessions, then nothing to read. */
static void __exit iet_exit(void)
{
	iet_genl_exit();
	iet_target_del_all();
	iet_proc_exit();
	iet_cmd_exit();
}

module_init(iet_init);
module_exit(iet_exit);
MODULE_DESCRIPTION("iSCSI target");
MODULE_LICENSE("GPL");
MODULE_VERSION(IET_VERSION);
MODULE_ALIAS_GENL_FAMILY(IET_GENL_NAME);
