// SPDX-License-Identifier: GPL-2.0
/*
 * Daemonizing and the pid file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"
#include "util.h"

static int ready_fd = -1;

/* The pid a locked pid file names, for the error message. */
static long pidfile_owner(int fd)
{
	char buf[32];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);

	if (n <= 0)
		return 0;
	buf[n] = '\0';
	return strtol(buf, NULL, 10);
}

/* Whether @fd is still the file at @path, not one unlinked meanwhile. */
static int pidfile_current(int fd, const char *path)
{
	struct stat a, b;

	return !fstat(fd, &a) && !stat(path, &b) &&
		a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

int pidfile_lock(const char *path, char *err, size_t len)
{
	int fd, ret;

	/* An exiting ietd unlinks the file it locked: retry on a new one. */
	for (;;) {
		fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
		if (fd < 0) {
			ret = -errno;
			snprintf(err, len, "cannot open %s: %s", path,
				 strerror(errno));
			return ret;
		}
		if (flock(fd, LOCK_EX | LOCK_NB)) {
			ret = errno == EWOULDBLOCK ? -EAGAIN : -errno;
			if (ret == -EAGAIN)
				snprintf(err, len,
					 "another ietd (pid %ld) is running: %s is locked",
					 pidfile_owner(fd), path);
			else
				snprintf(err, len, "cannot lock %s: %s", path,
					 strerror(-ret));
			close(fd);
			return ret;
		}
		if (pidfile_current(fd, path))
			return fd;
		close(fd);
	}
}

int pidfile_write(int fd, char *err, size_t len)
{
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());

	if (ftruncate(fd, 0) || pwrite(fd, buf, n, 0) != n) {
		snprintf(err, len, "cannot write the pid file: %s",
			 strerror(errno));
		return -errno;
	}
	return 0;
}

int pidfile_remove(const char *path, int fd)
{
	int ret = 0;

	/* Without root, /run may forbid the unlink: leave the file empty. */
	if (unlink(path) && ftruncate(fd, 0))
		ret = -errno;
	close(fd);
	return ret;
}

/* The first process: wait for the daemon's word. */
static void __noreturn wait_ready(int fd)
{
	char c;
	ssize_t n;

	do {
		n = read(fd, &c, 1);
	} while (n < 0 && errno == EINTR);
	_exit(n == 1 ? 0 : 1);
}

int daemon_start(void)
{
	int p[2];
	pid_t pid;

	if (pipe2(p, O_CLOEXEC))
		return -errno;
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid) {
		close(p[1]);
		wait_ready(p[0]);
	}
	close(p[0]);
	if (setsid() < 0)
		return -errno;
	/* The session leader goes; its child can never get a terminal. */
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid)
		_exit(0);
	if (chdir("/"))
		return -errno;
	ready_fd = p[1];
	return 0;
}

void daemon_ready(void)
{
	int fd = open("/dev/null", O_RDWR);

	if (fd >= 0) {
		dup2(fd, STDIN_FILENO);
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
		if (fd > STDERR_FILENO)
			close(fd);
	}
	if (ready_fd >= 0) {
		if (write(ready_fd, "", 1) != 1)
			return;
		close(ready_fd);
		ready_fd = -1;
	}
}
