/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few helpers the kernel has and libc lacks.
 */
#ifndef IET_UTIL_H
#define IET_UTIL_H

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define __printf(a, b)	__attribute__((format(printf, a, b)))
#define __maybe_unused	__attribute__((unused))
#define __noreturn	__attribute__((noreturn))

#endif /* IET_UTIL_H */
