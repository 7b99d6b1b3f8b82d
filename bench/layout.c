/* layout.c: CPU time of laying out every section of an archive at one width,
 * in each style the program sets text in: as printed (what --print gives
 * without --punct), with full-width punctuation on full lines (the reader's
 * default, --print --punct=cjk), and as printed on full lines (the reader
 * with --punct=as-printed). Laying out is what the reader does for each
 * section it opens and at each resize.
 *
 * Usage: layout [-n PASSES] [-w WIDTH] FILE... */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "fayan/doc.h"
#include "fayan/layout.h"

static double cpu_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		struct layout_style st;
	} styles[] = {
		{ "as printed (--print)", { .punct = LAYOUT_PUNCT_AS_PRINTED } },
		{ "cjk, full lines (the reader, --punct=cjk)", { .punct = LAYOUT_PUNCT_CJK, .full = true } },
		{ "as printed, full lines (the reader with --punct=as-printed)",
		  { .punct = LAYOUT_PUNCT_AS_PRINTED, .full = true } },
	};
	struct doc_opts o = { .force = true };
	struct doc d;
	int passes = 5, width = 78, opt;

	while ((opt = getopt(argc, argv, "n:w:")) != -1) {
		if (opt == 'n')
			passes = atoi(optarg) > 0 ? atoi(optarg) : 1;
		else if (opt == 'w')
			width = atoi(optarg);
		else
			return 2;
	}
	doc_init(&d);
	for (int i = optind; i < argc; i++) {
		struct fy_err e = { .code = 0 };

		if (doc_add_file(&d, argv[i], &o, &e) != 0)
			fprintf(stderr, "layout: %s\n", e.msg);
	}
	if (d.nsections == 0) {
		fputs("usage: layout [-n PASSES] [-w WIDTH] FILE...\n", stderr);
		return 2;
	}
	printf("| layout of %zu sections at %d columns (CPU time, best of %d passes) | per section | lines |\n"
	       "|---|---|---|\n", d.nsections, width, passes);
	for (size_t k = 0; k < sizeof styles / sizeof styles[0]; k++) {
		double best = 0;
		size_t lines = 0;

		for (int p = 0; p < passes; p++) {
			double t0 = cpu_s();

			lines = 0;
			for (size_t i = 0; i < d.nsections; i++) {
				struct layout lo;

				layout_section_as(&lo, d.sections[i], width, &styles[k].st);
				lines += lo.nlines;
				layout_free(&lo);
			}
			t0 = cpu_s() - t0;
			if (p == 0 || t0 < best)
				best = t0;
		}
		printf("| %s | %.1f µs | %zu |\n", styles[k].name, best / (double)d.nsections * 1e6, lines);
	}
	doc_free(&d);
	return 0;
}
