// SPDX-License-Identifier: GPL-2.0
/*
 * A connection's spare pages. Debian's kernels zero every page they hand
 * out (init_on_alloc), yet a command's pages are overwritten before anyone
 * reads them: by the read that fills them, or by the initiator's data, all
 * of which a write waits for (iscsi.c takes Data-Out in order only). So a
 * command's pages go back to its connection when it is done and the next
 * command takes them as they are: no zeroing, which for a 1 MiB read was
 * a second write of every byte, and no trip through the page allocator.
 * Pages never move between connections, so what an initiator could ever
 * see of a stale page is its own data. A connection keeps at most
 * IET_PAGE_POOL_MAX pages, until it closes.
 */
#include <linux/gfp.h>
#include <linux/mm.h>
#include "pagepool.h"

#define IET_PAGE_POOL_MAX	1024	/* 4 MiB with 4 KiB pages */

void iet_page_pool_init(struct iet_page_pool *pool)
{
	spin_lock_init(&pool->lock);
	INIT_LIST_HEAD(&pool->pages);
	pool->nr = 0;
}

/* Fills pages[0..nr) from the pool, the rest from the allocator. */
int iet_pages_get(struct iet_page_pool *pool, struct page **pages,
		  unsigned int nr)
{
	unsigned int i = 0;

	spin_lock(&pool->lock);
	for (; i < nr && pool->nr; i++, pool->nr--) {
		pages[i] = list_first_entry(&pool->pages, struct page, lru);
		list_del(&pages[i]->lru);
	}
	spin_unlock(&pool->lock);
	for (; i < nr; i++) {
		pages[i] = alloc_page(GFP_NOIO);
		if (!pages[i]) {
			iet_pages_put(pool, pages, i);
			return -ENOMEM;
		}
	}
	return 0;
}

/*
 * Takes back a command's pages. A page that TCP still holds (spliced
 * Data-In) is only released: its last user frees it. The reference count
 * of such a page can only fall, so a count of one means it is ours alone.
 */
void iet_pages_put(struct iet_page_pool *pool, struct page **pages,
		   unsigned int nr)
{
	unsigned int i;

	spin_lock(&pool->lock);
	for (i = 0; i < nr; i++) {
		if (pool->nr < IET_PAGE_POOL_MAX &&
		    page_ref_count(pages[i]) == 1) {
			list_add(&pages[i]->lru, &pool->pages);
			pool->nr++;
		} else {
			put_page(pages[i]);
		}
	}
	spin_unlock(&pool->lock);
}

/* When the connection goes: no command is left to use the pool. */
void iet_page_pool_drain(struct iet_page_pool *pool)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, &pool->pages, lru)
		put_page(page);
	INIT_LIST_HEAD(&pool->pages);
	pool->nr = 0;
}
