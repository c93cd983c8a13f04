// SPDX-License-Identifier: GPL-2.0
/*
 * The keepalive's decisions (kernel/ping.c): when a NOP-In goes out and
 * when a connection is given up.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "ping.h"

#define HZ 100

/* An idle connection with NOPInterval 2 and NOPTimeout 2. */
static struct iet_ping_view view(unsigned long now, unsigned long last_rx)
{
	return (struct iet_ping_view) {
		.now = now, .last_rx = last_rx, .arrived = last_rx,
		.rx = 7, .tx = 9,
		.interval = 2 * HZ, .timeout = 2 * HZ, .retry = HZ / 4,
	};
}

static void test_idle(void **state)
{
	struct iet_ping p = {};
	struct iet_ping_view v = view(1000 + HZ, 1000);
	unsigned long wake;

	assert_int_equal(iet_ping_tick(&p, &v, &wake), IET_PING_WAIT);
	assert_int_equal(wake, 1000 + 2 * HZ);
	assert_false(p.asked);
}

static void test_answered(void **state)
{
	struct iet_ping p = {};
	struct iet_ping_view v = view(1000 + 2 * HZ, 1000);
	unsigned long wake;

	assert_int_equal(iet_ping_tick(&p, &v, &wake), IET_PING_SEND);
	iet_ping_sent(&p, &v, &wake);
	assert_int_equal(wake, 1000 + 4 * HZ);
	/* Woken early, nothing read yet: wait for the deadline. */
	v.now += HZ;
	assert_int_equal(iet_ping_tick(&p, &v, &wake), IET_PING_WAIT);
	assert_int_equal(wake, 1000 + 4 * HZ);
	/* Any read answers it; the next ping is an interval after it. */
	v.now = 1000 + 4 * HZ;
	v.rx++;
	v.last_rx = 1000 + 3 * HZ;
	assert_int_equal(iet_ping_tick(&p, &v, &wake), IET_PING_WAIT);
	assert_false(p.asked);
	assert_int_equal(wake, 1000 + 5 * HZ);
}

static void test_silent(void **state)
{
	struct iet_ping p = {};
	struct iet_ping_view v = view(1000 + 2 * HZ, 1000);
	unsigned long wake;

	assert_int_equal(iet_ping_tick(&p, &v, &wake), IET_PING_SEND);
	iet_ping_sent(&p, &v, &wake);
	/* Sent PDUs are no answer to a ping that went out. */
	v.tx += 5;
	v.now = wake - 1;
	assert_int_equal(iet_ping_tick(&p, &v, &wake), IET_PING_WAIT);
	v.now = wake;
	assert_int_equal(iet_ping_tick(&p, &v, &wake), IET_PING_DEAD);
}

static void test_busy_stalled(void **state)
{
	struct iet_ping p = {};
	struct iet_ping_view v = view(1000 + 2 * HZ, 1000);
	unsigned long wake;

	/* The socket is busy: try again soon, but not past the deadline. */
	assert_int_equal(iet_ping_tick(&p, &v, &wake), IET_PING_SEND);
	assert_int_equal(wake, v.now + HZ / 4);
	v.now = 1000 + 4 * HZ - 10;
	assert_int_equal(iet_ping_tick(&p, &v, &wake), IET_PING_SEND);
	assert_int_equal(wake, 1000 + 4 * HZ);
	/* Nothing read and nothing taken for a whole timeout. */
	v.now = 1000 + 4 * HZ;
	assert_int_equal(iet_ping_tick(&p, &v, &wake), IET_PING_DEAD);
}

static void test_busy_sending(void **state)
{
	struct iet_ping p = {};
	struct iet_ping_view v = view(1000 + 2 * HZ, 1000);
	unsigned long wake;

	assert_int_equal(iet_ping_tick(&p, &v, &wake), IET_PING_SEND);
	/* A long Data-In holds the socket but goes out: not dead. */
	v.now = 1000 + 4 * HZ;
	v.tx += 30;
	assert_int_equal(iet_ping_tick(&p, &v, &wake), IET_PING_SEND);
	assert_true(p.asked);
	assert_int_equal(p.at, v.now);
	/* Then the ping gets out and goes unanswered. */
	iet_ping_sent(&p, &v, &wake);
	v.now = wake;
	assert_int_equal(iet_ping_tick(&p, &v, &wake), IET_PING_DEAD);
}

static void test_arrived(void **state)
{
	struct iet_ping p = {};
	struct iet_ping_view v = view(1000 + 2 * HZ, 1000);
	unsigned long wake;

	/* Data queued but not read yet: idle counts from its arrival. */
	v.arrived = 1000 + HZ;
	assert_int_equal(iet_ping_tick(&p, &v, &wake), IET_PING_WAIT);
	assert_int_equal(wake, 1000 + 3 * HZ);
	v.now = wake;
	assert_int_equal(iet_ping_tick(&p, &v, &wake), IET_PING_SEND);
	iet_ping_sent(&p, &v, &wake);
	/* What came in the very tick of the ping may be older: no answer. */
	v.arrived = v.now;
	v.now += HZ;
	assert_int_equal(iet_ping_tick(&p, &v, &wake), IET_PING_WAIT);
	assert_true(p.asked);
	/* Data after it is, even while the rx thread reads nothing. */
	v.arrived = v.now;
	v.now += HZ / 2;
	assert_int_equal(iet_ping_tick(&p, &v, &wake), IET_PING_WAIT);
	assert_false(p.asked);
	assert_int_equal(wake, v.arrived + 2 * HZ);
}

static void test_wrap(void **state)
{
	unsigned long last = ULONG_MAX - HZ;
	struct iet_ping p = {};
	struct iet_ping_view v = view(last + HZ, last);
	unsigned long wake;

	assert_int_equal(iet_ping_tick(&p, &v, &wake), IET_PING_WAIT);
	assert_int_equal(wake, last + 2 * HZ);
	v.now = last + 2 * HZ;		/* past zero */
	assert_int_equal(iet_ping_tick(&p, &v, &wake), IET_PING_SEND);
	iet_ping_sent(&p, &v, &wake);
	v.now = wake;
	assert_int_equal(iet_ping_tick(&p, &v, &wake), IET_PING_DEAD);
}

static void test_nop_timeout(void **state)
{
	assert_int_equal(iet_nop_timeout(2, 0), 2);
	assert_int_equal(iet_nop_timeout(2, 5), 2);
	assert_int_equal(iet_nop_timeout(5, 2), 2);
	assert_int_equal(iet_nop_timeout(5, 5), 5);
	assert_int_equal(iet_nop_timeout(0, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_idle),
		cmocka_unit_test(test_answered),
		cmocka_unit_test(test_silent),
		cmocka_unit_test(test_busy_stalled),
		cmocka_unit_test(test_busy_sending),
		cmocka_unit_test(test_arrived),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_nop_timeout),
	};

	return cmocka_run_group_tests_name("ping", tests, NULL, NULL);
}
