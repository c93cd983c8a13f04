/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Files that include this one instead of kernel headers hold pure logic:
 * they build in the module and, unchanged, in tests/unit and tests/fuzz.
 */
#ifndef IET_PURE_H
#define IET_PURE_H

#ifdef __KERNEL__
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/types.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
#endif

#endif /* IET_PURE_H */
