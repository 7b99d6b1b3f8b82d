/* parse_priv.h: what the parser's files share and nothing else includes:
 * doc_parse.c (the bylines and the page's layout) and doc_dialogue.c
 * (dialogues and interviews) call doc_build.c (the front, sections,
 * warnings) and doc_rejoin.c (paragraphs rejoined across the printed page's
 * breaks), which call neither. */
#ifndef FAYAN_PARSE_PRIV_H
#define FAYAN_PARSE_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc_priv.h"
#include "fayan/byline.h"
#include "fayan/text.h"

/* One non-empty source line, trimmed: bytes [off, off+len) of src. */
struct span {
	size_t off;
	size_t len;
	size_t lineno; /* 1-based */
	bool indent;   /* the line began with blanks */
};

/* A line that reads as a byline, as recognised. */
struct cand {
	size_t line;
	size_t by_line; /* the line whose byline it is: itself, or an earlier one for a later turn (张三：…) */
	bool above, below; /* a headline-like line above it, below it */
	struct byline b;
};

/* Parsing state for one article. */
struct parse {
	struct article *a;
	struct span *lines;
	size_t nlines;
	struct piece *pool; /* the article's piece store, sized up front */
	size_t npool;
	size_t pool_cap;
	struct para *paras; /* the article's paragraph store, sized up front */
	size_t nparas;
	size_t paras_cap;
	size_t lost_warnings;
	bool no_controls; /* the source holds no control character but line ends */
	const struct text_scan *sc; /* the source's: where it holds what does not fold to itself */
	struct cand *cands; /* every line that reads as a byline, in order */
	size_t ncands;
	uint8_t *kind;      /* per line: enum para_kind it would make */
	uint8_t *headline;  /* per line: 0 not yet asked, 1 not shaped as a headline, 2 shaped as one */
	bool *taken;        /* per line: a byline, a headline or a title, never a paragraph */
	bool no_join;       /* no section was found: paragraphs stay as printed */
	bool run_on;        /* lines were cut where run-on speeches open (split_run_ins) */
	size_t printed;     /* the width in characters of a printed page's lines, copied one a line, or 0 */
	bool indents;       /* and whether its paragraphs are marked by indents */
	bool stripping; /* the article is stripped once parsed: what only the reader shows is left out */
};

/* Whether s[0..len), a part of the source without line ends, holds a control
 * character. Most sources hold none, and then no line needs looking at. */
static inline bool has_controls(const struct parse *p, const char *s, size_t len)
{
	return !p->no_controls && text_has_controls(s, len);
}

/* Whether a NUL may go at src[off]: the end of the source, or a line end or
 * blank that trimming already left out of every line's text. */
static inline bool nul_fits(const struct article *a, size_t off)
{
	char c = off < a->src_len ? a->src[off] : '\0';

	return c == '\n' || c == '\r' || c == ' ' || c == '\t' || c == '\0';
}

/* Line i of the article. */
static inline const struct span *line_at(const struct parse *p, size_t i)
{
	return &p->lines[i];
}

/* Where line i starts in the source. */
static inline const char *line_s(const struct parse *p, size_t i)
{
	return p->a->src + p->lines[i].off;
}

/* Whether fragments frag[0..n) are known to hold only characters that fold
 * to themselves: the scan kept the offset of every one that does not. A
 * paragraph made of them (joined, or with a space between) then folds to
 * itself, and no filter need look (struct para's fold). */
static inline bool rejoin_plain(const struct parse *p, const struct span *frag, size_t n)
{
	const struct text_scan *sc = p->sc;

	if (sc->nfolds > TEXT_SCAN_FOLDS)
		return false;
	for (size_t k = 0; k < sc->nfolds; k++)
		for (size_t i = 0; i < n; i++)
			if (sc->fold_at[k] >= frag[i].off && sc->fold_at[k] < frag[i].off + frag[i].len)
				return false;
	return true;
}

/* ---- doc_build.c ---- */

/* Add a "line N: ..." note for --check, keeping at most a thousand an article. */
__attribute__((format(printf, 3, 4)))
void parse_warn(struct parse *p, size_t lineno, const char *fmt, ...);

/* Line `sp` as a string: in the source itself (a NUL over the line end after
 * it) when it has no controls, else a sanitized copy. Free with str_free. */
char *parse_span_str(struct parse *p, const struct span *sp);

/* Fill the speaker from the byline b found at line `l`, in the source where it can be. */
void parse_speaker_of(struct parse *p, const struct span *l, const struct byline *b, struct speaker *sp);

/* The article's title, kicker, subtitle and intro before line `first`. */
void parse_front(struct parse *p, size_t first);

/* Take a closing trailer line out of the last section's lines [from, *to). */
void parse_trailer(struct parse *p, size_t from, size_t *to);

/* Finish section s, whose lines end at last_line: which of its heading
 * strings fold to themselves (from the lines they came from; NULL: not
 * known), and warnings about a section without text or a lost headline. */
void parse_finish_section(struct parse *p, struct section *s, size_t last_line, const struct span *topic,
			  const struct span *headline, const struct span *byline);

/* Cut line l to the text after `skip` bytes (an inline byline and its
 * colon); true if nothing is left of it. */
bool parse_skip_to_text(struct span *l, size_t skip);

/* Where t[0..len), a paragraph (a note if `note`), prints a post for
 * name[0..nlen); true with it at t[*from..*to). */
bool parse_post_in(const char *t, size_t len, bool note, const char *name, size_t nlen, size_t *from, size_t *to);

/* ---- doc_parse.c ---- */

/* ---- doc_rejoin.c ---- */

/* Turn fragments frag[0..n), lines of p, into paragraphs in p's store,
 * rejoining what the page's column or page breaks split; returns the count. */
size_t rejoin_fragments(struct parse *p, const struct span *frag, size_t n, struct para **out);

/* The paragraphs of lines [from, to) into *paras; returns the count. */
size_t rejoin_lines(struct parse *p, size_t from, size_t to, struct para **paras);

/* ---- doc_dialogue.c ---- */

/* A dialogue (a guest list, then NAME：… turns and questions): whether one
 * was found, and then the article is built. */
bool dialogue_parse(struct parse *p);

/* An interview printed as 问：…… / 答：……, the one answering named in the
 * title: whether one was found, and then the article is built. */
bool dialogue_parse_qa(struct parse *p);

#endif
