/* doc_build.c: the pieces of the model every layout of the parser builds
 * with: the front (title, kicker, subtitle, intro) and the trailer, a
 * section finished with its notes and warnings, a line as a string in the
 * source, a speaker from a byline, a post printed in the text, and the
 * warnings --check shows. The layouts (doc_parse.c, doc_dialogue.c) call
 * it; it calls none of them. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fayan/cjk.h"
#include "fayan/fold.h"
#include "fayan/i18n.h"
#include "fayan/names.h"
#include "fayan/shape.h"
#include "parse_priv.h"

#define MAX_WARNINGS 1000 /* warnings kept per article; the rest are counted */

/* Add a "line N: ..." note for --check, keeping at most MAX_WARNINGS. */
__attribute__((format(printf, 3, 4)))
void parse_warn(struct parse *p, size_t lineno, const char *fmt, ...)
{
	struct article *a = p->a;
	char msg[512];
	struct buf b;
	va_list ap;

	if (a->nwarnings >= MAX_WARNINGS) {
		p->lost_warnings++;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	buf_init(&b);
	buf_printf(&b, _("line %zu: %s"), lineno, msg);
	a->warnings = xrealloc(a->warnings, (a->nwarnings + 1) * sizeof *a->warnings);
	a->warnings[a->nwarnings++] = buf_take(&b, NULL);
}

/* An owned, control-free copy of s[0..len). */
static char *clean_dup(const struct parse *p, const char *s, size_t len)
{
	if (has_controls(p, s, len))
		return text_sanitize(s, len, false, NULL);
	return xstrndup(s, len);
}

/* Line `sp` as a string: in the source itself (a NUL over the line end after
 * it) when it has no controls, else a sanitized copy. Free with str_free. */
char *parse_span_str(struct parse *p, const struct span *sp)
{
	char *s = p->a->src + sp->off;

	if (!has_controls(p, s, sp->len) && nul_fits(p->a, sp->off + sp->len)) {
		s[sp->len] = '\0';
		return s;
	}
	return clean_dup(p, s, sp->len);
}

/* Fill the speaker from the byline b found at line `l`, in the source
 * where it can be. */
void parse_speaker_of(struct parse *p, const struct span *l, const struct byline *b, struct speaker *sp)
{
	char *s = p->a->src + l->off;

	byline_speaker(b, s, l->len, nul_fits(p->a, l->off + l->len) && !has_controls(p, s, l->len) ? s : NULL, sp);
}


/* ---- the front: title, kicker, subtitle, intro ---- */

/* The article's title (with a kicker above it and a subtitle below it where
 * printed) and the intro, with an editor's line closing it, before line
 * `first`. */
void parse_front(struct parse *p, size_t first)
{
	struct article *a = p->a;
	size_t from = 0, to = first;

	a->title = NULL;
	if (first > 0 && shape_title(line_s(p, 0), p->lines[0].len) && !shape_note(line_s(p, 0), p->lines[0].len)) {
		size_t t = 0;

		/* 引题 / 主题 / ——副题: a kicker is known by the subtitle under
		 * the title, or by a short line over a title with a reporter line
		 * under it. */
		if (first > 2 && shape_title(line_s(p, 1), p->lines[1].len) && !shape_subtitle(line_s(p, 1), p->lines[1].len) &&
		    !shape_subtitle(line_s(p, 0), p->lines[0].len) && !shape_note(line_s(p, 1), p->lines[1].len) &&
		    (shape_subtitle(line_s(p, 2), p->lines[2].len) || shape_note(line_s(p, 2), p->lines[2].len)) &&
		    !shape_editor(line_s(p, 2), p->lines[2].len)) {
			a->kicker = parse_span_str(p, line_at(p, 0));
			t = 1;
		}
		a->title = parse_span_str(p, line_at(p, t));
		from = t + 1;
		if (from < first && shape_subtitle(line_s(p, from), p->lines[from].len)) {
			a->subtitle = parse_span_str(p, line_at(p, from));
			from++;
		}
	}
	if (!a->title)
		a->title = xstrdup("");
	if (to > from && shape_editor(line_s(p, to - 1), p->lines[to - 1].len)) {
		a->editor = parse_span_str(p, line_at(p, to - 1));
		to--;
	}
	a->nintro = rejoin_lines(p, from, to, &a->intro);
}

/* Take a trailer off the end of lines [from, *to). */
void parse_trailer(struct parse *p, size_t from, size_t *to)
{
	const struct span *l;

	if (*to <= from)
		return;
	l = &p->lines[*to - 1];
	if (shape_trailer(p->a->src + l->off, l->len)) {
		p->a->trailer = parse_span_str(p, l);
		(*to)--;
	}
}

/* fold_invariant(str): str is made of line `l`'s characters (and spaces,
 * if blanks were made one space), so a line the scan knows to hold none
 * that folds to something else answers without looking; l may be NULL. */
static bool str_invariant(const struct parse *p, const struct span *l, const char *str)
{
	return str && ((l && rejoin_plain(p, l, 1)) || fold_invariant(str, strlen(str)));
}

/* Note which of the section's heading strings fold to themselves, from the
 * lines they came from where known (NULL: not known); warn about a section
 * without text, or one whose last line looks like a lost headline. */
void parse_finish_section(struct parse *p, struct section *s, size_t last_line, const struct span *topic,
			   const struct span *headline, const struct span *byline)
{
	const struct para *last;

	s->topic_invariant = str_invariant(p, topic, s->topic);
	s->headline_invariant = str_invariant(p, headline, s->headline);
	s->byline_invariant = str_invariant(p, byline, s->speaker.byline);
	if (s->npara == 0) {
		parse_warn(p, s->line, _("section of %s has a byline but no text"), s->speaker.name);
		return;
	}
	last = &s->paras[s->npara - 1];
	if (last->kind == PARA_TEXT && shape_headline(last->text, last->len) && last_line < p->nlines)
		parse_warn(p, p->lines[last_line].lineno, "%s", _("headline-like line with no byline after it"));
}

/* Cut line l to the text after an inline byline's colon (it becomes the
 * first paragraph); true if nothing is left of it. */
bool parse_skip_to_text(struct span *l, size_t skip)
{
	l->off += skip;
	l->len -= skip;
	return l->len == 0;
}

/* Whether s[0..len) starts with one of the three-byte characters of set. */
static bool first_char_of(const char *s, size_t len, const char *set)
{
	if (len < 3)
		return false;
	for (; *set; set += 3)
		if (memcmp(s, set, 3) == 0)
			return true;
	return false;
}

/* Where t[0..len), a paragraph (a note if `note`), prints a post for the
 * name[0..nlen): after 作者为 or 作者系 in a credit, or right before the name
 * in the text (……”某某大学教授李明华说). True with t[*from..*to). */
bool parse_post_in(const char *t, size_t len, bool note, const char *name, size_t nlen, size_t *from, size_t *to)
{
	const char *at = note ? cjk_find(t, len, "作者", 6) : NULL;

	if (at && (cjk_has_prefix(at + 6, len - (size_t)(at + 6 - t), "为") ||
		   cjk_has_prefix(at + 6, len - (size_t)(at + 6 - t), "系"))) {
		*from = (size_t)(at - t) + 9;
		*to = *from;
		while (*to < len && t[*to] != ',' && t[*to] != ')' && !cjk_has_prefix(t + *to, len - *to, "，") &&
		       !cjk_has_prefix(t + *to, len - *to, "）") && !cjk_has_prefix(t + *to, len - *to, "。"))
			(*to)++;
	} else {
		const char *n = cjk_find(t, len, name, nlen);
		uint32_t c;

		if (!n || n == t)
			return false;
		*to = (size_t)(n - t);
		*from = *to;
		while (*from > 0) {
			size_t pc = cjk_last_char_off(t, *from);

			cjk_char_at(t, len, pc, &c);
			if (!text_is_han(c) && c != 0x3001 && c != 0xFF08 && c != 0xFF09)
				break;
			*from = pc;
		}
		/* What comes before a word of grammar is not the post's
		 * (本期访谈由某某学院院长李明讲述). */
		for (size_t k = *from; k + 3 < *to; k += 3)
			if (first_char_of(t + k, *to - k, "由被让请经向对为据在是和与及"))
				*from = k + 3;
	}
	return *to > *from && cjk_count_chars(t + *from, *to - *from, 4) >= 4 &&
	       names_post_end(t + *from, *to - *from);
}
