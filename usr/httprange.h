/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Range field of a GET (RFC 9110 14.2): one byte range is served as
 * a 206; a list of ranges, another unit or a field that does not parse
 * is ignored, which RFC 9110 14.2 allows, and the whole file is sent.
 *
 * Pure logic, no I/O.
 */
#ifndef IET_HTTPRANGE_H
#define IET_HTTPRANGE_H

#include <stdint.h>

enum http_range {
	RANGE_NONE,		/* send all of it: 200 */
	RANGE_PART,		/* send [first, last]: 206 */
	RANGE_UNSATISFIABLE,	/* 416 */
};

/* Decide for @field ("" if none) and a representation of @size bytes. */
enum http_range http_range_parse(const char *field, uint64_t size,
				 uint64_t *first, uint64_t *last);

#endif /* IET_HTTPRANGE_H */
