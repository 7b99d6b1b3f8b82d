/* fuzz_browser.c: the browser's state machine below curses (view.c,
 * view_do.c and what they call), driven as the loop in ui.c drives it: keys
 * of every mode's binding table and typed text, mouse events at any cell,
 * resizes to any size (too small included), inputs arriving while it runs
 * (one that cannot be read, a FIFO among them), idle counting of the
 * picker's themes, and painting. The input's head sets the terminal, the
 * collection, what is still to arrive and the -t, -s and section given; an
 * article of its own may follow; the rest is one event a byte (or three).
 * After every event the view's invariants are checked: one mode with what
 * it needs, the item read and the selection readable, positions in range,
 * the panes inside the terminal, the list consistent with the filter, and
 * every line, status and row that would be painted valid UTF-8 without
 * controls, within its width. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fayan/doc.h"
#include "fayan/osc52.h"
#include "fayan/resume.h"
#include "fayan/status.h"
#include "fayan/text.h"
#include "fayan/view_do.h"
#include "fuzz.h"

/* A small article of two sections, one with an intro: the seed is big. */
static const char small_article[] =
	"小标题\n\n导语一段。\n\n第一篇\n\n某市某镇党委书记 张三\n\n疫情防控，人人有责。\n\n第二段，下一步。\n\n"
	"第二篇\n\n某区某街道党工委书记 李四\n\n老旧小区改造加装电梯。\n";

/* Inputs that arrive later, by the index the fuzz input gives. */
enum { FILE_OWN, FILE_SEED, FILE_SMALL, FILE_MISSING, FILE_FIFO, NFILES };
static char dir[64];
static char paths[NFILES][96];

/* Every key name the binding tables hold, and some text and unbound keys. */
static const char *keys[512];
static size_t nkeys;
static const char *const extra_keys[] = {
	"a", "y", "q", "f", "k", "l", "m", "d", "1", "2", "9", "0", "疫", "情", "防", "控", "，", "…",
	"x", "Space", "F12", "C-z", "C-a", "é", "\xe2\x80\xae", "\xc2\xa0", "KEY_F(5)",
};

static void cleanup(void)
{
	for (int i = 0; i < NFILES; i++)
		unlink(paths[i]);
	rmdir(dir);
}

/* Write len bytes to path, replacing it. */
static void write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	FUZZ_ASSERT(f != NULL);
	FUZZ_ASSERT(fwrite(data, 1, len, f) == len);
	FUZZ_ASSERT(fclose(f) == 0);
}

/* Once: the files, the key names and an environment without the user's themes. */
static void setup(void)
{
	static const char *const names[NFILES] = {"own.txt", "seed.txt", "small.txt", "missing.txt", "fifo"};
	size_t len;
	const char *seed = doc_builtin_data(&len);

	snprintf(dir, sizeof dir, "/tmp/fayan-fuzz-browser-XXXXXX");
	FUZZ_ASSERT(mkdtemp(dir) != NULL);
	for (int i = 0; i < NFILES; i++)
		snprintf(paths[i], sizeof paths[i], "%s/%s", dir, names[i]);
	write_file(paths[FILE_SEED], seed, len);
	write_file(paths[FILE_SMALL], small_article, sizeof small_article - 1);
	FUZZ_ASSERT(mkfifo(paths[FILE_FIFO], 0600) == 0);
	atexit(cleanup);
	/* Only the built-in themes: the picker and -t must not read the user's file. */
	setenv("XDG_CONFIG_HOME", dir, 1);
	for (int m = 0; m < MODE_COUNT; m++) {
		size_t n;
		const struct binding *b = actions_mode_bindings((enum mode)m, &n);

		for (size_t i = 0; i < n && nkeys < sizeof keys / sizeof *keys; i++)
			keys[nkeys++] = b[i].key;
	}
	for (size_t i = 0; i < sizeof extra_keys / sizeof *extra_keys; i++)
		keys[nkeys++] = extra_keys[i];
}

/* A string that reaches the terminal: valid UTF-8, no control, at most cols wide. */
static void check_shown(const char *s, size_t len, int cols)
{
	FUZZ_ASSERT(text_check_utf8(s, len) == len);
	FUZZ_ASSERT(!fuzz_has_control(s, len));
	FUZZ_ASSERT(memchr(s, '\n', len) == NULL);
	FUZZ_ASSERT(text_cols(s, len) <= (cols < 0 ? 0 : cols));
}

/* The item and width whose lines were checked last: its lines are checked
 * again only when they change (checking them at every event took most of
 * the time). */
static size_t checked_item = SIZE_MAX;
static int checked_width;
static unsigned long checked_gen;

/* The laid-out lines of the item read: in their text, each within the width
 * but for a lone cluster wider than it; hit spans inside their line. */
static void check_layout(struct view *v)
{
	const struct layout *lo = view_layout(v);
	const struct spans *sp;
	int w = lo->width < 1 ? 1 : lo->width;
	const char *text = NULL;
	size_t tlen = 0;

	if (lo->nlines == 0)
		FUZZ_ASSERT(v->top == 0);
	else
		FUZZ_ASSERT(v->top < lo->nlines);
	if (checked_item == v->cur && checked_width == lo->width && checked_gen == find_gen(&v->find))
		return;
	checked_item = v->cur;
	checked_width = lo->width;
	checked_gen = find_gen(&v->find);
	sp = view_spans(v);
	for (size_t i = 0; i < lo->nlines; i++) {
		const struct layout_line *l = &lo->lines[i];

		if (l->text != text) {
			text = l->text;
			tlen = text ? strlen(text) : 0;
		}

		FUZZ_ASSERT(l->off <= tlen && l->len <= tlen - l->off);
		FUZZ_ASSERT(text_check_utf8(l->text ? l->text + l->off : "", l->len) == l->len);
		FUZZ_ASSERT(!fuzz_has_control(l->text ? l->text + l->off : "", l->len));
		/* What the line shows: its bytes, or the text set from them
		 * (full-width punctuation, a space that keeps the grid). */
		{
			const char *shown = l->disp ? l->disp : l->text ? l->text + l->off : "";
			size_t slen = l->disp ? l->disp_len : l->len;

			FUZZ_ASSERT(text_check_utf8(shown, slen) == slen && !fuzz_has_control(shown, slen));
			FUZZ_ASSERT(l->cols == (slen ? text_cols(shown, slen) : 0));
			if (l->cols > w)
				FUZZ_ASSERT(text_grapheme_len(shown, slen) == slen);
		}
		FUZZ_ASSERT(l->kind != LAYOUT_PARA || l->para < lo->npara);
		if (sp) {
			size_t n;
			const struct span *s = spans_of_line(sp, i, &n);

			for (size_t k = 0; k < n; k++)
				FUZZ_ASSERT(s[k].a < s[k].b && s[k].b <= l->len);
		}
	}
}

/* The panes: inside the terminal, side by side or one at a time. */
static void check_geom(const struct view *v)
{
	const struct view_geom *g = &v->g;

	FUZZ_ASSERT(g->show_speakers || g->show_reader);
	FUZZ_ASSERT(g->body_rows >= 1 && g->text_w >= 1);
	FUZZ_ASSERT(g->status_y >= 0 && (g->lines < 1 || g->status_y < g->lines));
	if (g->show_speakers && g->show_reader) {
		FUZZ_ASSERT(g->cols >= VIEW_SIDE_BY_SIDE_COLS);
		FUZZ_ASSERT(g->sp_w + g->rd_w == g->cols && g->rd_x == g->sp_w);
	} else if (g->show_reader) {
		FUZZ_ASSERT(g->rd_x == 0 && g->rd_w == g->cols);
	}
	if (g->show_reader && g->rd_w >= 1)
		FUZZ_ASSERT(g->text_x >= g->rd_x && g->text_x + g->text_w <= g->rd_x + g->rd_w);
	FUZZ_ASSERT(!v->hide_speakers || (v->focus == VIEW_FOCUS_READER && !g->show_speakers));
	FUZZ_ASSERT(g->title_line == !(v->hide_speakers && v->mode != MODE_HELP));
}

/* The speaker pane's list and the filter it follows. */
static void check_list(struct view *v)
{
	const struct doc *d = v->d;
	size_t rows = (size_t)v->g.body_rows;
	const struct filter *f = view_filter(v);

	FUZZ_ASSERT(v->nvis <= v->nitems);
	for (size_t i = 0; i < v->nvis; i++) {
		FUZZ_ASSERT(v->vis[i] < v->nitems);
		FUZZ_ASSERT(i == 0 || v->vis[i - 1] < v->vis[i]);
		/* A title row heads entries of its article: never last, never before another title. */
		if (v->items[v->vis[i]].kind == VIEW_ITEM_TITLE)
			FUZZ_ASSERT(i + 1 < v->nvis && v->items[v->vis[i + 1]].kind != VIEW_ITEM_TITLE &&
				    v->items[v->vis[i + 1]].article == v->items[v->vis[i]].article);
	}
	/* No blank rows below the list while entries are scrolled off above it. */
	FUZZ_ASSERT(v->sp_top <= (v->nvis > rows ? v->nvis - rows : 0));
	for (size_t k = 0; k < d->nsections; k++) {
		const struct view_item *it = &v->items[v->item_of_section[k]];

		FUZZ_ASSERT(it->kind == VIEW_ITEM_SECTION && it->sec == d->sections[k]);
	}
	if (!f)
		return;
	FUZZ_ASSERT(f->n == d->nsections && f->nmatch <= f->n);
	for (size_t k = 0; k < f->n; k++)
		FUZZ_ASSERT(f->v[k].section == d->sections[k] && f->v[k].nhits == f->v[k].ntheme + f->v[k].nsearch);
	if (find_hit(&v->find)) {
		const struct filter_pos *hit = find_hit(&v->find);

		FUZZ_ASSERT(hit->sec < f->n && hit->hit < f->v[hit->sec].nhits);
	}
}

/* What each mode needs, and the line typed at a prompt. */
static void check_mode(struct view *v)
{
	const struct prompt *p = &v->prompt;
	size_t plen = strlen(p->text);
	size_t rows = (size_t)v->g.body_rows;

	FUZZ_ASSERT(v->mode >= MODE_BROWSE && v->mode < MODE_COUNT);
	FUZZ_ASSERT(strlen(v->num) < sizeof v->num && strspn(v->num, "0123456789") == strlen(v->num));
	FUZZ_ASSERT(v->req == VIEW_REQ_NONE);
	FUZZ_ASSERT(plen <= p->max && p->max < PROMPT_MAX);
	FUZZ_ASSERT(text_check_utf8(p->text, plen) == plen);
	switch (v->mode) {
	case MODE_PICKER: {
		const struct picker *pk = &v->pick;
		const struct themes *t = find_themes(&v->find);

		FUZZ_ASSERT(v->find.themes_loaded && t->n > 0);
		FUZZ_ASSERT(picker_count(pk) <= t->n && (picker_count(pk) == 0 || picker_sel_row(pk) < picker_count(pk)));
		FUZZ_ASSERT(pk->ncounted <= t->n);
		for (size_t i = 0; i < picker_count(pk); i++)
			FUZZ_ASSERT(pk->idx[i] < t->n);
		break;
	}
	case MODE_HELP:
		FUZZ_ASSERT(v->help.n > 0);
		FUZZ_ASSERT(v->help.top <= (v->help.n > rows ? v->help.n - rows : 0));
		break;
	case MODE_GOTO:
		FUZZ_ASSERT(p->max == sizeof v->num - 1);
		break;
	default:
		break;
	}
}

/* Everything the screen would paint now, as the loop does before painting. */
static void check_paint(struct view *v, struct resume *r)
{
	const char *hint;
	char *s;
	int cols = v->g.cols;

	view_sync(v);
	resume_progress(r, v);
	s = status_line(v, &hint);
	check_shown(s, strlen(s), cols - 2);
	free(s);
	s = status_title(v);
	check_shown(s, strlen(s), cols - 2);
	free(s);
	check_layout(v);
	if (v->mode == MODE_HELP) {
		int w = cols >= 30 ? cols - 2 : cols;

		for (size_t i = 0; i < v->help.n; i++)
			check_shown(v->help.lines[i].text, strlen(v->help.lines[i].text), w < 1 ? 1 : w);
	}
	if (v->mode == MODE_PICKER) {
		int name_cols = picker_name_cols(&v->pick, find_themes(&v->find));

		for (size_t k = 0; k < picker_count(&v->pick); k++) {
			struct buf b;

			buf_init(&b);
			picker_add_row(&v->pick, find_themes(&v->find), k, name_cols, &b);
			FUZZ_ASSERT(text_check_utf8(b.data ? b.data : "", b.len) == b.len);
			FUZZ_ASSERT(!fuzz_has_control(b.data ? b.data : "", b.len));
			buf_free(&b);
		}
	}
	for (size_t i = 0; i < v->nvis; i++) {
		const struct view_item *it = &v->items[v->vis[i]];

		if (it->kind == VIEW_ITEM_TITLE) {
			const char *t = view_article_title(v, it->article);

			FUZZ_ASSERT(text_check_utf8(t, strlen(t)) == strlen(t) && !fuzz_has_control(t, strlen(t)));
		}
	}
}

static void check_view(struct view *v)
{
	FUZZ_ASSERT(v->narticles == v->d->narticles);
	FUZZ_ASSERT(v->nitems >= 1);
	FUZZ_ASSERT(view_readable(v, v->cur) && view_readable(v, v->sel));
	check_geom(v);
	check_list(v);
	check_mode(v);
	check_layout(v);
}

/* What the loop does with a request of the view: the copy is made (a pipe
 * needs a terminal, so it is only checked to have a command). */
static void serve_request(struct view *v)
{
	if (v->req == VIEW_REQ_PIPE) {
		FUZZ_ASSERT(v->prompt.text[0] != '\0');
	} else if (v->req == VIEW_REQ_COPY) {
		struct buf seq;

		buf_init(&seq);
		osc52_copy(&seq, v);
		FUZZ_ASSERT(seq.len > 0 && !memchr(seq.data, '\n', seq.len));
		buf_free(&seq);
	}
	v->req = VIEW_REQ_NONE;
}

/* The terminal size from one byte each: every width from 1, the boundaries
 * of the layouts (20, 30, 72, 100) reachable. */
static int size_of(unsigned b, int most)
{
	return 1 + (int)(b % (unsigned)most);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const searches[] = {"yqfk", "疫情", "的", "a", "", "，", "…", "下一步", "mdl", ".", "服务"};
	static const char *const themes[] = {"yqfk", "疫情防控", "没有", "", "ljxq", "老旧小区改造"};
	static bool ready;
	struct doc d;
	struct load_queue q;
	struct ui_opts opts;
	struct view v;
	struct resume r;
	struct doc_opts dopts = {.key = true};
	struct fy_err err = {0};
	int cols, lines;
	unsigned flags, ndefer;
	size_t own_len;
	const uint8_t *own;

	if (!ready) {
		setup();
		ready = true;
	}
	cols = size_of(fuzz_byte(&data, &size), 200);
	lines = size_of(fuzz_byte(&data, &size), 70);
	flags = fuzz_byte(&data, &size);
	memset(&opts, 0, sizeof opts);
	opts.start_section = fuzz_byte(&data, &size) % 16;
	if (flags & 0x40)
		opts.search = searches[fuzz_byte(&data, &size) % (sizeof searches / sizeof *searches)];
	if (flags & 0x80)
		opts.theme = themes[fuzz_byte(&data, &size) % (sizeof themes / sizeof *themes)];
	own_len = fuzz_byte(&data, &size);
	own_len |= (size_t)fuzz_byte(&data, &size) << 8;
	if (own_len > size)
		own_len = size;
	own = data;
	data += own_len;
	size -= own_len;

	checked_item = SIZE_MAX;
	doc_init(&d);
	load_init(&q, &dopts);
	opts.load = &q;
	/* What main reads before the browser starts: at least one article. */
	if ((flags & 1) && own_len > 0)
		doc_add_buffer(&d, paths[FILE_OWN], (const char *)own, own_len, &dopts, &err);
	if (flags & 2)
		doc_add_file(&d, paths[FILE_SMALL], &dopts, &err);
	if (d.narticles == 0)
		doc_add_builtin(&d);
	ndefer = (flags >> 2) & 7;
	if (ndefer && own_len > 0)
		write_file(paths[FILE_OWN], (const char *)own, own_len);
	for (unsigned i = 0; i < ndefer; i++) {
		unsigned f = fuzz_byte(&data, &size) % NFILES;

		if (f == FILE_OWN && own_len == 0)
			f = FILE_MISSING;
		load_defer(&q, paths[f]);
	}
	/* The first screen reads enough to fill the speaker pane, as ui_run does. */
	while (load_pending(&q) && d.nsections + 2 * d.narticles < (size_t)lines)
		load_next(&q, &d);
	view_init(&v, &d, &opts, cols, lines);
	resume_start(&r, &v, NULL, false);
	check_view(&v);
	check_paint(&v, &r);

	while (size > 0 && !v.done) {
		unsigned op = fuzz_byte(&data, &size);

		if (op < 0xE0) {
			view_key(&v, keys[op % nkeys]);
			serve_request(&v);
		} else if (op < 0xE8) {
			static const char *const mouse[] = {"Click", "WheelUp", "WheelDown", "Click"};
			int y = (int)(fuzz_byte(&data, &size) % (unsigned)(v.g.lines + 2));
			int x = (int)(fuzz_byte(&data, &size) % (unsigned)(v.g.cols + 2));

			view_mouse(&v, mouse[op & 3], y, x);
			serve_request(&v);
		} else if (op < 0xF0) {
			cols = size_of(fuzz_byte(&data, &size), 200);
			lines = size_of(fuzz_byte(&data, &size), 70);
			view_resize(&v, cols, lines);
		} else if (op < 0xF6) {
			/* An input arrives between keys, as resume_read_slice takes it, one at a time. */
			if (load_pending(&q)) {
				load_slice(&q, &d, 0);
				view_grow(&v);
			}
		} else if (op < 0xFA) {
			view_idle(&v);
		} else {
			check_paint(&v, &r);
		}
		check_view(&v);
	}
	if (v.done && v.result.outcome == UI_PRINT) {
		if (v.result.section)
			FUZZ_ASSERT(v.result.section <= d.nsections);
		else
			FUZZ_ASSERT(v.result.article < d.narticles || d.narticles == 0);
	} else {
		check_paint(&v, &r);
	}
	resume_free(&r);
	view_free(&v);
	load_free(&q);
	doc_free(&d);
	return 0;
}
