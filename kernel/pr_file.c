// SPDX-License-Identifier: GPL-2.0
/*
 * The persistent reservations of a LU as a small text file, for APTPL
 * (SPC-4 5.7.5): what must outlive a power loss. One fact a line:
 *
 *	iet-pr 1
 *	seq 5
 *	generation 7
 *	aptpl 1
 *	reg 0 0x000000000000abcd 0x800000000001 iqn.2026-11.org.example:a
 *	reservation 3 0
 *	end 1a2b3c4d
 *
 * reg: slot, key, ISID and initiator name; reservation: type and the
 * holder's slot (-1: all registrants). seq orders the saves; end carries
 * an FNV-1a hash of everything before it, so a file cut short or
 * scribbled on is refused whole. Pure logic (see pure.h).
 */
#include "pr.h"

#define PR_FILE_MAGIC	"iet-pr 1"

static u32 fnv1a(const char *p, size_t n)
{
	u32 h = 2166136261u;

	while (n--) {
		h ^= (u8)*p++;
		h *= 16777619u;
	}
	return h;
}

/* Where the next snprintf() writes, or past len if one failed. */
static size_t put(size_t len, size_t at, int n)
{
	return n < 0 ? len + 1 : at + (size_t)n;
}

int scsi_pr_save(const struct scsi_pr *pr, u32 seq, char *buf, size_t len)
{
	size_t at = 0;
	int i;

	at = put(len, at, snprintf(buf, len,
		"%s\nseq %u\ngeneration %u\naptpl %d\n", PR_FILE_MAGIC, seq,
		pr->generation, pr->aptpl));
	for (i = 0; i < SCSI_PR_MAX_REGS && at < len; i++) {
		const struct scsi_pr_reg *r = &pr->regs[i];

		if (r->used)
			at = put(len, at, snprintf(buf + at, len - at,
				"reg %d 0x%016llx 0x%012llx %s\n", i,
				(unsigned long long)r->key,
				(unsigned long long)r->isid, r->name));
	}
	if (pr->reserved && at < len)
		at = put(len, at, snprintf(buf + at, len - at,
			"reservation %u %d\n", pr->type, pr->holder));
	if (at < len)
		at = put(len, at, snprintf(buf + at, len - at,
			"end %08x\n", fnv1a(buf, at)));
	return at < len ? (int)at : -1;
}

/* The next line of [*p, end) without its '\n', NUL-terminated into l. */
static bool next_line(const char **p, const char *end, char *l, size_t n)
{
	const char *nl = memchr(*p, '\n', end - *p);
	size_t len;

	if (!nl)
		return false;
	len = nl - *p;
	if (len >= n || memchr(*p, '\0', len))
		return false;
	memcpy(l, *p, len);
	l[len] = '\0';
	*p = nl + 1;
	return true;
}

/*
 * An unsigned number of at most max: decimal, or hex behind "0x" when hex
 * is asked for. *s moves past it.
 */
static bool number(const char **s, bool hex, u64 max, u64 *v)
{
	unsigned int base = hex ? 16 : 10, digits = 0, d;
	const char *p = *s;

	if (hex && strncmp(p, "0x", 2))
		return false;
	if (hex)
		p += 2;
	for (*v = 0;; p++, digits++) {
		if (*p >= '0' && *p <= '9')
			d = *p - '0';
		else if (hex && *p >= 'a' && *p <= 'f')
			d = *p - 'a' + 10;
		else
			break;
		if (d > max || *v > (max - d) / base)
			return false;
		*v = *v * base + d;
	}
	*s = p;
	return digits > 0 && digits <= 20;
}

/* "word N" with N <= max, and nothing after it. */
static bool keyed(const char *l, const char *word, u64 max, u64 *v)
{
	size_t n = strlen(word);

	if (strncmp(l, word, n) || l[n] != ' ')
		return false;
	l += n + 1;
	return number(&l, false, max, v) && !*l;
}

static bool name_ok(const char *s)
{
	size_t n = strlen(s);

	if (!n || n > SCSI_PR_NAME_MAX)
		return false;
	for (; *s; s++)
		if (*s <= ' ' || *s > '~')
			return false;
	return true;
}

static bool parse_reg(const char *l, struct scsi_pr *pr)
{
	struct scsi_pr_reg *r;
	u64 slot, key, isid;

	if (strncmp(l, "reg ", 4))
		return false;
	l += 4;
	if (!number(&l, false, SCSI_PR_MAX_REGS - 1, &slot) || *l++ != ' ' ||
	    !number(&l, true, ~0ULL, &key) || *l++ != ' ' ||
	    !number(&l, true, (1ULL << 48) - 1, &isid) || *l++ != ' ' ||
	    !name_ok(l))
		return false;
	r = &pr->regs[slot];
	if (r->used)
		return false;
	r->used = true;
	r->key = key;
	r->isid = isid;
	strcpy(r->name, l);
	return true;
}

static bool parse_reservation(const char *l, struct scsi_pr *pr)
{
	u64 type, holder;

	if (strncmp(l, "reservation ", 12) || pr->reserved)
		return false;
	l += 12;
	if (!number(&l, false, 0xf, &type) || *l++ != ' ')
		return false;
	if (!strcmp(l, "-1")) {
		pr->holder = -1;
	} else {
		if (!number(&l, false, SCSI_PR_MAX_REGS - 1, &holder) || *l)
			return false;
		pr->holder = (int)holder;
	}
	pr->reserved = true;
	pr->type = (u8)type;
	return true;
}

/* "end" and eight lowercase hex digits. */
static bool parse_end(const char *l, u32 *sum)
{
	unsigned int i;
	char c;

	if (strncmp(l, "end ", 4) || strlen(l) != 12)
		return false;
	for (*sum = 0, i = 4; i < 12; i++) {
		c = l[i];
		if (c >= '0' && c <= '9')
			*sum = *sum << 4 | (u32)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*sum = *sum << 4 | (u32)(c - 'a' + 10);
		else
			return false;
	}
	return true;
}

/* A reservation must name a registrant, or all of them by its type. */
static bool consistent(const struct scsi_pr *pr)
{
	bool ar = pr->type == SCSI_PR_WE_AR || pr->type == SCSI_PR_EA_AR;

	if (!pr->reserved)
		return true;
	if (!scsi_pr_type_valid(pr->type) || ar != (pr->holder < 0))
		return false;
	return ar || pr->regs[pr->holder].used;
}

int scsi_pr_load(const char *buf, size_t len, struct scsi_pr *pr, u32 *seq)
{
	const char *p = buf, *end = buf + len, *line;
	char l[SCSI_PR_NAME_MAX + 64];
	u32 sum;
	u64 v;

	scsi_pr_init(pr);
	if (!next_line(&p, end, l, sizeof(l)) || strcmp(l, PR_FILE_MAGIC) ||
	    !next_line(&p, end, l, sizeof(l)) || !keyed(l, "seq", ~0U, &v))
		return -1;
	*seq = (u32)v;
	if (!next_line(&p, end, l, sizeof(l)) ||
	    !keyed(l, "generation", ~0U, &v))
		return -1;
	pr->generation = (u32)v;
	if (!next_line(&p, end, l, sizeof(l)) || !keyed(l, "aptpl", 1, &v))
		return -1;
	pr->aptpl = v;
	for (;;) {
		line = p;
		if (!next_line(&p, end, l, sizeof(l)))
			return -1;
		if (!strncmp(l, "end ", 4))
			break;
		if (!parse_reg(l, pr) && !parse_reservation(l, pr))
			return -1;
	}
	if (!parse_end(l, &sum))
		return -1;
	if (p != end || sum != fnv1a(buf, line - buf) || !consistent(pr))
		return -1;
	return 0;
}
