/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What logins and discovery sessions ask about the world, answered from
 * the kernel (live targets and sessions), from store.h (session keys and
 * accounts, from ietd.conf and ietadm) and from ietd.conf (aliases,
 * MaxSessions): the login_env and disc_env of ietd.
 *
 * The kernel's sessions are read at startup, so that a restarted ietd
 * gives out no TSIH in use, and again before each decision that depends
 * on them. A kernel that cannot list sessions (EOPNOTSUPP) is taken to
 * run none but those ietd handed to it since it started.
 */
#ifndef IET_LIVE_H
#define IET_LIVE_H

#include <stdint.h>
#include <sys/socket.h>

#include "discovery.h"
#include "login.h"

struct config;
struct kern;

/*
 * The connection a login or discovery session runs on, as the ctx of
 * live_login_env and live_disc_env: initiators.allow and targets.allow
 * decide by its addresses.
 */
struct live_conn {
	struct sockaddr_storage peer;	/* the initiator's address */
	struct sockaddr_storage portal;	/* ours, that it connected to */
	const char *initiator;		/* of a discovery session */
};

extern const struct login_env live_login_env;
extern const struct disc_env live_disc_env;

int live_init(struct kern *k, const struct config *cfg);
void live_exit(void);

struct kern *live_kern(void);

/*
 * The ietd.conf in force, and the one that replaces it after a reload.
 * The caller keeps each alive while it is in force.
 */
const struct config *live_config(void);
void live_config_set(const struct config *cfg);

/* The session @l admitted is in the kernel now, or will never be. */
void live_session_started(const struct login *l);
void live_session_failed(const struct login *l);
/* A discovery session ended. */
void live_discovery_ended(uint16_t tsih);

#endif /* IET_LIVE_H */
