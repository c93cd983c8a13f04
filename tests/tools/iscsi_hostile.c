// SPDX-License-Identifier: GPL-2.0
/*
 * iscsi_hostile: an initiator that logs in properly and then misbehaves.
 *
 *   iscsi_hostile [-H HOST] [-p PORT] [-t SECONDS] [-s SEED] [-n PDUS]
 *                 TARGET CASE...
 *
 * Each CASE runs on a connection of its own: a malformed PDU, then what
 * the target did about it, which must be one of the reactions RFC 7143
 * allows for that fault (the connection dropped, a Reject, a response,
 * or nothing at all while the session goes on). "all" runs every case;
 * "mutate" sends PDUS PDUs made by mutating valid ones, logging in again
 * whenever the target drops the connection. Nothing waits without a
 * timeout: a target that neither answers nor drops fails the run.
 *
 * Exit status: 0 when every case passed, 1 otherwise, 2 on bad usage.
 *
 * This file parses the options and runs what they name; hostile_wire.c
 * holds the bytes, the socket and the PDUs, hostile_login.c the sessions,
 * hostile_cases.c the cases and hostile_mutate.c mutate mode.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "hostile.h"

const char *host = "127.0.0.1", *port = "3260", *target;
int timeout_ms = 10000;

static void usage(void)
{
	fprintf(stderr, "usage: iscsi_hostile [-H HOST] [-p PORT] [-t SECONDS] "
		"[-s SEED] [-n PDUS] TARGET CASE...\ncases: all mutate");
	list_cases(stderr);
	fputc('\n', stderr);
	exit(2);
}

static int run_named(struct conn *c, const char *name, unsigned long count,
		     uint64_t seed)
{
	int bad;

	if (!strcmp(name, "mutate"))
		return run_mutate(c, count, seed);
	bad = run_cases(c, name);
	if (bad < 0) {
		fprintf(stderr, "no case %s\n", name);
		usage();
	}
	return bad;
}

int main(int argc, char **argv)
{
	struct conn c = { .fd = -1 };
	unsigned long count = 1000;
	uint64_t seed = 0;
	int opt, rc = 0;

	while ((opt = getopt(argc, argv, "H:p:t:s:n:")) != -1) {
		switch (opt) {
		case 'H':
			host = optarg;
			break;
		case 'p':
			port = optarg;
			break;
		case 't':
			timeout_ms = atoi(optarg) * 1000;
			break;
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 'n':
			count = strtoul(optarg, NULL, 0);
			break;
		default:
			usage();
		}
	}
	if (argc - optind < 2)
		usage();
	target = argv[optind++];
	if (!seed)
		seed = (uint64_t)time(NULL) << 16 ^ getpid();
	crc_init();
	c.rbuf = malloc(RBUF);
	if (!c.rbuf)
		return 1;
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("seed %llu\n", (unsigned long long)seed);
	for (; optind < argc; optind++)
		rc |= run_named(&c, argv[optind], count, seed);
	free(c.rbuf);
	return rc;
}
