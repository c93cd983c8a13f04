/* SPDX-License-Identifier: GPL-2.0 */
#ifndef IET_PDU_H
#define IET_PDU_H

#include <linux/types.h>
#include <linux/uio.h>

struct bio_vec;
struct iet_conn;
struct iscsi_bhs;

void iet_rx_unplug(void);
int iet_recv_header(struct iet_conn *conn, struct iscsi_bhs *bhs, u32 *len);
int iet_recv(struct iet_conn *conn, void *buf, size_t len);
int iet_recv_kvec(struct iet_conn *conn, struct kvec *vec, unsigned int nr,
		  size_t len);
int iet_discard(struct iet_conn *conn, size_t len);
int iet_send(struct iet_conn *conn, void *bhs, struct kvec *data,
	     unsigned int nr, u32 len);
int iet_send_pages(struct iet_conn *conn, void *bhs, const struct bio_vec *bv,
		   unsigned int nr, u32 len);

#endif /* IET_PDU_H */
