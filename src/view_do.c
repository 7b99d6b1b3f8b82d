/* view_do.c: what each action does to the view, one handler per action in a
 * table indexed by the action, and the dispatch of a key by the binding
 * table of the mode the view is in (actions.h). A mode is one value, so the
 * rules of which keys work where are the tables, not flags checked at each
 * site; the mouse goes through the same dispatch, so a prompt that does not
 * bind a click is not reached by one. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fayan/i18n.h"
#include "fayan/status.h"
#include "fayan/view_do.h"

/* What the movement actions move: the pane in focus, or the mode's own list. */
enum target {
	TARGET_READER,
	TARGET_SPEAKERS,
	TARGET_HELP,
	TARGET_PICKER,
};

static enum target target_of(const struct view *v)
{
	if (v->mode == MODE_HELP)
		return TARGET_HELP;
	if (v->mode == MODE_PICKER)
		return TARGET_PICKER;
	if (v->focus == VIEW_FOCUS_SPEAKERS && v->g.show_speakers)
		return TARGET_SPEAKERS;
	return TARGET_READER;
}

/* The rows the picker shows: the body less its frame and query line. */
static size_t picker_rows(const struct view *v)
{
	return v->g.body_rows > 4 ? (size_t)v->g.body_rows - 4 : 1;
}

/* A page of target t: the help keeps a line of the last page in view. */
static long page_of(const struct view *v, enum target t)
{
	long rows = v->g.body_rows;

	if (t == TARGET_PICKER)
		return (long)picker_rows(v);
	if (t == TARGET_HELP)
		return rows > 1 ? rows - 1 : 1;
	return rows > 1 ? rows : 1;
}

/* Move target t by n lines or entries (negative: up). */
static void move_by(struct view *v, enum target t, long n)
{
	switch (t) {
	case TARGET_HELP: help_scroll(&v->help, n, (size_t)v->g.body_rows); break;
	case TARGET_PICKER: picker_move(&v->pick, n); break;
	case TARGET_SPEAKERS: view_speakers_move(v, n); break;
	case TARGET_READER: view_reader_by(v, n); break;
	}
}

/* ---- reading ---- */

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
		if (view_readable(v, i))
			return i;
	}
}

static void do_digit(struct view *v, enum action a, const char *key)
{
	size_t len = strlen(v->num);

	(void)a;
	/* A digit opens speaker 1-10 at once; the digits typed so far also
	 * make a number that Enter opens, for collections of more than ten. */
	if (len + 1 < sizeof v->num && !(len == 0 && key[0] == '0')) {
		v->num[len] = key[0];
		v->num[len + 1] = '\0';
	}
	view_goto_number(v, key[0] == '0' ? "10" : (char[]){key[0], '\0'});
	if (strlen(v->num) >= 2)
		view_msg(v, _("%s: Enter opens section %s"), v->num, v->num);
}

static void do_enter(struct view *v, enum action a, const char *key)
{
	(void)a, (void)key;
	if (v->num[0]) {
		view_goto_number(v, v->num);
		v->num[0] = '\0';
	} else if (target_of(v) == TARGET_SPEAKERS) {
		view_open(v, v->sel);
		if (v->g.cols < VIEW_SIDE_BY_SIDE_COLS)
			v->focus = VIEW_FOCUS_READER;
	} else {
		view_reader_by(v, 1);
	}
}

static void do_section_step(struct view *v, enum action a, const char *key)
{
	int dir = a == ACTION_SECTION_NEXT ? 1 : -1;
	size_t n = step_item(v, v->cur, dir);

	(void)key;
	/* At the end of what is read so far: read on until there is a next one. */
	while (dir > 0 && n == v->cur && view_load_until(v, v->d->nsections + 1))
		n = step_item(v, v->cur, 1);
	if (n == v->cur)
		view_msg(v, "%s", dir > 0 ? _("last section") : _("first section"));
	else
		view_open(v, n);
}

static void do_para_next(struct view *v, enum action a, const char *key)
{
	const struct layout *lo = view_layout(v);
	size_t p, target;

	(void)a, (void)key;
	if (lo->npara == 0)
		return;
	p = layout_para_of_line(lo, v->top);
	target = v->top < layout_line_of_para(lo, p) ? p : p + 1;
	if (target >= lo->npara) {
		view_msg(v, _("last paragraph; ] for the next section"));
		return;
	}
	view_reader_to_para(v, target);
}

static void do_para_prev(struct view *v, enum action a, const char *key)
{
	const struct layout *lo = view_layout(v);
	size_t p, first;

	(void)a, (void)key;
	if (lo->npara == 0 || v->top == 0) {
		view_reader_to(v, 0);
		return;
	}
	p = layout_para_of_line(lo, v->top);
	first = layout_line_of_para(lo, p);
	if (v->top > first && lo->lines[v->top].kind == LAYOUT_PARA)
		view_reader_to_para(v, p);
	else if (p == 0)
		view_reader_to(v, 0);
	else
		view_reader_to_para(v, p - 1);
}

static void do_line(struct view *v, enum action a, const char *key)
{
	(void)key;
	move_by(v, target_of(v), a == ACTION_LINE_DOWN ? 1 : -1);
}

static void do_page(struct view *v, enum action a, const char *key)
{
	enum target t = target_of(v);
	long page = page_of(v, t);
	int dir = a == ACTION_PAGE_DOWN || a == ACTION_HALF_DOWN ? 1 : -1;

	(void)key;
	if (a == ACTION_HALF_DOWN || a == ACTION_HALF_UP)
		page = page / 2 + 1;
	if (t == TARGET_READER && a == ACTION_PAGE_DOWN && v->top >= view_max_top(v)) {
		view_msg(v, _("end of section; ] for the next"));
		return;
	}
	move_by(v, t, dir * page);
}

static void do_end(struct view *v, enum action a, const char *key)
{
	enum target t = target_of(v);
	bool bottom = a == ACTION_BOTTOM;

	(void)key;
	switch (t) {
	case TARGET_READER:
		view_reader_to(v, bottom ? SIZE_MAX : 0);
		break;
	case TARGET_SPEAKERS:
		if (bottom)
			view_load_until(v, SIZE_MAX); /* the last speaker of all inputs */
		view_speakers_move(v, bottom ? (long)v->nitems : -(long)v->nitems);
		break;
	case TARGET_HELP:
		help_scroll(&v->help, bottom ? (long)v->help.n : -(long)v->help.n, (size_t)v->g.body_rows);
		break;
	case TARGET_PICKER:
		picker_move(&v->pick, bottom ? (long)picker_count(&v->pick) : -(long)picker_count(&v->pick));
		break;
	}
}

static void do_focus(struct view *v, enum action a, const char *key)
{
	(void)a, (void)key;
	if (v->hide_speakers) {
		view_msg(v, _("the speaker pane is hidden; z shows it"));
		return;
	}
	v->focus = v->focus == VIEW_FOCUS_READER ? VIEW_FOCUS_SPEAKERS : VIEW_FOCUS_READER;
	if (v->focus == VIEW_FOCUS_SPEAKERS) {
		v->sel = v->cur;
		view_speakers_follow(v, v->sel);
	}
}

static void do_speakers(struct view *v, enum action a, const char *key)
{
	(void)a, (void)key;
	v->hide_speakers = !v->hide_speakers;
	v->focus = VIEW_FOCUS_READER;
}

static void do_indent(struct view *v, enum action a, const char *key)
{
	(void)a, (void)key;
	view_set_indent(v, !v->style.indent);
	view_msg(v, "%s", v->style.indent ? _("paragraphs indented") : _("blank lines between paragraphs"));
}

static void do_print(struct view *v, enum action a, const char *key)
{
	const struct view_item *it = &v->items[v->cur];

	(void)a, (void)key;
	v->done = true;
	v->result.outcome = UI_PRINT;
	v->result.article = it->article;
	v->result.section = it->kind == VIEW_ITEM_SECTION ? it->sec->number : 0;
}

static void do_help(struct view *v, enum action a, const char *key)
{
	(void)a, (void)key;
	if (v->mode == MODE_HELP) {
		v->mode = MODE_BROWSE;
		return;
	}
	v->mode = MODE_HELP;
	v->help.top = 0;
	view_help_build(v);
}

static void do_nothing(struct view *v, enum action a, const char *key)
{
	(void)v, (void)a, (void)key;
}

static void do_redraw(struct view *v, enum action a, const char *key)
{
	(void)a, (void)key;
	v->redraw_all = true;
}

static void do_quit(struct view *v, enum action a, const char *key)
{
	(void)a, (void)key;
	v->done = true;
	v->result.outcome = UI_QUIT;
}

/* ---- the mouse ---- */

static bool in_speakers(const struct view *v, int x)
{
	return v->g.show_speakers && x >= v->g.sp_x && x < v->g.sp_x + v->g.sp_w;
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

static void do_click(struct view *v, enum action a, const char *key)
{
	size_t i;

	(void)a, (void)key;
	if (!in_speakers(v, v->mouse_x))
		return;
	i = item_at(v, v->mouse_y);
	if (!view_readable(v, i))
		return;
	view_open(v, i);
	if (v->g.cols < VIEW_SIDE_BY_SIDE_COLS)
		v->focus = VIEW_FOCUS_READER;
}

static void do_wheel(struct view *v, enum action a, const char *key)
{
	int dir = strcmp(key, "WheelUp") == 0 ? -1 : 1;

	(void)a;
	if (v->mode == MODE_HELP) {
		help_scroll(&v->help, 3 * dir, (size_t)v->g.body_rows);
	} else if (in_speakers(v, v->mouse_x)) {
		size_t rows = (size_t)v->g.body_rows;
		size_t mt = v->nvis > rows ? v->nvis - rows : 0;

		if (dir < 0)
			v->sp_top = v->sp_top > 3 ? v->sp_top - 3 : 0;
		else
			v->sp_top = v->sp_top + 3 > mt ? mt : v->sp_top + 3;
	} else {
		view_reader_by(v, 3 * dir);
	}
}

/* ---- themes, search, hits ---- */

static void do_theme_pick(struct view *v, enum action a, const char *key)
{
	struct find *fd = &v->find;
	struct fy_err err = {0};

	(void)a, (void)key;
	if (find_load_themes(fd, &err) != 0)
		view_msg(v, "%s", err.msg);
	if (find_themes(fd)->n == 0) {
		view_msg(v, _("no themes (see fayan(1), THEMES)"));
		return;
	}
	picker_open(&v->pick, find_themes(fd), find_theme(fd), find_search_text(fd) ? find_search_text(fd) : "", v->d->nsections,
		    load_pending(v->load));
	prompt_open(&v->prompt, PROMPT_MAX - 1);
	v->mode = MODE_PICKER;
}

static void do_theme_clear(struct view *v, enum action a, const char *key)
{
	(void)a, (void)key;
	if (!find_theme(&v->find)) {
		view_msg(v, _("no theme filter"));
		return;
	}
	find_set_theme(&v->find, NULL);
	find_set_limit(&v->find, false);
	view_sync(v);
	view_msg(v, _("theme filter cleared"));
}

static void do_search(struct view *v, enum action a, const char *key)
{
	(void)a, (void)key;
	v->mode = MODE_SEARCH;
	prompt_open(&v->prompt, PROMPT_MAX - 1);
	find_search_begin(&v->find);
	v->search_cur = v->cur;
	v->search_top = v->top;
}

/* n and N: the next or previous hit, across sections, wrapping around. */
static void do_hit_step(struct view *v, enum action a, const char *key)
{
	const struct view_item *it = &v->items[v->cur];
	bool in_section = it->kind == VIEW_ITEM_SECTION;
	struct filter_pos pos;
	int r;

	(void)key;
	view_sync(v);
	if (!view_filter(v)) {
		view_msg(v, _("no search or theme: / searches, t picks a theme"));
		return;
	}
	r = find_walk(&v->find, v->d, in_section ? view_layout(v) : NULL,
		      in_section ? it->sec->number - 1 : view_section_from(v, v->cur), v->top,
		      (size_t)v->g.body_rows, a == ACTION_HIT_NEXT ? 1 : -1, &pos);
	if (r == 0) {
		view_msg(v, _("no hits"));
		return;
	}
	view_goto_hit(v, pos);
	if (r == 2)
		view_msg(v, _("search wrapped"));
}

static void do_limit(struct view *v, enum action a, const char *key)
{
	const struct filter *f;

	(void)a, (void)key;
	view_sync(v);
	f = view_filter(v);
	if (!f) {
		view_msg(v, _("no search or theme to limit the list to"));
		return;
	}
	find_set_limit(&v->find, !find_limited(&v->find));
	view_list(v);
	if (find_limited(&v->find))
		view_msg(v, ngettext("listing the %zu section with hits", "listing the %zu sections with hits", f->nmatch),
			 f->nmatch);
	else
		view_msg(v, _("listing every section"));
}

static void do_section_prompt(struct view *v, enum action a, const char *key)
{
	(void)a, (void)key;
	v->mode = MODE_GOTO;
	prompt_open(&v->prompt, sizeof v->num - 1);
}

static void do_pipe(struct view *v, enum action a, const char *key)
{
	(void)a, (void)key;
	v->mode = MODE_PIPE;
	prompt_open(&v->prompt, PROMPT_MAX - 1);
}

static void do_copy(struct view *v, enum action a, const char *key)
{
	(void)a, (void)key;
	v->req = VIEW_REQ_COPY;
}

/* ---- the prompts: what Enter, Esc and an edit mean in each ---- */

static void search_cancel(struct view *v)
{
	v->mode = MODE_BROWSE;
	find_search_restore(&v->find);
	view_sync(v);
	if (v->cur != v->search_cur)
		view_open(v, v->search_cur);
	view_reader_to(v, v->search_top);
	find_search_rehit(&v->find, v->d);
	find_search_end(&v->find);
}

/* Say "12 hits in 3 sections" in `fmt`, at its %s. */
static void hits_msg(struct view *v, size_t hits, size_t sections, const char *fmt)
{
	struct buf b;

	buf_init(&b);
	status_add_hits(&b, hits, sections);
	view_msg(v, fmt, b.data);
	buf_free(&b);
}

static void search_accept(struct view *v)
{
	const struct find *fd = &v->find;
	const struct filter *f;

	if (v->prompt.text[0] == '\0') {
		/* Nothing typed: keep the search there was. */
		search_cancel(v);
		return;
	}
	view_sync(v);
	v->mode = MODE_BROWSE;
	find_search_end(&v->find);
	f = view_filter(v);
	if (!find_search_text(fd))
		view_msg(v, _("empty search"));
	else if (!f || f->nmatch == 0)
		view_msg(v, _("not found: %s"), find_search_text(fd));
	else
		hits_msg(v, find_total(f), f->nmatch, _("%s; n, N go from hit to hit"));
}

static void picker_accept(struct view *v)
{
	struct find *fd = &v->find;
	size_t t = picker_selected(&v->pick);
	const struct theme *th;
	const struct filter *f;
	const struct filter_section *fs;

	v->mode = MODE_BROWSE;
	if (t == SIZE_MAX) {
		view_msg(v, _("no theme matches '%s'"), v->prompt.text);
		return;
	}
	th = &find_themes(fd)->v[t];
	find_set_theme(fd, th);
	if (!find_theme(fd)) {
		view_msg(v, _("theme %s has no terms"), th->name);
		return;
	}
	find_set_limit(fd, true);
	view_sync(v);
	f = view_filter(v);
	if (!f || f->nmatch == 0) {
		view_msg(v, _("theme %s: no section matches"), th->name);
		return;
	}
	fs = view_item_hits(v, v->cur);
	if (!fs || !fs->match)
		view_first_hit_from(v, v->cur);
	{
		char secs[64], hits[64];

		snprintf(secs, sizeof secs, ngettext("%zu section", "%zu sections", f->nmatch), f->nmatch);
		snprintf(hits, sizeof hits, ngettext("%zu hit", "%zu hits", find_total(f)), find_total(f));
		/* TRANSLATORS: a theme's name, then "5 sections" and "15 hits". */
		view_msg(v, _("theme %s: %s, %s"), th->name, secs, hits);
	}
}

static void do_accept(struct view *v, enum action a, const char *key)
{
	(void)a, (void)key;
	switch (v->mode) {
	case MODE_GOTO:
		v->mode = MODE_BROWSE;
		view_goto_number(v, v->prompt.text);
		break;
	case MODE_SEARCH:
		search_accept(v);
		break;
	case MODE_PIPE:
		v->mode = MODE_BROWSE;
		if (v->prompt.text[0])
			v->req = VIEW_REQ_PIPE;
		break;
	case MODE_PICKER:
		picker_accept(v);
		break;
	default:
		break;
	}
}

static void do_cancel_prompt(struct view *v, enum action a, const char *key)
{
	(void)a, (void)key;
	if (v->mode == MODE_SEARCH)
		search_cancel(v);
	else
		v->mode = MODE_BROWSE;
}

/* The line changed: the search runs again (at the next view_sync), the picker narrows. */
static void edited(struct view *v)
{
	if (v->mode == MODE_SEARCH)
		find_set_search(&v->find, v->prompt.text);
	else if (v->mode == MODE_PICKER)
		picker_narrow(&v->pick, find_themes(&v->find), v->prompt.text);
}

static void do_type(struct view *v, enum action a, const char *key)
{
	(void)a;
	prompt_type(&v->prompt, key);
	edited(v);
}

static void do_backspace(struct view *v, enum action a, const char *key)
{
	if (!prompt_backspace(&v->prompt)) {
		do_cancel_prompt(v, a, key);
		return;
	}
	edited(v);
}

static void do_clear(struct view *v, enum action a, const char *key)
{
	(void)a, (void)key;
	prompt_clear(&v->prompt);
	edited(v);
}

typedef void handler_fn(struct view *v, enum action a, const char *key);

static handler_fn *const handlers[ACTION_COUNT] = {
	[ACTION_SECTION_DIGIT] = do_digit,
	[ACTION_SECTION_PROMPT] = do_section_prompt,
	[ACTION_ENTER] = do_enter,
	[ACTION_SECTION_NEXT] = do_section_step,
	[ACTION_SECTION_PREV] = do_section_step,
	[ACTION_PARA_NEXT] = do_para_next,
	[ACTION_PARA_PREV] = do_para_prev,
	[ACTION_LINE_DOWN] = do_line,
	[ACTION_LINE_UP] = do_line,
	[ACTION_PAGE_DOWN] = do_page,
	[ACTION_PAGE_UP] = do_page,
	[ACTION_HALF_DOWN] = do_page,
	[ACTION_HALF_UP] = do_page,
	[ACTION_TOP] = do_end,
	[ACTION_BOTTOM] = do_end,
	[ACTION_FOCUS] = do_focus,
	[ACTION_SPEAKERS] = do_speakers,
	[ACTION_INDENT] = do_indent,
	[ACTION_THEME_PICK] = do_theme_pick,
	[ACTION_THEME_CLEAR] = do_theme_clear,
	[ACTION_SEARCH] = do_search,
	[ACTION_HIT_NEXT] = do_hit_step,
	[ACTION_HIT_PREV] = do_hit_step,
	[ACTION_LIMIT] = do_limit,
	[ACTION_PIPE] = do_pipe,
	[ACTION_COPY] = do_copy,
	[ACTION_PRINT] = do_print,
	[ACTION_HELP] = do_help,
	[ACTION_CANCEL] = do_nothing, /* the typed number is dropped by every action but a digit and Enter */
	[ACTION_REDRAW] = do_redraw,
	[ACTION_QUIT] = do_quit,
	[ACTION_CLICK] = do_click,
	[ACTION_WHEEL] = do_wheel,
	[ACTION_EDIT_TYPE] = do_type,
	[ACTION_EDIT_BACKSPACE] = do_backspace,
	[ACTION_EDIT_CLEAR] = do_clear,
	[ACTION_PROMPT_ACCEPT] = do_accept,
	[ACTION_PROMPT_CANCEL] = do_cancel_prompt,
};

/* A key the mode does not bind: say what works instead where that helps. */
static void unbound(struct view *v, const char *key)
{
	if (key && actions_is_mouse(key))
		return;
	if (v->mode == MODE_BROWSE)
		view_msg(v, _("no action for key %s; ? for help"), key ? key : "?");
	else if (v->mode == MODE_HELP)
		view_msg(v, _("q, ? or Esc closes the help"));
}

void view_do(struct view *v, enum action a, const char *key)
{
	enum view_focus focus = v->focus;
	bool hidden = v->hide_speakers;
	enum mode mode = v->mode;

	/* Reading and the help act on up-to-date filters; at a prompt the
	 * search waits for view_sync, so that typing runs it once. */
	if (mode == MODE_BROWSE || mode == MODE_HELP) {
		view_sync(v);
		if (a != ACTION_SECTION_DIGIT && a != ACTION_ENTER && a != ACTION_CLICK && a != ACTION_WHEEL)
			v->num[0] = '\0';
	}
	if (a != ACTION_WHEEL)
		v->msg[0] = '\0';
	if (a > ACTION_NONE && a < ACTION_COUNT && handlers[a])
		handlers[a](v, a, key);
	else
		unbound(v, key);
	if (mode == MODE_PICKER)
		picker_follow(&v->pick, picker_rows(v));
	/* Narrow terminals show the focused pane only: the panes follow the focus;
	 * the help has a title line even in full-width reading. */
	if (focus != v->focus || hidden != v->hide_speakers || (mode == MODE_HELP) != (v->mode == MODE_HELP))
		view_resize(v, v->g.cols, v->g.lines);
}

void view_key(struct view *v, const char *key)
{
	view_do(v, actions_mode_lookup(v->mode, key), key);
}

void view_mouse(struct view *v, const char *key, int y, int x)
{
	v->mouse_y = y;
	v->mouse_x = x;
	view_key(v, key);
}
