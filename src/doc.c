/* doc.c: the collection of articles: sections numbered across it, appending,
 * stripping an article to what the reports need, freeing; and the chunks
 * of huge pages that large archives' sources are cut from. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "doc_priv.h"
#include "fayan/fold.h"
#include "fayan/i18n.h"
#include "fayan/text.h"

/* ---- the collection ---- */

void doc_init(struct doc *d)
{
	memset(d, 0, sizeof *d);
}

struct doc_mem *doc_mem(struct doc *d)
{
	if (!d->mem) {
		d->mem = xcalloc(1, sizeof *d->mem);
		d->mem->chunk_from = DOC_CHUNK_FROM;
	}
	return d->mem;
}

void doc_set_chunk_from(struct doc *d, size_t bytes)
{
	doc_mem(d)->chunk_from = bytes;
}

bool doc_has_chunks(const struct doc *d)
{
	return d->mem && d->mem->chunks;
}

enum { HUGE_PAGE = 2 << 20 };

/* n bytes for a file's source from the doc's chunks, or NULL if the doc is
 * not yet large enough for them (the caller mallocs). A chunk is mapped on a
 * 2 MiB boundary and advised as huge pages: one fault per 2 MiB instead of
 * one per 4 KiB; where huge pages are off, it is plain memory. */
char *doc_chunk_alloc(struct doc *d, size_t n)
{
	struct doc_mem *mem = doc_mem(d);
	struct doc_chunk *c = mem->chunks;
	size_t need = (n + 15) & ~(size_t)15;

	if (mem->read_bytes < mem->chunk_from)
		return NULL;
	if (!c || c->size - c->used < need) {
		size_t size = need + sizeof *c > DOC_CHUNK_BYTES ? need + sizeof *c : DOC_CHUNK_BYTES;
		char *m;

		size = (size + HUGE_PAGE - 1) & ~(size_t)(HUGE_PAGE - 1);
		m = mmap(NULL, size + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (m == MAP_FAILED)
			return NULL;
		/* Keep the 2 MiB-aligned part. */
		uintptr_t at = ((uintptr_t)m + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
		size_t head = at - (uintptr_t)m;

		if (head)
			munmap(m, head);
		if (HUGE_PAGE - head)
			munmap((char *)at + size, HUGE_PAGE - head);
#ifdef MADV_HUGEPAGE
		madvise((void *)at, size, MADV_HUGEPAGE);
#endif
		c = (struct doc_chunk *)at;
		c->next = mem->chunks;
		c->size = size;
		c->used = (sizeof *c + 15) & ~(size_t)15;
		mem->chunks = c;
	}
	char *p = (char *)c + c->used;

	c->used += need;
	return p;
}

/* Free src[..] of an article unless it lies in a chunk. */
void doc_src_free(char *src, bool chunked)
{
	if (!chunked)
		free(src);
}

/* Whether s lies in the article's source (and goes with it). */
static bool in_src(const struct article *a, const char *s)
{
	uintptr_t p = (uintptr_t)s, lo = (uintptr_t)a->src;

	return s && p >= lo && p <= lo + a->src_len;
}

/* Free a string of the article unless it lies in the source. */
static void str_free(const struct article *a, char *s)
{
	if (s && !in_src(a, s))
		free(s);
}

static void para_free(struct para *p)
{
	if (p->owned)
		free((char *)p->text);
}

/* The strings of a section that stripping keeps, in the order they are
 * packed: the title before the place, in whose allocation it lies. */
#define KEPT_STRS 6
enum { KEPT_TOPIC, KEPT_HEADLINE, KEPT_BYLINE, KEPT_TITLE, KEPT_PLACE, KEPT_NAME };

static void kept_strs(struct section *s, char **v[KEPT_STRS])
{
	v[KEPT_TOPIC] = &s->topic;
	v[KEPT_HEADLINE] = &s->headline;
	v[KEPT_BYLINE] = &s->speaker.byline;
	v[KEPT_TITLE] = &s->speaker.title;
	v[KEPT_PLACE] = &s->speaker.place;
	v[KEPT_NAME] = &s->speaker.name;
}

/* Copy string *s of n bytes (its NUL aside) to *at and point *s there;
 * free the old copy if owned and not in the source. */
static void pack_str(const struct article *a, char **s, size_t n, char **at, bool owned)
{
	if (!*s)
		return;
	memcpy(*at, *s, n + 1);
	if (owned && !in_src(a, *s))
		free(*s);
	*s = *at;
	*at += n + 1;
}

static size_t str_len(const char *s)
{
	return s ? strlen(s) : 0;
}

static size_t str_size(const char *s)
{
	return s ? strlen(s) + 1 : 0;
}

/* Keep of article a only what the reports that show no paragraph need (see
 * struct article's stripped), in one block that becomes its src: the
 * sections, the article, every string of the sections and the
 * article's name, title, editor and trailer. The block comes from d's
 * chunks once d has read enough (one fault per 2 MiB, not per 4 KiB), else
 * from malloc. Returns where the article now is; a is freed. */
struct article *doc_strip_article(struct doc *d, struct article *a)
{
	const size_t align = _Alignof(struct article);
	/* The sections, the article itself, then the strings. */
	size_t self = (a->nsections * sizeof *a->sections + align - 1) / align * align;
	size_t need = self + sizeof *a;
	size_t few[8 * KEPT_STRS], *len = few; /* each kept string's length, measured once */
	char *block, *at;
	bool chunked;
	struct article *moved;

	if (a->nsections > sizeof few / sizeof *few / KEPT_STRS)
		len = xmalloc(a->nsections * KEPT_STRS * sizeof *len);
	need += str_size(a->title) + str_size(a->editor) + str_size(a->trailer) + str_size(a->name) +
		str_size(a->kicker) + str_size(a->subtitle);
	for (size_t i = 0; i < a->nsections; i++) {
		char **v[KEPT_STRS];

		kept_strs(&a->sections[i], v);
		for (size_t k = 0; k < KEPT_STRS; k++) {
			len[i * KEPT_STRS + k] = str_len(*v[k]);
			need += *v[k] ? len[i * KEPT_STRS + k] + 1 : 0;
		}
	}
	block = doc_chunk_alloc(d, need);
	chunked = block != NULL;
	if (!block)
		block = xmalloc(need);
	at = block + self + sizeof *a;
	for (size_t i = 0; a->intro && i < a->nintro; i++)
		para_free(&a->intro[i]);
	a->intro = NULL;
	for (size_t i = 0; i < a->nsections; i++) {
		struct section *s = &a->sections[i];
		char **v[KEPT_STRS];

		for (size_t j = 0; s->paras && j < s->npara; j++)
			para_free(&s->paras[j]);
		s->paras = NULL;
		kept_strs(s, v);
		for (size_t k = 0; k < KEPT_STRS; k++)
			pack_str(a, v[k], len[i * KEPT_STRS + k], &at, k != KEPT_TITLE);
	}
	if (len != few)
		free(len);
	pack_str(a, &a->title, str_len(a->title), &at, true);
	pack_str(a, &a->editor, str_len(a->editor), &at, true);
	pack_str(a, &a->trailer, str_len(a->trailer), &at, true);
	pack_str(a, &a->kicker, str_len(a->kicker), &at, true);
	pack_str(a, &a->subtitle, str_len(a->subtitle), &at, true);
	pack_str(a, &a->name, str_len(a->name), &at, true);
	if (a->nsections)
		memcpy(block, a->sections, a->nsections * sizeof *a->sections);
	free(a->sections);
	a->sections = a->nsections ? (struct section *)block : NULL;
	free(a->piece_store);
	free(a->para_store);
	a->piece_store = NULL;
	a->para_store = NULL;
	doc_src_free(a->src, a->src_chunked);
	a->src = block;
	a->src_len = need;
	a->src_chunked = chunked;
	a->stripped = true;
	/* The article too, so that an archive's worth of them do not sit
	 * between what the next files allocate and free (each of the heap's
	 * pages that this pushed up was a fault). */
	moved = (struct article *)(block + self);
	*moved = *a;
	for (size_t i = 0; i < moved->nsections; i++)
		moved->sections[i].article = moved;
	free(a);
	return moved;
}

void doc_article_free(struct article *a)
{
	for (size_t i = 0; a->intro && i < a->nintro; i++)
		para_free(&a->intro[i]);
	for (size_t i = 0; i < a->nsections; i++) {
		struct section *s = &a->sections[i];

		str_free(a, s->topic);
		str_free(a, s->headline);
		str_free(a, s->speaker.byline);
		str_free(a, s->speaker.place); /* and the title, which shares its allocation */
		str_free(a, s->speaker.name);
		for (size_t j = 0; s->paras && j < s->npara; j++)
			para_free(&s->paras[j]);
	}
	if (!in_src(a, (char *)a->sections))
		free(a->sections);
	for (size_t i = 0; i < a->nwarnings; i++)
		free(a->warnings[i]);
	free(a->warnings);
	free(a->piece_store);
	free(a->para_store);
	str_free(a, a->name);
	str_free(a, a->title);
	str_free(a, a->editor);
	str_free(a, a->trailer);
	str_free(a, a->kicker);
	str_free(a, a->subtitle);
	free(a->why_empty);

	char *src = a->src;
	bool chunked = a->src_chunked;

	if (!a->stripped)
		free(a);
	doc_src_free(src, chunked); /* and a, which a stripped article's block holds */
}

void doc_free(struct doc *d)
{
	for (size_t i = 0; i < d->narticles; i++)
		doc_article_free(d->articles[i]);
	free(d->articles);
	free(d->sections);
	while (d->mem && d->mem->chunks) {
		struct doc_chunk *c = d->mem->chunks;

		d->mem->chunks = c->next;
		munmap(c, c->size);
	}
	if (d->mem)
		free(d->mem->readbuf);
	free(d->mem);
	doc_init(d);
}

/* The name an article is shown under: a file name may hold any byte but '/'
 * and NUL, so invalid UTF-8 becomes U+FFFD and controls are made visible. */
char *doc_clean_name(const char *name)
{
	size_t len;

	return text_sanitize_take(text_repair_utf8(name, strlen(name), &len));
}

/* Make room for `need` elements in an array that holds `have`: capacities are
 * powers of two, so adding thousands of files one by one stays linear. */
static void *grow_pow2(void *p, size_t have, size_t need, size_t size)
{
	size_t cap = 1, want = 1;

	while (have > 0 && cap < have)
		cap *= 2;
	if (have > 0 && need <= cap)
		return p;
	while (want < need)
		want *= 2;
	return xrealloc(p, want * size);
}

bool doc_para_folds_to_itself(const struct para *pa)
{
	if (pa->fold == PARA_FOLD_UNKNOWN)
		return fold_invariant(pa->text, pa->len);
	return pa->fold == PARA_FOLD_SELF;
}

void doc_find_folds(struct article *a)
{
	for (size_t i = 0; i < a->nsections; i++)
		for (size_t j = 0; j < a->sections[i].npara; j++) {
			struct para *pa = &a->sections[i].paras[j];

			if (pa->fold == PARA_FOLD_UNKNOWN)
				pa->fold = fold_invariant(pa->text, pa->len) ? PARA_FOLD_SELF : PARA_FOLD_CHANGES;
		}
}

/* Append parsed article a to d, its sections numbered after d's; a is d's
 * from here on (freed if it does not fit). */
int doc_append_article(struct doc *d, struct article *a, const char *shown, struct fy_err *err)
{
	if (a->nsections > DOC_MAX_SECTIONS - d->nsections) {
		doc_article_free(a);
		return err_set(err, _("%s: too many sections (the limit is %d in all)"), shown, DOC_MAX_SECTIONS);
	}
	d->articles = grow_pow2(d->articles, d->narticles, d->narticles + 1, sizeof *d->articles);
	d->articles[d->narticles++] = a;
	d->sections = grow_pow2(d->sections, d->nsections, d->nsections + a->nsections, sizeof *d->sections);
	for (size_t i = 0; i < a->nsections; i++) {
		a->sections[i].number = d->nsections + 1;
		d->sections[d->nsections++] = &a->sections[i];
	}
	return 0;
}

/* How an input is named in messages: "-" is standard input. */
const char *doc_shown_name(const char *name)
{
	return strcmp(name, "-") == 0 ? "(stdin)" : name;
}

