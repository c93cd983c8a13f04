// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "iet": how ietd configures the module. The
 * UAPI is include/iet_genl.h. Every operation needs CAP_NET_ADMIN and every
 * attribute is validated strictly against iet_policy before a handler runs.
 */
#include <linux/limits.h>
#include <net/genetlink.h>
#include "compat.h"
#include "keepalive.h"
#include "lun.h"
#include "netlink.h"
#include "session.h"
#include "target.h"

/* Segment and burst lengths: 512 to 2^24 - 1 (RFC 7143 13.12-14). */
static struct netlink_range_validation iet_len_range = {
	.min = 512,
	.max = 16777215,
};

/* The policy's own min and max are s16: wider ranges need these. */
static struct netlink_range_validation iet_cid_range = {
	.max = 65535,
};

static struct netlink_range_validation iet_r2t_range = {
	.min = 1,
	.max = 65535,
};

/* The negotiated keys, as ietd's login left them (RFC 7143 13). */
static const struct nla_policy iet_param_policy[IET_P_MAX + 1] = {
	[IET_P_INITIAL_R2T]	= NLA_POLICY_MAX(NLA_U32, 1),
	[IET_P_IMMEDIATE_DATA]	= NLA_POLICY_MAX(NLA_U32, 1),
	[IET_P_MAX_CONNECTIONS]	= NLA_POLICY_RANGE(NLA_U32, 1, 1),
	[IET_P_MAX_RECV_DSL]	= NLA_POLICY_FULL_RANGE(NLA_U32, &iet_len_range),
	[IET_P_MAX_XMIT_DSL]	= NLA_POLICY_FULL_RANGE(NLA_U32, &iet_len_range),
	[IET_P_MAX_BURST]	= NLA_POLICY_FULL_RANGE(NLA_U32, &iet_len_range),
	[IET_P_FIRST_BURST]	= NLA_POLICY_FULL_RANGE(NLA_U32, &iet_len_range),
	[IET_P_TIME2WAIT]	= NLA_POLICY_MAX(NLA_U32, 3600),
	[IET_P_TIME2RETAIN]	= NLA_POLICY_MAX(NLA_U32, 3600),
	[IET_P_MAX_R2T]		= NLA_POLICY_FULL_RANGE(NLA_U32, &iet_r2t_range),
	[IET_P_DATA_PDU_IN_ORDER] = NLA_POLICY_RANGE(NLA_U32, 1, 1),
	[IET_P_DATA_SEQ_IN_ORDER] = NLA_POLICY_RANGE(NLA_U32, 1, 1),
	[IET_P_ERL]		= NLA_POLICY_MAX(NLA_U32, 0),
	[IET_P_HEADER_DIGEST]	= NLA_POLICY_MAX(NLA_U32, IET_DIGEST_CRC32C),
	[IET_P_DATA_DIGEST]	= NLA_POLICY_MAX(NLA_U32, IET_DIGEST_CRC32C),
};

static const struct nla_policy iet_policy[IET_A_MAX + 1] = {
	/* VERSION, PROTOCOL and LUN_STATE are replies: strict parsing rejects them. */
	[IET_A_TID]		= { .type = NLA_U32 },
	[IET_A_TARGET_NAME]	= { .type = NLA_NUL_STRING, .len = IET_NAME_MAX },
	[IET_A_WTHREADS]	= NLA_POLICY_RANGE(NLA_U32, 1, 128),
	[IET_A_QUEUED_CMDS]	= NLA_POLICY_RANGE(NLA_U32, 1, 256),
	[IET_A_NOP_INTERVAL]	= NLA_POLICY_MAX(NLA_U32, 90),
	[IET_A_NOP_TIMEOUT]	= NLA_POLICY_MAX(NLA_U32, 90),
	[IET_A_LUN]		= NLA_POLICY_MAX(NLA_U32, IET_LUN_MAX),
	[IET_A_LUN_TYPE]	= NLA_POLICY_MAX(NLA_U8, __IET_LUN_TYPE_MAX - 1),
	[IET_A_LUN_PATH]	= { .type = NLA_NUL_STRING, .len = PATH_MAX - 1 },
	[IET_A_LUN_IOMODE]	= NLA_POLICY_MAX(NLA_U8, __IET_IOMODE_MAX - 1),
	[IET_A_LUN_BLOCKSIZE]	= NLA_POLICY_RANGE(NLA_U32, 512, 4096),
	[IET_A_LUN_BLOCKS]	= { .type = NLA_U64 },
	[IET_A_LUN_SCSI_ID]	= { .type = NLA_NUL_STRING, .len = IET_SCSI_ID_MAX },
	[IET_A_LUN_SCSI_SN]	= { .type = NLA_NUL_STRING, .len = IET_SCSI_SN_MAX },
	[IET_A_SID]		= { .type = NLA_U64 },
	[IET_A_CID]		= NLA_POLICY_FULL_RANGE(NLA_U32, &iet_cid_range),
	[IET_A_INITIATOR_NAME]	= { .type = NLA_NUL_STRING, .len = IET_NAME_MAX },
	[IET_A_FD]		= { .type = NLA_U32 },
	[IET_A_LUN_PR_DIR]	= { .type = NLA_U32 },
	[IET_A_STAT_SN]		= { .type = NLA_U32 },
	[IET_A_EXP_CMD_SN]	= { .type = NLA_U32 },
	[IET_A_SESSION_PARAMS]	= NLA_POLICY_NESTED(iet_param_policy),
	[IET_A_FORCE]		= { .type = NLA_FLAG },
};

static struct genl_family iet_genl_family;

static int iet_nl_get_version(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &iet_genl_family, 0,
				IET_CMD_GET_VERSION);
	if (!hdr ||
	    nla_put_string(msg, IET_A_VERSION, IET_VERSION) ||
	    nla_put_u32(msg, IET_A_PROTOCOL, IET_GENL_VERSION)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static void iet_nl_params(struct nlattr **attrs, struct iet_target_params *p)
{
	if (attrs[IET_A_WTHREADS])
		p->wthreads = nla_get_u32(attrs[IET_A_WTHREADS]);
	if (attrs[IET_A_QUEUED_CMDS])
		p->queued_cmds = nla_get_u32(attrs[IET_A_QUEUED_CMDS]);
	if (attrs[IET_A_NOP_INTERVAL])
		p->nop_interval = nla_get_u32(attrs[IET_A_NOP_INTERVAL]);
	if (attrs[IET_A_NOP_TIMEOUT])
		p->nop_timeout = nla_get_u32(attrs[IET_A_NOP_TIMEOUT]);
}

static int iet_nl_fill_target(struct sk_buff *msg, u32 portid, u32 seq,
			      int flags, const struct iet_target *t)
{
	void *hdr;

	hdr = genlmsg_put(msg, portid, seq, &iet_genl_family, flags,
			  IET_CMD_GET_TARGET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(msg, IET_A_TID, t->tid) ||
	    nla_put_string(msg, IET_A_TARGET_NAME, t->name) ||
	    nla_put_u32(msg, IET_A_WTHREADS, t->params.wthreads) ||
	    nla_put_u32(msg, IET_A_QUEUED_CMDS, t->params.queued_cmds) ||
	    nla_put_u32(msg, IET_A_NOP_INTERVAL, t->params.nop_interval) ||
	    nla_put_u32(msg, IET_A_NOP_TIMEOUT, t->params.nop_timeout)) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return 0;
}

/* Replies with the target, so that ietd learns the tid it was given. */
static int iet_nl_reply_target(struct genl_info *info, u32 tid)
{
	struct iet_target *t;
	struct sk_buff *msg;
	int err;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	mutex_lock(&iet_config_mutex);
	t = iet_target_find(tid);
	err = t ? iet_nl_fill_target(msg, info->snd_portid, info->snd_seq, 0, t)
		: -ENOENT;
	mutex_unlock(&iet_config_mutex);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

static int iet_nl_new_target(struct sk_buff *skb, struct genl_info *info)
{
	struct iet_target_params params;
	const char *name;
	u32 tid = 0;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, IET_A_TARGET_NAME))
		return -EINVAL;
	name = nla_data(info->attrs[IET_A_TARGET_NAME]);
	if (!*name) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[IET_A_TARGET_NAME],
				    "empty target name");
		return -EINVAL;
	}
	if (info->attrs[IET_A_TID])
		tid = nla_get_u32(info->attrs[IET_A_TID]);
	iet_target_params_default(&params);
	iet_nl_params(info->attrs, &params);

	mutex_lock(&iet_config_mutex);
	err = iet_target_add(&tid, name, &params);
	mutex_unlock(&iet_config_mutex);
	if (err == -EEXIST)
		NL_SET_ERR_MSG(info->extack, "a target with this name or tid exists");
	if (err)
		return err;
	return iet_nl_reply_target(info, tid);
}

static int iet_nl_del_target(struct sk_buff *skb, struct genl_info *info)
{
	int err;

	if (GENL_REQ_ATTR_CHECK(info, IET_A_TID))
		return -EINVAL;
	mutex_lock(&iet_config_mutex);
	err = iet_target_del(nla_get_u32(info->attrs[IET_A_TID]),
			     nla_get_flag(info->attrs[IET_A_FORCE]));
	mutex_unlock(&iet_config_mutex);
	if (err == -EBUSY)
		NL_SET_ERR_MSG(info->extack, "the target has sessions");
	return err;
}

static int iet_nl_set_target(struct sk_buff *skb, struct genl_info *info)
{
	struct iet_target *t;
	int err = 0;

	if (GENL_REQ_ATTR_CHECK(info, IET_A_TID))
		return -EINVAL;
	mutex_lock(&iet_config_mutex);
	t = iet_target_find(nla_get_u32(info->attrs[IET_A_TID]));
	if (t) {
		iet_nl_params(info->attrs, &t->params);
		iet_keepalive_kick_target(t);
	} else {
		err = -ENOENT;
	}
	mutex_unlock(&iet_config_mutex);
	return err;
}

static int iet_nl_get_target(struct sk_buff *skb, struct genl_info *info)
{
	if (GENL_REQ_ATTR_CHECK(info, IET_A_TID))
		return -EINVAL;
	return iet_nl_reply_target(info, nla_get_u32(info->attrs[IET_A_TID]));
}

/* cb->args[0]: how many targets earlier parts of the dump carried. */
static int iet_nl_dump_targets(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct iet_target *t;
	long i = 0;

	mutex_lock(&iet_config_mutex);
	list_for_each_entry(t, &iet_targets, list) {
		if (i >= cb->args[0] &&
		    iet_nl_fill_target(skb, NETLINK_CB(cb->skb).portid,
				       cb->nlh->nlmsg_seq, NLM_F_MULTI, t))
			break;
		i++;
	}
	mutex_unlock(&iet_config_mutex);
	cb->args[0] = i;
	return skb->len;
}

static int iet_nl_put_str(struct sk_buff *msg, int type, const char *s)
{
	return s && *s ? nla_put_string(msg, type, s) : 0;
}

static int iet_nl_fill_lun(struct sk_buff *msg, u32 portid, u32 seq,
			   const struct iet_lun *lun)
{
	void *hdr;

	hdr = genlmsg_put(msg, portid, seq, &iet_genl_family, NLM_F_MULTI,
			  IET_CMD_GET_LUN);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(msg, IET_A_TID, lun->target->tid) ||
	    nla_put_u32(msg, IET_A_LUN, lun->lun) ||
	    nla_put_u8(msg, IET_A_LUN_TYPE, lun->type) ||
	    nla_put_u8(msg, IET_A_LUN_IOMODE, lun->iomode) ||
	    nla_put_u8(msg, IET_A_LUN_STATE, lun->state) ||
	    nla_put_u32(msg, IET_A_LUN_BLOCKSIZE, lun->blocksize) ||
	    nla_put_u64_64bit(msg, IET_A_LUN_BLOCKS, lun->blocks, IET_A_PAD) ||
	    iet_nl_put_str(msg, IET_A_LUN_PATH, lun->path) ||
	    iet_nl_put_str(msg, IET_A_LUN_SCSI_ID, lun->scsi_id) ||
	    iet_nl_put_str(msg, IET_A_LUN_SCSI_SN, lun->scsi_sn)) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return 0;
}

/*
 * Dumps of what lives in targets (LUNs, sessions), optionally of one TID:
 * cb->args[0] counts the targets finished by earlier parts of the dump,
 * cb->args[1] what the next one has sent already. fill() puts a target's
 * objects from index *done on, moving *done, and fails when skb is full.
 */
typedef int (*iet_nl_fill_t)(struct sk_buff *skb, struct netlink_callback *cb,
			     struct iet_target *t, long *done);

static int iet_nl_dump_targets_of(struct sk_buff *skb,
				  struct netlink_callback *cb,
				  iet_nl_fill_t fill)
{
	struct nlattr *tid_attr = iet_dump_attrs(cb)[IET_A_TID];
	struct iet_target *t;
	long ti = 0;

	mutex_lock(&iet_config_mutex);
	list_for_each_entry(t, &iet_targets, list) {
		if (ti++ < cb->args[0])
			continue;
		if ((!tid_attr || t->tid == nla_get_u32(tid_attr)) &&
		    fill(skb, cb, t, &cb->args[1]))
			break;
		cb->args[0] = ti;
		cb->args[1] = 0;
	}
	mutex_unlock(&iet_config_mutex);
	return skb->len;
}

static int iet_nl_fill_luns(struct sk_buff *skb, struct netlink_callback *cb,
			    struct iet_target *t, long *done)
{
	struct iet_lun *lun;
	long i = 0;

	list_for_each_entry(lun, &t->luns, list) {
		if (i++ < *done)
			continue;
		if (iet_nl_fill_lun(skb, NETLINK_CB(cb->skb).portid,
				    cb->nlh->nlmsg_seq, lun))
			return -EMSGSIZE;
		*done = i;
	}
	return 0;
}

static int iet_nl_dump_luns(struct sk_buff *skb, struct netlink_callback *cb)
{
	return iet_nl_dump_targets_of(skb, cb, iet_nl_fill_luns);
}

static int iet_nl_lun_config(struct genl_info *info, struct iet_lun_config *cfg)
{
	struct nlattr **a = info->attrs;

	if (GENL_REQ_ATTR_CHECK(info, IET_A_TID) ||
	    GENL_REQ_ATTR_CHECK(info, IET_A_LUN) ||
	    GENL_REQ_ATTR_CHECK(info, IET_A_LUN_TYPE))
		return -EINVAL;
	*cfg = (struct iet_lun_config) {
		.lun = nla_get_u32(a[IET_A_LUN]),
		.type = nla_get_u8(a[IET_A_LUN_TYPE]),
		.iomode = IET_IOMODE_WT,
		.blocksize = 512,
		.pr_dir_fd = -1,
	};
	if (a[IET_A_LUN_IOMODE])
		cfg->iomode = nla_get_u8(a[IET_A_LUN_IOMODE]);
	if (a[IET_A_LUN_BLOCKSIZE])
		cfg->blocksize = nla_get_u32(a[IET_A_LUN_BLOCKSIZE]);
	if (a[IET_A_LUN_BLOCKS])
		cfg->blocks = nla_get_u64(a[IET_A_LUN_BLOCKS]);
	if (a[IET_A_LUN_PATH])
		cfg->path = nla_data(a[IET_A_LUN_PATH]);
	if (a[IET_A_LUN_SCSI_ID])
		cfg->scsi_id = nla_data(a[IET_A_LUN_SCSI_ID]);
	if (a[IET_A_LUN_SCSI_SN])
		cfg->scsi_sn = nla_data(a[IET_A_LUN_SCSI_SN]);
	if (a[IET_A_LUN_PR_DIR])
		/* No fd is above INT_MAX: fget() says EBADF for it. */
		cfg->pr_dir_fd = min_t(u32, nla_get_u32(a[IET_A_LUN_PR_DIR]),
				       INT_MAX);
	return 0;
}

static int iet_nl_new_lun(struct sk_buff *skb, struct genl_info *info)
{
	struct iet_lun_config cfg;
	struct iet_target *t;
	int err;

	err = iet_nl_lun_config(info, &cfg);
	if (err)
		return err;
	mutex_lock(&iet_config_mutex);
	t = iet_target_find(nla_get_u32(info->attrs[IET_A_TID]));
	err = t ? iet_lun_add(t, &cfg, info->extack) : -ENOENT;
	mutex_unlock(&iet_config_mutex);
	return err;
}

/*
 * As IET: a LUN of a target with sessions stays, unless forced; then it
 * goes once the commands using it are done, and the sessions carry on.
 */
static int iet_nl_del_lun(struct sk_buff *skb, struct genl_info *info)
{
	bool force = nla_get_flag(info->attrs[IET_A_FORCE]);
	struct iet_lun *lun = NULL;
	struct iet_target *t;
	int err = -ENOENT;

	if (GENL_REQ_ATTR_CHECK(info, IET_A_TID) ||
	    GENL_REQ_ATTR_CHECK(info, IET_A_LUN))
		return -EINVAL;
	mutex_lock(&iet_config_mutex);
	t = iet_target_find(nla_get_u32(info->attrs[IET_A_TID]));
	if (t)
		lun = iet_lun_find(t, nla_get_u32(info->attrs[IET_A_LUN]));
	if (lun && !force && !list_empty(&t->sessions)) {
		NL_SET_ERR_MSG(info->extack, "the target has sessions");
		err = -EBUSY;
	} else if (lun) {
		iet_lun_del(lun);
		err = 0;
	}
	mutex_unlock(&iet_config_mutex);
	return err;
}

/* RFC 7143 defaults for the keys ietd may leave out. */
static const u32 iet_param_defaults[IET_P_MAX + 1] = {
	[IET_P_INITIAL_R2T] = 1,
	[IET_P_IMMEDIATE_DATA] = 1,
	[IET_P_MAX_CONNECTIONS] = 1,
	[IET_P_MAX_RECV_DSL] = 8192,
	[IET_P_MAX_XMIT_DSL] = 8192,
	[IET_P_MAX_BURST] = 262144,
	[IET_P_FIRST_BURST] = 65536,
	[IET_P_TIME2WAIT] = 2,
	[IET_P_MAX_R2T] = 1,
	[IET_P_DATA_PDU_IN_ORDER] = 1,
	[IET_P_DATA_SEQ_IN_ORDER] = 1,
};

static int iet_nl_session_params(struct genl_info *info, u32 *params)
{
	struct nlattr *tb[IET_P_MAX + 1];
	int i, err;

	memcpy(params, iet_param_defaults, sizeof(iet_param_defaults));
	if (!info->attrs[IET_A_SESSION_PARAMS])
		return 0;
	err = nla_parse_nested(tb, IET_P_MAX, info->attrs[IET_A_SESSION_PARAMS],
			       iet_param_policy, info->extack);
	if (err)
		return err;
	for (i = 1; i <= IET_P_MAX; i++)
		if (tb[i])
			params[i] = nla_get_u32(tb[i]);
	if (params[IET_P_FIRST_BURST] > params[IET_P_MAX_BURST]) {
		NL_SET_ERR_MSG(info->extack,
			       "FirstBurstLength exceeds MaxBurstLength");
		return -EINVAL;
	}
	return 0;
}

static int iet_nl_new_conn(struct sk_buff *skb, struct genl_info *info)
{
	u32 params[IET_P_MAX + 1];
	struct iet_conn_config cfg;
	struct iet_target *t;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, IET_A_TID) ||
	    GENL_REQ_ATTR_CHECK(info, IET_A_SID) ||
	    GENL_REQ_ATTR_CHECK(info, IET_A_CID) ||
	    GENL_REQ_ATTR_CHECK(info, IET_A_INITIATOR_NAME) ||
	    GENL_REQ_ATTR_CHECK(info, IET_A_FD) ||
	    GENL_REQ_ATTR_CHECK(info, IET_A_STAT_SN) ||
	    GENL_REQ_ATTR_CHECK(info, IET_A_EXP_CMD_SN))
		return -EINVAL;
	err = iet_nl_session_params(info, params);
	if (err)
		return err;
	cfg = (struct iet_conn_config) {
		.sid = nla_get_u64(info->attrs[IET_A_SID]),
		.cid = nla_get_u32(info->attrs[IET_A_CID]),
		.initiator = nla_data(info->attrs[IET_A_INITIATOR_NAME]),
		.fd = nla_get_u32(info->attrs[IET_A_FD]),
		.stat_sn = nla_get_u32(info->attrs[IET_A_STAT_SN]),
		.exp_cmd_sn = nla_get_u32(info->attrs[IET_A_EXP_CMD_SN]),
		.params = params,
	};
	mutex_lock(&iet_config_mutex);
	t = iet_target_find(nla_get_u32(info->attrs[IET_A_TID]));
	err = t ? iet_conn_add(t, &cfg) : -ENOENT;
	mutex_unlock(&iet_config_mutex);
	if (err == -EBUSY)
		NL_SET_ERR_MSG(info->extack, "the session has its connection");
	return err;
}

static int iet_nl_del_session(struct sk_buff *skb, struct genl_info *info)
{
	struct iet_target *t;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, IET_A_TID) ||
	    GENL_REQ_ATTR_CHECK(info, IET_A_SID))
		return -EINVAL;
	mutex_lock(&iet_config_mutex);
	t = iet_target_find(nla_get_u32(info->attrs[IET_A_TID]));
	err = t ? iet_session_del(t, nla_get_u64(info->attrs[IET_A_SID])) :
		  -ENOENT;
	mutex_unlock(&iet_config_mutex);
	return err;
}

static int iet_nl_del_conn(struct sk_buff *skb, struct genl_info *info)
{
	struct iet_target *t;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, IET_A_TID) ||
	    GENL_REQ_ATTR_CHECK(info, IET_A_SID) ||
	    GENL_REQ_ATTR_CHECK(info, IET_A_CID))
		return -EINVAL;
	mutex_lock(&iet_config_mutex);
	t = iet_target_find(nla_get_u32(info->attrs[IET_A_TID]));
	err = t ? iet_conn_del(t, nla_get_u64(info->attrs[IET_A_SID]),
			       nla_get_u32(info->attrs[IET_A_CID])) : -ENOENT;
	mutex_unlock(&iet_config_mutex);
	return err;
}

static int iet_nl_fill_conn(struct sk_buff *msg, const struct iet_conn *conn)
{
	struct nlattr *nest = nla_nest_start(msg, IET_A_CONN);

	if (!nest || nla_put_u32(msg, IET_A_CID, conn->cid) ||
	    nla_put_string(msg, IET_A_CONN_ADDR, conn->peer) ||
	    nla_put_u8(msg, IET_A_CONN_STATE,
		       test_bit(IET_CONN_F_CLOSING, &conn->flags) ?
		       IET_CONN_CLOSING : IET_CONN_ACTIVE) ||
	    nla_put_u32(msg, IET_A_CONN_DIGEST_ERRORS,
			READ_ONCE(conn->digest_errors)))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

static int iet_nl_fill_session(struct sk_buff *msg, u32 portid, u32 seq,
			       const struct iet_session *sess)
{
	const struct iet_conn *conn;
	struct nlattr *nest;
	void *hdr;
	int i;

	hdr = genlmsg_put(msg, portid, seq, &iet_genl_family, NLM_F_MULTI,
			  IET_CMD_GET_SESSION);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(msg, IET_A_TID, sess->target->tid) ||
	    nla_put_u64_64bit(msg, IET_A_SID, sess->sid, IET_A_PAD) ||
	    nla_put_string(msg, IET_A_INITIATOR_NAME, sess->initiator))
		goto cancel;
	nest = nla_nest_start(msg, IET_A_SESSION_PARAMS);
	if (!nest)
		goto cancel;
	for (i = 1; i <= IET_P_MAX; i++)
		if (nla_put_u32(msg, i, sess->params[i]))
			goto cancel;
	nla_nest_end(msg, nest);
	list_for_each_entry(conn, &sess->conns, list)
		if (iet_nl_fill_conn(msg, conn))
			goto cancel;
	genlmsg_end(msg, hdr);
	return 0;
cancel:
	genlmsg_cancel(msg, hdr);
	return -EMSGSIZE;
}

static int iet_nl_fill_sessions(struct sk_buff *skb,
				struct netlink_callback *cb,
				struct iet_target *t, long *done)
{
	struct iet_session *sess;
	long i = 0;

	list_for_each_entry(sess, &t->sessions, list) {
		if (i++ < *done)
			continue;
		if (iet_nl_fill_session(skb, NETLINK_CB(cb->skb).portid,
					cb->nlh->nlmsg_seq, sess))
			return -EMSGSIZE;
		*done = i;
	}
	return 0;
}

static int iet_nl_dump_sessions(struct sk_buff *skb, struct netlink_callback *cb)
{
	return iet_nl_dump_targets_of(skb, cb, iet_nl_fill_sessions);
}

static const struct genl_ops iet_genl_ops[] = {
	{
		.cmd = IET_CMD_GET_VERSION,
		.doit = iet_nl_get_version,
		.flags = GENL_ADMIN_PERM,
	}, {
		.cmd = IET_CMD_NEW_TARGET,
		.doit = iet_nl_new_target,
		.flags = GENL_ADMIN_PERM,
	}, {
		.cmd = IET_CMD_DEL_TARGET,
		.doit = iet_nl_del_target,
		.flags = GENL_ADMIN_PERM,
	}, {
		.cmd = IET_CMD_SET_TARGET,
		.doit = iet_nl_set_target,
		.flags = GENL_ADMIN_PERM,
	}, {
		.cmd = IET_CMD_GET_TARGET,
		.doit = iet_nl_get_target,
		.dumpit = iet_nl_dump_targets,
		.flags = GENL_ADMIN_PERM,
	}, {
		.cmd = IET_CMD_NEW_LUN,
		.doit = iet_nl_new_lun,
		.flags = GENL_ADMIN_PERM,
	}, {
		.cmd = IET_CMD_DEL_LUN,
		.doit = iet_nl_del_lun,
		.flags = GENL_ADMIN_PERM,
	}, {
		.cmd = IET_CMD_GET_LUN,
		.dumpit = iet_nl_dump_luns,
		.flags = GENL_ADMIN_PERM,
	}, {
		.cmd = IET_CMD_NEW_CONN,
		.doit = iet_nl_new_conn,
		.flags = GENL_ADMIN_PERM,
	}, {
		.cmd = IET_CMD_DEL_CONN,
		.doit = iet_nl_del_conn,
		.flags = GENL_ADMIN_PERM,
	}, {
		.cmd = IET_CMD_DEL_SESSION,
		.doit = iet_nl_del_session,
		.flags = GENL_ADMIN_PERM,
	}, {
		.cmd = IET_CMD_GET_SESSION,
		.dumpit = iet_nl_dump_sessions,
		.flags = GENL_ADMIN_PERM,
	},
};

/* resv_start_op stays 0: every operation gets strict validation. */
static struct genl_family iet_genl_family __ro_after_init = {
	.name = IET_GENL_NAME,
	.version = IET_GENL_VERSION,
	.maxattr = IET_A_MAX,
	.policy = iet_policy,
	.module = THIS_MODULE,
	.ops = iet_genl_ops,
	.n_ops = ARRAY_SIZE(iet_genl_ops),
};

int __init iet_genl_init(void)
{
	return genl_register_family(&iet_genl_family);
}

void iet_genl_exit(void)
{
	genl_unregister_family(&iet_genl_family);
}
