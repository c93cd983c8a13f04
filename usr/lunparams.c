// SPDX-License-Identifier: GPL-2.0
/*
 * Parsing the parameter string of a LUN. The kernel gets typed
 * attributes, so every check that needs no disk happens here.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kvlist.h"
#include "lunparams.h"
#include "params.h"

static const char * const type_names[__IET_LUN_TYPE_MAX] = {
	[IET_LUN_FILEIO] = "fileio",
	[IET_LUN_BLOCKIO] = "blockio",
	[IET_LUN_NULLIO] = "nullio",
};

static const char * const iomode_names[__IET_IOMODE_MAX] = {
	[IET_IOMODE_WT] = "wt",
	[IET_IOMODE_WB] = "wb",
	[IET_IOMODE_RO] = "ro",
};

const char *lun_type_name(enum iet_lun_type type)
{
	return type < __IET_LUN_TYPE_MAX ? type_names[type] : "unknown";
}

const char *lun_iomode_name(enum iet_iomode mode)
{
	return mode < __IET_IOMODE_MAX ? iomode_names[mode] : "unknown";
}

static int name_index(const char * const *names, int nr, const char *s)
{
	int i;

	for (i = 0; i < nr; i++)
		if (!strcasecmp(names[i], s))
			return i;
	return -1;
}

enum lun_key {
	LK_PATH,
	LK_TYPE,
	LK_SCSI_ID,
	LK_SCSI_SN,
	LK_IOMODE,
	LK_BLOCKSIZE,
	LK_BLOCKS,
	LK_NR,
};

static const char * const lun_keys[LK_NR] = {
	[LK_PATH] = "Path",
	[LK_TYPE] = "Type",
	[LK_SCSI_ID] = "ScsiId",
	[LK_SCSI_SN] = "ScsiSN",
	[LK_IOMODE] = "IOMode",
	[LK_BLOCKSIZE] = "BlockSize",
	[LK_BLOCKS] = "Blocks",
};

static int set_path(struct lun_params *lp, const char *v, char *msg,
		    size_t len)
{
	if (*v != '/') {
		snprintf(msg, len, "Path '%s' is not an absolute path", v);
		return -EINVAL;
	}
	if (strlen(v) >= PATH_MAX) {
		snprintf(msg, len, "Path is longer than %d bytes", PATH_MAX - 1);
		return -EINVAL;
	}
	lp->path = strdup(v);
	if (!lp->path) {
		snprintf(msg, len, "out of memory");
		return -ENOMEM;
	}
	return 0;
}

/* ScsiId and ScsiSN end up in INQUIRY data: short printable ASCII. */
static int set_ident(char *dst, size_t max, const char *key, const char *v,
		     char *msg, size_t len)
{
	const char *p;

	if (strlen(v) > max) {
		snprintf(msg, len, "%s '%s' is longer than %zu characters",
			 key, v, max);
		return -EINVAL;
	}
	for (p = v; *p; p++) {
		if (!isgraph((unsigned char)*p)) {
			snprintf(msg, len,
				 "%s '%s' has a character that is not printable ASCII",
				 key, v);
			return -EINVAL;
		}
	}
	strcpy(dst, v);
	return 0;
}

static int set_blocksize(struct lun_params *lp, const char *v, char *msg,
			 size_t len)
{
	unsigned long long n;

	if (param_parse_u64(v, &n) ||
	    (n != 512 && n != 1024 && n != 2048 && n != 4096)) {
		snprintf(msg, len,
			 "BlockSize '%s' is not 512, 1024, 2048 or 4096", v);
		return -EINVAL;
	}
	lp->blocksize = n;
	return 0;
}

static int set_blocks(struct lun_params *lp, const char *v, char *msg,
		      size_t len)
{
	if (param_parse_u64(v, &lp->blocks) || !lp->blocks) {
		snprintf(msg, len, "Blocks '%s' is not a positive number", v);
		return -EINVAL;
	}
	return 0;
}

static int set_enum(int *dst, const char * const *names, int nr,
		    const char *key, const char *v, const char *choice,
		    char *msg, size_t len)
{
	int i = name_index(names, nr, v);

	if (i < 0) {
		snprintf(msg, len, "%s '%s' is not %s", key, v, choice);
		return -EINVAL;
	}
	*dst = i;
	return 0;
}

static int set_key(struct lun_params *lp, enum lun_key k, const char *v,
		   char *msg, size_t len)
{
	int i;

	switch (k) {
	case LK_PATH:
		return set_path(lp, v, msg, len);
	case LK_TYPE:
		if (set_enum(&i, type_names, __IET_LUN_TYPE_MAX, "Type", v,
			     "blockio, fileio or nullio", msg, len))
			return -EINVAL;
		lp->type = i;
		return 0;
	case LK_SCSI_ID:
		return set_ident(lp->scsi_id, IET_SCSI_ID_MAX, "ScsiId", v,
				 msg, len);
	case LK_SCSI_SN:
		return set_ident(lp->scsi_sn, IET_SCSI_SN_MAX, "ScsiSN", v,
				 msg, len);
	case LK_IOMODE:
		if (set_enum(&i, iomode_names, __IET_IOMODE_MAX, "IOMode", v,
			     "wb, wt or ro", msg, len))
			return -EINVAL;
		lp->iomode = i;
		lp->iomode_set = true;
		return 0;
	case LK_BLOCKSIZE:
		return set_blocksize(lp, v, msg, len);
	case LK_BLOCKS:
		return set_blocks(lp, v, msg, len);
	case LK_NR:
		break;
	}
	return -EINVAL;
}

/* What one Type allows of what the others need. */
static int check_type(const struct lun_params *lp, char *msg, size_t len)
{
	const char *type = lun_type_name(lp->type);

	if (lp->type == IET_LUN_NULLIO) {
		if (lp->path) {
			snprintf(msg, len, "Type=nullio takes no Path");
			return -EINVAL;
		}
		return 0;
	}
	if (!lp->path) {
		snprintf(msg, len, "Type=%s needs a Path", type);
		return -EINVAL;
	}
	if (lp->blocks) {
		snprintf(msg, len, "Blocks is for Type=nullio, not Type=%s",
			 type);
		return -EINVAL;
	}
	return 0;
}

static int parse_pairs(const struct kv_list *l, struct lun_params *lp,
		       char *msg, size_t len)
{
	unsigned int i, seen = 0;
	int k, err;

	for (i = 0; i < l->nr; i++) {
		k = name_index(lun_keys, LK_NR, l->kv[i].key);
		if (k < 0) {
			snprintf(msg, len, "unknown LUN parameter '%s'",
				 l->kv[i].key);
			return -EINVAL;
		}
		if (seen & (1U << k)) {
			snprintf(msg, len, "%s is given twice", lun_keys[k]);
			return -EINVAL;
		}
		seen |= 1U << k;
		err = set_key(lp, k, l->kv[i].val, msg, len);
		if (err)
			return err;
	}
	return check_type(lp, msg, len);
}

int lun_params_parse(const char *str, struct lun_params *lp,
		     char *msg, size_t len)
{
	struct kv_list l;
	int err;

	memset(lp, 0, sizeof(*lp));
	lp->type = IET_LUN_FILEIO;	/* IET's default */
	err = kv_parse(&l, str, msg, len);
	if (!err && !l.nr) {
		snprintf(msg, len, "no LUN parameters (Path=..,Type=..)");
		err = -EINVAL;
	}
	if (!err)
		err = parse_pairs(&l, lp, msg, len);
	kv_free(&l);
	if (err)
		lun_params_free(lp);
	return err;
}

void lun_params_free(struct lun_params *lp)
{
	free(lp->path);
	lp->path = NULL;
}

int lun_number_parse(const char *str, unsigned int *lun,
		     char *msg, size_t len)
{
	unsigned long long n;
	int err = param_parse_u64(str, &n);

	if (err == -EINVAL) {
		snprintf(msg, len, "LUN '%s' is not a number", str);
		return -EINVAL;
	}
	if (err || n > IET_LUN_MAX) {
		snprintf(msg, len, "LUN %s is above the maximum %d",
			 str, IET_LUN_MAX);
		return -EINVAL;
	}
	*lun = n;
	return 0;
}
