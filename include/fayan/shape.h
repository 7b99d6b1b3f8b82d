/* shape.h: what a line of a page reads as from its shape alone, the
 * parser's evidence where the genre has no markup. Each takes one line,
 * s[0..len), trimmed and without its line end. */
#ifndef FAYAN_SHAPE_H
#define FAYAN_SHAPE_H

#include <stdbool.h>
#include <stddef.h>

#define SHAPE_HEADLINE_MAX_CHARS 40 /* longest line taken as a headline */

/* Shaped as a headline: short, and not ending a sentence. */
bool shape_headline(const char *s, size_t len);

/* Whether s, its blanks left out, is one of the NULL-ended words, or one
 * and a colon (编者按：, 对话嘉宾:). */
bool shape_label(const char *s, size_t len, const char *const *words);

/* An editor's note closing the intro: ——编  者, —— 编者, ——编者按. */
bool shape_editor(const char *s, size_t len);

/* The first line of a two-line headline: short, without a sentence's
 * punctuation, not a byline. */
bool shape_topic(const char *s, size_t len);

/* Whether s holds a comma, a semicolon, a 、 or quotation marks: a short
 * line without any is a heading or a label, not a piece of a sentence. */
bool shape_has_punct(const char *s, size_t len);

/* Shaped as an article's title line. */
bool shape_title(const char *s, size_t len);

/* Wrapped in brackets: （…） or (…). */
bool shape_bracketed(const char *s, size_t len);

/* A closing line such as （记者 张三 整理）, (本报记者 ...) or 本版编辑 ... */
bool shape_trailer(const char *s, size_t len);

/* A line printed with the speeches that is not speech: a credit, a
 * reporter line, a photo or graphic caption, an 编者按 label. */
bool shape_note(const char *s, size_t len);

/* A subtitle under the title: ——“……”座谈会观点摘登. */
bool shape_subtitle(const char *s, size_t len);

/* The head of a dialogue's question: 记者：, 主持人：, 问： */
bool shape_question_head(const char *s, size_t len);

/* Offset of the colon ending the short head of a turn (NAME：…), its
 * length in *clen; 0 if there is none. */
size_t shape_turn_colon(const char *s, size_t len, size_t *clen);

/* Whether the head s[0..len) names the guest name[0..nlen), blanks inside
 * either left out (冯  帆：, 冯帆). */
bool shape_names_guest(const char *s, size_t len, const char *name, size_t nlen);

/* Bytes of a question or answer label opening s (问：, 1.问：, 答:), the
 * blanks after it included; 0 if there is none. `word` is 问 or 答. */
size_t shape_qa_label(const char *s, size_t len, const char *word);

#endif
