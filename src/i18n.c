/* i18n.c: which language the interface speaks, and where its catalogue is.
 * gettext looks at LC_MESSAGES's locale name and, unless that is "C", at
 * LANGUAGE first; a server that lacks the locale a client forwards leaves
 * LC_MESSAGES at "C", where gettext translates nothing, so the language is
 * read from the variable that asked for it instead. */
#include <locale.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fayan/i18n.h"

/* Whether a locale name's character set, if it names one, is UTF-8. */
static bool utf8_named(const char *locale)
{
	const char *dot = strchr(locale, '.');
	size_t n;

	if (!dot)
		return true;
	n = strcspn(dot + 1, "@");
	return (n == 5 && !strncasecmp(dot + 1, "utf-8", 5)) || (n == 4 && !strncasecmp(dot + 1, "utf8", 4));
}

size_t i18n_language(const char *locale, char *buf, size_t size)
{
	size_t n = locale ? strcspn(locale, ".@") : 0;

	if (size)
		buf[0] = '\0';
	if (n == 0 || n >= size || !strcmp(locale, "POSIX") || (n == 1 && locale[0] == 'C') || !utf8_named(locale))
		return 0;
	memcpy(buf, locale, n);
	buf[n] = '\0';
	return n;
}

const char *i18n_plural(struct i18n_plural *p, size_t n)
{
	if (n >= I18N_PLURAL_MEMO)
		return ngettext(p->one, p->many, n);
	if (!p->form[n])
		p->form[n] = ngettext(p->one, p->many, n);
	return p->form[n];
}

const char *i18n_asked(const char *category)
{
	const char *const vars[] = { "LC_ALL", category, "LANG" };

	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);

		if (v && v[0])
			return v;
	}
	return NULL;
}

void i18n_init(const char *localedir)
{
	const char *dir = getenv("FAYAN_LOCALEDIR");

	if (!setlocale(LC_MESSAGES, "")) {
		const char *language = getenv("LANGUAGE");
		char lang[64];

		if ((!language || !language[0]) && i18n_language(i18n_asked("LC_MESSAGES"), lang, sizeof lang))
			setenv("LANGUAGE", lang, 1);
		setlocale(LC_MESSAGES, "C.UTF-8");
	}
	bindtextdomain(I18N_DOMAIN, dir && dir[0] ? dir : localedir);
	/* Every string fayan handles is UTF-8, whatever the locale's charset. */
	bind_textdomain_codeset(I18N_DOMAIN, "UTF-8");
	textdomain(I18N_DOMAIN);
}
