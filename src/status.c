/* status.c: the words of the status and title lines, for each mode: the
 * position and counts while reading, the text typed at a prompt (its end,
 * when it is too long), the help's page. The terminal side paints them as
 * they are; every cut is made here by the text layer, at a grapheme. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fayan/i18n.h"
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

void status_add_hits(struct buf *b, size_t hits, size_t sections)
{
	char secs[64];

	snprintf(secs, sizeof secs, ngettext("%zu section", "%zu sections", sections), sections);
	/* TRANSLATORS: "12 hits in 3 sections"; %s is "3 sections". */
	buf_printf(b, ngettext("%zu hit in %s", "%zu hits in %s", hits), hits, secs);
}

int status_room(int cols, const char *hint)
{
	return cols - 2 - (cols >= 24 ? text_cols(hint, strlen(hint)) + 1 : 0);
}

char *status_line(struct view *v, const char **hint_out)
{
	const struct view_item *it = &v->items[v->cur];
	const char *hint = _("? help");
	struct buf b;
	int room;
	char *cut, *safe;
	size_t safe_len;
	const struct filter *f = view_filter(v);

	buf_init(&b);
	room = status_room(v->g.cols, hint);
	if (v->mode == MODE_GOTO) {
		buf_printf(&b, _("Go to section: %s_"), v->prompt.text);
	} else if (v->mode == MODE_SEARCH) {
		status_add_prompt(&b, "/", v->prompt.text, room > 24 ? room - 22 : room);
		if (f && find_search_ran(&v->find)) {
			buf_adds(&b, "  ");
			status_add_hits(&b, f->nsearch, f->nmatch);
		} else if (find_search_ran(&v->find)) {
			buf_printf(&b, "  %s", _("not found"));
		}
	} else if (v->mode == MODE_PIPE) {
		status_add_prompt(&b, _("Pipe section to: "), v->prompt.text, room);
	} else if (v->mode == MODE_PICKER) {
		/* A message (the user's themes file could not be read) until the next key, else how to use it. */
		buf_adds(&b, v->msg[0] ? v->msg : _("theme: type to narrow (pinyin too), Enter applies"));
	} else if (v->mode == MODE_HELP) {
		buf_printf(&b, _("help %zu/%zu"), v->help.top + 1 < v->help.n ? v->help.top + 1 : v->help.n, v->help.n);
	} else {
		const struct layout *lo = view_layout(v);
		size_t rows = (size_t)v->g.body_rows;

		/* While inputs are read the count is of those read, and grows. */
		const char *more = v->load_pct >= 0 ? "+" : "";

		if (it->kind == VIEW_ITEM_SECTION)
			/* TRANSLATORS: section 3 of 10 ("+" while more are read), then the speaker's name. */
			buf_printf(&b, _("%zu/%zu%s %s"), it->sec->number, v->count_shown, more,
				   it->sec->speaker.name ? it->sec->speaker.name : "");
		else
			buf_printf(&b, "导语 0/%zu%s", v->count_shown, more);
		if (lo->nlines <= rows)
			/* TRANSLATORS: the whole section fits on the screen (in place of "40%"). */
			buf_printf(&b, " %s", _("all"));
		else
			/* In steps of 5%: a status line that changes on every line
			 * scrolled costs more bytes than the scroll itself. */
			buf_printf(&b, " %zu%%",
				   (v->top + rows >= lo->nlines ? lo->nlines : v->top + rows) * 20 / lo->nlines * 5);
		if (find_theme_name(&v->find))
			buf_printf(&b, "  [%s]", find_theme_name(&v->find));
		if (find_search_text(&v->find))
			buf_printf(&b, "  /%s", find_search_text(&v->find));
		if (f && view_current_hit(v) != SIZE_MAX) {
			buf_adds(&b, "  ");
			buf_printf(&b, _("hit %zu/%zu"), find_hit_no(&v->find), f->ntheme + f->nsearch);
		} else if (f) {
			buf_adds(&b, "  ");
			buf_printf(&b, ngettext("%zu hit", "%zu hits", f->ntheme + f->nsearch), f->ntheme + f->nsearch);
		}
		if (v->load_pct >= 0) {
			buf_adds(&b, "  ");
			buf_printf(&b, _("reading %d%%"), v->load_pct);
		}
		if (v->msg[0])
			buf_printf(&b, "  %s", v->msg);
		else if (v->note[0])
			buf_printf(&b, "  %s", v->note);
		/* Without a title line the status line names the article, last so
		 * that a narrow terminal cuts the title rather than a message. */
		if (!v->g.title_line)
			buf_printf(&b, "  %s", view_article_title(v, it->article));
	}
	if (v->mode == MODE_SEARCH || v->mode == MODE_PIPE || v->mode == MODE_PICKER)
		hint = "Esc";
	else if (v->mode == MODE_HELP)
		hint = _("q close");
	room = status_room(v->g.cols, hint);
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
	const char *title = v->mode == MODE_HELP ? _("fayan: help") : view_article_title(v, v->items[v->cur].article);

	return text_truncate(title, strlen(title), v->g.cols - 2);
}
