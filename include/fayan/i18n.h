/* i18n.h: the interface's language. Every string a user reads is written in
 * English in the source and goes through GNU gettext (glibc's, in the text
 * domain "fayan"): _() translates it where it is used, N_() marks one in a
 * table, translated where the table is shown. Machine-readable output (JSON
 * and TSV, their field names, exit codes) is never translated. */
#ifndef FAYAN_I18N_H
#define FAYAN_I18N_H

#include <libintl.h>
#include <stddef.h>

#define I18N_DOMAIN "fayan"
#define _(s) gettext(s)
#define N_(s) s

/* A message with a count, and the forms ngettext gave it for the counts
 * below I18N_PLURAL_MEMO: a report of a line per section asks for one
 * form many times, and a call of gettext costs thousands of instructions.
 * Make one with I18N_PLURAL("%zu hit", "%zu hits"), a keyword of xgettext. */
#define I18N_PLURAL_MEMO 64
struct i18n_plural {
	const char *one, *many;
	const char *form[I18N_PLURAL_MEMO];
};
#define I18N_PLURAL(one, many) { (one), (many), { 0 } }

/* The form of p's message for count n, as ngettext gives it (looked up
 * once per count below I18N_PLURAL_MEMO). */
const char *i18n_plural(struct i18n_plural *p, size_t n);

/* The language a locale name asks for, as LANGUAGE names it: "zh_CN" for
 * "zh_CN.UTF-8", "zh_CN.utf8@x" or "zh_CN", written to buf[0..size) with
 * its NUL. Returns its length, or 0 (buf empty) for "", "C", "POSIX",
 * "C.UTF-8", a name that does not fit, and a name of another character set
 * ("zh_CN.GB18030": its terminal would show the UTF-8 of a translation as
 * garbage, and English as English). */
size_t i18n_language(const char *locale, char *buf, size_t size);

/* The locale name the environment asks for in `category` ("LC_CTYPE",
 * "LC_MESSAGES"): the first of LC_ALL, that variable and LANG that is set
 * and not empty, as setlocale reads them; NULL if none is. */
const char *i18n_asked(const char *category);

/* Set up the messages' locale and bind the text domain. Messages follow
 * LANGUAGE, LC_ALL, LC_MESSAGES and LANG; when the locale that asks for is
 * not installed (a LANG forwarded over SSH), messages still come in its
 * language: LANGUAGE, unless set, is set to that language and LC_MESSAGES
 * to C.UTF-8, under which gettext honours it. The catalogue is read from
 * FAYAN_LOCALEDIR if set and not empty (the build tree), else from
 * `localedir` (where make install puts it). */
void i18n_init(const char *localedir);

#endif
