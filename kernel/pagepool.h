/* SPDX-License-Identifier: GPL-2.0 */
#ifndef IET_PAGEPOOL_H
#define IET_PAGEPOOL_H

#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/types.h>

struct page;

/* A connection's spare pages for its commands' data (pagepool.c). */
struct iet_page_pool {
	spinlock_t lock;
	struct list_head pages;		/* linked by page->lru */
	unsigned int nr;
};

void iet_page_pool_init(struct iet_page_pool *pool);
int iet_pages_get(struct iet_page_pool *pool, struct page **pages,
		  unsigned int nr);
void iet_pages_put(struct iet_page_pool *pool, struct page **pages,
		   unsigned int nr);
void iet_page_pool_drain(struct iet_page_pool *pool);

#endif /* IET_PAGEPOOL_H */
