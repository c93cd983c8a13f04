// SPDX-License-Identifier: GPL-2.0
/*
 * PDUs on the socket: whole headers and data segments in, padded PDUs out.
 */
#include <linux/net.h>
#include <linux/socket.h>
#include "iscsi_proto.h"
#include "pdu.h"
#include "session.h"

int iet_recv_kvec(struct iet_conn *conn, struct kvec *vec, unsigned int nr,
		  size_t len)
{
	struct msghdr msg = { .msg_flags = MSG_WAITALL | MSG_NOSIGNAL };
	int ret;

	ret = kernel_recvmsg(conn->sock, &msg, vec, nr, len, msg.msg_flags);
	if (ret == len)
		return 0;
	return ret < 0 ? ret : -ECONNRESET;
}

int iet_recv(struct iet_conn *conn, void *buf, size_t len)
{
	struct kvec vec = { .iov_base = buf, .iov_len = len };

	return len ? iet_recv_kvec(conn, &vec, 1, len) : 0;
}

/* Reads and drops a data segment nobody wants (a command that is gone). */
int iet_discard(struct iet_conn *conn, size_t len)
{
	static u8 sink[512];
	size_t n;
	int err;

	for (; len; len -= n) {
		n = min(len, sizeof(sink));
		err = iet_recv(conn, sink, n);
		if (err)
			return err;
	}
	return 0;
}

static int iet_send_vec(struct iet_conn *conn, struct kvec *vec,
			unsigned int nr, size_t len, bool more)
{
	struct msghdr msg = { .msg_flags = MSG_NOSIGNAL | (more ? MSG_MORE : 0) };
	int ret;

	ret = kernel_sendmsg(conn->sock, &msg, vec, nr, len);
	if (ret == len)
		return 0;
	return ret < 0 ? ret : -EIO;
}

/*
 * Sends one PDU: the header, then len bytes of data from vec (which the
 * caller sized to len) and the padding to a multiple of four. MSG_MORE
 * keeps the pieces in as few segments as TCP can. The caller holds
 * conn->tx_mutex.
 */
int iet_send(struct iet_conn *conn, void *bhs, struct kvec *data,
	     unsigned int nr, u32 len)
{
	static const u8 zeroes[4];
	struct kvec vec = { .iov_base = bhs, .iov_len = ISCSI_BHS_LEN };
	u32 pad = ISCSI_PAD(len) - len;
	int err;

	lockdep_assert_held(&conn->tx_mutex);
	iscsi_set_dlength(((struct iscsi_bhs *)bhs)->dlength, len);
	err = iet_send_vec(conn, &vec, 1, ISCSI_BHS_LEN, len);
	if (!err && len)
		err = iet_send_vec(conn, data, nr, len, pad);
	if (!err && pad) {
		vec = (struct kvec) { .iov_base = (void *)zeroes, .iov_len = pad };
		err = iet_send_vec(conn, &vec, 1, pad, false);
	}
	return err;
}
