/* names.h: what Chinese personal names and posts look like, as evidence for
 * the parser: surnames, and the characters and words posts end with. None
 * of it is a gate: a byline is recognised by its shape and by the article's
 * repeated structure, and these only weigh between readings. */
#ifndef FAYAN_NAMES_H
#define FAYAN_NAMES_H

#include <stdbool.h>
#include <stddef.h>

/* Bytes of the surname that s[0..len) starts with: a compound surname (欧阳,
 * 司马, ...) or one of the common single ones; 0 if none. */
size_t names_surname_len(const char *s, size_t len);

/* Whether s[0..len) is shaped like a personal name: 2-4 hanzi (a compound
 * surname and a given name of one or two), or hanzi runs joined by a middle
 * dot (U+00B7, U+30FB: 阿依古丽·买买提), at most 16 characters. */
bool names_is_name(const char *s, size_t len);

/* How strongly s[0..len) reads as a post by its ending: 2 for a title word
 * (书记, 主任, 院长, 教授, 代表, ...), 1 for a character posts often end with
 * (人, 员, 官, 户, 生, 者, 家, ...), 0 for none. */
int names_post_end(const char *s, size_t len);

/* Where the name begins in s[0..len), a post fused with the name that ends
 * it (某某省发展改革委主任李明华): the byte offset of the best split, or 0 if
 * none reads as post + name. `sure` when a role word after the name already
 * makes it a byline: then a post need not end like one (某某学院袁直教授). */
size_t names_split_fused(const char *s, size_t len, bool sure);

#endif
