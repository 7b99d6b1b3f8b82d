#!/bin/sh
# The translations against the sources: each assets/po/LANG.po passes
# `msgfmt --check`, translates every message of the template that make built
# from the sources ($BUILD/po/fayan.pot), none of them fuzzy, and keeps no
# message the sources no longer have. Reports in TAP.
# Usage: tests/po.sh [BUILD] (from the top of the source tree, after make).
build=${1:-build}
pot=$build/po/fayan.pot
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fayan-po.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
. tests/tap.sh

if [ ! -s "$pot" ]; then
	echo "not ok 1 - $pot was not built"
	echo "1..1"
	exit 1
fi
for po in assets/po/*.po; do
	if msgfmt --check -o /dev/null "$po" 2>"$tmp/err"; then ok "$po: msgfmt --check"; else bad "$po: msgfmt --check"; fi
	# msgcmp counts an untranslated or fuzzy message as missing.
	if msgcmp "$po" "$pot" 2>"$tmp/err"; then ok "$po: every message translated, none fuzzy"; else
		bad "$po: messages missing or fuzzy"; fi
	msgmerge --quiet --no-wrap -o "$tmp/merged.po" "$po" "$pot" 2>"$tmp/err"
	msgattrib --only-obsolete --no-wrap "$tmp/merged.po" >"$tmp/err" 2>&1
	if grep -q '^#~ msgid' "$tmp/err"; then bad "$po: messages the sources no longer have"; else ok "$po: no stale message"; fi
done
echo "1..$n"
