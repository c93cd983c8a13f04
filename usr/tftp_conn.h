/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TFTP transfers in the event loop: each on its own UDP socket, bound to
 * the address the request came to and connected to the client's (its
 * transfer identifiers, RFC 1350), so that the kernel keeps other
 * senders' packets away from it. tftp_xfer.c decides what to send; this
 * file sends it, and the loop's sweep runs the retransmission timers.
 *
 * At most TFTP_XFERS_MAX transfers run at once; a request beyond that is
 * refused with an ERROR, and the first refusal of a run of them logged.
 * A request from the address and port of a transfer under way is the
 * same request sent again, and left to that transfer.
 */
#ifndef IET_TFTP_CONN_H
#define IET_TFTP_CONN_H

#include <stdint.h>
#include <sys/socket.h>

#include "tftp_pkt.h"

#define TFTP_XFERS_MAX	128

/*
 * Start sending @file (an open fd of @size bytes, @name for the log) as
 * @req asks, from @local to @peer. Takes @file in every case. Returns 0,
 * or -1 with the reason to answer the request with in @why (an ERROR of
 * code 0, "not defined").
 */
int tftp_conn_start(int file, uint64_t size, const char *name,
		    const struct tftp_req *req, const struct sockaddr *peer,
		    socklen_t plen, const struct sockaddr *local,
		    socklen_t llen, const char **why);

int tftp_conn_init(void);
void tftp_conn_close_all(void);

#endif /* IET_TFTP_CONN_H */
