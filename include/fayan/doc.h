/* doc.h: the article model and the parser for 发言摘登 (speech-excerpt) articles.
 * A `struct doc` is a collection of articles, one per input; sections are
 * numbered 1..n across the whole collection. All strings are valid UTF-8,
 * NUL-terminated and free of control characters (see text_sanitize). */
#ifndef FAYAN_DOC_H
#define FAYAN_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fayan/util.h"

/* Limits, documented in fayan(1). */
#define DOC_MAX_BYTES ((size_t)64 << 20) /* largest input file */
#define DOC_MAX_SECTIONS 100000          /* most sections in one collection */

/* Offsets and lengths in paragraphs and pieces are 32-bit, which keeps the
 * model small for large archives. They fit: a source is at most DOC_MAX_BYTES
 * before repair and three times that after (--force makes each invalid byte a
 * U+FFFD), and a paragraph's text at most four times its source bytes (a C1
 * control of two bytes is shown as "<U+0080>"). */
#define DOC_MAX_GROWTH 4 /* most bytes of text per byte of input */
_Static_assert(DOC_MAX_BYTES <= UINT32_MAX / DOC_MAX_GROWTH,
	       "paragraph and piece offsets of the largest input fit in 32 bits");

/* Where a run of paragraph text came from: text[text_off, text_off+len) equals
 * the article's src[src_off, src_off+len). A rejoined paragraph has one piece
 * per printed fragment; it is rejoined in place, so for its later fragments
 * src_off is where the fragment now lies in src (moved left over the blank
 * lines before it), a few bytes before where it was read. */
struct piece {
	uint32_t text_off;
	uint32_t src_off;
	uint32_t len;
};

/* A paragraph as the reader sees it, page-break fragments rejoined. */
struct para {
	const char *text; /* NUL-terminated; points into the source or is owned */
	struct piece *pieces;
	uint32_t len;      /* bytes */
	uint32_t lead_len; /* bytes of the lead sentence, through its first 。, or 0 if none
			    * (or if the article is stripped: doc_opts.strip) */
	uint32_t npieces;
	bool owned; /* text is the paragraph's own allocation */
	/* fold_invariant(text, len) (enum para_fold): set by the parser where
	 * the source's scan shows the paragraph's lines hold nothing that folds
	 * to something else, else found at the first search that reads it, so
	 * that a document only read or listed never pays for it. */
	uint8_t fold;
	uint8_t kind; /* enum para_kind */
};

/* What a paragraph is: the speech, or a line printed with it that is not
 * speech (a credit, a reporter line, a caption, a label), or a question put
 * to the speaker in a dialogue. Only text is ever rejoined. */
enum para_kind {
	PARA_TEXT,
	PARA_NOTE,
	PARA_QUESTION,
};

enum para_fold {
	PARA_FOLD_UNKNOWN, /* not looked at yet */
	PARA_FOLD_SELF,    /* folds to itself: search matches the text as is */
	PARA_FOLD_CHANGES, /* folding changes it */
};

/* Who speaks, as printed in the byline and split into fields ("" when absent). */
struct speaker {
	char *byline; /* the byline as printed, separators normalised to one space */
	char *place;  /* 新郑市城关乡 */
	char *title;  /* 党委书记 */
	char *name;   /* 马东亮 */
};

struct article;

/* A string of a section, in reading order: where a filter's hit is
 * (struct filter_hit) and what a laid-out line shows (enum layout_kind,
 * which adds the blank line between them). */
enum section_field {
	FIELD_TOPIC,    /* section->topic */
	FIELD_HEADLINE, /* section->headline */
	FIELD_BYLINE,   /* section->speaker.byline */
	FIELD_PARA,     /* section->paras[para].text */
};

struct section {
	size_t number;   /* 1-based, across the collection */
	char *topic;     /* first line of a two-line headline, or NULL */
	char *headline;  /* "" when the article has no headlines */
	struct speaker speaker;
	struct para *paras;
	size_t npara;
	size_t src_off;  /* byte offset of the section's first line in the source */
	size_t line;     /* 1-based source line of that first line */
	struct article *article;
	/* fold_invariant() of topic, headline and speaker.byline, set by the
	 * parser: search matches them as they are (false: not known) */
	bool topic_invariant;
	bool headline_invariant;
	bool byline_invariant;
};

struct article {
	char *name;      /* as given on the command line, "-" shown as "(stdin)", built-in: "(built-in)" */
	char *src;       /* the whole input after BOM removal (and repair with --force); owned.
			  * Paragraphs, headlines and (when printed in normal form) bylines
			  * and names point into it: the line end (LF/CR) or trailing blank
			  * after each is overwritten with NUL, and the fragments of a
			  * rejoined paragraph are moved together over the blank lines. */
	size_t src_len;
	bool src_chunked; /* src lies in one of the doc's chunks (struct doc), or in its
			   * read buffer until stripped: not malloc'd */
	char *title;     /* "" if none */
	char *kicker;    /* a line above the title (引题), or NULL */
	char *subtitle;  /* a line below the title (副题, often opening with ——), or NULL */
	const char *layout; /* how the sections are laid out, in words, for --check (static) */
	const char *encoding; /* the encoding the file was converted from, else NULL (UTF-8) */
	uint64_t key;         /* state_key() of the bytes as read (doc_opts.key), else 0 */
	struct para *intro;
	size_t nintro;
	char *editor;    /* an editor's line closing the intro (——编  者), or NULL */
	char *trailer;   /* a line after the last section (（记者 ... 整理）), or NULL */
	struct section *sections;
	size_t nsections;
	size_t rejoined; /* page-break fragments rejoined */
	char **warnings; /* one-line notes for --check, "line N: ..." */
	size_t nwarnings;
	/* Only what --check and --list report was kept (doc_opts.strip):
	 * intro and every section's paras are NULL, nintro and npara still
	 * count them, and src is one block holding the sections, the article
	 * itself and every string kept. */
	bool stripped;
	/* A number no other article read in this process has, given as it is
	 * parsed: readers that keep data of their own for each article
	 * (doc_opts.parsed) find it by this, as stripping moves the article. */
	uint64_t id;
	char *why_empty; /* when nsections == 0: why no section was found */
	struct piece *piece_store; /* one allocation holding every para's pieces (internal) */
	struct para *para_store;   /* one allocation holding the intro's and every section's paras (internal) */
};

struct doc_mem;

struct doc {
	struct article **articles;
	size_t narticles;
	struct section **sections; /* all sections in order; sections[i]->number == i+1 */
	size_t nsections;
	struct doc_mem *mem; /* the memory the sources are read into (the model's own), or NULL */
};

struct doc_opts {
	bool force; /* continue past invalid UTF-8, showing U+FFFD */
	/* Called on each article as soon as it is parsed, in the thread that
	 * parsed it (0..threads-1 of doc_add_files; 0 elsewhere), before its
	 * sections are numbered: the command line counts a filter's hits there,
	 * while the paragraphs are still at hand, keeping what it found under
	 * a->id. */
	void (*parsed)(struct article *a, unsigned thread, void *ctx);
	void *ctx;
	/* Then strip each article (struct article's stripped): for the
	 * reports that show no paragraph (--check, --list, --themes), so that
	 * 100 MB of files need not stay in memory. */
	bool strip;
	/* Key each article on its bytes as read, before any parsing (struct
	 * article's key): for the reading positions, which must not move when
	 * the parser changes. */
	bool key;
	/* Find for each paragraph whether it folds to itself (struct para's
	 * fold), in the thread that parsed it: for readers that will filter
	 * the paragraphs, which read the model and never write it. */
	bool folds;
	/* Read every input as this encoding ("GB18030", "GBK", "BIG5", ...;
	 * NULL or "UTF-8": UTF-8, or GB18030 where the file is not UTF-8). */
	const char *encoding;
};

void doc_init(struct doc *d);
void doc_free(struct doc *d);

/* Parse `len` bytes named `name` and append the article; the bytes are copied.
 * Returns 0, or -1 with err filled ("NAME: invalid UTF-8 at byte 17"; byte
 * offsets are 0-based into the given bytes, before BOM removal). */
int doc_add_buffer(struct doc *d, const char *name, const char *data, size_t len,
		   const struct doc_opts *opts, struct fy_err *err);

/* Read and parse a file ("-" is standard input, read whatever it is; any
 * other path must be a regular file, else "PATH: not a regular file", found
 * without blocking). Returns 0 or -1 with err filled. */
int doc_add_file(struct doc *d, const char *path, const struct doc_opts *opts, struct fy_err *err);

/* Read and parse files paths[0..n) into d as doc_add_file would one after
 * another, stopping at the first that fails, with the same result and message:
 * with up to `threads` threads reading and parsing ahead (1: in this thread).
 * "-" named twice is read in order. Returns 0 or -1 with err filled. */
int doc_add_files(struct doc *d, char *const *paths, size_t n, const struct doc_opts *opts, unsigned threads,
		  struct fy_err *err);

/* Check, without reading it, that `path` can be opened and is not a directory,
 * an empty file or a file over DOC_MAX_BYTES, with the message doc_add_file
 * would give. Returns 1 for a regular file that can be read later, 0 for what
 * must be read now if at all ("-", a pipe, a device: reading refuses the last
 * two at once), -1 with err filled. */
int doc_probe_file(const char *path, struct fy_err *err);

/* Whether paragraph pa folds to itself (fold_invariant): from pa->fold where
 * the parser found it (doc_opts.folds), else by looking. */
bool doc_para_folds_to_itself(const struct para *pa);

/* Read sources into chunks of huge pages once `bytes` of files have been
 * read (4 MiB unless set; SIZE_MAX: never): for tests of both ways. */
void doc_set_chunk_from(struct doc *d, size_t bytes);

/* Whether some source of d lies in its chunks. */
bool doc_has_chunks(const struct doc *d);

/* Append the built-in article (the seed compiled into the binary). */
void doc_add_builtin(struct doc *d);

/* The built-in article's bytes. */
const char *doc_builtin_data(size_t *len);

#endif
