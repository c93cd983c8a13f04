// SPDX-License-Identifier: GPL-2.0
/*
 * usr/log.h for tests: messages are dropped, so that the test report on
 * stderr holds only the test results.
 */
#include "log.h"

void log_init(const char *ident, int debug_level, bool syslog)
{
}

void log_detach(void)
{
}

void log_error(const char *fmt, ...)
{
}

void log_warn(const char *fmt, ...)
{
}

void log_info(const char *fmt, ...)
{
}

void log_debug(int level, const char *fmt, ...)
{
}

void log_located(int prio, const char *msg)
{
}
