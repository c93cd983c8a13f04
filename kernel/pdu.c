// SPDX-License-Identifier: GPL-2.0
/*
 * PDUs on the socket: whole headers and data segments in, padded PDUs out,
 * with the CRC32C header and data digests of RFC 7143 13.1 when the login
 * negotiated them. A digest is the complement of the CRC register over the
 * bytes it covers, sent least significant byte first.
 */
#include <linux/blkdev.h>
#include <linux/crc32c.h>
#include <linux/jiffies.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/uio.h>
#include <net/sock.h>
#include "compat.h"
#include "iscsi_proto.h"
#include "pdu.h"
#include "session.h"
#include "target.h"

#define IET_CRC_SEED	(~0U)

static __le32 iet_digest(u32 crc)
{
	return cpu_to_le32(~crc);
}

/* The CRC register carried over the first len bytes of vec. */
static u32 iet_crc_kvec(u32 crc, const struct kvec *vec, unsigned int nr,
			size_t len)
{
	size_t n;

	for (; len && nr; vec++, nr--) {
		n = min(len, vec->iov_len);
		crc = crc32c(crc, vec->iov_base, n);
		len -= n;
	}
	return crc;
}

/* The I/O the rx thread has plugged (iet_rx_thread) goes to the device. */
void iet_rx_unplug(void)
{
	struct blk_plug *plug = current->plug;

	if (plug) {
		blk_finish_plug(plug);
		blk_start_plug(plug);
	}
}

static int iet_recv_raw(struct iet_conn *conn, struct kvec *vec,
			unsigned int nr, size_t len)
{
	struct msghdr msg = { .msg_flags = MSG_WAITALL | MSG_NOSIGNAL };
	int ret;

	/*
	 * A read that may wait: the plugged I/O goes now, not after a round
	 * trip of the initiator. (Were the thread to sleep with it, the
	 * scheduler would let it go, but from a kblockd worker: one hand-off
	 * more.)
	 */
	if (skb_queue_empty_lockless(&conn->sock->sk->sk_receive_queue))
		iet_rx_unplug();
	ret = kernel_recvmsg(conn->sock, &msg, vec, nr, len, msg.msg_flags);
	if (ret == len) {
		/* Any bytes are a sign of life for the keepalive. */
		WRITE_ONCE(conn->last_rx, jiffies);
		WRITE_ONCE(conn->rx_reads, conn->rx_reads + 1);
		return 0;
	}
	return ret < 0 ? ret : -ECONNRESET;
}

/*
 * Reads a digest and compares it with the one of crc. A mismatch ends the
 * connection, as ErrorRecoveryLevel 0 has it (RFC 7143 7.8), so it is
 * logged once for the connection.
 */
static int iet_recv_digest(struct iet_conn *conn, u32 crc, const char *what)
{
	__le32 digest;
	struct kvec vec = { .iov_base = &digest, .iov_len = sizeof(digest) };
	int err;

	err = iet_recv_raw(conn, &vec, 1, sizeof(digest));
	if (err)
		return err;
	if (digest == iet_digest(crc))
		return 0;
	WRITE_ONCE(conn->digest_errors, conn->digest_errors + 1);
	/* Rate-limited: an initiator may reconnect and err again at will. */
	pr_warn_ratelimited("target %u: connection %u of session %llu: %s digest error (got %08x, want %08x)\n",
			    conn->session->target->tid, conn->cid,
			    conn->session->sid, what, le32_to_cpu(digest),
			    le32_to_cpu(iet_digest(crc)));
	return -EBADMSG;
}

/* Reads and drops len bytes, carrying *crc over them when crc is given. */
static int iet_skip(struct iet_conn *conn, size_t len, u32 *crc)
{
	u8 sink[256];	/* on the stack: the bytes may feed a digest */
	struct kvec vec = { .iov_base = sink };
	int err;

	for (; len; len -= vec.iov_len) {
		vec.iov_len = min(len, sizeof(sink));
		err = iet_recv_raw(conn, &vec, 1, vec.iov_len);
		if (err)
			return err;
		if (crc)
			*crc = crc32c(*crc, sink, vec.iov_len);
	}
	return 0;
}

/*
 * Reads a PDU's header: the BHS, the AHS (nothing iet accepts has one, so
 * it is skipped, though the header digest covers it) and the header
 * digest. Returns the data segment's length in *len; iet_recv,
 * iet_recv_kvec and iet_discard then read that segment and its padding.
 */
int iet_recv_header(struct iet_conn *conn, struct iscsi_bhs *bhs, u32 *len)
{
	struct kvec vec = { .iov_base = bhs, .iov_len = sizeof(*bhs) };
	u32 crc = IET_CRC_SEED;
	int err;

	err = iet_recv_raw(conn, &vec, 1, sizeof(*bhs));
	if (err)
		return err;
	if (conn->hdigest)
		crc = crc32c(crc, bhs, sizeof(*bhs));
	err = iet_skip(conn, bhs->ahslen * 4, conn->hdigest ? &crc : NULL);
	if (!err && conn->hdigest)
		err = iet_recv_digest(conn, crc, "header");
	if (err)
		return err;
	*len = iscsi_dlength(bhs->dlength);
	conn->rx_left = ISCSI_PAD(*len);
	conn->rx_crc = IET_CRC_SEED;
	return 0;
}

/*
 * Counts len bytes of the data segment as read. The read of its last byte
 * also reads and checks the data digest: a handler acts on its data only
 * once it has all of it, so never on data that failed.
 */
static int iet_seg_read(struct iet_conn *conn, size_t len)
{
	conn->rx_left -= len;
	if (!len || conn->rx_left || !conn->ddigest)
		return 0;
	return iet_recv_digest(conn, conn->rx_crc, "data");
}

/* The next len bytes of the data segment, into vec. */
int iet_recv_kvec(struct iet_conn *conn, struct kvec *vec, unsigned int nr,
		  size_t len)
{
	int err;

	if (WARN_ON_ONCE(len > conn->rx_left))
		return -EPROTO;
	err = iet_recv_raw(conn, vec, nr, len);
	if (err)
		return err;
	if (conn->ddigest)
		conn->rx_crc = iet_crc_kvec(conn->rx_crc, vec, nr, len);
	return iet_seg_read(conn, len);
}

int iet_recv(struct iet_conn *conn, void *buf, size_t len)
{
	struct kvec vec = { .iov_base = buf, .iov_len = len };

	return len ? iet_recv_kvec(conn, &vec, 1, len) : 0;
}

/* Reads and drops data nobody wants (a command that is gone). */
int iet_discard(struct iet_conn *conn, size_t len)
{
	int err;

	if (WARN_ON_ONCE(len > conn->rx_left))
		return -EPROTO;
	err = iet_skip(conn, len, conn->ddigest ? &conn->rx_crc : NULL);
	return err ? err : iet_seg_read(conn, len);
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
 * The BHS with its digest when negotiated, and its data length. MSG_MORE
 * unless it is the last piece of the last PDU in sight: the tx work sets
 * tx_more while responses wait behind this one.
 */
static int iet_send_header(struct iet_conn *conn, void *bhs, u32 len)
{
	__le32 digest;
	struct kvec vec[2] = {
		{ .iov_base = bhs, .iov_len = ISCSI_BHS_LEN },
		{ .iov_base = &digest, .iov_len = sizeof(digest) },
	};
	bool more = len || conn->tx_more;

	iscsi_set_dlength(((struct iscsi_bhs *)bhs)->dlength, len);
	if (!conn->hdigest)
		return iet_send_vec(conn, vec, 1, ISCSI_BHS_LEN, more);
	digest = iet_digest(crc32c(IET_CRC_SEED, bhs, ISCSI_BHS_LEN));
	return iet_send_vec(conn, vec, 2, ISCSI_BHS_LEN + sizeof(digest), more);
}

/*
 * What follows a data segment of len bytes whose CRC register is crc: its
 * padding to a multiple of four, and its digest, which covers the padding
 * too. Sets *tail_len to how many bytes that is.
 */
static void iet_data_tail(struct iet_conn *conn, u32 len, u32 crc, u8 *tail,
			  size_t *tail_len)
{
	__le32 digest;

	*tail_len = ISCSI_PAD(len) - len;
	memset(tail, 0, *tail_len);
	if (!conn->ddigest)
		return;
	digest = iet_digest(crc32c(crc, tail, *tail_len));
	memcpy(tail + *tail_len, &digest, sizeof(digest));
	*tail_len += sizeof(digest);
}

static int iet_send_tail(struct iet_conn *conn, u8 *tail, size_t tail_len)
{
	struct kvec vec = { .iov_base = tail, .iov_len = tail_len };

	if (!tail_len)
		return 0;
	return iet_send_vec(conn, &vec, 1, tail_len, conn->tx_more);
}

static void iet_sent(struct iet_conn *conn)
{
	/* Progress the keepalive sees when it cannot ping. */
	WRITE_ONCE(conn->tx_pdus, conn->tx_pdus + 1);
}

static u32 iet_crc_bvec(u32 crc, const struct bio_vec *bv, unsigned int nr)
{
	for (; nr; bv++, nr--)
		crc = crc32c(crc, page_address(bv->bv_page) + bv->bv_offset,
			     bv->bv_len);
	return crc;
}

/*
 * Data-In from the read's own pages (iet_sock_send_pages) or copied like
 * any other data. Splicing costs nothing on 6.1's ->sendpage; with 6.12's
 * MSG_SPLICE_PAGES, open-iscsi over loopback saw its receive window close
 * again and again (TCPWantZeroWindowAdv in the hundreds per second where
 * copying had none, 150-200 ms stalls) and 1 MiB reads ran at a third of
 * the copying speed, so that kernel copies unless told otherwise.
 */
static bool zerocopy = IET_ZEROCOPY_DEFAULT;
module_param(zerocopy, bool, 0644);
MODULE_PARM_DESC(zerocopy, "Send Data-In from the read's pages without copying them");

/* Pages sent as any other data: copied into the socket's buffers. */
static int iet_send_bvec_copy(struct socket *sock, const struct bio_vec *bv,
			      unsigned int nr, size_t len, int flags)
{
	struct msghdr msg = { .msg_flags = flags };
	int ret;

	iov_iter_bvec(&msg.msg_iter, WRITE, bv, nr, len);
	while (msg_data_left(&msg)) {
		ret = sock_sendmsg(sock, &msg);
		if (ret <= 0)
			return ret ? ret : -EIO;
	}
	return 0;
}

/* A PDU's data: kvecs to copy, or pages (bv) for TCP to take as they are. */
struct iet_payload {
	struct kvec *vec;
	const struct bio_vec *bv;
	unsigned int nr;
};

static int iet_send_pdu(struct iet_conn *conn, void *bhs,
			const struct iet_payload *p, u32 len)
{
	u8 tail[3 + ISCSI_DIGEST_LEN];
	size_t tail_len;
	u32 crc = 0;
	bool more;
	int flags;
	int err;

	lockdep_assert_held(&conn->tx_mutex);
	err = iet_send_header(conn, bhs, len);
	if (err || !len)
		goto out;
	if (conn->ddigest)
		crc = p->bv ? iet_crc_bvec(IET_CRC_SEED, p->bv, p->nr) :
			      iet_crc_kvec(IET_CRC_SEED, p->vec, p->nr, len);
	iet_data_tail(conn, len, crc, tail, &tail_len);
	more = tail_len || conn->tx_more;
	flags = MSG_NOSIGNAL | (more ? MSG_MORE : 0);
	if (p->bv && READ_ONCE(zerocopy))
		err = iet_sock_send_pages(conn->sock, p->bv, p->nr, len, flags);
	else if (p->bv)
		err = iet_send_bvec_copy(conn->sock, p->bv, p->nr, len, flags);
	else
		err = iet_send_vec(conn, p->vec, p->nr, len, more);
	if (!err)
		err = iet_send_tail(conn, tail, tail_len);
out:
	if (!err)
		iet_sent(conn);
	return err;
}

/*
 * Sends one PDU: the header, then len bytes of data from vec (which the
 * caller sized to len), copied into the socket. The digest is computed
 * in place: the sender owns the buffers until they are out. The caller
 * holds conn->tx_mutex.
 */
int iet_send(struct iet_conn *conn, void *bhs, struct kvec *data,
	     unsigned int nr, u32 len)
{
	struct iet_payload p = { .vec = data, .nr = nr };

	return iet_send_pdu(conn, bhs, &p, len);
}

/*
 * iet_send for data in pages, which TCP sends from where they are when
 * zerocopy is on: the socket then takes page references of its own, so
 * the caller may free them once this returns, but must not write to them.
 * Only for pages of the page allocator: TCP will not splice slab memory,
 * so headers, padding and digests are always copied.
 */
int iet_send_pages(struct iet_conn *conn, void *bhs, const struct bio_vec *bv,
		   unsigned int nr, u32 len)
{
	struct iet_payload p = { .bv = bv, .nr = nr };

	return iet_send_pdu(conn, bhs, &p, len);
}
