/* ui_view.c: the browser's state machine. Keys have already become actions;
 * here they move the reading position, the selection and the panes. Nothing
 * draws, so every rule about positions (clamping, keeping the paragraph over a
 * resize, which pane a click hits) is plain code that does not need a terminal. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fayan/text.h"
#include "ui_view.h"

static bool readable(const struct view *v, size_t i)
{
	return i < v->nitems && v->items[i].kind != VIEW_ITEM_TITLE;
}

void view_msg(struct view *v, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(v->msg, sizeof v->msg, fmt, ap);
	va_end(ap);
}

static void add_item(struct view *v, enum view_item_kind kind, size_t article, const struct section *sec)
{
	struct view_item *it;

	v->items = xgrow(v->items, &v->items_cap, v->nitems + 1, sizeof *v->items);
	it = &v->items[v->nitems++];
	memset(it, 0, sizeof *it);
	it->kind = (uint8_t)kind;
	it->article = (uint32_t)article;
	it->sec = sec;
}

/* Add the entries of the articles d gained since the last call. */
static void add_articles(struct view *v)
{
	const struct doc *d = v->d;

	if (v->narticles == d->narticles)
		return;
	v->item_of_section = xrealloc(v->item_of_section,
				      (d->nsections ? d->nsections : 1) * sizeof *v->item_of_section);
	for (size_t a = v->narticles; a < d->narticles; a++) {
		const struct article *art = d->articles[a];

		if (v->multi)
			add_item(v, VIEW_ITEM_TITLE, a, NULL);
		if (art->nintro > 0)
			add_item(v, VIEW_ITEM_INTRO, a, NULL);
		for (size_t s = 0; s < art->nsections; s++) {
			size_t num = art->sections[s].number;

			if (num >= 1 && num <= d->nsections)
				v->item_of_section[num - 1] = (uint32_t)v->nitems;
			add_item(v, VIEW_ITEM_SECTION, a, &art->sections[s]);
		}
	}
	v->narticles = d->narticles;
}

void view_grow(struct view *v)
{
	if (v->narticles == v->d->narticles)
		return;
	add_articles(v);
	view_find_grow(v);
	view_list(v);
}

size_t view_sections_expected(const struct view *v)
{
	const struct doc *d = v->d;
	size_t left = load_pending(v->load) ? v->load->n - v->load->next : 0;

	if (left == 0 || d->narticles == 0)
		return d->nsections;
	return d->nsections + d->nsections / d->narticles * left;
}

bool view_load_until(struct view *v, size_t nsections)
{
	bool any = false;

	while (v->d->nsections < nsections && load_pending(v->load))
		any |= load_next(v->load, v->d) == 1;
	view_grow(v);
	return any;
}

static void compute_geom(struct view *v, int cols, int lines)
{
	struct view_geom *g = &v->g;
	bool wide = cols >= VIEW_SIDE_BY_SIDE_COLS;

	memset(g, 0, sizeof *g);
	g->cols = cols;
	g->lines = lines;
	g->too_small = cols < VIEW_MIN_COLS || lines < VIEW_MIN_LINES;
	g->title_line = !(v->hide_speakers && !v->help);
	g->body_y = 1;
	if (g->title_line) {
		g->body_rows = lines > 2 ? lines - 2 : 1;
		g->status_y = lines > 1 ? lines - 1 : 0;
	} else {
		g->body_rows = lines > 1 ? lines - 1 : 1;
		g->status_y = 0;
	}
	if (v->hide_speakers)
		v->focus = VIEW_FOCUS_READER;
	if (wide && !v->hide_speakers) {
		g->show_speakers = g->show_reader = true;
		g->sp_w = cols >= 100 ? 30 : 25; /* includes the separator column */
		g->rd_x = g->sp_w;
		g->rd_w = cols - g->sp_w;
	} else if (!v->hide_speakers && v->focus == VIEW_FOCUS_SPEAKERS) {
		g->show_speakers = true;
		g->sp_w = cols;
	} else {
		g->show_reader = true;
		g->rd_w = cols;
	}
	/* A margin on each side when there is room for it. */
	if (g->rd_w >= 30) {
		g->text_x = g->rd_x + 1;
		g->text_w = g->rd_w - 2;
	} else {
		g->text_x = g->rd_x;
		g->text_w = g->rd_w;
	}
	if (g->text_w < 1)
		g->text_w = 1;
}

/* The width the current item is laid out at: the reader's, even when only the speaker pane shows. */
static int reader_width(const struct view *v)
{
	const struct view_geom *g = &v->g;

	if (g->show_reader)
		return g->text_w;
	return g->cols >= 30 ? g->cols - 2 : g->cols;
}

/* The layout of item i at `width` columns, from the cache or laid out now; valid
 * until VIEW_LAYOUT_CACHE other layouts have been asked for. */
static const struct layout *layout_of(struct view *v, size_t i, int width)
{
	struct view_item *it = &v->items[i];
	struct view_layout_slot *slot = &v->lc[0];

	for (size_t k = 0; k < VIEW_LAYOUT_CACHE; k++) {
		struct view_layout_slot *s = &v->lc[k];

		if (s->width == width && s->item == i) {
			s->used = ++v->lc_clock;
			return &s->lo;
		}
		/* Otherwise the empty slot, or the one asked for longest ago. */
		if (slot->width >= 0 && (s->width < 0 || s->used < slot->used))
			slot = s;
	}
	if (slot->width >= 0)
		layout_free(&slot->lo);
	if (it->kind == VIEW_ITEM_SECTION) {
		layout_section(&slot->lo, it->sec, width);
	} else {
		const struct article *a = v->d->articles[it->article];

		layout_paras(&slot->lo, "导语", a->intro, a->nintro, width);
	}
	slot->item = i;
	slot->width = width;
	slot->used = ++v->lc_clock;
	return &slot->lo;
}

const struct layout *view_layout(struct view *v)
{
	return layout_of(v, v->cur, reader_width(v));
}

static size_t max_top(struct view *v)
{
	const struct layout *lo = view_layout(v);
	size_t rows = (size_t)v->g.body_rows;

	return lo->nlines > rows ? lo->nlines - rows : 0;
}

/* Remember the reading position in terms that survive a new width. */
static void set_anchor(struct view *v)
{
	const struct layout *lo = view_layout(v);
	const struct layout_line *l;

	if (lo->nlines == 0 || v->top >= lo->nlines) {
		v->anchor_para = 0;
		v->anchor_off = SIZE_MAX;
		return;
	}
	l = &lo->lines[v->top];
	v->anchor_para = layout_para_of_line(lo, v->top);
	v->anchor_off = l->kind == LAYOUT_PARA ? l->off : SIZE_MAX;
	if (l->kind != LAYOUT_PARA && v->top == 0)
		v->anchor_para = 0;
}

/* Put `top` back where the anchor says, in the current layout. */
static void apply_anchor(struct view *v)
{
	const struct layout *lo = view_layout(v);
	size_t first;

	if (lo->nlines == 0) {
		v->top = 0;
		return;
	}
	if (lo->npara == 0 || v->anchor_para >= lo->npara) {
		v->top = 0;
		return;
	}
	first = layout_line_of_para(lo, v->anchor_para);
	if (v->anchor_off == SIZE_MAX) {
		/* Above the paragraph: its heading or the blank before it. */
		v->top = v->anchor_para == 0 ? 0 : (first > 0 ? first - 1 : 0);
	} else {
		size_t t = first;

		for (size_t i = first; i < lo->nlines; i++) {
			const struct layout_line *l = &lo->lines[i];

			if (l->kind != LAYOUT_PARA || l->para != v->anchor_para)
				break;
			if (l->off <= v->anchor_off)
				t = i;
		}
		v->top = t;
	}
	/* The top may now be past the last page (a wider terminal): the line the
	 * reader was reading stays on the top line all the same, so that resizing
	 * back and forth never moves the text under the reader's eye. */
	if (v->top >= lo->nlines)
		v->top = lo->nlines - 1;
}

/* Scroll the reader so that its top is `top` (clamped) and remember the paragraph. */
static void reader_to(struct view *v, size_t top)
{
	size_t mt = max_top(v);

	v->top = top > mt ? mt : top;
	set_anchor(v);
}

/* Paragraph jumps may scroll past the last page so that the paragraph is on
 * the top line, where the reader's eye goes; the last line still stays on screen. */
static void reader_to_para(struct view *v, size_t para)
{
	const struct layout *lo = view_layout(v);

	v->top = layout_line_of_para(lo, para);
	if (lo->nlines > 0 && v->top >= lo->nlines)
		v->top = lo->nlines - 1;
	set_anchor(v);
}

static void reader_by(struct view *v, long delta)
{
	if (delta < 0 && (size_t)-delta > v->top)
		reader_to(v, 0);
	else if (delta > 0 && v->top >= max_top(v))
		return; /* past the last page after a paragraph jump: stay */
	else
		reader_to(v, (size_t)((long)v->top + delta));
}

/* The position of item i in the speaker pane's list, or where it would be. */
static size_t vis_pos(const struct view *v, size_t i)
{
	size_t lo = 0, hi = v->nvis;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v->vis[mid] < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Keep the speaker pane's selection (and the item being read) in view. */
static void speakers_follow(struct view *v, size_t i)
{
	size_t rows = (size_t)v->g.body_rows;
	size_t p = vis_pos(v, i);

	if (p >= v->nvis)
		p = v->nvis ? v->nvis - 1 : 0;
	/* Show the article's title row above its first entry when possible. */
	if (p > 0 && v->items[v->vis[p - 1]].kind == VIEW_ITEM_TITLE)
		p--;
	if (p < v->sp_top)
		v->sp_top = p;
	else if (rows > 0 && p >= v->sp_top + rows)
		v->sp_top = p - rows + 1;
}

void view_speakers_follow(struct view *v, size_t i)
{
	speakers_follow(v, i);
}

void view_reader_to(struct view *v, size_t top)
{
	reader_to(v, top);
}

void view_list(struct view *v)
{
	const struct filter *f = view_filter(v);
	bool limit = f && v->find.limit && f->nmatch > 0;
	size_t title = SIZE_MAX;
	size_t rows = (size_t)v->g.body_rows;

	v->nvis = 0;
	for (size_t i = 0; i < v->nitems; i++) {
		const struct view_item *it = &v->items[i];

		if (limit && it->kind == VIEW_ITEM_INTRO)
			continue;
		if (limit && it->kind == VIEW_ITEM_SECTION && !f->v[it->sec->number - 1].match)
			continue;
		if (it->kind == VIEW_ITEM_TITLE) {
			/* A title heads its article's entries; without any it goes. */
			if (title != SIZE_MAX && v->nvis == title + 1)
				v->nvis--;
			title = v->nvis;
		}
		v->vis = xgrow(v->vis, &v->vis_cap, v->nvis + 1, sizeof *v->vis);
		v->vis[v->nvis++] = (uint32_t)i;
	}
	if (title != SIZE_MAX && v->nvis == title + 1)
		v->nvis--;
	if (v->nvis > 0) {
		size_t p = vis_pos(v, v->sel);

		if (p >= v->nvis || v->vis[p] != v->sel) {
			/* The selection was filtered out: select what is being read, or the first entry. */
			p = vis_pos(v, v->cur);
			if (p < v->nvis && v->vis[p] == v->cur)
				v->sel = v->cur;
			else
				for (p = 0; p < v->nvis; p++)
					if (readable(v, v->vis[p])) {
						v->sel = v->vis[p];
						break;
					}
		}
	}
	if (v->sp_top + rows > v->nvis)
		v->sp_top = v->nvis > rows ? v->nvis - rows : 0;
	speakers_follow(v, v->sel);
}

void view_open(struct view *v, size_t i)
{
	if (!readable(v, i))
		return;
	v->cur = i;
	v->sel = i;
	v->top = 0;
	v->anchor_para = 0;
	v->anchor_off = SIZE_MAX;
	speakers_follow(v, v->sel);
}

size_t view_local_section(const struct view *v, size_t item)
{
	const struct view_item *it = &v->items[item];
	const struct article *a = v->d->articles[it->article];

	if (it->kind != VIEW_ITEM_SECTION)
		return 0;
	return (size_t)(it->sec - a->sections) + 1;
}

size_t view_top_para(struct view *v)
{
	const struct layout *lo = view_layout(v);

	if (lo->nlines == 0)
		return 0;
	return layout_para_of_line(lo, v->top);
}

void view_goto_para(struct view *v, size_t para)
{
	const struct layout *lo = view_layout(v);

	if (para >= lo->npara) {
		reader_to(v, 0);
		return;
	}
	if (para == 0)
		reader_to(v, 0);
	else
		reader_to_para(v, para);
}

static void free_help(struct view *v)
{
	for (size_t i = 0; i < v->nhelp; i++)
		free(v->help_lines[i].text);
	free(v->help_lines);
	v->help_lines = NULL;
	v->nhelp = 0;
}

static void help_add(struct view *v, size_t *cap, char *text, bool heading)
{
	v->help_lines = xgrow(v->help_lines, cap, v->nhelp + 1, sizeof *v->help_lines);
	v->help_lines[v->nhelp].text = text;
	v->help_lines[v->nhelp].heading = heading;
	v->nhelp++;
}

/* Add "KEYS  text", the text wrapped in a column after the keys, every line fitting `width`. */
static void help_entry(struct view *v, size_t *cap, const char *keys, const char *text, int width)
{
	int keycol = width >= 60 ? 24 : width / 2;
	int keys_cols = text_cols(keys, strlen(keys));
	int textw = width - keycol - 1;
	struct text_line *lines = NULL;
	size_t n;
	bool keys_alone = keys_cols > keycol - 1 || textw < 8;

	if (keys_alone) {
		/* Keys on their own lines, text indented below. */
		struct text_line *kl = NULL;
		size_t kn = text_wrap(keys, strlen(keys), width, &kl);

		for (size_t i = 0; i < kn; i++)
			help_add(v, cap, text_truncate(keys + kl[i].off, kl[i].len, width), false);
		free(kl);
		keycol = width >= 6 ? 4 : 0;
		textw = width - keycol;
	}
	n = text_wrap(text, strlen(text), textw, &lines);
	for (size_t i = 0; i < n; i++) {
		struct buf b;

		buf_init(&b);
		if (i == 0 && !keys_alone) {
			buf_adds(&b, keys);
			for (int c = keys_cols; c < keycol; c++)
				buf_addc(&b, ' ');
		} else {
			for (int c = 0; c < keycol; c++)
				buf_addc(&b, ' ');
		}
		buf_add(&b, text + lines[i].off, lines[i].len);
		help_add(v, cap, text_truncate(b.data, b.len, width), false);
		buf_free(&b);
	}
	free(lines);
}

/* Build the help screen for the current width from the action and binding tables. */
static void build_help(struct view *v)
{
	size_t cap = 0;
	int width = v->g.cols >= 30 ? v->g.cols - 2 : v->g.cols;

	free_help(v);
	if (width < 1)
		width = 1;
	for (int a = ACTION_NONE + 1; a < ACTION_COUNT; a++) {
		char keys[128];

		actions_keys((enum action)a, keys, sizeof keys);
		help_entry(v, &cap, keys, actions_help((enum action)a), width);
	}
	help_entry(v, &cap, "Mouse", ACTIONS_MOUSE_HELP, width);
	help_add(v, &cap, xstrdup(""), false);
	help_entry(v, &cap, "q, ?, Esc", "Close this help", width);
}

void view_resize(struct view *v, int cols, int lines)
{
	compute_geom(v, cols, lines);
	apply_anchor(v);
	/* Taller now: fill the pane from the end of the list rather than leave
	 * blank rows below it while the first entries stay scrolled off. */
	if (v->sp_top + (size_t)v->g.body_rows > v->nitems)
		v->sp_top = v->nitems > (size_t)v->g.body_rows ? v->nitems - (size_t)v->g.body_rows : 0;
	speakers_follow(v, v->sel);
	if (v->help)
		build_help(v);
	if (v->help && v->help_top + (size_t)v->g.body_rows > v->nhelp)
		v->help_top = v->nhelp > (size_t)v->g.body_rows ? v->nhelp - (size_t)v->g.body_rows : 0;
}

void view_init(struct view *v, struct doc *d, const struct ui_opts *opts, int cols, int lines)
{
	memset(v, 0, sizeof *v);
	v->d = d;
	v->load = opts ? opts->load : NULL;
	v->multi = d->narticles > 1 || load_pending(v->load);
	v->load_pct = -1;
	for (size_t k = 0; k < VIEW_LAYOUT_CACHE; k++)
		v->lc[k].width = -1;
	add_articles(v);
	if (opts && opts->locale_note && opts->locale_note[0])
		snprintf(v->note, sizeof v->note, "%s", opts->locale_note);
	compute_geom(v, cols, lines);
	/* Section 1 first; an article without sections opens on its intro. */
	v->cur = 0;
	if (d->nsections > 0)
		v->cur = v->item_of_section[0];
	else
		while (v->cur < v->nitems && !readable(v, v->cur))
			v->cur++;
	if (opts && opts->start_section >= 1) {
		view_load_until(v, opts->start_section);
		if (opts->start_section <= d->nsections)
			v->cur = v->item_of_section[opts->start_section - 1];
	}
	if (v->nitems == 0) {
		/* Nothing to read: an empty intro stands in so that every path has an item. */
		add_item(v, VIEW_ITEM_INTRO, 0, NULL);
		v->cur = 0;
	}
	view_list(v);
	view_open(v, v->cur);
	view_find_init(v, opts ? opts->theme : NULL, opts ? opts->search : NULL);
	v->count_shown = d->nsections;
}

void view_free(struct view *v)
{
	for (size_t k = 0; k < VIEW_LAYOUT_CACHE; k++)
		if (v->lc[k].width >= 0)
			layout_free(&v->lc[k].lo);
	free(v->items);
	free(v->item_of_section);
	free(v->vis);
	view_find_free(v);
	free_help(v);
	memset(v, 0, sizeof *v);
}

static void goto_number(struct view *v, const char *digits)
{
	char *end;
	unsigned long n = strtoul(digits, &end, 10);

	if (*digits == '\0' || *end != '\0')
		return;
	if (n > v->d->nsections)
		view_load_until(v, n); /* a section of a file not read yet */
	if (n == 0 || n > v->d->nsections) {
		if (v->d->nsections == 0)
			view_msg(v, "no sections");
		else
			view_msg(v, "no section %lu (1-%zu)", n, v->d->nsections);
		return;
	}
	view_open(v, v->item_of_section[n - 1]);
	if (v->g.cols < VIEW_SIDE_BY_SIDE_COLS)
		v->focus = VIEW_FOCUS_READER;
}

/* Next (dir 1) or previous (dir -1) readable item from `from`, or `from` if none. */
static size_t step_item(const struct view *v, size_t from, int dir)
{
	size_t i = from;

	for (;;) {
		if (dir < 0 && i == 0)
			return from;
		i = dir < 0 ? i - 1 : i + 1;
		if (i >= v->nitems)
			return from;
		if (readable(v, i))
			return i;
	}
}

static void para_next(struct view *v)
{
	const struct layout *lo = view_layout(v);
	size_t p, target;

	if (lo->npara == 0)
		return;
	p = layout_para_of_line(lo, v->top);
	target = v->top < layout_line_of_para(lo, p) ? p : p + 1;
	if (target >= lo->npara) {
		view_msg(v, "last paragraph; ] for the next section");
		return;
	}
	reader_to_para(v, target);
}

static void para_prev(struct view *v)
{
	const struct layout *lo = view_layout(v);
	size_t p, first;

	if (lo->npara == 0 || v->top == 0) {
		reader_to(v, 0);
		return;
	}
	p = layout_para_of_line(lo, v->top);
	first = layout_line_of_para(lo, p);
	if (v->top > first && lo->lines[v->top].kind == LAYOUT_PARA)
		reader_to_para(v, p);
	else if (p == 0)
		reader_to(v, 0);
	else
		reader_to_para(v, p - 1);
}

/* The next (dir 1) or previous (dir -1) readable entry of the pane's list from position p, or p. */
static size_t step_vis(const struct view *v, size_t p, int dir)
{
	size_t q = p;

	for (;;) {
		if (dir < 0 && q == 0)
			return p;
		q = dir < 0 ? q - 1 : q + 1;
		if (q >= v->nvis)
			return p;
		if (readable(v, v->vis[q]))
			return q;
	}
}

static void speakers_move(struct view *v, long steps)
{
	int dir = steps < 0 ? -1 : 1;
	long n = steps < 0 ? -steps : steps;
	size_t p = vis_pos(v, v->sel);

	if (v->nvis == 0)
		return;
	if (p >= v->nvis || v->vis[p] != v->sel) {
		/* The selection is not listed: its listed neighbour is the first step. */
		size_t q;

		if (dir > 0 && p >= v->nvis)
			return;
		if (dir < 0 && p == 0)
			return;
		q = dir > 0 ? p : p - 1;
		if (!readable(v, v->vis[q])) {
			size_t r = step_vis(v, q, dir);

			if (r == q)
				return;
			q = r;
		}
		p = q;
		n--;
	}
	for (long k = 0; k < n; k++) {
		size_t q = step_vis(v, p, dir);

		if (q == p)
			break;
		p = q;
	}
	v->sel = v->vis[p];
	speakers_follow(v, v->sel);
}

static void help_scroll(struct view *v, long delta)
{
	size_t rows = (size_t)v->g.body_rows;
	size_t mt = v->nhelp > rows ? v->nhelp - rows : 0;
	long t = (long)v->help_top + delta;

	if (t < 0)
		t = 0;
	v->help_top = (size_t)t > mt ? mt : (size_t)t;
}

static void do_help(struct view *v, enum action a)
{
	long page = v->g.body_rows > 1 ? v->g.body_rows - 1 : 1;

	switch (a) {
	case ACTION_LINE_DOWN: help_scroll(v, 1); break;
	case ACTION_LINE_UP: help_scroll(v, -1); break;
	case ACTION_PAGE_DOWN: help_scroll(v, page); break;
	case ACTION_PAGE_UP: help_scroll(v, -page); break;
	case ACTION_HALF_DOWN: help_scroll(v, page / 2 + 1); break;
	case ACTION_HALF_UP: help_scroll(v, -(page / 2 + 1)); break;
	case ACTION_TOP: v->help_top = 0; break;
	case ACTION_BOTTOM: help_scroll(v, (long)v->nhelp); break;
	case ACTION_REDRAW: v->redraw_all = true; break;
	case ACTION_HELP:
	case ACTION_QUIT:
	case ACTION_CANCEL:
		v->help = false;
		break;
	default:
		view_msg(v, "q, ? or Esc closes the help");
		break;
	}
}

static void do_action(struct view *v, enum action a, const char *key)
{
	bool on_speakers = v->focus == VIEW_FOCUS_SPEAKERS && v->g.show_speakers;
	long rows = v->g.body_rows;
	long page = rows > 1 ? rows : 1;

	v->msg[0] = '\0';
	if (a != ACTION_SECTION_DIGIT && a != ACTION_ENTER)
		v->num[0] = '\0';
	if (v->help) {
		do_help(v, a);
		return;
	}
	switch (a) {
	case ACTION_NONE:
		view_msg(v, "no action for key %s; ? for help", key ? key : "?");
		break;
	case ACTION_SECTION_DIGIT: {
		size_t len = strlen(v->num);

		/* A digit opens speaker 1-10 at once; the digits typed so far also
		 * make a number that Enter opens, for collections of more than ten. */
		if (len + 1 < sizeof v->num && !(len == 0 && key[0] == '0')) {
			v->num[len] = key[0];
			v->num[len + 1] = '\0';
		}
		goto_number(v, key[0] == '0' ? "10" : (char[]){key[0], '\0'});
		if (strlen(v->num) >= 2)
			view_msg(v, "%s: Enter opens section %s", v->num, v->num);
		break;
	}
	case ACTION_SECTION_PROMPT:
		v->prompt = true;
		v->num[0] = '\0';
		break;
	case ACTION_ENTER:
		if (v->num[0]) {
			goto_number(v, v->num);
			v->num[0] = '\0';
		} else if (on_speakers) {
			view_open(v, v->sel);
			if (v->g.cols < VIEW_SIDE_BY_SIDE_COLS)
				v->focus = VIEW_FOCUS_READER;
		} else {
			reader_by(v, 1);
		}
		break;
	case ACTION_SECTION_NEXT: {
		size_t n = step_item(v, v->cur, 1);

		/* At the end of what is read so far: read on until there is a next one. */
		while (n == v->cur && view_load_until(v, v->d->nsections + 1))
			n = step_item(v, v->cur, 1);
		if (n == v->cur)
			view_msg(v, "last section");
		else
			view_open(v, n);
		break;
	}
	case ACTION_SECTION_PREV: {
		size_t n = step_item(v, v->cur, -1);

		if (n == v->cur)
			view_msg(v, "first section");
		else
			view_open(v, n);
		break;
	}
	case ACTION_PARA_NEXT: para_next(v); break;
	case ACTION_PARA_PREV: para_prev(v); break;
	case ACTION_LINE_DOWN:
		if (on_speakers)
			speakers_move(v, 1);
		else
			reader_by(v, 1);
		break;
	case ACTION_LINE_UP:
		if (on_speakers)
			speakers_move(v, -1);
		else
			reader_by(v, -1);
		break;
	case ACTION_PAGE_DOWN:
		if (on_speakers)
			speakers_move(v, page);
		else if (v->top >= max_top(v))
			view_msg(v, "end of section; ] for the next");
		else
			reader_by(v, page);
		break;
	case ACTION_PAGE_UP:
		if (on_speakers)
			speakers_move(v, -page);
		else
			reader_by(v, -page);
		break;
	case ACTION_HALF_DOWN:
		if (on_speakers)
			speakers_move(v, page / 2 + 1);
		else
			reader_by(v, page / 2 + 1);
		break;
	case ACTION_HALF_UP:
		if (on_speakers)
			speakers_move(v, -(page / 2 + 1));
		else
			reader_by(v, -(page / 2 + 1));
		break;
	case ACTION_TOP:
		if (on_speakers)
			speakers_move(v, -(long)v->nitems);
		else
			reader_to(v, 0);
		break;
	case ACTION_BOTTOM:
		if (on_speakers) {
			view_load_until(v, SIZE_MAX); /* the last speaker of all inputs */
			speakers_move(v, (long)v->nitems);
		}
		else
			reader_to(v, SIZE_MAX);
		break;
	case ACTION_FOCUS:
		if (v->hide_speakers) {
			view_msg(v, "the speaker pane is hidden; z shows it");
			break;
		}
		v->focus = v->focus == VIEW_FOCUS_READER ? VIEW_FOCUS_SPEAKERS : VIEW_FOCUS_READER;
		if (v->focus == VIEW_FOCUS_SPEAKERS) {
			v->sel = v->cur;
			speakers_follow(v, v->sel);
		}
		break;
	case ACTION_SPEAKERS:
		v->hide_speakers = !v->hide_speakers;
		v->focus = VIEW_FOCUS_READER;
		break;
	case ACTION_PRINT:
		v->done = true;
		v->result.outcome = UI_PRINT;
		v->result.article = v->items[v->cur].article;
		v->result.section = v->items[v->cur].kind == VIEW_ITEM_SECTION ? v->items[v->cur].sec->number : 0;
		break;
	case ACTION_HELP:
		v->help = true;
		v->help_top = 0;
		build_help(v);
		break;
	case ACTION_CANCEL:
		break;
	case ACTION_REDRAW:
		v->redraw_all = true;
		break;
	case ACTION_QUIT:
		v->done = true;
		v->result.outcome = UI_QUIT;
		break;
	case ACTION_THEME_PICK:
	case ACTION_THEME_CLEAR:
	case ACTION_SEARCH:
	case ACTION_HIT_NEXT:
	case ACTION_HIT_PREV:
	case ACTION_LIMIT:
	case ACTION_PIPE:
	case ACTION_COPY:
		view_find_action(v, a);
		break;
	case ACTION_COUNT:
		break;
	}
}

void view_do(struct view *v, enum action a, const char *key)
{
	enum view_focus focus = v->focus;
	bool hidden = v->hide_speakers, help = v->help;

	view_sync(v);
	do_action(v, a, key);
	/* Narrow terminals show the focused pane only: the panes follow the focus;
	 * the help has a title line even in full-width reading. */
	if (focus != v->focus || hidden != v->hide_speakers || help != v->help)
		view_resize(v, v->g.cols, v->g.lines);
}

void view_prompt_key(struct view *v, const char *key)
{
	size_t len = strlen(v->num);

	v->msg[0] = '\0';
	if (key[0] >= '0' && key[0] <= '9' && key[1] == '\0') {
		if (len + 1 < sizeof v->num) {
			v->num[len] = key[0];
			v->num[len + 1] = '\0';
		}
	} else if (strcmp(key, "Backspace") == 0) {
		if (len > 0)
			v->num[len - 1] = '\0';
		else
			v->prompt = false;
	} else if (strcmp(key, "Enter") == 0) {
		v->prompt = false;
		goto_number(v, v->num);
		v->num[0] = '\0';
	} else if (strcmp(key, "Esc") == 0 || strcmp(key, "C-g") == 0 || strcmp(key, "C-c") == 0) {
		v->prompt = false;
		v->num[0] = '\0';
	}
}

/* The item on speaker pane row `y` (screen row), or SIZE_MAX. */
static size_t item_at(const struct view *v, int y)
{
	size_t i;

	if (y < v->g.body_y || y >= v->g.body_y + v->g.body_rows)
		return SIZE_MAX;
	i = v->sp_top + (size_t)(y - v->g.body_y);
	return i < v->nvis ? v->vis[i] : SIZE_MAX;
}

static bool in_speakers(const struct view *v, int x)
{
	return v->g.show_speakers && x >= v->g.sp_x && x < v->g.sp_x + v->g.sp_w;
}

void view_click(struct view *v, int y, int x)
{
	size_t i;

	v->msg[0] = '\0';
	view_sync(v);
	if (v->help || !in_speakers(v, x))
		return;
	i = item_at(v, y);
	if (!readable(v, i))
		return;
	view_open(v, i);
	if (v->g.cols < VIEW_SIDE_BY_SIDE_COLS && v->focus != VIEW_FOCUS_READER) {
		v->focus = VIEW_FOCUS_READER;
		view_resize(v, v->g.cols, v->g.lines);
	}
}

void view_wheel(struct view *v, int y, int x, int dir)
{
	(void)y;
	view_sync(v);
	if (v->help) {
		help_scroll(v, 3 * dir);
	} else if (in_speakers(v, x)) {
		size_t rows = (size_t)v->g.body_rows;
		size_t mt = v->nvis > rows ? v->nvis - rows : 0;

		if (dir < 0)
			v->sp_top = v->sp_top > 3 ? v->sp_top - 3 : 0;
		else
			v->sp_top = v->sp_top + 3 > mt ? mt : v->sp_top + 3;
	} else {
		reader_by(v, 3 * dir);
	}
}
