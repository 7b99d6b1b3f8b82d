/* doc_rejoin.c: lines into paragraphs. A printed page's column and page
 * breaks split a paragraph where its sentence goes on; the fragments are
 * rejoined in place in the article's source (moved left over the blank
 * lines between them, a NUL after the last), and copied only where a
 * control character must be made visible. Pieces map each paragraph's
 * runs back to the source for the reader's positions. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fayan/cjk.h"
#include "fayan/i18n.h"
#include "fayan/shape.h"
#include "parse_priv.h"

#define JOIN_MIN_CHARS 16 /* a shorter line without punctuation is never rejoined */

/* A count or length of the model as stored (32 bits). DOC_MAX_BYTES and
 * DOC_MAX_GROWTH bound every one of them (doc.h), so this never fails. */
static uint32_t para_len(size_t n)
{
	if (n > UINT32_MAX)
		fatal(EXIT_TROUBLE, _("internal error: %zu does not fit the model's 32 bits"), n);
	return (uint32_t)n;
}

static void add_piece(struct parse *p, size_t text_off, size_t src_off, size_t len)
{
	if (len == 0)
		return;
	if (p->npool == p->pool_cap) /* cannot happen: the pool is sized up front */
		fatal(EXIT_TROUBLE, _("internal error: piece pool exhausted"));
	p->pool[p->npool++] = (struct piece){para_len(text_off), para_len(src_off), para_len(len)};
}

/* Append one fragment to b, sanitizing controls; pieces map the unchanged runs. */
static void append_fragment(struct parse *p, struct buf *b, const struct span *sp)
{
	const char *s = p->a->src + sp->off;
	size_t len = sp->len, run = 0, off = 0, n;

	while (off < len) {
		n = text_control_len(s + off, len - off);
		if (!n) {
			off++;
			continue;
		}
		add_piece(p, b->len, sp->off + run, off - run);
		buf_add(b, s + run, off - run);
		{
			size_t olen;
			char *t = text_sanitize(s + off, n, false, &olen);

			buf_add(b, t, olen);
			free(t);
		}
		off += n;
		run = off;
	}
	add_piece(p, b->len, sp->off + run, len - run);
	buf_add(b, s + run, len - run);
}

/* Whether none of the fragments frag[0..n) holds a control character. */
static bool fragments_clean(const struct parse *p, const struct span *frag, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (has_controls(p, p->a->src + frag[k].off, frag[k].len))
			return false;
	return true;
}

/* Rejoin fragments frag[0..n) (n >= 2, free of controls) where the first one
 * lies: each later fragment is moved left to follow the previous one. Only blank
 * lines and line ends lie between fragments, and at least one byte of them, so
 * the joined text (with a space between two ASCII letters or digits) never
 * reaches past the last fragment's end, where a NUL is written. Pieces record
 * where each fragment now lies in the source. Returns the joined length. */
static size_t join_in_place(struct parse *p, const struct span *frag, size_t n)
{
	char *dst = p->a->src + frag[0].off;
	size_t len = frag[0].len;

	add_piece(p, 0, frag[0].off, len);
	for (size_t k = 1; k < n; k++) {
		if (cjk_is_ascii_alnum(dst[len - 1]) && cjk_is_ascii_alnum(p->a->src[frag[k].off]))
			dst[len++] = ' ';
		memmove(dst + len, p->a->src + frag[k].off, frag[k].len);
		add_piece(p, len, frag[0].off + len, frag[k].len);
		len += frag[k].len;
	}
	dst[len] = '\0';
	return len;
}

static size_t lead_of(const char *s, size_t len)
{
	const char *e = cjk_find(s, len, "。", 3);

	return e ? (size_t)(e - s) + 3 : 0;
}

/* Whether the fragment at f, a line of p->lines, continues on the next
 * line: a paragraph the printed page's column or page break split. Only
 * speech is rejoined, and only after a line that does not end a sentence
 * and is long enough to have been cut by the column (a short line without
 * a sentence end is a sub-heading or a label). */
static bool joins_next(const struct parse *p, const struct span *f)
{
	const char *s = p->a->src + f->off;

	if (p->printed && !p->no_join) {
		/* Text copied from a printed page, one printed line a line: a
		 * full line goes on into the next unless that one is indented
		 * (or, where the page has no indents, unless a sentence ends). */
		size_t n = cjk_count_chars(s, f->len, p->printed + 2);

		if (p->kind[f - p->lines] != PARA_TEXT || p->kind[f + 1 - p->lines] != PARA_TEXT ||
		    n + 1 < p->printed || f[1].indent)
			return false;
		return p->indents || !cjk_ends_sentence(s, f->len);
	}
	if (p->no_join || cjk_ends_sentence(s, f->len) ||
	    (cjk_at_most_chars(s, f->len, JOIN_MIN_CHARS) && !shape_has_punct(s, f->len)))
		return false;
	return !p->kind || (p->kind[f - p->lines] == PARA_TEXT && p->kind[f + 1 - p->lines] == PARA_TEXT);
}

/* Turn fragments frag[0..n) into paragraphs, rejoining page-break splits; returns the count. */
size_t rejoin_fragments(struct parse *p, const struct span *frag, size_t n, struct para **out)
{
	struct article *a = p->a;
	struct para *paras = p->paras + p->nparas;
	size_t np = 0;

	if (n > p->paras_cap - p->nparas) /* cannot happen: a paragraph takes a line or more */
		fatal(EXIT_TROUBLE, _("internal error: paragraph store exhausted"));
	memset(paras, 0, n * sizeof *paras);

	for (size_t i = 0; i < n;) {
		size_t j = i;
		struct para *pa = &paras[np++];
		const char *s = a->src + frag[i].off;
		size_t first = p->npool, len;

		while (j + 1 < n && joins_next(p, frag + j))
			j++;
		a->rejoined += j - i;
		if (j == i && !has_controls(p, s, frag[i].len) &&
		    (frag[i].off + frag[i].len == a->src_len || s[frag[i].len] == '\n' ||
		     s[frag[i].len] == '\r' || s[frag[i].len] == ' ' || s[frag[i].len] == '\t' ||
		     s[frag[i].len] == '\0')) {
			a->src[frag[i].off + frag[i].len] = '\0';
			pa->text = s;
			pa->len = para_len(frag[i].len);
			pa->owned = false;
			add_piece(p, 0, frag[i].off, frag[i].len);
		} else if (j > i && fragments_clean(p, frag + i, j - i + 1) && nul_fits(a, frag[j].off + frag[j].len)) {
			/* In place, unless the last fragment ends inside a line (a
			 * run-on speech cut out of it), where the NUL would fall on
			 * the next one's first byte: then copied below. */
			pa->text = s;
			pa->len = para_len(join_in_place(p, frag + i, j - i + 1));
			pa->owned = false;
		} else {
			struct buf b;

			buf_init(&b);
			for (size_t k = i; k <= j; k++) {
				if (k > i && b.len && cjk_is_ascii_alnum(b.data[b.len - 1]) &&
				    cjk_is_ascii_alnum(a->src[frag[k].off]))
					buf_addc(&b, ' ');
				append_fragment(p, &b, &frag[k]);
			}
			pa->text = buf_take(&b, &len);
			pa->len = para_len(len);
			pa->owned = true;
		}
		pa->pieces = p->pool + first;
		pa->npieces = para_len(p->npool - first);
		pa->lead_len = p->stripping ? 0 : para_len(lead_of(pa->text, pa->len));
		pa->fold = rejoin_plain(p, frag + i, j - i + 1) ? PARA_FOLD_SELF : PARA_FOLD_UNKNOWN;
		pa->kind = p->kind ? p->kind[frag + i - p->lines] : PARA_TEXT;
		i = j + 1;
	}
	p->nparas += np;
	*out = np ? paras : NULL;
	return np;
}


/* Paragraphs of lines [from, to) into *paras. */
size_t rejoin_lines(struct parse *p, size_t from, size_t to, struct para **paras)
{
	if (from >= to) {
		*paras = NULL;
		return 0;
	}
	return rejoin_fragments(p, p->lines + from, to - from, paras);
}
