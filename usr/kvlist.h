/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "key=value,key=value" lists, as in ietadm --params and the Lun line of
 * ietd.conf.
 */
#ifndef IET_KVLIST_H
#define IET_KVLIST_H

#include <stddef.h>

#define KV_MAX 32

struct kv {
	const char *key;
	const char *val;
};

struct kv_list {
	char *buf;
	unsigned int nr;
	struct kv kv[KV_MAX];
};

/*
 * Split @str into pairs. Blanks around an item are dropped, so a list may
 * be continued on the next line of ietd.conf; a blank inside an item is an
 * error, because it almost always means a missing comma. An item without
 * '=' continues the value before it, which keeps the comma in
 * "HeaderDigest=None,CRC32C". Returns 0, or -EINVAL with a sentence in
 * @msg; either way kv_free() releases @l.
 */
int kv_parse(struct kv_list *l, const char *str, char *msg, size_t len);
void kv_free(struct kv_list *l);

#endif /* IET_KVLIST_H */
