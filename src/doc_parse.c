/* doc_parse.c: the parser for 发言摘登 articles.
 *
 * The genre has no markup, so structure is recognised from the shape of lines:
 * a byline is a short line ending in a 2-4 hanzi name, a headline is the short
 * line above it, and page breaks of the printed paper split paragraphs where a
 * sentence does not end. Everything is one pass over the lines with bounded
 * work per line, so hostile inputs (a huge line, millions of lines, thousands
 * of byline-like lines) stay linear.
 *
 * This file finds the bylines, chooses the page's layout (bylines on lines
 * of their own, inline NAME：…, attributions after the speech) and builds
 * the sections. What a line reads as alone is shape.c's; the front, a
 * finished section and the warnings are doc_build.c's; paragraphs and their
 * rejoining across page breaks are doc_rejoin.c's; dialogues and interviews
 * are doc_dialogue.c's.
 *
 * Memory matters for large archives: a paragraph points into the article's
 * source, which is made NUL-terminated by writing a NUL over the line end that
 * follows it. Only paragraphs with control characters (sanitized) are copied;
 * all paragraphs of an article share one allocation, and so do all its
 * pieces. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse_priv.h"
#include "fayan/byline.h"
#include "fayan/cjk.h"
#include "fayan/i18n.h"
#include "fayan/names.h"
#include "fayan/shape.h"
#include "fayan/fold.h"
#include "fayan/text.h"


/* Split src into trimmed non-empty lines; returns the count. `ends` is the
 * number of LF and CR bytes in src, `cr` that of CR alone. */
static size_t split_lines(const char *src, size_t len, size_t ends, size_t cr, struct span **out)
{
	/* At most one line per line end, plus one. */
	struct span *v = xmalloc((ends + 1) * sizeof *v);
	size_t n = 0, lineno = 1, off = 0;

	while (off < len) {
		size_t start = off, line = off, end, b;

		if (cr == 0) {
			const char *nl = memchr(src + off, '\n', len - off);

			off = nl ? (size_t)(nl - src) : len;
		} else {
			while (off < len && src[off] != '\n' && src[off] != '\r')
				off++;
		}
		end = off;
		while (start < end && (b = cjk_blank_len(src, end, start)) != 0)
			start += b;
		end = start + cjk_rtrim(src + start, end - start);
		if (start < end) {
			v[n++] = (struct span){start, end - start, lineno, start > line};
		}
		if (off < len) {
			if (src[off] == '\r' && off + 1 < len && src[off + 1] == '\n')
				off++;
			off++;
			lineno++;
		}
	}
	*out = v;
	return n;
}

/* ---- finding the bylines and choosing the layout ---- */

/* The layouts a page's sections can have. */
enum layout {
	LAYOUT_NONE,
	LAYOUT_ABOVE,    /* headline, byline, speech (the built-in article) */
	LAYOUT_BELOW,    /* byline, headline, speech */
	LAYOUT_PLAIN,    /* byline, speech: no headlines */
	LAYOUT_INLINE,   /* byline and colon opening the speech's first paragraph */
	LAYOUT_ATTRIB,   /* speech, then ——byline */
	LAYOUT_DIALOGUE, /* a guest list, then turns NAME：… and questions */
	LAYOUT_PROSE,    /* paragraphs of reported speech opening with post and name */
	LAYOUT_QA,       /* an interview: 问：…… 答：…… with the one answering named in the title */
};

static const char *const layout_names[] = {
	[LAYOUT_NONE] = NULL,
	[LAYOUT_ABOVE] = N_("headline, then byline, then speech"),
	[LAYOUT_BELOW] = N_("byline, then headline, then speech"),
	[LAYOUT_PLAIN] = N_("byline, then speech (no headlines)"),
	[LAYOUT_INLINE] = N_("byline opening the speech (name: text)"),
	[LAYOUT_ATTRIB] = N_("speech, then attribution (——name)"),
	[LAYOUT_DIALOGUE] = N_("dialogue: guest list, then questions and answers"),
	[LAYOUT_PROSE] = N_("reported speech (post and name, then 表示 or 说)"),
	[LAYOUT_QA] = N_("interview: questions and answers (问：, 答：)"),
};

/* Whether line i is a plain line a headline could be: short, no sentence
 * end, not a byline, a note or an editor's line. */
static bool headline_at(const struct parse *p, size_t i, const bool *is_cand)
{
	const char *s = line_s(p, i);
	size_t len = p->lines[i].len;

	if (is_cand[i] || p->kind[i] != PARA_TEXT || len > SHAPE_HEADLINE_MAX_CHARS * 4)
		return false;
	/* The layout is voted with each byline asking of the lines around it. */
	if (!p->headline[i])
		p->headline[i] = shape_headline(s, len) && !shape_editor(s, len) && !shape_subtitle(s, len) ? 2 : 1;
	return p->headline[i] == 2;
}

/* Warn that candidate c reads as a byline but the page's bylines are of
 * another form (--check shows why a line was not placed). */
static void warn_unplaced(struct parse *p, const struct cand *c)
{
	const char *s = line_s(p, c->by_line) + c->b.name_off;

	if (text_has_controls(s, c->b.name_len))
		return;
	parse_warn(p, p->lines[c->line].lineno, _("reads as the byline of %.*s, but the page's bylines are printed otherwise"),
	     (int)c->b.name_len, s);
}

/* Which group a candidate's mark puts it in. */
enum group { GROUP_STAND, GROUP_INLINE, GROUP_ATTRIB, NGROUPS };

static enum group group_of(const struct byline *b)
{
	switch (b->mark) {
	case BYLINE_INLINE:
	case BYLINE_PROSE: /* both open a paragraph of speech, and mix on a page */
		return GROUP_INLINE;
	case BYLINE_ATTRIB:
		return GROUP_ATTRIB;
	default:
		return GROUP_STAND;
	}
}

/* Keep in p->cands only the bylines of the group that explains the page
 * best, and of those only the ones in the position the sure ones share;
 * return the layout. */
static enum layout choose(struct parse *p)
{
	int score[NGROUPS] = {0}, n2[NGROUPS] = {0}, n1[NGROUPS] = {0};
	bool *is_cand = xcalloc(p->nlines ? p->nlines : 1, sizeof *is_cand);
	enum group g = GROUP_STAND;
	size_t k = 0, shape[4] = {0};
	enum layout lay;

	/* The first line is the title when it only looks like a fused post
	 * and name (基层书记谈治理): a page does not open with such a byline. */
	if (p->ncands > 1 && p->cands[0].line == 0 && p->cands[0].b.form == BYLINE_FUSED) {
		memmove(p->cands, p->cands + 1, (p->ncands - 1) * sizeof *p->cands);
		p->ncands--;
	}
	for (size_t i = 0; i < p->ncands; i++) {
		struct cand *c = &p->cands[i];
		enum group cg = group_of(&c->b);

		is_cand[c->line] = true;
		(c->b.strength == 2 ? n2 : n1)[cg]++;
	}
	for (int i = 0; i < NGROUPS; i++)
		score[i] = 2 * n2[i] + (n2[i] || n1[i] >= 2 ? n1[i] : 0);
	for (int i = 1; i < NGROUPS; i++)
		if (score[i] > score[g])
			g = (enum group)i;
	if (score[g] == 0) {
		free(is_cand);
		p->ncands = 0;
		return LAYOUT_NONE;
	}
	/* The shape around each: a headline-like line above, below, where
	 * only the sure bylines of the group count as bylines. */
	memset(is_cand, 0, p->nlines ? p->nlines : 1);
	for (size_t i = 0; i < p->ncands; i++)
		if (group_of(&p->cands[i].b) == g && (p->cands[i].b.strength == 2 || !n2[g]))
			is_cand[p->cands[i].line] = true;
	for (size_t i = 0; i < p->ncands; i++) {
		struct cand *c = &p->cands[i];
		size_t l = c->line;

		/* Line 0 over the first byline is the title, not evidence of
		 * headlines, when there are other bylines to tell. */
		c->above = l > 0 && headline_at(p, l - 1, is_cand) && (l < 2 || !is_cand[l - 2]) &&
			   (l > 1 || p->ncands == 1);
		c->below = l + 2 < p->nlines && headline_at(p, l + 1, is_cand) && !is_cand[l + 2] &&
			   c->b.mark != BYLINE_COLON;
		if (group_of(&c->b) == g && (c->b.strength == 2 || !n2[g])) {
			shape[c->above * 2 + c->below]++;
		}
	}
	{
		size_t best = 0;

		for (size_t s = 1; s < 4; s++)
			if (shape[s] > shape[best])
				best = s;
		for (size_t i = 0; i < p->ncands; i++) {
			struct cand *c = &p->cands[i];
			bool sure = c->b.strength == 2 || !n2[g];

			/* On a page of inline bylines, a sure byline alone on its
			 * line over the speech (孙铁利（某某校友）) opens one too:
			 * the whole line is its byline. */
			if (g == GROUP_INLINE && group_of(&c->b) == GROUP_STAND && c->b.strength == 2 &&
			    c->b.mark != BYLINE_DASH && c->line + 1 < p->nlines && p->kind[c->line + 1] == PARA_TEXT) {
				p->cands[k] = *c;
				p->cands[k++].b.text_off = p->lines[c->line].len;
				continue;
			}
			if (group_of(&c->b) != g) {
				/* Say why a line that surely reads as a byline is not one. */
				if (c->b.strength == 2)
					warn_unplaced(p, c);
				continue;
			}
			/* A weak one counts where the sure ones are: in the same
			 * position (for bylines on lines of their own), and never
			 * right under a byline kept. */
			if (!sure && g == GROUP_STAND &&
			    ((size_t)(c->above * 2 + c->below) != best || (k && p->cands[k - 1].line + 1 == c->line)))
				continue;
			p->cands[k++] = *c;
		}
		p->ncands = k;
		if (g == GROUP_INLINE) {
			lay = LAYOUT_PROSE;
			for (size_t i = 0; i < k; i++)
				if (p->cands[i].b.mark != BYLINE_PROSE)
					lay = LAYOUT_INLINE;
		}
		else if (g == GROUP_ATTRIB) {
			/* ——byline under a headline over the speech opens its
			 * section rather than closing the one above. */
			size_t over = 0;

			for (size_t i = 0; i < k; i++)
				over += p->cands[i].above;
			lay = over * 2 > k ? LAYOUT_ABOVE : LAYOUT_ATTRIB;
		} else if (shape[1] >= shape[2] && shape[1] + shape[3] >= shape[0] && shape[1])
			lay = LAYOUT_BELOW;
		else if (shape[2] + shape[3] && shape[2] + shape[3] >= shape[0])
			lay = LAYOUT_ABOVE;
		else
			lay = LAYOUT_PLAIN;
		/* A byline ending in a dash has its headline below it. */
		if (g == GROUP_STAND && k && p->cands[0].b.mark == BYLINE_DASH && shape[1] + shape[3])
			lay = LAYOUT_BELOW;
	}
	free(is_cand);
	return p->ncands ? lay : LAYOUT_NONE;
}

/* ---- building the sections ---- */

/* Section k's speaker from its byline, found at its line. */
static void section_speaker(struct parse *p, struct section *s, const struct cand *c)
{
	parse_speaker_of(p, line_at(p, c->by_line), &c->b, &s->speaker);
}

/* Sections with a byline on a line of its own, the headline above it
 * (LAYOUT_ABOVE: topic and headline as printed over the byline), below it
 * (LAYOUT_BELOW) or none (LAYOUT_PLAIN). */
static void parse_standalone(struct parse *p, enum layout lay)
{
	struct article *a = p->a;
	size_t nb = p->ncands;
	size_t *head = xmalloc(nb * sizeof *head); /* first heading line of each section */
	size_t *hl = xmalloc(nb * sizeof *hl);     /* headline line, or SIZE_MAX */
	size_t *tp = xmalloc(nb * sizeof *tp);     /* topic line, or SIZE_MAX */
	bool *is_cand = xcalloc(p->nlines, sizeof *is_cand);

	for (size_t k = 0; k < nb; k++)
		is_cand[p->cands[k].line] = true;
	for (size_t k = 0; k < nb; k++) {
		size_t b = p->cands[k].line;
		size_t floor = k ? p->cands[k - 1].line + 1 : 0; /* headings start at or after this line */

		hl[k] = tp[k] = SIZE_MAX;
		head[k] = b;
		/* A byline ending in a dash has its headline below it, whatever
		 * the rest of the page does. */
		if (lay == LAYOUT_BELOW || p->cands[k].b.mark == BYLINE_DASH) {
			size_t next = k + 1 < nb ? p->cands[k + 1].line : p->nlines;

			if (b + 2 < next + 1 && b + 1 < next && headline_at(p, b + 1, is_cand) && b + 2 < p->nlines)
				hl[k] = b + 1;
			continue;
		}
		if (lay != LAYOUT_ABOVE || b <= floor)
			continue;
		if (headline_at(p, b - 1, is_cand)) {
			hl[k] = b - 1;
			head[k] = b - 1;
		}
		/* A topic line above the headline, but never the article title (line 0). */
		if (hl[k] != SIZE_MAX && hl[k] >= 2 && hl[k] - 1 >= floor) {
			const struct span *t = &p->lines[hl[k] - 1];

			if (shape_topic(a->src + t->off, t->len) && p->kind[hl[k] - 1] == PARA_TEXT) {
				tp[k] = hl[k] - 1;
				head[k] = tp[k];
			}
		}
	}
	parse_front(p, head[0]);

	a->sections = xcalloc(nb, sizeof *a->sections);
	a->nsections = nb;
	for (size_t k = 0; k < nb; k++) {
		struct section *s = &a->sections[k];
		size_t b = p->cands[k].line;
		size_t from = hl[k] != SIZE_MAX && hl[k] > b ? hl[k] + 1 : b + 1;
		size_t to = k + 1 < nb ? head[k + 1] : p->nlines;

		s->article = a;
		s->topic = tp[k] != SIZE_MAX ? parse_span_str(p, &p->lines[tp[k]]) : NULL;
		s->headline = hl[k] != SIZE_MAX ? parse_span_str(p, &p->lines[hl[k]]) : xstrdup("");
		s->src_off = p->lines[head[k]].off;
		s->line = p->lines[head[k]].lineno;
		section_speaker(p, s, &p->cands[k]);
		if (hl[k] == SIZE_MAX && lay != LAYOUT_PLAIN)
			parse_warn(p, p->lines[b].lineno,
			     lay == LAYOUT_BELOW ? _("byline of %s has no headline below it")
						 : _("byline of %s has no headline above it"),
			     s->speaker.name);
		if (k + 1 == nb)
			parse_trailer(p, from, &to);
		s->npara = rejoin_lines(p, from, to, &s->paras);
		parse_finish_section(p, s, to - 1, tp[k] != SIZE_MAX ? &p->lines[tp[k]] : NULL,
			       hl[k] != SIZE_MAX ? &p->lines[hl[k]] : NULL, &p->lines[b]);
	}
	free(is_cand);
	free(head);
	free(hl);
	free(tp);
}

/* Add as candidates the later turns of speakers already named in full:
 * 张三代表（某某市副市长）：… opens the first speech, 张三：… a later one. */
static void add_turns(struct parse *p)
{
	size_t n = p->ncands, k = 0;

	/* In order: the first turns are in p->cands; a later one is a copy of
	 * its speaker's first, at its own line. */
	{
		struct cand *out = xmalloc((p->nlines ? p->nlines : 1) * sizeof *out);
		size_t no = 0;

		k = 0;
		for (size_t i = 0; i < p->nlines; i++) {
			const char *s = line_s(p, i);
			size_t clen, at;

			if (k < n && p->cands[k].line == i) {
				out[no] = p->cands[k++];
				/* A later turn with the name alone (张三：) takes the
				 * byline of the speaker's first turn. */
				if (!out[no].b.post_len && !out[no].b.role)
					for (size_t j = 0; j + 1 < k; j++) {
						const struct cand *c = &p->cands[j];

						if (c->b.post_len &&
						    shape_names_guest(line_s(p, out[no].by_line) + out[no].b.name_off,
								out[no].b.name_len, line_s(p, c->by_line) + c->b.name_off,
								c->b.name_len)) {
							size_t text_off = out[no].b.text_off;

							out[no].b = c->b;
							out[no].by_line = c->by_line;
							out[no].b.text_off = text_off;
							break;
						}
					}
				no++;
				continue;
			}
			if (p->kind[i] != PARA_TEXT || !(at = shape_turn_colon(s, p->lines[i].len, &clen)))
				continue;
			for (size_t j = 0; j < k; j++) {
				const struct cand *c = &p->cands[j];

				if (shape_names_guest(s, at, line_s(p, c->by_line) + c->b.name_off, c->b.name_len)) {
					size_t skip = at + clen;

					while (skip < p->lines[i].len && cjk_blank_len(s, p->lines[i].len, skip))
						skip += cjk_blank_len(s, p->lines[i].len, skip);
					out[no] = *c;
					out[no].line = i;
					out[no++].b.text_off = skip;
					break;
				}
			}
		}
		free(p->cands);
		p->cands = out;
		p->ncands = no;
	}
}

/* Whether line i is a question printed as a heading over an answer. */
static bool question_line(const struct parse *p, size_t i)
{
	const char *s = line_s(p, i);
	size_t len = p->lines[i].len;

	return p->kind[i] == PARA_TEXT && cjk_at_most_chars(s, len, SHAPE_HEADLINE_MAX_CHARS) &&
	       (cjk_has_suffix(s, len, "？") || cjk_has_suffix(s, len, "?"));
}

/* Sections that open with `byline：` at the candidates' lines. */
static void parse_inline(struct parse *p)
{
	struct article *a = p->a;
	size_t nc;

	add_turns(p);
	nc = p->ncands;

	parse_front(p, p->cands[0].line > 0 && question_line(p, p->cands[0].line - 1) ? p->cands[0].line - 1
										       : p->cands[0].line);
	a->sections = xcalloc(nc, sizeof *a->sections);
	a->nsections = nc;
	/* Every speaker first: a later turn reads its byline from a line that
	 * an earlier section cuts to its text. */
	for (size_t k = 0; k < nc; k++)
		section_speaker(p, &a->sections[k], &p->cands[k]);
	for (size_t k = 0; k < nc; k++) {
		struct section *s = &a->sections[k];
		const struct cand *c = &p->cands[k];
		struct span *l = &p->lines[c->line];
		size_t from = c->line, to = k + 1 < nc ? p->cands[k + 1].line : p->nlines;
		bool q = c->line > 0 && (k == 0 || p->cands[k - 1].line + 1 < c->line) && question_line(p, c->line - 1);

		if (k + 1 < nc && to > from + 1 && question_line(p, to - 1))
			to--;
		s->article = a;
		s->headline = q ? parse_span_str(p, &p->lines[c->line - 1]) : xstrdup("");
		s->src_off = p->lines[q ? c->line - 1 : c->line].off;
		s->line = p->lines[q ? c->line - 1 : c->line].lineno;
		if (k + 1 == nc)
			parse_trailer(p, from + 1, &to);
		if (parse_skip_to_text(l, c->b.text_off))
			from++;
		s->npara = rejoin_lines(p, from, to, &s->paras);
		parse_finish_section(p, s, to - 1, NULL, NULL, NULL);
	}
}

/* Sections closed by an attribution ——name（post）: each runs from the line
 * after the previous one's attribution (or after the front) to its own. */
static void parse_attrib(struct parse *p)
{
	struct article *a = p->a;
	size_t nc = p->ncands, first = 0;

	/* The front: the title, its kicker and subtitle, notes; the first speech
	 * begins at the first line of text after them, or after an editor's
	 * note where one is printed. */
	for (size_t i = 0; i < p->cands[0].line; i++)
		if (shape_editor(line_s(p, i), p->lines[i].len))
			first = i + 1;
	if (!first) {
		first = p->cands[0].line;
		for (size_t i = 0; i < p->cands[0].line; i++) {
			const char *s = line_s(p, i);
			size_t len = p->lines[i].len;

			if (i > 0 && !shape_title(s, len) && p->kind[i] == PARA_TEXT) {
				first = i;
				break;
			}
			if (i == 0 && !shape_title(s, len)) {
				first = 0;
				break;
			}
		}
	}
	parse_front(p, first);
	a->sections = xcalloc(nc, sizeof *a->sections);
	a->nsections = nc;
	for (size_t k = 0; k < nc; k++) {
		struct section *s = &a->sections[k];
		const struct cand *c = &p->cands[k];
		size_t from = k ? p->cands[k - 1].line + 1 : first, to = c->line;
		size_t hl = SIZE_MAX;

		s->article = a;
		if (from < to && from + 1 < to && shape_headline(line_s(p, from), p->lines[from].len) &&
		    p->kind[from] == PARA_TEXT) {
			hl = from;
			from++;
		}
		s->headline = hl != SIZE_MAX ? parse_span_str(p, &p->lines[hl]) : xstrdup("");
		{
			size_t start = k ? p->cands[k - 1].line + 1 : first;

			if (start > c->line)
				start = c->line;
			s->src_off = p->lines[start].off;
			s->line = p->lines[start].lineno;
		}
		section_speaker(p, s, c);
		s->npara = rejoin_lines(p, from, to, &s->paras);
		parse_finish_section(p, s, to, NULL, hl != SIZE_MAX ? &p->lines[hl] : NULL, &p->lines[c->line]);
	}
	/* What follows the last attribution: a trailer, or notes kept as the intro's? */
	{
		size_t from = p->cands[nc - 1].line + 1, to = p->nlines;

		parse_trailer(p, from, &to);
		if (from < to) {
			struct section *s = &a->sections[nc - 1];
			struct para *more;
			size_t n = rejoin_lines(p, from, to, &more);

			/* Kept after the last speech, in order: the paragraph store
			 * is one array, so the last section simply grows. */
			if (s->paras && more == s->paras + s->npara)
				s->npara += n;
			else if (!s->paras)
				s->paras = more, s->npara = n;
		}
	}
}

/* For a speaker whose byline names no post (赵卫东委员——), the post printed
 * elsewhere in the section: in a credit (（作者为某某大学教授，…）) or where the
 * speech first names the speaker (…”某某大学教授李明华委员说). */
static void post_from_text(struct section *s, const char *role)
{
	struct speaker *sp = &s->speaker;
	size_t nlen = strlen(sp->name), from, to;

	if (sp->place[0] || (sp->title[0] && strcmp(sp->title, "代表") && strcmp(sp->title, "委员")) || nlen == 0)
		return;
	for (size_t i = 0; i < s->npara; i++) {
		const struct para *pa = &s->paras[i];

		if (parse_post_in(pa->text, pa->len, pa->kind == PARA_NOTE, sp->name, nlen, &from, &to)) {
			byline_set_post(sp, pa->text + from, to - from, role);
			return;
		}
	}
}


/* Append the byline b found at line i to the candidates (capacity *cap). */
static void add_cand(struct parse *p, size_t *cap, size_t i, const struct byline *b)
{
	p->cands = xgrow(p->cands, cap, p->ncands + 1, sizeof *p->cands);
	p->cands[p->ncands].line = i;
	p->cands[p->ncands].by_line = i;
	p->cands[p->ncands].above = p->cands[p->ncands].below = false;
	p->cands[p->ncands++].b = *b;
}

static int by_line_no(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;

	return (a->line > b->line) - (a->line < b->line);
}

/* Whether s[0..len) holds a blank. */
static bool has_blank_in(const char *s, size_t len)
{
	for (size_t off = 0; off < len; off++)
		if (cjk_blank_len(s, len, off))
			return true;
	return false;
}

/* The last resort, by the page's repeated structure alone: short lines of
 * a few characters ending in a name (园林王如佳: a major and a name), each
 * over a paragraph of text, three times or more. No word list vouches for
 * such a post; the repetition does. */
static void repeated_names(struct parse *p, size_t *cap)
{
	size_t found = 0, first = p->ncands;
	bool *taken = xcalloc(p->nlines, sizeof *taken);

	/* A weak byline after a dash (—— 茶学许文烨) is one of the repeated
	 * lines too: it joins them, as one shape. */
	for (size_t k = 0; k < first; k++)
		taken[p->cands[k].line] = true;

	for (size_t i = 0; i < p->nlines; i++) {
		const char *s = line_s(p, i);
		size_t len = p->lines[i].len, at, d = 0, bl;
		struct byline b;
		/* Over text, or the page's last line (its speech lost in the copy,
		 * the name still printed). */
		bool text_next = i + 1 == p->nlines ||
				 !cjk_at_most_chars(line_s(p, i + 1), p->lines[i + 1].len, 40) ||
				 (i + 2 < p->nlines && !cjk_at_most_chars(line_s(p, i + 2), p->lines[i + 2].len, 40));

		/* ——  茶学许文烨: the same, after a dash. */
		while (d < len && (cjk_has_prefix(s + d, len - d, "—") || s[d] == '-'))
			d += s[d] == '-' ? 1 : 3;
		while (d && d < len && (bl = cjk_blank_len(s, len, d)) != 0)
			d += bl;
		s += d;
		len -= d;
		if (p->kind[i] != PARA_TEXT || !cjk_at_most_chars(s, len, 14) || shape_has_punct(s, len) ||
		    has_blank_in(s, len) || taken[i] || !text_next ||
		    (at = names_split_fused(s, len, true)) == 0 || cjk_count_chars(s, at, 12) > 10)
			continue;
		memset(&b, 0, sizeof b);
		b.form = BYLINE_FUSED;
		b.strength = 1;
		b.mark = BYLINE_ALONE; /* with or without the dash, one shape on the page */
		b.start = d;
		b.end = d + len;
		b.post_off = d;
		b.post_len = at;
		b.name_off = d + at;
		b.name_len = len - at;
		add_cand(p, cap, i, &b);
		found++;
	}
	free(taken);
	if (found < 3) {
		p->ncands = first;
		return;
	}
	for (size_t k = 0; k < first; k++)
		if (p->cands[k].b.strength == 1 && p->cands[k].b.mark == BYLINE_ATTRIB && p->cands[k].b.form == BYLINE_FUSED)
			p->cands[k].b.mark = BYLINE_ALONE;
	qsort(p->cands, p->ncands, sizeof *p->cands, by_line_no);
}


/* Split the lines of text at each run-in byline: after a sentence's end, a
 * byline opening a speech with a colon, or reported speech (……。中共中央政治
 * 局委员、北京市委书记郭金龙在参加……时说). True if any line was split; the
 * stores of paragraphs and pieces grow with the lines. */
static bool split_run_ins(struct parse *p)
{
	struct span *v = NULL;
	size_t n = 0, cap = 0, added = 0;

	for (size_t i = 0; i < p->nlines; i++) {
		struct span l = p->lines[i];
		const char *s = p->a->src + l.off;
		size_t from = 0;

		if (p->kind[i] == PARA_TEXT && l.len > 60) {
			for (size_t off = 0; off < l.len;) {
				uint32_t c;
				size_t at;
				struct byline b;

				off += cjk_char_at(s, l.len, off, &c);
				if (c != 0x3002 && c != 0xFF01 && c != 0xFF1F && c != 0x201D)
					continue;
				at = off;
				if (c != 0x201D && cjk_has_prefix(s + at, l.len - at, "”"))
					continue; /* the end is after the quote */
				if (at >= l.len || at - from < 6)
					continue;
				if (!(byline_inline(s + at, l.len - at, &b) && (b.strength == 2 || b.role)) &&
				    !byline_prose(s + at, l.len - at, &b))
					continue;
				v = xgrow(v, &cap, n + 1, sizeof *v);
				v[n++] = (struct span){l.off + from, at - from, l.lineno, from == 0 && l.indent};
				from = at;
				added++;
			}
		}
		v = xgrow(v, &cap, n + 1, sizeof *v);
		v[n++] = (struct span){l.off + from, l.len - from, l.lineno, from == 0 && l.indent};
	}
	if (!added) {
		free(v);
		return false;
	}
	free(p->lines);
	p->lines = v;
	p->nlines = n;
	p->pool_cap += added;
	p->pool = xrealloc(p->pool, p->pool_cap * sizeof *p->pool);
	p->a->piece_store = p->pool;
	p->paras_cap = n;
	p->paras = xrealloc(p->paras, (n ? n : 1) * sizeof *p->paras);
	p->run_on = true;
	return true;
}

/* Whether the text lines are a printed page's, copied one printed line a
 * line (12 to 20 characters each, most of them the column's full width):
 * then p->printed is that width, and p->indents whether paragraphs are
 * indented. */
static void find_printed(struct parse *p)
{
	size_t count[33] = {0}, ntext = 0, best = 0, nindent = 0;

	for (size_t i = 0; i < p->nlines; i++) {
		size_t n;

		if (p->kind[i] != PARA_TEXT)
			continue;
		/* A code point takes at most four bytes: most lines of a page
		 * typed one paragraph a line are longer than 32 by their bytes. */
		n = p->lines[i].len > 4 * 32 ? 33 : cjk_count_chars(line_s(p, i), p->lines[i].len, 32);
		if (n < 8) /* titles and headlines */
			continue;
		ntext++;
		nindent += p->lines[i].indent;
		if (n <= 32)
			count[n]++;
	}
	for (size_t n = 8; n <= 30; n++)
		if (count[n] + count[n + 1] > count[best] + count[best + 1])
			best = n;
	/* The full width is the longer of the two most common lengths. */
	if (best && count[best + 1] >= count[best])
		best++;
	if (ntext < 6 || best < 8 || (count[best] + count[best - 1]) * 2 < ntext)
		return;
	p->printed = best;
	p->indents = nindent > 0 && nindent * 4 < ntext * 3;
}

/* Find every line that reads as a byline, and what each line would be as a
 * paragraph (text or note). */
static size_t classify(struct parse *p)
{
	size_t cap = 0, sure = 0;
	struct byline b;

	p->kind = xcalloc(p->nlines ? p->nlines : 1, 1);
	p->headline = xcalloc(p->nlines ? p->nlines : 1, 1);
	for (size_t i = 0; i < p->nlines; i++) {
		const char *s = line_s(p, i);
		size_t len = p->lines[i].len;

		if (shape_note(s, len)) {
			p->kind[i] = PARA_NOTE;
			continue;
		}
		if (byline_find(s, len, &b)) {
			add_cand(p, &cap, i, &b);
			sure += b.strength == 2;
		}
	}
	if (sure >= 2)
		return sure;
	/* Inline bylines, then reported speech, are looked for only on a page
	 * where fewer than two bylines of the forms before are sure: they are
	 * the costliest to look for on every paragraph. Where speeches were
	 * cut out of run-on paragraphs, both are, as each cut was made for one
	 * or the other. */
	for (int pass = 0; pass < 2 && (sure < 2 || p->run_on); pass++) {
		for (size_t i = 0, k = 0, n = p->ncands; i < p->nlines; i++) {
			if (k < n && p->cands[k].line == i) {
				k++;
				continue;
			}
			if (p->kind[i] != PARA_TEXT ||
			    !(pass == 0 ? byline_inline : byline_prose)(line_s(p, i), p->lines[i].len, &b))
				continue;
			add_cand(p, &cap, i, &b);
			sure += b.strength == 2;
		}
		if (p->ncands > 1)
			qsort(p->cands, p->ncands, sizeof *p->cands, by_line_no);
	}
	if (sure < 2)
		repeated_names(p, &cap);
	return sure;
}

/* Move the paragraphs into an allocation of the size used (the store was sized
 * for a paragraph per line), and point the intro and the sections at it. */
static void trim_paras(struct parse *p)
{
	struct article *a = p->a;
	struct para *exact = NULL;

	if (p->nparas) {
		exact = xmalloc(p->nparas * sizeof *exact);
		memcpy(exact, p->paras, p->nparas * sizeof *exact);
	}
	if (a->intro)
		a->intro = exact + (a->intro - p->paras);
	for (size_t i = 0; i < a->nsections; i++)
		if (a->sections[i].paras)
			a->sections[i].paras = exact + (a->sections[i].paras - p->paras);
	free(p->paras);
	p->paras = exact;
	p->paras_cap = p->nparas;
	a->para_store = exact;
}

/* Point paragraphs v[0..n) at the same pieces in the copy `to` of pool `from`. */
static void rebase_pieces(struct para *v, size_t n, const struct piece *from, struct piece *to)
{
	for (size_t i = 0; i < n; i++)
		v[i].pieces = to + (v[i].pieces - from);
}

/* Move the pieces into an allocation of the size used: the pool was sized for
 * the worst case (a piece per line and per control character), while headlines,
 * bylines and the title take none. */
static void trim_pool(struct parse *p)
{
	struct article *a = p->a;
	struct piece *exact;

	if (p->npool == p->pool_cap)
		return;
	exact = xmalloc((p->npool ? p->npool : 1) * sizeof *exact);
	memcpy(exact, p->pool, p->npool * sizeof *exact);
	rebase_pieces(a->intro, a->nintro, p->pool, exact);
	for (size_t i = 0; i < a->nsections; i++)
		rebase_pieces(a->sections[i].paras, a->sections[i].npara, p->pool, exact);
	free(p->pool);
	p->pool = exact;
	p->pool_cap = p->npool;
	a->piece_store = exact;
}

/* Recognise the structure of a->src, whose scan is `sc`, and fill the
 * article; `stripping` if it is to be stripped once the parsed hook has
 * seen it (then no paragraph has its lead_len). */
void doc_parse_article(struct article *a, const struct text_scan *sc, bool stripping)
{
	struct parse p = {.a = a, .no_controls = sc->controls == 0, .sc = sc, .stripping = stripping};
	enum layout lay;

	p.nlines = split_lines(a->src, a->src_len, sc->lf + sc->cr, sc->cr, &p.lines);
	/* A piece per line, and one more per control character, which may split one. */
	p.pool_cap = p.nlines + sc->controls + 1;
	p.pool = xmalloc(p.pool_cap * sizeof *p.pool);
	a->piece_store = p.pool;
	/* A paragraph per line at most. */
	p.paras_cap = p.nlines;
	p.paras = xmalloc((p.paras_cap ? p.paras_cap : 1) * sizeof *p.paras);

	/* No byline on a line of its own or opening one: the speakers may run
	 * on inside paragraphs (……。”全国政协委员肖燕：“……). Each is made a
	 * paragraph of its own, the text unchanged, and the page looked at
	 * again. */
	if (classify(&p) < 2 && split_run_ins(&p)) {
		free(p.cands);
		free(p.kind);
		free(p.headline);
		p.cands = NULL;
		p.ncands = 0;
		classify(&p);
	}
	find_printed(&p);
	if (dialogue_parse(&p)) {
		lay = LAYOUT_DIALOGUE;
	} else if (p.ncands < 2 && dialogue_parse_qa(&p)) {
		lay = LAYOUT_QA;
	} else {
		lay = choose(&p);
		switch (lay) {
		case LAYOUT_ABOVE:
		case LAYOUT_BELOW:
		case LAYOUT_PLAIN:
			parse_standalone(&p, lay);
			break;
		case LAYOUT_INLINE:
		case LAYOUT_PROSE:
			parse_inline(&p);
			break;
		case LAYOUT_ATTRIB:
			parse_attrib(&p);
			break;
		default:
			break;
		}
	}
	a->layout = layout_names[lay];
	if (lay != LAYOUT_NONE && lay != LAYOUT_DIALOGUE && lay != LAYOUT_QA)
		for (size_t k = 0; k < a->nsections; k++)
			post_from_text(&a->sections[k], p.cands[k].b.role);
	if (lay == LAYOUT_NONE) {
		/* Shown as printed: every line a paragraph, none rejoined. */
		p.no_join = true;
		if (p.nlines > 1) {
			parse_front(&p, p.nlines);
		} else {
			a->title = xstrdup("");
			a->nintro = rejoin_lines(&p, 0, p.nlines, &a->intro);
		}
		a->why_empty = xstrdup(p.nlines == 0
			? _("the text is blank")
			: _("no byline found: expected a line like '新郑市城关乡党委书记 马东亮' after a headline, "
			    "or a speech opening with '张三代表:'"));
	}
	if (p.lost_warnings) {
		struct buf b;

		buf_init(&b);
		buf_printf(&b, ngettext("%zu more warning not shown", "%zu more warnings not shown", p.lost_warnings),
			   p.lost_warnings);
		a->warnings = xrealloc(a->warnings, (a->nwarnings + 1) * sizeof *a->warnings);
		a->warnings[a->nwarnings++] = buf_take(&b, NULL);
	}
	if (stripping) { /* they go with the paragraphs, once counted */
		a->para_store = p.paras;
	} else {
		trim_paras(&p);
		trim_pool(&p);
	}
	free(p.cands);
	free(p.kind);
	free(p.headline);
	free(p.lines);
}
