// SPDX-License-Identifier: GPL-2.0
/*
 * Logging to stderr and syslog.
 */
#include <stdarg.h>
#include <stdio.h>
#include <syslog.h>

#include "log.h"

static const char *log_ident = "ietd";
static int log_level;
static bool log_stderr = true;
static bool log_syslog;

void log_init(const char *ident, int debug_level, bool syslog)
{
	log_ident = ident;
	log_level = debug_level;
	log_syslog = syslog;
	if (syslog)
		openlog(ident, LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

void log_detach(void)
{
	log_stderr = false;
}

static void log_va(int prio, bool prefix, const char *fmt, va_list ap)
{
	va_list copy;

	if (log_syslog) {
		va_copy(copy, ap);
		vsyslog(prio, fmt, copy);
		va_end(copy);
	}
	if (!log_stderr || (prio == LOG_INFO && log_level < 1))
		return;
	if (prefix)
		fprintf(stderr, "%s: ", log_ident);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void log_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_va(LOG_ERR, true, fmt, ap);
	va_end(ap);
}

void log_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_va(LOG_WARNING, true, fmt, ap);
	va_end(ap);
}

void log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_va(LOG_INFO, true, fmt, ap);
	va_end(ap);
}

void log_debug(int level, const char *fmt, ...)
{
	va_list ap;

	if (level > log_level)
		return;
	va_start(ap, fmt);
	log_va(LOG_DEBUG, true, fmt, ap);
	va_end(ap);
}

static void __printf(2, 3) log_plain(int prio, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_va(prio, false, fmt, ap);
	va_end(ap);
}

void log_located(int prio, const char *msg)
{
	log_plain(prio, "%s", msg);
}
