/* themes.h: named sets of terms ("疫情防控: 疫情 防控 防疫 ..."), read from the
 * compiled-in assets/themes and from the user's $XDG_CONFIG_HOME/fayan/themes.
 * File format (one theme per line; '#' comments and blank lines ignored):
 *   NAME: TERM TERM ...   define NAME (':' or '：'); in a later file this replaces
 *                         the earlier theme; twice in one file, the terms merge
 *   NAME += TERM ...      add terms to NAME, defining it if new
 *   -NAME                 remove NAME
 * Terms are separated by spaces, tabs, U+3000, '、', ',' or '，'. */
#ifndef FAYAN_THEMES_H
#define FAYAN_THEMES_H

#include <stddef.h>

#include "fayan/search.h"
#include "fayan/util.h"

/* Limits, documented in fayan(1); exceeding one is an error naming the line. */
#define THEMES_MAX 1000        /* themes in total */
#define THEMES_MAX_TERMS 500   /* terms in one theme */
#define THEMES_LINE_MAX 8192   /* bytes in one line */
#define THEMES_NAME_MAX 120    /* bytes in a theme's name */
#define THEMES_TERM_MAX 120    /* bytes in a term */

struct theme {
	char *name;
	char **terms; /* in file order, no duplicates */
	size_t nterms;
	char *origin; /* where it was (last) defined: "themes:12" or "(built-in):14" */
};

struct themes {
	struct theme *v;
	size_t n;
	char **warnings; /* "FILE:LINE: ..." for duplicates that were merged or dropped */
	size_t nwarnings;
};

void themes_init(struct themes *t);
void themes_free(struct themes *t);

/* Parse data[0..len), a themes file called `name` (used in messages), and apply
 * it to t. Returns 0 (adding any warnings to t), or -1 with err filled
 * ("NAME:12: expected 'NAME: TERM ...'") and t unchanged. */
int themes_parse(struct themes *t, const char *name, const char *data, size_t len, struct fy_err *err);

/* Apply the built-in themes (assets/themes compiled into the binary). */
void themes_load_builtin(struct themes *t);

/* Return the user's themes file, malloc'd: $XDG_CONFIG_HOME/fayan/themes when
 * that is set to an absolute path, else $HOME/.config/fayan/themes; NULL if neither. */
char *themes_user_path(void);

/* Read and apply the file at `path`. A missing file is not an error (returns 0);
 * an unreadable or invalid one returns -1 with err filled. */
int themes_load_file(struct themes *t, const char *path, struct fy_err *err);

/* The built-in themes, then the user's file. Returns 0 or -1 with err filled
 * (the built-in themes are loaded even then). */
int themes_load(struct themes *t, struct fy_err *err);

/* The theme named exactly `name`, or NULL. */
const struct theme *themes_find(const struct themes *t, const char *name);

/* Themes whose name matches `query` as a search would (folded substring, or
 * pinyin: "yqfk" and "yiqing" find 疫情防控). Stores up to `max` indices into t->v
 * in idx, in file order, an exact name match first, and returns how many
 * matched in all (may exceed max). An empty query matches every theme. */
size_t themes_pick(const struct themes *t, const char *query, size_t *idx, size_t max);

/* Resolve a theme name as --theme and the browser's -t do: the theme named
 * exactly `name`, else the one theme themes_pick finds ("yqfk"). Returns 0
 * with *out set, or an exit code with err filled: EXIT_TROUBLE when nothing
 * matches (listing the themes), EXIT_NOMATCH when several do (listing them). */
int themes_resolve(const struct themes *t, const char *name, const struct theme **out, struct fy_err *err);

/* Compile a theme's terms into a search (search_compile_terms); NULL if it has none. */
struct search *theme_search(const struct theme *th);

#endif
