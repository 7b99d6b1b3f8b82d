/* byline.h: recognising a byline, the line (or the head of a line) that names
 * who speaks, in each of the forms published pages use, and splitting it into
 * place, title and name. */
#ifndef FAYAN_BYLINE_H
#define FAYAN_BYLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fayan/doc.h"

#define BYLINE_MAX_CHARS 40 /* longest byline recognised, brackets and marks aside */
#define BYLINE_MAX_BYTES (BYLINE_MAX_CHARS * 4)

/* How post and name are printed. */
enum byline_form {
	BYLINE_NONE,
	BYLINE_SPACED, /* post, a blank, name: 新郑市城关乡党委书记 马东亮 */
	BYLINE_FUSED,  /* post and name with nothing between: 某某省发展改革委主任李明华 */
	BYLINE_NAMED,  /* name first, then the post in brackets or after blanks: 李明华（某某大学教授） */
	BYLINE_BARE,   /* a name and a role word alone: 赵卫东委员 */
};

/* What surrounds it on its line. */
enum byline_mark {
	BYLINE_ALONE,  /* the whole line */
	BYLINE_DASH,   /* the line ends in a dash: 李明华代表—— */
	BYLINE_ATTRIB, /* the line starts with a dash, after a speech: ——李明华代表（...） */
	BYLINE_COLON,  /* the line ends in a colon, the speech on the next line */
	BYLINE_INLINE, /* a colon, then the speech on the same line: 张三代表：今年…… */
	BYLINE_PROSE,  /* reported speech: 某某学院院长王辉表示，…… (the line is the speech) */
};

/* A byline's text, normalised (blank runs made one space). */
struct byline_text {
	char data[BYLINE_MAX_BYTES + 1];
	size_t len;
};

/* A recognised byline. Offsets are bytes into the line it was found in. */
struct byline {
	uint8_t form;     /* enum byline_form */
	uint8_t mark;     /* enum byline_mark */
	uint8_t strength; /* 1: shaped like a byline; 2: also a role word, brackets or a post's ending */
	bool padded;      /* the name is printed with blanks inside it: 程  立 */
	const char *role; /* a role or title word after the name (代表, 委员, 教授), or NULL */
	size_t start, end; /* the byline itself, dashes, colon and speech left out */
	size_t text_off;   /* BYLINE_INLINE: where the speech begins */
	size_t name_off, name_len;
	size_t post_off, post_len; /* the post as printed (brackets off), or post_len 0 */
	/* BYLINE_SPACED: the normalised byline and its parts (place/title split). */
	struct byline_text norm, rest;
	size_t last_part, nrest, norm_name_off;
	size_t place_len, title_off; /* rest[0..place_len) is the place, rest[title_off..] the title */
};

/* Recognise a byline that is the whole of line s[0..len) (trimmed), with
 * a dash before or after it or a colon closing it; false if the line is
 * none. */
bool byline_find(const char *s, size_t len, struct byline *b);

/* Recognise a byline opening line s[0..len) with a colon and the speech
 * after it (BYLINE_INLINE: 张三代表：今年……). */
bool byline_inline(const char *s, size_t len, struct byline *b);

/* Recognise reported speech in line s[0..len): a paragraph opening with
 * post, name and a verb of saying (某某学院院长王辉表示，…); the byline is
 * what precedes the verb (mark BYLINE_PROSE). */
bool byline_prose(const char *s, size_t len, struct byline *b);

/* Recognise a byline that takes the whole of s[0..len) (no dash, colon or
 * speech around it). */
bool byline_whole(const char *s, size_t len, struct byline *b);

/* Fill sp from b, found in line s[0..len), with owned strings; except that
 * when `line` is s and a NUL may go at s[len], a byline printed in normal
 * form that is the whole line, and its name, point into it. */
void byline_speaker(const struct byline *b, const char *s, size_t len, char *line, struct speaker *sp);

/* Split a post into place and title: *place_len bytes of place, the title
 * from *title_off; false if no place ending is found (then all is title). */
bool byline_split_post(const char *s, size_t len, size_t *place_len, size_t *title_off);

/* Give sp the post post[0..len) (split into place and title), with the
 * role word after it, in place of the one it has. */
void byline_set_post(struct speaker *sp, const char *post, size_t len, const char *role);

#endif
