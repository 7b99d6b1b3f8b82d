/* main.c: the command line. Parses options, loads the articles, and either
 * prints what was asked (--list, --print, --check) or runs the browser. Only
 * main prints errors and chooses the exit status. */
#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "fayan/count.h"
#include "fayan/doc.h"
#include "fayan/i18n.h"
#include "fayan/load.h"
#include "fayan/output.h"
#include "fayan/report.h"
#include "fayan/select.h"
#include "fayan/text.h"
#include "fayan/ui.h"
#include "fayan/util.h"
#include "localedir.h"

#define FAYAN_VERSION "0.1.0"
/* Threads reading the files of the command line (one per processor, at most). */
#define LOAD_MAX_THREADS 4

static const char usage_text[] = N_(
"Usage: fayan [OPTION]... [FILE]...\n"
"Browse Chinese speech-excerpt articles (发言摘登): a pane of speakers and a reader.\n"
"With no FILE, open the built-in article; FILE - reads standard input. A FILE\n"
"must be a regular file (a FIFO or a device is refused, never waited on).\n"
"\n"
"  -l, --list             list the sections: number, name, place and title, headline\n"
"  -p, --print=WHICH      print section WHICH and exit; WHICH is a number (counted\n"
"                         across all files), a speaker's name, a place or any part\n"
"                         of a byline, 'intro' or 'all' (a number is digits only)\n"
"  -t, --theme=NAME       only sections about theme NAME (疫情防控, or as pinyin:\n"
"                         yqfk; not empty); filters --list, --print all and the\n"
"                         browser\n"
"  -s, --search=TEXT      only sections containing TEXT (folded; Latin letters also\n"
"                         match hanzi by pinyin: madongliang, mdl)\n"
"      --themes           list the themes with the sections and hits each has\n"
"      --check            report the structure found (layout, sections, speakers,\n"
"                         rejoined page breaks, warnings); exit 1 if there are no\n"
"                         sections\n"
"  -f, --format=FORMAT    output of --list, --themes and --print: text (default),\n"
"                         tsv (--list and --themes only) or json\n"
"  -w, --width=N          wrap printed text to N columns and cut --list lines to N\n"
"                         (0: no limit); default: the terminal's width, or no\n"
"                         limit in a pipe\n"
"      --force            read invalid UTF-8 anyway, showing U+FFFD\n"
"      --encoding=NAME    read the input as NAME (GB18030, GBK, BIG5, ...); by default\n"
"                         UTF-8, or GB18030 for a file that is not UTF-8\n"
"      --color=WHEN       colour in the browser: auto (default), never, always;\n"
"                         NO_COLOR in the environment means never\n"
"      --punct=STYLE      punctuation as-printed (the document's own) or cjk\n"
"                         (full-width among Chinese text, on full lines with\n"
"                         closing marks hanging into the margin); the browser's\n"
"                         default is cjk, --print's as-printed\n"
"      --indent           open each paragraph with a two-character indent, with\n"
"                         no blank line between paragraphs (the browser's i)\n"
"      --no-state         do not restore or save the reading position\n"
"      --utf8             browse although the locale's character set is not\n"
"                         UTF-8: the terminal is UTF-8 all the same\n"
"      --ambiwidth=WIDTH  how the terminal draws ambiguous-width characters\n"
"                         (“ ” — … ·): narrow, wide (as with CJK fonts) or auto\n"
"                         (default: the browser asks the terminal; printing\n"
"                         takes narrow); FAYAN_AMBIWIDTH sets the default\n"
"  -h, --help             show this help and exit\n"
"  -V, --version          show the version and exit\n"
"\n"
"Given many files, the browser shows the first at once and reads the rest while\n"
"it runs; a file it then finds invalid is skipped and named when it exits.\n"
"\n"
"Exit status: 0 success, 1 nothing matched (or no sections for --check,\n"
"--list or --print all), 2 usage error or unreadable or invalid input (also\n"
"a file the browser skipped, or a locale whose character set is not UTF-8\n"
"without --utf8); the browser ended by SIGHUP, SIGINT, SIGQUIT or SIGTERM\n"
"exits with 128 + the signal number.\n"
"The browser needs a terminal that shows UTF-8.\n"
"In the browser, press ? for the keys. See fayan(1).\n");

enum mode {
	MODE_BROWSE,
	MODE_LIST,
	MODE_PRINT,
	MODE_CHECK,
	MODE_THEMES,
};

struct options {
	enum mode mode;
	const char *which;
	const char *theme;
	const char *search;
	enum output_format format;
	bool format_set;
	int width; /* -1: not given */
	int punct; /* enum layout_punct, or -1: not given */
	bool indent;
	struct doc_opts doc;
	struct ui_opts ui;
	bool utf8; /* --utf8: the terminal is UTF-8 whatever the locale says */
};

/* Print "fayan: MESSAGE" on stderr. Messages quote file names and arguments,
 * which may hold anything: invalid UTF-8 is repaired and controls are shown
 * visibly, so no message can drive the terminal. */
static __attribute__((format(printf, 1, 0))) void vcomplain(const char *fmt, va_list ap)
{
	struct buf b;
	size_t rlen, slen;
	char *repaired, *safe;

	buf_init(&b);
	buf_vprintf(&b, fmt, ap);
	repaired = text_repair_utf8(b.data ? b.data : "", b.len, &rlen);
	safe = text_sanitize(repaired, rlen, false, &slen);
	fprintf(stderr, "fayan: %s\n", safe);
	free(safe);
	free(repaired);
	buf_free(&b);
}

static __attribute__((format(printf, 1, 2))) void complain(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vcomplain(fmt, ap);
	va_end(ap);
}

static _Noreturn __attribute__((format(printf, 1, 2))) void usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vcomplain(fmt, ap);
	va_end(ap);
	fputs(_("Try 'fayan --help' for more information.\n"), stderr);
	exit(EXIT_TROUBLE);
}

/* Write all of `b` to stdout; a closed pipe ends fayan quietly, like cat. */
static int write_out(const struct buf *b)
{
	if (b->len && fwrite(b->data, 1, b->len, stdout) != b->len)
		goto fail;
	if (fflush(stdout) == 0)
		return EXIT_OK;
fail:
	if (errno == EPIPE)
		exit(128 + 13);
	complain(_("standard output: %s"), strerror(errno));
	return EXIT_TROUBLE;
}

/* The drain of an output buffer (util.h): write what it holds. It is set only
 * once every check has passed, so a failure still leaves no partial output;
 * only a failing write stops it, as write_out would. */
static void drain_out(struct buf *b)
{
	if (write_out(b) != EXIT_OK)
		exit(EXIT_TROUBLE);
	b->len = 0;
}

/* The width to wrap printed text to: -w, else the terminal's, else none. */
static int print_width(const struct options *o)
{
	struct winsize ws;

	if (o->width >= 0)
		return o->width;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

/* narrow, wide or auto into *a; -1 for anything else. */
static int parse_ambiwidth(const char *s, enum ui_ambi *a)
{
	if (!strcmp(s, "auto"))
		*a = UI_AMBI_AUTO;
	else if (!strcmp(s, "narrow"))
		*a = UI_AMBI_NARROW;
	else if (!strcmp(s, "wide"))
		*a = UI_AMBI_WIDE;
	else
		return -1;
	return 0;
}

static void parse_args(int argc, char **argv, struct options *o)
{
	enum { OPT_CHECK = 256, OPT_FORCE, OPT_COLOR, OPT_NO_STATE, OPT_THEMES, OPT_ENCODING, OPT_UTF8, OPT_AMBIWIDTH,
	       OPT_PUNCT, OPT_INDENT };
	static const struct option longopts[] = {
		{ "list", no_argument, NULL, 'l' },
		{ "print", required_argument, NULL, 'p' },
		{ "check", no_argument, NULL, OPT_CHECK },
		{ "theme", required_argument, NULL, 't' },
		{ "search", required_argument, NULL, 's' },
		{ "themes", no_argument, NULL, OPT_THEMES },
		{ "format", required_argument, NULL, 'f' },
		{ "width", required_argument, NULL, 'w' },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ "encoding", required_argument, NULL, OPT_ENCODING },
		{ "color", required_argument, NULL, OPT_COLOR },
		{ "colour", required_argument, NULL, OPT_COLOR },
		{ "no-state", no_argument, NULL, OPT_NO_STATE },
		{ "utf8", no_argument, NULL, OPT_UTF8 },
		{ "ambiwidth", required_argument, NULL, OPT_AMBIWIDTH },
		{ "punct", required_argument, NULL, OPT_PUNCT },
		{ "indent", no_argument, NULL, OPT_INDENT },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	const char *ambi = getenv("FAYAN_AMBIWIDTH");

	memset(o, 0, sizeof *o);
	o->width = -1;
	if (ambi && ambi[0] && parse_ambiwidth(ambi, &o->ui.ambiwidth) != 0)
		usage_error(_("unknown ambiguous width '%s' in FAYAN_AMBIWIDTH (narrow, wide or auto)"), ambi);
	o->punct = -1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":lp:t:s:f:w:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'l':
			o->mode = MODE_LIST;
			break;
		case 'p':
			o->mode = MODE_PRINT;
			o->which = optarg;
			/* A number with anything after it is a mistyped number, not a name. */
			if (*optarg >= '0' && *optarg <= '9' && optarg[strspn(optarg, "0123456789")])
				usage_error(_("invalid section '%s': a number, a name, a place, 'intro' or 'all'"),
					    optarg);
			break;
		case OPT_CHECK:
			o->mode = MODE_CHECK;
			break;
		case OPT_THEMES:
			o->mode = MODE_THEMES;
			break;
		case 't':
			if (!*optarg)
				usage_error("%s", _("empty theme name"));
			o->theme = optarg;
			break;
		case 's':
			o->search = optarg;
			break;
		case 'f':
			o->format_set = true;
			if (!strcmp(optarg, "text"))
				o->format = OUTPUT_TEXT;
			else if (!strcmp(optarg, "tsv"))
				o->format = OUTPUT_TSV;
			else if (!strcmp(optarg, "json"))
				o->format = OUTPUT_JSON;
			else
				usage_error(_("unknown format '%s' (text, tsv or json)"), optarg);
			break;
		case 'w': {
			char *end;
			long v;

			errno = 0;
			v = strtol(optarg, &end, 10);
			if (!*optarg || *end || errno || v < 0 || v > 10000)
				usage_error(_("invalid width '%s' (a number from 0 to 10000)"), optarg);
			o->width = (int)v;
			break;
		}
		case OPT_ENCODING:
			o->doc.encoding = optarg;
			break;
		case OPT_FORCE:
			o->doc.force = true;
			break;
		case OPT_COLOR:
			if (!strcmp(optarg, "auto"))
				o->ui.color = UI_COLOR_AUTO;
			else if (!strcmp(optarg, "never"))
				o->ui.color = UI_COLOR_NEVER;
			else if (!strcmp(optarg, "always"))
				o->ui.color = UI_COLOR_ALWAYS;
			else
				usage_error(_("unknown colour mode '%s' (auto, never or always)"), optarg);
			break;
		case OPT_NO_STATE:
			o->ui.no_state = true;
			break;
		case OPT_UTF8:
			o->utf8 = true;
			break;
		case OPT_AMBIWIDTH:
			if (parse_ambiwidth(optarg, &o->ui.ambiwidth) != 0)
				usage_error(_("unknown ambiguous width '%s' (narrow, wide or auto)"), optarg);
			break;
		case OPT_PUNCT:
			if (!strcmp(optarg, "as-printed"))
				o->punct = LAYOUT_PUNCT_AS_PRINTED;
			else if (!strcmp(optarg, "cjk"))
				o->punct = LAYOUT_PUNCT_CJK;
			else
				usage_error(_("unknown punctuation style '%s' (as-printed or cjk)"), optarg);
			break;
		case OPT_INDENT:
			o->indent = true;
			break;
		case 'h':
			fputs(_(usage_text), stdout);
			exit(write_out(&(struct buf){ 0 }));
		case 'V':
			fputs("fayan " FAYAN_VERSION "\n", stdout);
			exit(write_out(&(struct buf){ 0 }));
		case ':':
			usage_error(_("option '%s' needs an argument"), argv[optind - 1]);
		default:
			if (optopt && optopt < 256 && !(optind > 1 && !strncmp(argv[optind - 1], "--", 2)))
				usage_error(_("unknown option '-%c'"), optopt);
			usage_error(_("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (o->format == OUTPUT_TSV && o->mode != MODE_LIST && o->mode != MODE_THEMES)
		usage_error("%s", _("--format=tsv goes with --list or --themes"));
	if (o->format_set && o->mode != MODE_LIST && o->mode != MODE_PRINT && o->mode != MODE_THEMES)
		usage_error("%s", _("--format goes with --list, --themes or --print"));
}

/* Copy at most `size` - 1 bytes of `s` to `out`, printable ASCII only (a
 * locale name comes from the environment and may hold anything). */
static void copy_printable(char *out, size_t size, const char *s)
{
	size_t n = 0;

	for (; *s && n + 1 < size; s++)
		out[n++] = *s > ' ' && *s < 0x7f ? *s : '?';
	out[n] = '\0';
}

/* Use the user's locale. Without a UTF-8 one (a forwarded LANG the server
 * lacks, or none set), fall back to C.UTF-8; messages are in the language
 * asked for all the same (i18n.h). Returns a note for the status line, or
 * NULL; *other is the character set the locale says the terminal uses when
 * that cannot be UTF-8 (an installed locale of another set, or a missing
 * one whose name gives another set), else NULL. */
static const char *setup_locale(bool *utf8, const char **other)
{
	static char note[128], charset[64];
	const char *loc = setlocale(LC_CTYPE, ""), *asked = i18n_asked("LC_CTYPE"), *dot;
	char name[64];

	*other = NULL;
	i18n_init(LOCALEDIR);
	*utf8 = loc && !strcmp(nl_langinfo(CODESET), "UTF-8");
	if (*utf8)
		return NULL;
	copy_printable(name, sizeof name, asked ? asked : "");
	dot = strchr(name, '.');
	if (loc && strcmp(nl_langinfo(CODESET), "ANSI_X3.4-1968") != 0)
		copy_printable(charset, sizeof charset, nl_langinfo(CODESET));
	else if (!loc && dot && strncasecmp(dot + 1, "utf-8", 5) != 0 && strncasecmp(dot + 1, "utf8", 4) != 0)
		copy_printable(charset, sizeof charset, dot + 1);
	if (charset[0])
		*other = charset;
	if (setlocale(LC_CTYPE, "C.UTF-8") && !strcmp(nl_langinfo(CODESET), "UTF-8")) {
		*utf8 = true;
		if (!loc && name[0])
			snprintf(note, sizeof note, _("locale %s is not installed; using C.UTF-8"), name);
		else
			snprintf(note, sizeof note, "%s", _("no UTF-8 locale set; using C.UTF-8"));
		return note;
	}
	return NULL;
}

/* Whether the mode filters (or, for --themes, counts the themes): the
 * filter is then made ready before the files are read and counts each as
 * it is parsed. */
static bool filtering(const struct options *o)
{
	switch (o->mode) {
	case MODE_THEMES:
		return true;
	case MODE_LIST:
		return o->theme || o->search;
	case MODE_PRINT:
		return (o->theme || o->search) && !strcmp(o->which, "all");
	default:
		return false;
	}
}

/* Load the themes, resolve --theme and compile --search, and set the reading
 * options to count them in each file; on failure print why. */
static int open_filter(struct options *o, struct count *cnt, unsigned threads)
{
	struct fy_err err = { 0 };
	int rc = count_prepare(cnt, o->theme, o->search, o->mode == MODE_THEMES, &err);

	if (rc) {
		complain("%s", err.msg);
		return rc;
	}
	count_reading(cnt, &o->doc, threads);
	return EXIT_OK;
}

/* Keep only the sections of sel that the filter (gathered) selects. */
static void apply_filter(struct selection *sel, const struct count *filter)
{
	size_t n = 0;

	for (size_t i = 0; i < sel->n; i++)
		if (count_section(filter, sel->secs[i])->match)
			sel->secs[n++] = sel->secs[i];
	sel->n = n;
}

/* Say that the input has no sections, naming it when there is one. */
static void no_sections(const struct doc *d)
{
	if (d->narticles == 1)
		complain(_("%s: no sections found (--check says why)"), d->articles[0]->name);
	else
		complain(_("no sections found in any input (--check says why)"));
}

/* How --print and the browser's print action set text: the document's own
 * punctuation unless --punct=cjk, which also fills the lines. */
static struct layout_style print_style(const struct options *o)
{
	struct layout_style st = { .punct = LAYOUT_PUNCT_AS_PRINTED, .indent = o->indent };

	if (o->punct == LAYOUT_PUNCT_CJK) {
		st.punct = LAYOUT_PUNCT_CJK;
		st.full = true;
	}
	return st;
}

static int do_print(const struct options *o, const struct doc *d, const struct count *cnt)
{
	struct layout_style st = print_style(o);
	struct selection sel;
	struct fy_err err = { 0 };
	struct buf out;
	int width = print_width(o);

	/* Every section of an input that has none: nothing to print, as
	 * --list says. */
	if (!d->nsections && !strcmp(o->which, "all")) {
		no_sections(d);
		return EXIT_NOMATCH;
	}
	if (select_which(d, o->which, &sel, &err)) {
		complain("%s", err.msg);
		return err.code;
	}
	if (cnt) {
		apply_filter(&sel, cnt);
		if (!sel.n) {
			select_free(&sel);
			complain(_("no section matches the filter"));
			return EXIT_NOMATCH;
		}
	}
	buf_init(&out);
	out.drain = drain_out;
	/* One section is a JSON object; `all` is always an array. */
	if (sel.intro)
		output_intros_text_as(&out, d, width, &st);
	else
		output_sections_as(&out, sel.secs, sel.n, o->format, sel.n != 1 || !strcmp(o->which, "all"), width,
				   &st);
	select_free(&sel);
	int rc = write_out(&out);

	buf_free(&out);
	return rc;
}

/* report_pick for a filtered --list: the sections the filter chose. */
static bool pick_counted(const struct section *s, size_t *hits, const void *cnt)
{
	const struct filter_section *fs = count_section(cnt, s);

	*hits = fs->nhits;
	return fs->match;
}

static int do_list(const struct options *o, const struct doc *d, const struct count *cnt,
		   const struct report_cols *cols)
{
	struct buf out;
	size_t n;
	int rc;

	buf_init(&out);
	out.drain = drain_out;
	n = report_list(&out, d->sections, d->nsections, cnt ? pick_counted : NULL, cnt, cols, o->format,
			print_width(o));
	rc = write_out(&out);
	buf_free(&out);
	if (rc == EXIT_OK && n == 0) {
		if (cnt && d->nsections)
			complain(_("no section matches the filter"));
		else
			no_sections(d);
		rc = EXIT_NOMATCH;
	}
	return rc;
}

static int do_themes(const struct options *o, const struct count *cnt)
{
	struct buf out;
	int rc;

	buf_init(&out);
	report_themes(&out, &cnt->themes, cnt->nsec, cnt->nhit, o->format);
	rc = write_out(&out);
	buf_free(&out);
	return rc;
}

static int do_check(const struct doc *d)
{
	struct buf out;
	size_t n;
	int rc;

	buf_init(&out);
	out.drain = drain_out;
	n = report_check(&out, d);
	rc = write_out(&out);
	buf_free(&out);
	return rc == EXIT_OK && n == 0 ? EXIT_NOMATCH : rc;
}

static int do_browse(struct options *o, struct doc *d, const char *locale_note)
{
	struct ui_result res = { 0 };
	struct fy_err err = { 0 };
	struct layout_style st = print_style(o);
	struct buf out;
	int rc;

	o->ui.locale_note = locale_note;
	o->ui.theme = o->theme;
	o->ui.search = o->search;
	o->ui.punct = o->punct >= 0 ? (enum layout_punct)o->punct : LAYOUT_PUNCT_CJK;
	o->ui.indent = o->indent;
	if (ui_run(d, &o->ui, &res, &err)) {
		complain("%s", err.msg);
		return err.code ? err.code : EXIT_TROUBLE;
	}
	if (res.outcome != UI_PRINT)
		return EXIT_OK;
	text_set_ambiwidth(o->ui.ambiwidth == UI_AMBI_WIDE ? TEXT_AMBI_WIDE : TEXT_AMBI_NARROW);
	buf_init(&out);
	if (res.section && res.section <= d->nsections)
		output_section_text_as(&out, d->sections[res.section - 1], print_width(o), &st);
	else if (res.article < d->narticles)
		output_intro_text_as(&out, d->articles[res.article], print_width(o), &st);
	rc = write_out(&out);
	buf_free(&out);
	return rc;
}

/* Read the inputs. The command line reads them all now. The browser reads
 * the first now and the rest while it runs (the first screen of a large
 * archive needs only the first file), after checking here that each can be
 * opened, so that a misspelt name still stops it before it starts; what
 * cannot be read without blocking (standard input, a pipe) is read now,
 * with everything before it, so that the order stays as given. */
static int load_inputs(const struct options *o, struct doc *d, struct load_queue *q, char **paths, int n,
		       unsigned threads)
{
	int now = o->mode == MODE_BROWSE ? 1 : n;

	for (int i = 0; i < n && o->mode == MODE_BROWSE; i++) {
		struct fy_err err = { 0 };
		int r = doc_probe_file(paths[i], &err);

		if (r < 0) {
			complain("%s", err.msg);
			return err.code ? err.code : EXIT_TROUBLE;
		}
		if (r == 0 && i + 1 > now)
			now = i + 1;
	}
	/* On the command line every file is read now, in threads: a thread per
	 * processor reads and parses ahead, the result and any message are those
	 * of reading them one by one. */
	struct fy_err err = { 0 };

	if (doc_add_files(d, paths, (size_t)now, &o->doc, o->mode == MODE_BROWSE ? 1 : threads, &err)) {
		complain("%s", err.msg);
		return err.code ? err.code : EXIT_TROUBLE;
	}
	for (int i = now; i < n; i++)
		load_defer(q, paths[i]);
	return EXIT_OK;
}

/* After the browser: name the inputs it could not read (a few, then how many
 * more), and exit 2 for them as the command line would. */
static int name_skipped(const struct load_queue *q, int rc)
{
	enum { SHOWN = 10 };

	for (size_t i = 0; i < q->nerrors && i < SHOWN; i++)
		complain("%s", q->errors[i]);
	if (q->nerrors > SHOWN)
		complain(ngettext("%zu more input could not be read", "%zu more inputs could not be read", q->nerrors - SHOWN),
			 q->nerrors - SHOWN);
	return q->nerrors && rc == EXIT_OK ? EXIT_TROUBLE : rc;
}

int main(int argc, char **argv)
{
	struct options o;
	struct doc d;
	struct load_queue queue;
	struct count cnt, *filter;
	struct report_cols cols, *measured = NULL;
	unsigned threads = util_cpus(LOAD_MAX_THREADS);
	bool utf8;
	const char *other;
	const char *note = setup_locale(&utf8, &other);
	int rc;

	parse_args(argc, argv, &o);
	/* Printed text is wrapped as the option or the variable says (the
	 * browser may ask the terminal; a pipe cannot be asked). */
	text_set_ambiwidth(o.ui.ambiwidth == UI_AMBI_WIDE ? TEXT_AMBI_WIDE : TEXT_AMBI_NARROW);
	filter = filtering(&o) ? &cnt : NULL;
	doc_init(&d);
	memset(&cnt, 0, sizeof cnt);
	memset(&cols, 0, sizeof cols);
	/* Reports that show no paragraph keep of each file only what they show. */
	o.doc.strip = o.mode == MODE_LIST || o.mode == MODE_CHECK || o.mode == MODE_THEMES;
	/* The browser keys reading positions on each file's bytes as read. */
	o.doc.key = o.mode == MODE_BROWSE;
	/* Whoever filters the paragraphs gets them knowing whether each folds
	 * to itself: the browser's themes and searches, and -s and -t. */
	o.doc.folds = o.mode == MODE_BROWSE || filter != NULL;
	load_init(&queue, &o.doc);
	if (filter && (rc = open_filter(&o, filter, threads)) != EXIT_OK)
		goto out;
	/* --list's table: each row's columns measured as its file is read. */
	if (o.mode == MODE_LIST && o.format == OUTPUT_TEXT) {
		measured = &cols;
		report_cols_reading(measured, &o.doc, threads);
	}
	if (optind == argc)
		doc_add_builtin(&d);
	else if ((rc = load_inputs(&o, &d, &queue, argv + optind, argc - optind, threads)) != EXIT_OK)
		goto out;
	if (filter)
		count_gather(filter, &d);
	if (measured)
		report_cols_gather(measured);
	switch (o.mode) {
	case MODE_LIST:
		rc = do_list(&o, &d, filter, measured);
		break;
	case MODE_PRINT:
		rc = do_print(&o, &d, filter);
		break;
	case MODE_CHECK:
		rc = do_check(&d);
		break;
	case MODE_THEMES:
		rc = do_themes(&o, filter);
		break;
	default:
		if (!utf8) {
			fprintf(stderr, "fayan: %s\n", _("no UTF-8 locale is available (tried the environment and C.UTF-8);"
							   " use --print or --list"));
			rc = EXIT_TROUBLE;
		} else if (other && !o.utf8) {
			/* Such a terminal shows UTF-8 as garbage, and a byte of a
			 * hanzi (0x9B) can act there as a control (C1 CSI). */
			complain(_("the locale's character set is %s: the browser needs a UTF-8 terminal"
				   " (--utf8 if the terminal is UTF-8 all the same; or use --print or --list)"), other);
			rc = EXIT_TROUBLE;
		} else {
			o.ui.load = &queue;
			rc = do_browse(&o, &d, note);
			rc = name_skipped(&queue, rc);
		}
		break;
	}
out:
	count_close(&cnt);
	report_cols_free(&cols);
	load_free(&queue);
	doc_free(&d);
	return rc;
}
