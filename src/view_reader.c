/* view_reader.c: the reading position. The top line is kept with a paragraph
 * and a byte offset in it, so that a resize, a new style or a new character
 * width puts the same words on the top line; a line index alone would move
 * the text under the reader's eye. */
#include <stdint.h>

#include "fayan/view.h"

void view_open(struct view *v, size_t i)
{
	if (!view_readable(v, i))
		return;
	v->cur = i;
	v->sel = i;
	v->top = 0;
	v->anchor_para = 0;
	v->anchor_off = SIZE_MAX;
	view_speakers_follow(v, v->sel);
}

void view_reader_keep(struct view *v)
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

void view_reader_restore(struct view *v)
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
		/* Above the paragraph: its heading or the blank before it (in an
		 * indented layout, where none is, the paragraph itself). */
		v->top = v->anchor_para == 0 ? 0 : (first > 0 && lo->lines[first - 1].kind == LAYOUT_BLANK ? first - 1 : first);
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

size_t view_max_top(struct view *v)
{
	const struct layout *lo = view_layout(v);
	size_t rows = (size_t)v->g.body_rows;

	return lo->nlines > rows ? lo->nlines - rows : 0;
}

void view_reader_to(struct view *v, size_t top)
{
	size_t mt = view_max_top(v);

	v->top = top > mt ? mt : top;
	view_reader_keep(v);
}

/* Paragraph jumps may scroll past the last page so that the paragraph is on
 * the top line, where the reader's eye goes; the last line still stays on screen. */
void view_reader_to_para(struct view *v, size_t para)
{
	const struct layout *lo = view_layout(v);

	v->top = layout_line_of_para(lo, para);
	if (lo->nlines > 0 && v->top >= lo->nlines)
		v->top = lo->nlines - 1;
	view_reader_keep(v);
}

void view_reader_by(struct view *v, long delta)
{
	if (delta < 0 && (size_t)-delta > v->top)
		view_reader_to(v, 0);
	else if (delta > 0 && v->top >= view_max_top(v))
		return; /* past the last page after a paragraph jump: stay */
	else
		view_reader_to(v, (size_t)((long)v->top + delta));
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
		view_reader_to(v, 0);
		return;
	}
	if (para == 0)
		view_reader_to(v, 0);
	else
		view_reader_to_para(v, para);
}
