/* doc_dialogue.c: pages of turns rather than speeches: a dialogue (a guest
 * list, then NAME：… turns and the host's questions) and an interview
 * printed as 问：…… / 答：……, each answer a section. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fayan/cjk.h"
#include "fayan/names.h"
#include "fayan/shape.h"
#include "parse_priv.h"

/* A dialogue: a guest list (对话嘉宾：, then a byline per guest), then turns
 * NAME：… of the guests and questions 记者：… Returns whether one was found
 * and built. */
bool dialogue_parse(struct parse *p)
{
	static const char *const headers[] = {"对话嘉宾", "嘉宾", "访谈嘉宾", "受访嘉宾", "本期嘉宾", "参与嘉宾",
					       "对话人", "访谈对象", "座谈嘉宾", NULL};
	struct article *a = p->a;
	size_t hdr = SIZE_MAX, g0, g1, nturns = 0, nans = 0;
	struct cand *guests;
	size_t *turn, *guest_of;

	for (size_t i = 0; i < p->nlines && i < 40; i++)
		if (shape_label(line_s(p, i), p->lines[i].len, headers)) {
			hdr = i;
			break;
		}
	/* Without a header, a list is two bylines or more in a row, each
	 * alone on its line, near the top. */
	if (hdr == SIZE_MAX) {
		for (size_t i = 0; i + 1 < p->ncands && p->cands[i].line < 40; i++)
			if (p->cands[i + 1].line == p->cands[i].line + 1 && p->cands[i].b.mark == BYLINE_ALONE &&
			    p->cands[i + 1].b.mark == BYLINE_ALONE && p->cands[i].b.form != BYLINE_FUSED) {
				hdr = p->cands[i].line - 1;
				break;
			}
		if (hdr == SIZE_MAX)
			return false;
	}
	/* The guests: the bylines right under the header. */
	g0 = hdr + 1;
	g1 = g0;
	guests = xmalloc((p->nlines - g0 + 1) * sizeof *guests);
	while (g1 < p->nlines) {
		struct byline b;

		if (!byline_whole(line_s(p, g1), p->lines[g1].len, &b))
			break;
		guests[g1 - g0].line = g1;
		guests[g1 - g0].b = b;
		guests[g1 - g0].b.mark = BYLINE_ALONE;
		g1++;
	}
	if (g1 == g0) {
		free(guests);
		return false;
	}
	turn = xmalloc(p->nlines * sizeof *turn);
	guest_of = xmalloc(p->nlines * sizeof *guest_of);
	for (size_t i = g1; i < p->nlines; i++) {
		const char *s = line_s(p, i);
		size_t clen, at = shape_turn_colon(s, p->lines[i].len, &clen);

		if (!at)
			continue;
		if (shape_question_head(s, at + clen)) {
			turn[nturns] = i;
			guest_of[nturns++] = SIZE_MAX;
			continue;
		}
		for (size_t g = 0; g < g1 - g0; g++) {
			const struct byline *b = &guests[g].b;

			if (shape_names_guest(s, at, line_s(p, guests[g].line) + b->name_off, b->name_len)) {
				/* A question printed as a heading over the answer. */
				if (i > g1 && p->kind[i - 1] == PARA_TEXT && (nturns == 0 || turn[nturns - 1] != i - 1) &&
				    cjk_at_most_chars(line_s(p, i - 1), p->lines[i - 1].len, SHAPE_HEADLINE_MAX_CHARS) &&
				    (shape_headline(line_s(p, i - 1), p->lines[i - 1].len) ||
				     cjk_has_suffix(line_s(p, i - 1), p->lines[i - 1].len, "？"))) {
					turn[nturns] = i - 1;
					guest_of[nturns++] = SIZE_MAX;
				}
				turn[nturns] = i;
				guest_of[nturns++] = g;
				nans++;
				break;
			}
		}
	}
	if (nans == 0) {
		free(guests);
		free(turn);
		free(guest_of);
		return false;
	}
	/* The header and the guest list are kept in the intro as they are,
	 * never rejoined: the speakers' bylines are read from them. */
	for (size_t i = hdr; i < g1; i++)
		p->kind[i] = PARA_NOTE;
	parse_front(p, turn[0]);
	a->sections = xcalloc(nans, sizeof *a->sections);
	a->nsections = nans;
	for (size_t t = 0, k = 0; t < nturns; t++) {
		struct section *s;
		size_t line = turn[t], to = t + 1 < nturns ? turn[t + 1] : p->nlines, clen, from = line;
		struct span *l = &p->lines[line];

		if (guest_of[t] == SIZE_MAX) { /* a question: the next answer's headline */
			p->kind[line] = PARA_QUESTION;
			continue;
		}
		s = &a->sections[k++];
		s->article = a;
		if (t > 0 && guest_of[t - 1] == SIZE_MAX) {
			s->headline = parse_span_str(p, &p->lines[turn[t - 1]]);
			s->src_off = p->lines[turn[t - 1]].off;
			s->line = p->lines[turn[t - 1]].lineno;
		} else {
			s->headline = xstrdup("");
			s->src_off = l->off;
			s->line = l->lineno;
		}
		{
			const struct cand *g = &guests[guest_of[t]];

			parse_speaker_of(p, line_at(p, g->line), &g->b, &s->speaker);
		}
		if (t + 1 == nturns)
			parse_trailer(p, from + 1, &to);
		{
			size_t at = shape_turn_colon(line_s(p, line), l->len, &clen), skip = at + clen;

			while (skip < l->len && cjk_blank_len(line_s(p, line), l->len, skip))
				skip += cjk_blank_len(line_s(p, line), l->len, skip);
			if (parse_skip_to_text(l, skip))
				from++;
		}
		s->npara = rejoin_lines(p, from, to, &s->paras);
		parse_finish_section(p, s, to - 1, NULL, NULL, NULL);
	}
	free(guests);
	free(turn);
	free(guest_of);
	return true;
}

/* An interview printed as questions and answers (问：…… / 答：……) with the
 * one person answering named in the title (访谈段文洋) and their post in
 * the intro: a section per answer, its question as the headline. */
bool dialogue_parse_qa(struct parse *p)
{
	static const char *const marks[] = {"访谈", "专访", "对话", "访问", NULL};
	struct article *a = p->a;
	size_t nans = 0, first = SIZE_MAX, name_off = 0, name_len = 0;
	const char *t;
	size_t tlen;

	/* The answers from the first question on: what comes before it is
	 * the intro. */
	for (size_t i = 1; i < p->nlines; i++) {
		if (first == SIZE_MAX && shape_qa_label(line_s(p, i), p->lines[i].len, "问"))
			first = i;
		if (first != SIZE_MAX && shape_qa_label(line_s(p, i), p->lines[i].len, "答"))
			nans++;
	}
	if (nans < 2 || first == SIZE_MAX || p->nlines == 0)
		return false;
	t = line_s(p, 0);
	tlen = p->lines[0].len;
	for (const char *const *m = marks; *m && !name_len; m++) {
		const char *f = cjk_find(t, tlen, *m, 6);

		for (size_t n = 3; f && n >= 2 && !name_len; n--) {
			size_t off = (size_t)(f - t) + 6;

			if (off + 3 * n <= tlen && names_is_name(t + off, 3 * n) && names_surname_len(t + off, 3 * n)) {
				name_off = off;
				name_len = 3 * n;
			}
		}
	}
	if (!name_len)
		return false;

	char *name = xstrndup(t + name_off, name_len);
	size_t pfrom = 0, pto = 0, pline = SIZE_MAX;

	char *post = NULL;

	for (size_t i = 1; i < first && pline == SIZE_MAX; i++)
		if (parse_post_in(line_s(p, i), p->lines[i].len, false, name, name_len, &pfrom, &pto))
			pline = i;
	/* Copied now: the intro is rejoined in place. */
	if (pline != SIZE_MAX)
		post = xstrndup(line_s(p, pline) + pfrom, pto - pfrom);
	parse_front(p, first);
	a->sections = xcalloc(nans, sizeof *a->sections);
	a->nsections = nans;
	for (size_t i = first, k = 0; i < p->nlines && k < nans; i++) {
		struct span *l = &p->lines[i];
		size_t skip = shape_qa_label(line_s(p, i), l->len, "答"), to = i + 1, from = i;
		struct section *s;

		if (!skip)
			continue;
		while (to < p->nlines && !shape_qa_label(line_s(p, to), p->lines[to].len, "答") &&
		       !shape_qa_label(line_s(p, to), p->lines[to].len, "问"))
			to++;
		s = &a->sections[k++];
		s->article = a;
		s->speaker.byline = xstrdup(name);
		s->speaker.name = xstrdup(name);
		s->speaker.place = xcalloc(2, 1);
		s->speaker.title = s->speaker.place + 1;
		if (post)
			byline_set_post(&s->speaker, post, strlen(post), NULL);
		/* The question over it is its headline. */
		if (i > first && shape_qa_label(line_s(p, i - 1), p->lines[i - 1].len, "问")) {
			p->kind[i - 1] = PARA_QUESTION;
			s->headline = parse_span_str(p, &p->lines[i - 1]);
			s->src_off = p->lines[i - 1].off;
			s->line = p->lines[i - 1].lineno;
		} else {
			s->headline = xstrdup("");
			s->src_off = l->off;
			s->line = l->lineno;
		}
		if (parse_skip_to_text(l, skip))
			from++;
		if (k == nans)
			parse_trailer(p, from, &to);
		s->npara = rejoin_lines(p, from, to, &s->paras);
		parse_finish_section(p, s, to - 1, NULL, NULL, NULL);
	}
	free(name);
	free(post);
	return true;
}
