// SPDX-License-Identifier: GPL-2.0
/*
 * The APTPL file of the module (kernel/pr_file.c): the input is a file
 * the kernel would read at LUN creation, or, when it starts with '+', the
 * lines of one whose end line (and hash) the harness adds, so that the
 * parser behind the hash gets fuzzed too. What loads must save again, and
 * load back to the same state and the same text; PERSISTENT RESERVE IN
 * must then answer every service action from it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pr.h"

/*
 * fuzz.h brings ietd's headers, whose byte helpers clash with the
 * module's: the check is restated here.
 */
#define FUZZ_CHECK(cond) \
	do { \
		if (!(cond)) { \
			fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, \
				#cond); \
			abort(); \
		} \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool same(const struct scsi_pr *a, const struct scsi_pr *b)
{
	int i;

	if (a->generation != b->generation || a->aptpl != b->aptpl ||
	    a->reserved != b->reserved ||
	    (a->reserved && (a->type != b->type || a->holder != b->holder)))
		return false;
	for (i = 0; i < SCSI_PR_MAX_REGS; i++) {
		const struct scsi_pr_reg *x = &a->regs[i], *y = &b->regs[i];

		if (x->used != y->used)
			return false;
		if (x->used && (x->key != y->key || x->isid != y->isid ||
				strcmp(x->name, y->name)))
			return false;
	}
	return true;
}

static void read_all(const struct scsi_pr *pr)
{
	static uint8_t out[8192];
	uint8_t cdb[10] = { SCSI_OP_PERSISTENT_RESERVE_IN };
	struct scsi_sense s;
	struct scsi_out o;

	for (cdb[1] = 0; cdb[1] < 4; cdb[1]++) {
		put_be16(cdb + 7, sizeof(out));
		scsi_out_init(&o, out, sizeof(out));
		FUZZ_CHECK(!scsi_pr_in(pr, cdb, &o, &s));
	}
}

/* The end line pr_file.c writes after body. */
static size_t with_end(const uint8_t *body, size_t n, char *out)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= body[i];
		h *= 16777619u;
	}
	memcpy(out, body, n);
	return n + sprintf(out + n, "end %08x\n", h);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct scsi_pr a, b;
	static char t1[SCSI_PR_FILE_MAX], t2[SCSI_PR_FILE_MAX];
	static char in[SCSI_PR_FILE_MAX + 16];
	const char *text = (const char *)data;
	u32 seq, seq2;
	int n1, n2;

	if (size && data[0] == '+') {
		if (size > SCSI_PR_FILE_MAX)
			return 0;
		size = with_end(data + 1, size - 1, in);
		text = in;
	}
	if (scsi_pr_load(text, size, &a, &seq))
		return 0;
	read_all(&a);
	n1 = scsi_pr_save(&a, seq, t1, sizeof(t1));
	FUZZ_CHECK(n1 > 0);
	FUZZ_CHECK(!scsi_pr_load(t1, n1, &b, &seq2));
	FUZZ_CHECK(seq2 == seq && same(&a, &b));
	n2 = scsi_pr_save(&b, seq2, t2, sizeof(t2));
	FUZZ_CHECK(n2 == n1 && !memcmp(t1, t2, n1));
	return 0;
}
