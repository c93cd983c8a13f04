// SPDX-License-Identifier: GPL-2.0
/*
 * CHAP in the login: as fuzz_login, but linked with fake_crypto.c, whose
 * challenges and digests an input can know. So the answers to CHAP_R,
 * right and wrong, in hex and base64, and mutual CHAP with the
 * initiator's CHAP_I and CHAP_C, are all reached; env.c's accounts are
 * those of the target iqn.2026-11.org.example:chap and of discovery.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wire w;

	fuzz_disc_targets = 3;
	wire_init(&w, data, size);
	serve_login(&w, true);
	return 0;
}
