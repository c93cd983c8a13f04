// SPDX-License-Identifier: GPL-2.0
/*
 * The login of one connection: the input is what the initiator sends,
 * Login Requests as they come on the wire (a 48-byte BHS, then as many
 * bytes of text as its DataSegmentLength says, padded to 4). ietd's
 * framing, login state machine, text gathering, security stage and
 * negotiation answer them; after the login of a discovery session, the
 * rest of the input goes to the discovery session. seeds.py writes the
 * logins of real initiators in this form.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wire w;

	fuzz_disc_targets = 3;
	wire_init(&w, data, size);
	/* Random challenges: no input can know the right CHAP_R. */
	serve_login(&w, false);
	return 0;
}
