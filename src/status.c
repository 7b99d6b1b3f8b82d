/* status.c: the words of the status and title lines, for each mode: the
 * position and counts while reading, the text typed at a prompt (its end,
 * when it is too long), the help's page. The terminal side paints them as
 * they are; every cut is made here by the text layer, at a grapheme. */
#include <stdlib.h>
#include <string.h>

#include "fayan/status.h"
#include "fayan/text.h"

/* The end of s[0..len) that fits in `cols` columns, from a grapheme boundary: a
 * prompt shows what was typed last. Returns the offset where that end starts. */
static size_t tail_fitting(const char *s, size_t len, int cols)
{
	size_t off = 0;

	while (off < len && text_cols(s + off, len - off) > cols)
		off += text_grapheme_len(s + off, len - off);
	return off;
}

void status_add_prompt(struct buf *b, const char *label, const char *text, int cols)
{
	size_t n;
	char *safe = text_sanitize(text, strlen(text), false, &n);
	int room = cols - text_cols(label, strlen(label)) - 1;
	size_t off = room > 0 ? tail_fitting(safe, n, room) : n;

	buf_adds(b, label);
	buf_add(b, safe + off, n - off);
	buf_addc(b, '_');
	free(safe);
}

char *status_line(struct view *v, const char **hint_out)
{
	const struct view_item *it = &v->items[v->cur];
	const char *hint = "? help";
	int hint_cols = 6;
	struct buf b;
	int room;
	char *cut, *safe;
	size_t safe_len;
	const struct filter *f = view_filter(v);

	buf_init(&b);
	room = v->g.cols - 2 - (v->g.cols >= 24 ? hint_cols + 1 : 0);
	if (v->mode == MODE_GOTO) {
		buf_printf(&b, "Go to section: %s_", v->prompt.text);
	} else if (v->mode == MODE_SEARCH) {
		status_add_prompt(&b, "/", v->prompt.text, room > 24 ? room - 22 : room);
		if (f && v->find.search && !v->find.dirty)
			buf_printf(&b, "  %zu hit%s in %zu section%s", f->nsearch, f->nsearch == 1 ? "" : "s", f->nmatch,
				   f->nmatch == 1 ? "" : "s");
		else if (v->find.search && !v->find.dirty)
			buf_adds(&b, "  not found");
		hint = "Esc";
		hint_cols = 3;
	} else if (v->mode == MODE_PIPE) {
		status_add_prompt(&b, "Pipe section to: ", v->prompt.text, room);
		hint = "Esc";
		hint_cols = 3;
	} else if (v->mode == MODE_PICKER) {
		buf_adds(&b, "theme: type to narrow (pinyin too), Enter applies");
		hint = "Esc";
		hint_cols = 3;
	} else if (v->mode == MODE_HELP) {
		buf_printf(&b, "help %zu/%zu", v->help.top + 1 < v->help.n ? v->help.top + 1 : v->help.n, v->help.n);
		hint = "q close";
		hint_cols = 7;
	} else {
		const struct layout *lo = view_layout(v);
		size_t rows = (size_t)v->g.body_rows;

		/* While inputs are read the count is of those read, and grows. */
		const char *more = v->load_pct >= 0 ? "+" : "";

		if (it->kind == VIEW_ITEM_SECTION)
			buf_printf(&b, "%zu/%zu%s %s", it->sec->number, v->count_shown, more,
				   it->sec->speaker.name ? it->sec->speaker.name : "");
		else
			buf_printf(&b, "导语 0/%zu%s", v->count_shown, more);
		if (lo->nlines <= rows)
			buf_adds(&b, " all");
		else
			/* In steps of 5%: a status line that changes on every line
			 * scrolled costs more bytes than the scroll itself. */
			buf_printf(&b, " %zu%%",
				   (v->top + rows >= lo->nlines ? lo->nlines : v->top + rows) * 20 / lo->nlines * 5);
		if (v->find.theme)
			buf_printf(&b, "  [%s]", v->find.theme->name);
		if (v->find.search_text)
			buf_printf(&b, "  /%s", v->find.search_text);
		if (f && view_current_hit(v) != SIZE_MAX)
			buf_printf(&b, "  hit %zu/%zu", v->find.hit_no, f->ntheme + f->nsearch);
		else if (f)
			buf_printf(&b, "  %zu hit%s", f->ntheme + f->nsearch, f->ntheme + f->nsearch == 1 ? "" : "s");
		if (v->load_pct >= 0)
			buf_printf(&b, "  reading %d%%", v->load_pct);
		if (v->msg[0])
			buf_printf(&b, "  %s", v->msg);
		else if (v->note[0])
			buf_printf(&b, "  %s", v->note);
		/* Without a title line the status line names the article, last so
		 * that a narrow terminal cuts the title rather than a message. */
		if (!v->g.title_line)
			buf_printf(&b, "  %s", view_article_title(v, it->article));
	}
	room = v->g.cols - 2 - (v->g.cols >= 24 ? hint_cols + 1 : 0);
	/* Messages quote what the user typed and file names: never send a control raw. */
	safe = text_sanitize(b.data ? b.data : "", b.len, false, &safe_len);
	cut = text_truncate(safe, safe_len, room);
	free(safe);
	buf_free(&b);
	*hint_out = hint;
	return cut;
}

char *status_title(const struct view *v)
{
	const char *title = v->mode == MODE_HELP ? "fayan: help" : view_article_title(v, v->items[v->cur].article);

	return text_truncate(title, strlen(title), v->g.cols - 2);
}
