/* screen.c: the whole screen painted from the view's state: title, speaker
 * pane, reader, help, theme picker and status line. Every pass erases and
 * repaints the windows and one doupdate sends the difference; what the lines
 * say (status.c) and where hits are (spans.c) is worked out below, so that
 * this file only paints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fayan/i18n.h"
#include "fayan/screen.h"
#include "fayan/status.h"
#include "fayan/text.h"

/* The speaker pane's text for item i: "3 段祥生 惠济区大河路街道", "  导语", or a title. */
static char *speaker_row(const struct view *v, size_t i, int name_cols)
{
	const struct view_item *it = &v->items[i];
	struct buf b;
	int digits = 1;

	for (size_t n = view_sections_expected(v); n >= 10; n /= 10)
		digits++;
	buf_init(&b);
	if (it->kind == VIEW_ITEM_TITLE) {
		buf_adds(&b, view_article_title(v, it->article));
	} else if (it->kind == VIEW_ITEM_INTRO) {
		buf_printf(&b, "%*s 导语", digits, "");
	} else {
		const struct section *s = it->sec;
		const char *name = s->speaker.name && s->speaker.name[0] ? s->speaker.name
				 : s->headline && s->headline[0] ? s->headline : "";

		buf_printf(&b, "%*zu ", digits, s->number);
		/* Pad short names so that the places line up. */
		text_add_padded(&b, name, name_cols);
	}
	return buf_take(&b, NULL);
}

static void draw_speakers(struct screen_state *u, struct view *v, WINDOW *w)
{
	const struct view_geom *g = &v->g;
	bool sep = g->show_reader;
	/* The separator │ is ambiguous: two columns where the terminal draws
	 * those wide, taken from the speakers' text, so that the reader stays
	 * where it is at both widths. */
	int sep_cols = sep ? text_char_cols(0x2502) : 0;
	int textw = g->sp_w - 2 - sep_cols;
	bool focused = v->focus == VIEW_FOCUS_SPEAKERS;
	int name_cols;

	/* Names are two to four characters; a longer one is not worth the room.
	 * Each entry is measured once, when it arrives: over a large archive
	 * this loop would cost every frame. */
	if (u->name_items < v->nitems) {
		for (size_t i = u->name_items; i < v->nitems; i++) {
			const struct section *s = v->items[i].sec;
			int c = s && s->speaker.name ? text_cols(s->speaker.name, strlen(s->speaker.name)) : 0;

			if (c > u->name_cols && c <= 8)
				u->name_cols = c;
		}
		u->name_items = v->nitems;
	}
	name_cols = u->name_cols;
	werase(w);
	for (int r = 0; r < g->body_rows; r++) {
		size_t k = v->sp_top + (size_t)r, i;
		const struct view_item *it;
		const struct filter_section *fs;
		char *row;
		size_t rowlen;
		int used, room = textw;
		attr_t attr = A_NORMAL;
		char count[32];
		int count_cols = 0;

		if (k >= v->nvis)
			break;
		i = v->vis[k];
		it = &v->items[i];
		row = speaker_row(v, i, name_cols);
		rowlen = strlen(row);
		if ((focused && i == v->sel) || (!focused && i == v->cur))
			attr = u->look.cur;
		else if (focused && i == v->cur)
			attr = u->look.sel;
		if (it->kind == VIEW_ITEM_TITLE)
			attr |= u->look.title_row;
		if (attr & A_REVERSE)
			draw_fill(w, r, 0, attr, 0);
		/* The section's hit count, right-aligned: "(15)". */
		fs = view_item_hits(v, i);
		if (fs && fs->match && fs->nhits > 0) {
			snprintf(count, sizeof count, "(%zu)", fs->nhits);
			count_cols = (int)strlen(count);
			if (count_cols + 4 <= textw) {
				draw_text(w, r, 1 + textw - count_cols, count, strlen(count), count_cols, attr, 0);
				room = textw - count_cols - 1;
			}
		}
		{
			char *cut = text_truncate(row, rowlen, room);

			used = draw_text(w, r, 1, cut, strlen(cut), room, attr, 0);
			free(cut);
		}
		/* The place, dimmer, in the room left after the name. */
		if (it->kind == VIEW_ITEM_SECTION && it->sec->speaker.place && it->sec->speaker.place[0] &&
		    used + 2 < room) {
			const char *place = it->sec->speaker.place;
			char *cut = text_truncate(place, strlen(place), room - used - 1);
			attr_t pa = attr & A_REVERSE ? attr : u->look.place;

			draw_text(w, r, 1 + used + 1, cut, strlen(cut), room - used - 1, pa,
				 attr & A_REVERSE ? 0 : u->look.place_pair);
			free(cut);
		}
		free(row);
	}
	if (sep) {
		cchar_t bar;

		setcchar(&bar, L"\u2502", A_NORMAL, 0, NULL);
		if (sep_cols == 1)
			mvwvline_set(w, 0, g->sp_w - 1, &bar, g->body_rows);
		else
			for (int r = 0; r < g->body_rows; r++)
				mvwadd_wch(w, r, g->sp_w - sep_cols, &bar);
	}
}

/* How byte i of what line l shows is painted: bits 0-1 its mark (0 plain,
 * 1 in a hit, 2 in hit `cur`), bit 2 whether it is in the lead sentence
 * (the first `lead` bytes of the line's text). A byte that layout added (an
 * indent, a filling space) shows nothing of the document and is plain. */
static unsigned byte_look(const struct layout_line *l, size_t i, const struct span *sp, size_t nsp, size_t cur,
			  size_t lead)
{
	size_t doc = i;

	if (l->disp) {
		if (l->map[i] == LAYOUT_ADDED)
			return 0;
		doc = l->map[i] - l->off;
	}
	return (nsp ? spans_mark(sp, nsp, doc, cur) : 0) | (doc < lead ? 4u : 0u);
}

/* Draw line l at (r, x): what it shows (layout_line), in its own attributes,
 * with the bytes of the hits on it (spans sp[0..nsp), in bytes of the
 * document) in the hit attribute; hit number `cur` (SIZE_MAX: none) stands out. */
static void draw_line(struct screen_state *u, const struct view *v, WINDOW *w, int r, int x, const struct layout_line *l, const struct span *sp,
		      size_t nsp, size_t cur)
{
	const struct view_geom *g = &v->g;
	const char *s = l->disp ? l->disp : l->text + l->off;
	size_t n = l->disp ? l->disp_len : l->len;
	attr_t base;
	short base_pair;
	size_t lead = 0;
	int used = 0;

	switch (l->kind) {
	case LAYOUT_TOPIC: base = u->look.topic; base_pair = u->look.topic_pair; break;
	case LAYOUT_HEADLINE: base = u->look.headline; base_pair = u->look.headline_pair; break;
	case LAYOUT_BYLINE: base = u->look.byline; base_pair = u->look.byline_pair; break;
	case LAYOUT_PARA:
		/* Not speech (a credit, a caption, a question): dimmed. */
		base = l->note ? u->look.note : A_NORMAL;
		base_pair = 0;
		lead = l->note ? 0 : l->lead_len < l->len ? l->lead_len : l->len;
		break;
	default: return;
	}
	if (n == 0)
		return;
	/* Runs of bytes that look the same, each painted in one call. */
	for (size_t a = 0; a < n && used < g->text_w;) {
		unsigned look = byte_look(l, a, sp, nsp, cur, lead), m = look & 3;
		size_t b = a + 1;
		attr_t attr = look & 4 ? u->look.lead : base;
		short pair = base_pair;

		while (b < n && byte_look(l, b, sp, nsp, cur, lead) == look)
			b++;
		if (m) {
			attr |= m == 2 ? u->look.cur_hit : u->look.hit;
			pair = u->look.hit_pair;
		}
		used += draw_text(w, r, x + used, s + a, b - a, g->text_w - used, attr, pair);
		a = b;
	}
}

static void draw_reader(struct screen_state *u, struct view *v, WINDOW *w)
{
	const struct view_geom *g = &v->g;
	const struct layout *lo = view_layout(v);
	const struct spans *hits = view_spans(v);
	size_t cur_hit = view_current_hit(v);
	int x = g->text_x - g->rd_x;

	werase(w);
	for (int r = 0; r < g->body_rows; r++) {
		size_t li = v->top + (size_t)r, nsp = 0;
		const struct span *sp;

		if (li >= lo->nlines)
			break;
		sp = hits ? spans_of_line(hits, li, &nsp) : NULL;
		draw_line(u, v, w, r, x, &lo->lines[li], sp, nsp, cur_hit);
	}
}

static void draw_help(const struct view *v, WINDOW *w)
{
	int x = v->g.cols >= 30 ? 1 : 0;
	int width = v->g.cols - 2 * x;

	werase(w);
	for (int r = 0; r < v->g.body_rows; r++) {
		size_t i = v->help.top + (size_t)r;
		const struct help_line *l;

		if (i >= v->help.n)
			break;
		l = &v->help.lines[i];
		draw_text(w, r, x, l->text, strlen(l->text), width, l->heading ? A_BOLD : A_NORMAL, 0);
	}
}

static void draw_top(struct screen_state *u, struct view *v, WINDOW *w)
{
	char *cut = status_title(v);

	werase(w);
	draw_fill(w, 0, 0, u->look.bar, u->look.bar_pair);
	draw_text(w, 0, 1, cut, strlen(cut), v->g.cols - 2, u->look.bar | A_BOLD, u->look.bar_pair);
	free(cut);
}
static void draw_status(struct screen_state *u, struct view *v, WINDOW *w)
{
	const char *hint;
	char *text = status_line(v, &hint);
	int hint_cols = text_cols(hint, strlen(hint));
	int room = status_room(v->g.cols, hint);

	werase(w);
	draw_fill(w, 0, 0, u->look.bar, u->look.bar_pair);
	draw_text(w, 0, 1, text, strlen(text), room, u->look.bar, u->look.bar_pair);
	free(text);
	if (v->g.cols >= 24)
		draw_text(w, 0, v->g.cols - 1 - hint_cols, hint, strlen(hint), hint_cols, u->look.bar,
			 u->look.bar_pair);
}

/* The theme picker: a box over the body listing each theme with its sections and hits. */
static void draw_picker(const struct view *v, WINDOW *w, int width)
{
	const struct picker *pk = &v->pick;
	int rows = getmaxy(w) - 3, inner = width - 4;
	int name_cols = picker_name_cols(pk, find_themes(&v->find));
	const char *none = _("no theme matches");
	struct buf b;

	werase(w);
	box(w, 0, 0);
	buf_init(&b);
	status_add_prompt(&b, _("Theme: "), v->prompt.text, inner);
	draw_text(w, 1, 2, b.data, b.len, inner, A_BOLD, 0);
	buf_free(&b);
	if (picker_count(pk) == 0)
		draw_text(w, 2, 2, none, strlen(none), inner, A_NORMAL, 0);
	for (int r = 0; r < rows; r++) {
		size_t k = picker_top(pk) + (size_t)r;
		attr_t attr;
		char *cut;

		if (k >= picker_count(pk))
			break;
		attr = k == picker_sel_row(pk) ? A_REVERSE : A_NORMAL;
		buf_init(&b);
		picker_add_row(pk, find_themes(&v->find), k, name_cols, &b);
		cut = text_truncate(b.data, b.len, inner);
		if (attr & A_REVERSE)
			for (int c = 1; c < width - 1; c++)
				mvwaddch(w, 2 + r, c, ' ' | A_REVERSE);
		draw_text(w, 2 + r, 2, cut, strlen(cut), inner, attr, 0);
		free(cut);
		buf_free(&b);
	}
}

void screen_free(struct screen_state *u)
{
	draw_drop(&u->top);
	draw_drop(&u->status);
	draw_drop(&u->sp);
	draw_drop(&u->body);
	draw_drop(&u->pick);
}

void screen_paint(struct screen_state *u, struct view *v)
{
	const struct view_geom *g = &v->g;

	/* The panes are subwindows of stdscr: erased and drawn into it, then sent
	 * with one wnoutrefresh (wget_wch then finds nothing left to refresh). */
	werase(stdscr);
	if (g->too_small) {
		const char *msg = _("terminal too small");
		char *cut = text_truncate(msg, strlen(msg), g->cols);

		screen_free(u);
		draw_text(stdscr, 0, 0, cut, strlen(cut), g->cols, A_NORMAL, 0);
		free(cut);
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	if (!g->title_line) {
		draw_drop(&u->top);
	} else if (draw_window(&u->top, 1, g->cols, 0, 0)) {
		draw_top(u, v, u->top);
	}
	if (v->mode == MODE_HELP) {
		draw_drop(&u->sp);
		if (draw_window(&u->body, g->body_rows, g->cols, g->body_y, 0)) {
			draw_help(v, u->body);
		}
	} else {
		if (g->show_speakers && draw_window(&u->sp, g->body_rows, g->sp_w, g->body_y, g->sp_x)) {
			draw_speakers(u, v, u->sp);
		} else if (!g->show_speakers) {
			draw_drop(&u->sp);
		}
		if (g->show_reader && draw_window(&u->body, g->body_rows, g->rd_w, g->body_y, g->rd_x)) {
			draw_reader(u, v, u->body);
		} else if (!g->show_reader) {
			draw_drop(&u->body);
		}
	}
	if (v->mode == MODE_PICKER) {
		int pw = g->cols - 4 < 56 ? g->cols - 4 : 56;
		int ph = (int)picker_count(&v->pick) + 3 < g->body_rows ? (int)picker_count(&v->pick) + 3 : g->body_rows;

		if (ph < 4)
			ph = g->body_rows;
		if (pw >= 12 && draw_window(&u->pick, ph, pw, g->body_y + (g->body_rows - ph) / 2, (g->cols - pw) / 2)) {
			draw_picker(v, u->pick, pw);
		}
	} else {
		draw_drop(&u->pick);
	}
	if (draw_window(&u->status, 1, g->cols, g->status_y, 0)) {
		draw_status(u, v, u->status);
	}
	wnoutrefresh(stdscr);
	if (v->redraw_all) {
		clearok(curscr, TRUE);
		v->redraw_all = false;
	}
	doupdate();
}

