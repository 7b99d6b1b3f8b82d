/* replay.c: runs a fuzz target over saved inputs without libFuzzer, so the
 * regression inputs and the corpus are checked by every build of the test
 * suite (plain, ASan+UBSan, valgrind). Arguments are files or directories
 * (read one level deep). Reports in TAP, a line per input and the plan at
 * the end, which tests/run.sh counts; a broken property aborts. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

/* Read a whole file into a malloc'd buffer; returns NULL if it cannot. */
static uint8_t *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data = NULL;
	size_t cap = 0, n = 0;

	if (!f)
		return NULL;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			data = realloc(data, cap);
			if (!data)
				abort();
		}
		size_t got = fread(data + n, 1, cap - n, f);

		if (got == 0)
			break;
		n += got;
	}
	fclose(f);
	*len = n;
	return data;
}

/* Run the target over the file at path, the n-th input, and report it. */
static int run_file(const char *path, size_t n)
{
	size_t len;
	uint8_t *data = slurp(path, &len);

	if (!data) {
		printf("not ok %zu - %s: cannot read it\n", n, path);
		return 0;
	}
	LLVMFuzzerTestOneInput(data, len);
	free(data);
	printf("ok %zu - %s\n", n, path);
	return 1;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	size_t ran = 0;
	size_t unreadable = 0;

	/* A line at a time: when a property breaks, the inputs before it stay reported. */
	setvbuf(stdout, NULL, _IOLBF, 0);

	for (int i = 1; i < argc; i++) {
		struct stat st;
		DIR *dir;
		struct dirent *e;
		char **names = NULL;
		size_t n = 0;

		if (stat(argv[i], &st) != 0)
			continue; /* a target may have no regression inputs yet */
		if (!S_ISDIR(st.st_mode)) {
			if (run_file(argv[i], ran + unreadable + 1))
				ran++;
			else
				unreadable++;
			continue;
		}
		dir = opendir(argv[i]);
		if (!dir)
			continue;
		while ((e = readdir(dir))) {
			char *path;
			struct stat fst;

			if (e->d_name[0] == '.')
				continue;
			path = malloc(strlen(argv[i]) + strlen(e->d_name) + 2);
			if (!path)
				abort();
			sprintf(path, "%s/%s", argv[i], e->d_name);
			if (stat(path, &fst) != 0 || !S_ISREG(fst.st_mode)) {
				free(path);
				continue;
			}
			names = realloc(names, (n + 1) * sizeof *names);
			if (!names)
				abort();
			names[n++] = path;
		}
		closedir(dir);
		qsort(names, n, sizeof *names, by_name);
		for (size_t k = 0; k < n; k++) {
			if (run_file(names[k], ran + unreadable + 1))
				ran++;
			else
				unreadable++;
			free(names[k]);
		}
		free(names);
	}
	printf("1..%zu\n", ran + unreadable);
	return unreadable ? 1 : 0;
}
