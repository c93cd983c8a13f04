// SPDX-License-Identifier: GPL-2.0
/*
 * IET_CMD_NEW_CONN: a logged-in socket and its session keys.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include "handoff.h"
#include "kernel.h"
#include "live.h"
#include "log.h"
#include "login.h"
#include "session.h"

static void fill(struct kern_conn *kc, int fd, const struct login *l)
{
	memset(kc, 0, sizeof(*kc));
	kc->tid = l->target.tid;
	kc->sid = sid_make(l->session_tsih, l->isid);
	kc->cid = l->cid;
	kc->initiator = l->initiator;
	kc->fd = fd;
	/* The kernel's first response follows the final Login Response. */
	kc->stat_sn = l->statsn;
	kc->exp_cmd_sn = l->cmdsn;
	nego_kernel_params(&l->nego, kc->params);
}

static void log_params(const struct kern_conn *kc)
{
	const uint32_t *p = kc->params;

	log_debug(1, "login: sid %llu: MaxRecvDataSegmentLength %u, MaxXmitDataSegmentLength %u, MaxBurstLength %u, FirstBurstLength %u, InitialR2T %u, ImmediateData %u, HeaderDigest %s, DataDigest %s",
		  (unsigned long long)kc->sid, p[IET_P_MAX_RECV_DSL],
		  p[IET_P_MAX_XMIT_DSL], p[IET_P_MAX_BURST],
		  p[IET_P_FIRST_BURST], p[IET_P_INITIAL_R2T],
		  p[IET_P_IMMEDIATE_DATA],
		  p[IET_P_HEADER_DIGEST] ? "CRC32C" : "None",
		  p[IET_P_DATA_DIGEST] ? "CRC32C" : "None");
}

int handoff(int fd, const struct login *l, const char *peer)
{
	struct kern *k = live_kern();
	struct kern_conn kc;
	int flags, err;

	/* The kernel reads and writes it blocking, from its own threads. */
	flags = fcntl(fd, F_GETFL);
	if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0) {
		err = -errno;
		live_session_failed(l);
		return err;
	}
	fill(&kc, fd, l);
	log_params(&kc);
	log_info("login: handing tid %u sid %llu cid %u to the kernel (initiator %s, target %s, from %s, %s%s)",
		 kc.tid, (unsigned long long)kc.sid, kc.cid, l->initiator,
		 l->target.name, peer,
		 l->auth.alg ? "CHAP " : "no authentication",
		 l->auth.alg ? l->auth.alg->name : "");
	err = kern_conn_new(k, &kc);
	if (err) {
		log_info("login: the kernel refused tid %u sid %llu cid %u (initiator %s, target %s): %s%s%s",
			 kc.tid, (unsigned long long)kc.sid, kc.cid,
			 l->initiator, l->target.name, strerror(-err),
			 *kern_message(k) ? ": " : "", kern_message(k));
		live_session_failed(l);
		return err;
	}
	live_session_started(l);
	return 0;
}
