// SPDX-License-Identifier: GPL-2.0
/*
 * The regression driver: a main() that hands every file of the
 * directories (or the files) named on its command line to the harness,
 * once, as libFuzzer would. Built with the sanitizers and no libFuzzer,
 * it makes the corpus and the crashes found so far a test that any C
 * compiler can run. A directory that does not exist has no inputs.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sanitizer/common_interface_defs.h>

#include "fuzz.h"

static const char *current;	/* the input being run, for the obituary */

static void obituary(void)
{
	static const char msg[] = "regress: the input that failed: ";

	if (!current)
		return;
	/* Async-signal-safe: this runs from a signal handler too. */
	if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0 ||
	    write(STDERR_FILENO, current, strlen(current)) < 0 ||
	    write(STDERR_FILENO, "\n", 1) < 0)
		return;
}

static void on_abort(int sig)
{
	obituary();
	signal(sig, SIG_DFL);
	raise(sig);
}

static int run_file(const char *path)
{
	uint8_t *data = NULL;
	long size;
	FILE *f;
	int err = 0;

	f = fopen(path, "rb");
	if (!f || fseek(f, 0, SEEK_END)) {
		err = -errno;
		goto out;
	}
	size = ftell(f);
	if (size < 0 || fseek(f, 0, SEEK_SET)) {
		err = -errno;
		goto out;
	}
	/* Exactly the input's size, so that reading past it is caught. */
	data = malloc(size ? size : 1);
	if (!data || fread(data, 1, size, f) != (size_t)size) {
		err = -EIO;
		goto out;
	}
	current = path;
	LLVMFuzzerTestOneInput(data, size);
	current = NULL;
out:
	if (err)
		fprintf(stderr, "regress: cannot read %s: %s\n", path,
			strerror(-err));
	free(data);
	if (f)
		fclose(f);
	return err;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* Every regular file of @dir, in name order; returns how many, or -1. */
static int run_dir(const char *dir)
{
	struct dirent **names;
	char path[4096];
	struct stat st;
	int n, i, nr = 0, err = 0;

	n = scandir(dir, &names, NULL, by_name);
	if (n < 0)
		return errno == ENOENT ? 0 : -1;
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		if (!stat(path, &st) && S_ISREG(st.st_mode)) {
			if (run_file(path))
				err = -1;
			nr++;
		}
		free(names[i]);
	}
	free(names);
	return err ? err : nr;
}

int main(int argc, char **argv)
{
	struct stat st;
	int i, n, nr = 0, err = 0;

	__sanitizer_set_death_callback(obituary);
	signal(SIGABRT, on_abort);
	for (i = 1; i < argc; i++) {
		if (!stat(argv[i], &st) && S_ISREG(st.st_mode))
			n = run_file(argv[i]) ? -1 : 1;
		else
			n = run_dir(argv[i]);
		if (n < 0)
			err = 1;
		else
			nr += n;
	}
	printf("%s: %d inputs, %s\n", basename(argv[0]), nr,
	       err ? "some unreadable" : "all passed");
	return err;
}
