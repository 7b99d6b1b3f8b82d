/* doc_priv.h: what the files of the model (doc.c, doc_read.c and the
 * parser's, parse_priv.h) share and nothing else includes. */
#ifndef FAYAN_DOC_PRIV_H
#define FAYAN_DOC_PRIV_H

#include "fayan/doc.h"
#include "fayan/text.h"

/* A mapping that sources are cut from, never freed one by one. */
struct doc_chunk {
	struct doc_chunk *next;
	size_t size, used; /* of the mapping, this header included */
};

/* Reading 100 MB into buffers of their own cost a page fault per 4 KiB,
 * half of the time of loading it: past DOC_CHUNK_FROM bytes of files, the
 * sources are cut from chunks of DOC_CHUNK_BYTES of transparent huge pages. */
#define DOC_CHUNK_FROM ((size_t)4 << 20)
#define DOC_CHUNK_BYTES ((size_t)32 << 20)

/* The memory a doc's sources are read into. */
struct doc_mem {
	size_t chunk_from; /* files read once this many bytes have been go into chunks */
	size_t read_bytes; /* bytes of files read so far */
	struct doc_chunk *chunks;
	char *readbuf; /* where files are read that are stripped once parsed (doc_opts.strip) */
	size_t readcap;
};

/* d's memory for sources, made on first use. */
struct doc_mem *doc_mem(struct doc *d);

/* n bytes for a file's source from the doc's chunks, or NULL if the doc is
 * not yet large enough for them (the caller mallocs). */
char *doc_chunk_alloc(struct doc *d, size_t n);

/* Free src[..] of an article unless it lies in a chunk. */
void doc_src_free(char *src, bool chunked);

/* Free article a and all it owns. */
void doc_article_free(struct article *a);

/* Append parsed article a to d, its sections numbered after d's; a is d's
 * from here on (freed if it does not fit). Returns 0 or -1 with err filled. */
int doc_append_article(struct doc *d, struct article *a, const char *shown, struct fy_err *err);

/* Keep of article a only what the reports that show no paragraph need;
 * returns where the article now is (a is freed). */
struct article *doc_strip_article(struct doc *d, struct article *a);

/* The name an article is shown under, made valid and free of controls. */
char *doc_clean_name(const char *name);

/* How an input is named in messages: "-" is standard input. */
const char *doc_shown_name(const char *name);

/* Recognise the structure of a->src, whose scan is `sc`, and fill the
 * article; `stripping` if it is to be stripped once parsed (then no
 * paragraph has its lead_len). */
void doc_parse_article(struct article *a, const struct text_scan *sc, bool stripping);

/* Find for each paragraph of article a whether it folds to itself (struct
 * para's fold, doc_opts.folds). */
void doc_find_folds(struct article *a);

#endif
