/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the fuzz harnesses share: a check that stops the run the way a
 * sanitizer does, a fake world for login and discovery, the wire framing
 * of a byte stream into PDUs, and checks of what ietd sends back.
 *
 * A harness is one file defining LLVMFuzzerTestOneInput(); it is linked
 * with libFuzzer for `make fuzz`, and with driver.c, which replays the
 * corpus, for `make regress`. It must leave nothing behind between two
 * inputs: no static state, nothing left allocated.
 */
#ifndef IET_FUZZ_H
#define IET_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "discovery.h"
#include "login.h"
#include "pdu.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * A property of ietd that the input broke. Aborting makes libFuzzer keep
 * the input as a crash, and makes the regression driver fail.
 */
#define FUZZ_CHECK(cond) \
	do { \
		if (!(cond)) \
			fuzz_fail(__FILE__, __LINE__, #cond); \
	} while (0)

void __noreturn fuzz_fail(const char *file, int line, const char *what);

/*
 * With FUZZ_TRACE set in the environment, say what the target answers
 * (@what) with the header @bhs, if any, and the @len bytes at @data: to
 * see what an input does, e.g. FUZZ_TRACE=1 build/regress/fuzz_login FILE.
 */
void fuzz_trace(const char *what, const uint8_t *bhs, const void *data,
		size_t len);

/* The first StatSN of every fuzzed login, which seeds.py knows too. */
#define FUZZ_STATSN	1000

/* The portal discovery sessions answer with. */
#define FUZZ_PORTAL	"10.0.0.1:3260"

/*
 * The fake world of env.c: a few targets, one of them requiring CHAP and
 * one whose lookup fails; discovery needs CHAP for initiators whose name
 * has "chap" in it, and admission fails for those with "full". Its ctx
 * is the struct login itself.
 */
extern const struct login_env fuzz_login_env;
extern const struct disc_env fuzz_disc_env;

/* Fill @sparams with the defaults, then the @nr "Key=Value" @keys. */
void fuzz_sparams(unsigned int *sparams, const char *const *keys,
		  unsigned int nr);

/* How many targets fuzz_disc_env lists (at most FUZZ_TARGETS_MAX). */
#define FUZZ_TARGETS_MAX	40
extern unsigned int fuzz_disc_targets;

/* Read PDUs from the initiator's bytes, as ietd reads its socket. */
struct wire {
	const uint8_t *p;
	size_t left;
	struct pdu_rx rx;
};

void wire_init(struct wire *w, const uint8_t *data, size_t size);

/*
 * The next PDU in w->rx: PDU_RX_DONE, PDU_RX_AHS or PDU_RX_TOO_LONG as
 * pdu_rx_got() says, or PDU_RX_MORE when the input ends first.
 */
enum pdu_rx_status wire_next(struct wire *w);

/*
 * Copy out @rsp as ietd queues it, so that the sanitizers see every byte
 * it points to, and check that its length fits in @max_dlen.
 */
void check_pdu(const struct pdu_out *rsp, uint32_t max_dlen);

/*
 * Check a text the target wrote: it parses, and every operational or
 * security key in it has a value the rules allow.
 */
void check_text(const void *buf, size_t len);

/* How many pairs of the text @buf (ending with a zero byte) have @key. */
unsigned int text_count(const char *buf, size_t len, const char *key);

/* Check the outcome of a negotiation the target accepted. */
void check_outcome(const struct nego *n);

/*
 * Serve a login on the PDUs of @w with fuzz_login_env, as ietd's conn.c
 * does, checking each response; after the login of a discovery session,
 * serve the session on the rest of @w. Unless the input may know the
 * CHAP secrets of env.c (@secrets), no login that needs CHAP may succeed.
 */
void serve_login(struct wire *w, bool secrets);

/* Serve the discovery session @d on the rest of @w, checking each answer. */
void serve_discovery(struct disc *d, struct wire *w);

#endif /* IET_FUZZ_H */
