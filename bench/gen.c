/* gen.c: synthetic archives of 发言摘登 articles for the benchmarks.
 *
 * Usage: gen SEED OUTDIR NFILES [MIN_BYTES]
 * Writes OUTDIR/000001.txt ... one article per file, until NFILES files are
 * written and (if given) at least MIN_BYTES bytes in all.
 * Usage: gen --one-section SEED OUTFILE
 * Writes the seed as one long section (every paragraph under the first byline),
 * a text long enough to scroll through at 80x24 in fayan and in less alike.
 *
 * Material comes from the seed article, read with fayan's own parser so that
 * the generator and the program agree on what a section is. Each synthetic
 * article copies the seed's shape: a title over two intro paragraphs, then as
 * many sections as the seed has, each a headline, a byline and a body built
 * after one of the seed's sections taken as a template: the same number of
 * paragraphs, each of the same kind (first, middle with a lead sentence, the
 * closing 下一步 one), about the same length, and split by page breaks at the
 * same relative places. Names, places, titles, headlines and sentences are
 * recombined from the seed, so the statistics stay the seed's while the text
 * varies. The output is deterministic (a fixed pseudo-random sequence). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fayan/doc.h"
#include "fayan/util.h"

/* A list of strings (owned). */
struct pool {
	char **v;
	size_t n, cap;
};

static void pool_add(struct pool *p, const char *s, size_t len)
{
	if (len == 0)
		return;
	p->v = xgrow(p->v, &p->cap, p->n + 1, sizeof *p->v);
	p->v[p->n++] = xstrndup(s, len);
}

static uint64_t rng_state = 0x5ab60398d2227b0fULL;

/* splitmix64: small, fast and the same everywhere. */
static uint64_t rng(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static size_t pick(size_t n)
{
	return n ? (size_t)(rng() % n) : 0;
}

static const char *pool_pick(const struct pool *p)
{
	return p->n ? p->v[pick(p->n)] : "";
}

/* Paragraph kinds, by position in a section. */
enum kind { K_INTRO, K_FIRST, K_MIDDLE, K_LAST, K_COUNT };

/* One paragraph of a template: its kind, length and page-break places (per mille). */
struct tpara {
	enum kind kind;
	size_t len;
	size_t nsplit;
	unsigned split[8];
};

struct tsection {
	struct tpara *p;
	size_t n;
};

struct material {
	struct pool firsts;     /* first halves of two-part headlines and of the title */
	struct pool seconds;    /* second halves */
	struct pool headlines;  /* one-part headlines */
	struct pool districts;  /* 新郑市, 中原区 ... */
	struct pool locals;     /* 城关乡, 棉纺路街道 ... */
	struct pool titles;     /* 党委书记 ... */
	struct pool surnames;   /* 马 ... */
	struct pool given;      /* single characters of given names */
	struct pool head[K_COUNT]; /* first sentences of each kind of paragraph */
	struct pool rest[K_COUNT]; /* the other sentences */
	struct tsection *sections;
	size_t nsections;
	struct tsection intro;
};

/* Length in bytes of the UTF-8 sequence starting with byte c. */
static size_t u8len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Split s into sentences ending in 。 (with a closing quote kept); a tail without one
 * joins the last sentence. */
static void add_sentences(struct pool *head, struct pool *rest, const char *s, size_t len)
{
	size_t start = 0, off = 0;
	bool first = true;

	while (off < len) {
		if (len - off >= 3 && !memcmp(s + off, "。", 3)) {
			off += 3;
			if (len - off >= 3 && !memcmp(s + off, "”", 3))
				off += 3;
			if (off == len || len - off > 6) { /* keep a short tail with its sentence */
				pool_add(first ? head : rest, s + start, off - start);
				first = false;
				start = off;
			}
			continue;
		}
		off += u8len((unsigned char)s[off]);
	}
	if (start < len) {
		struct pool *p = first ? head : rest;

		if (p->n && !first) { /* append the tail to the previous sentence */
			char *prev = p->v[p->n - 1];
			size_t pl = strlen(prev);

			p->v[p->n - 1] = xrealloc(prev, pl + len - start + 1);
			memcpy(p->v[p->n - 1] + pl, s + start, len - start);
			p->v[p->n - 1][pl + len - start] = '\0';
		} else {
			pool_add(p, s + start, len - start);
		}
	}
}

static void add_template(struct tpara *tp, enum kind k, const struct para *pa)
{
	tp->kind = k;
	tp->len = pa->len;
	tp->nsplit = 0;
	for (size_t i = 1; i < pa->npieces && tp->nsplit < 8; i++)
		tp->split[tp->nsplit++] = (unsigned)(pa->pieces[i].text_off * 1000 / pa->len);
}

/* Split "A B" at its first ASCII space into the two halves pools, else keep it whole. */
static void add_headline(struct material *m, const char *h, bool whole_ok)
{
	const char *sp = strchr(h, ' ');

	if (sp) {
		pool_add(&m->firsts, h, (size_t)(sp - h));
		pool_add(&m->seconds, sp + 1, strlen(sp + 1));
	} else if (whole_ok) {
		pool_add(&m->headlines, h, strlen(h));
	}
}

/* Split a place after its first 市, 区 or 县 into district and local part. */
static void add_place(struct material *m, const char *p)
{
	static const char *const ends[] = { "市", "区", "县", NULL };
	size_t len = strlen(p), cut = 0;

	for (size_t off = 0; off < len && !cut; off += u8len((unsigned char)p[off]))
		for (const char *const *e = ends; *e; e++)
			if (!memcmp(p + off, *e, 3) && off + 3 < len) {
				cut = off + 3;
				break;
			}
	if (cut) {
		pool_add(&m->districts, p, cut);
		pool_add(&m->locals, p + cut, len - cut);
	} else {
		pool_add(&m->locals, p, len);
	}
}

static void learn(struct material *m, const struct doc *d)
{
	const struct article *a = d->articles[0];

	add_headline(m, a->title, false);
	m->intro.n = a->nintro;
	m->intro.p = xcalloc(a->nintro ? a->nintro : 1, sizeof *m->intro.p);
	for (size_t i = 0; i < a->nintro; i++) {
		add_template(&m->intro.p[i], K_INTRO, &a->intro[i]);
		add_sentences(&m->head[K_INTRO], &m->rest[K_INTRO], a->intro[i].text, a->intro[i].len);
	}
	m->nsections = a->nsections;
	m->sections = xcalloc(a->nsections, sizeof *m->sections);
	for (size_t i = 0; i < a->nsections; i++) {
		const struct section *s = &a->sections[i];
		struct tsection *ts = &m->sections[i];
		const char *name = s->speaker.name;
		size_t nl = strlen(name);

		add_headline(m, s->headline, true);
		add_place(m, s->speaker.place);
		pool_add(&m->titles, s->speaker.title, strlen(s->speaker.title));
		pool_add(&m->surnames, name, u8len((unsigned char)name[0]));
		for (size_t off = u8len((unsigned char)name[0]); off < nl; off += 3)
			pool_add(&m->given, name + off, 3);
		ts->n = s->npara;
		ts->p = xcalloc(s->npara, sizeof *ts->p);
		for (size_t j = 0; j < s->npara; j++) {
			enum kind k = j == 0 ? K_FIRST : j + 1 == s->npara ? K_LAST : K_MIDDLE;

			add_template(&ts->p[j], k, &s->paras[j]);
			add_sentences(&m->head[k], &m->rest[k], s->paras[j].text, s->paras[j].len);
		}
	}
}

/* Whether the code point starting at s is a CJK ideograph (3-byte, U+4E00-U+9FFF). */
static bool hanzi_at(const unsigned char *s)
{
	return s[0] >= 0xE4 && s[0] <= 0xE9;
}

/* Write a paragraph after template tp, page-break fragments separated by a blank line. */
static void write_para(struct buf *out, const struct material *m, const struct tpara *tp)
{
	struct buf p;
	size_t want = tp->len * 70 / 100, prev = 0;

	buf_init(&p);
	buf_adds(&p, pool_pick(&m->head[tp->kind]));
	for (int guard = 0; p.len < want && guard < 64; guard++)
		buf_adds(&p, pool_pick(m->rest[tp->kind].n ? &m->rest[tp->kind] : &m->head[tp->kind]));
	if (!(p.len >= 3 && !memcmp(p.data + p.len - 3, "。", 3)) &&
	    !(p.len >= 6 && !memcmp(p.data + p.len - 6, "。”", 6)))
		buf_adds(&p, "。");
	for (size_t i = 0; i < tp->nsplit; i++) {
		size_t at = p.len * tp->split[i] / 1000;

		/* Break between two ideographs, as a column break does mid-sentence. */
		while (at < p.len && ((p.data[at] & 0xC0) == 0x80 ||
				      at < 3 || !hanzi_at((const unsigned char *)p.data + at - 3) ||
				      !hanzi_at((const unsigned char *)p.data + at)))
			at++;
		if (at <= prev || at + 3 > p.len)
			continue;
		buf_add(out, p.data + prev, at - prev);
		buf_adds(out, "\n\n");
		prev = at;
	}
	buf_add(out, p.data + prev, p.len - prev);
	buf_free(&p);
}

static void write_article(struct buf *out, const struct material *m, size_t nsections)
{
	buf_adds(out, "\n\n");
	buf_printf(out, "%s %s\n\n", pool_pick(&m->firsts), pool_pick(&m->seconds));
	for (size_t i = 0; i < m->intro.n; i++) {
		write_para(out, m, &m->intro.p[i]);
		buf_adds(out, "\n\n");
	}
	for (size_t k = 0; k < nsections; k++) {
		const struct tsection *ts = &m->sections[pick(m->nsections)];
		size_t ng = 1 + pick(2);

		if (m->headlines.n && pick(3) == 0)
			buf_printf(out, "%s\n\n", pool_pick(&m->headlines));
		else
			buf_printf(out, "%s %s\n\n", pool_pick(&m->firsts), pool_pick(&m->seconds));
		buf_printf(out, "%s%s%s ", pool_pick(&m->districts), pool_pick(&m->locals),
			   pool_pick(&m->titles));
		buf_adds(out, pool_pick(&m->surnames));
		for (size_t g = 0; g < ng; g++)
			buf_adds(out, pool_pick(&m->given));
		buf_adds(out, "\n\n\n\n");
		for (size_t j = 0; j < ts->n; j++) {
			write_para(out, m, &ts->p[j]);
			buf_adds(out, j + 1 < ts->n || k + 1 < nsections ? "\n\n" : "\n");
		}
	}
}

/* The reading text: the seed's title, its first headline and byline, then every
 * paragraph of every section as one long section, so that reading scrolls. */
static int write_long(const struct doc *d, const char *path)
{
	const struct article *a = d->articles[0];
	struct buf out;
	FILE *fp;

	buf_init(&out);
	buf_printf(&out, "%s\n\n%s\n\n%s\n\n", a->title, a->sections[0].headline,
		   a->sections[0].speaker.byline);
	for (size_t i = 0; i < a->nsections; i++)
		for (size_t j = 0; j < a->sections[i].npara; j++)
			buf_printf(&out, "%s\n\n", a->sections[i].paras[j].text);
	fp = fopen(path, "w");
	if (!fp || fwrite(out.data, 1, out.len, fp) != out.len || fclose(fp)) {
		fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
		return 2;
	}
	buf_free(&out);
	return 0;
}

int main(int argc, char **argv)
{
	struct doc d;
	struct fy_err err = { 0 };
	struct material m;
	size_t nfiles, total = 0, min_bytes = 0;

	if (argc == 4 && !strcmp(argv[1], "--one-section")) {
		doc_init(&d);
		if (doc_add_file(&d, argv[2], NULL, &err)) {
			fprintf(stderr, "gen: %s\n", err.msg);
			return 2;
		}
		return write_long(&d, argv[3]);
	}
	if (argc < 4 || argc > 5) {
		fputs("usage: gen SEED OUTDIR NFILES [MIN_BYTES]\n       gen --one-section SEED OUTFILE\n", stderr);
		return 2;
	}
	nfiles = strtoull(argv[3], NULL, 10);
	if (argc == 5)
		min_bytes = strtoull(argv[4], NULL, 10);
	doc_init(&d);
	if (doc_add_file(&d, argv[1], NULL, &err)) {
		fprintf(stderr, "gen: %s\n", err.msg);
		return 2;
	}
	memset(&m, 0, sizeof m);
	learn(&m, &d);
	if (mkdir(argv[2], 0777) && errno != EEXIST) {
		fprintf(stderr, "gen: %s: %s\n", argv[2], strerror(errno));
		return 2;
	}
	for (size_t f = 0; f < nfiles || total < min_bytes; f++) {
		char path[4096];
		struct buf out;
		FILE *fp;

		buf_init(&out);
		write_article(&out, &m, d.articles[0]->nsections);
		snprintf(path, sizeof path, "%s/%06zu.txt", argv[2], f + 1);
		fp = fopen(path, "w");
		if (!fp || fwrite(out.data, 1, out.len, fp) != out.len || fclose(fp)) {
			fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
			return 2;
		}
		total += out.len;
		buf_free(&out);
	}
	doc_free(&d);
	return 0;
}
