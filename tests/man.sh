#!/bin/sh
# The Chinese man page, man/zh_CN/fayan.1, keeps in step with man/fayan.1:
# both name the same options (every .Fl) and list the same keys (the ".It
# Ic" items, read as tests/unit/test_actions.c reads them) and environment
# variables (the ".It Ev" items) in the same order; a page given one the
# other lacks is caught. `make install` installs both pages and `make
# uninstall` removes them. Reports in TAP.
# Usage: tests/man.sh [BUILD] (from the top of the source tree, after a build).
build=${1:-build}
en=man/fayan.1
zh=man/zh_CN/fayan.1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fayan-man.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
# A make of its own, not a part of the make that runs the tests.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES
. tests/tap.sh

# options PAGE: the options the page names, one a line, sorted: each
# argument of an .Fl macro with its dash ("Fl l" is -l, "Fl \-list" and
# "Fl Fl list" are --list), up to the next macro.
options() {
	awk '
	/^\./ {
		sub(/^\./, "")
		gsub(/\\&|\\f[A-Z]/, "")
		gsub(/\\-/, "-")
		n = split($0, w, /[ \t]+/)
		carry = ""
		for (i = 1; i <= n; i++) {
			if (w[i] != "Fl")
				continue
			dash = carry "-"
			carry = ""
			# .Fl with nothing after it prints a dash before the next .Fl.
			if (i == n || w[i + 1] == "Fl") {
				carry = "-"
				continue
			}
			for (j = i + 1; j <= n && w[j] !~ /^[A-Z][a-z][a-z]?$/; j++)
				if (w[j] !~ /^[,;.:()|]$/)
					print dash w[j]
		}
	}' "$1" | sort -u
}

# items MACRO PAGE: the page's ".It MACRO" items in order, one a line, each
# the item's words ("C\-f" is C-f, "\&]" is ]) separated by spaces.
items() {
	awk -v m="$1" '
	$1 == ".It" && $2 == m {
		gsub(/\\&|\\f[A-Z]/, "")
		gsub(/\\-/, "-")
		line = ""
		for (i = 3; i <= NF; i++)
			if ($i != m && $i != ",")
				line = line (line == "" ? "" : " ") $i
		print line
	}' "$2"
}

# differ WHAT A B: whether the two pages differ in WHAT: the set of options
# they name anywhere, or the list of key or environment variable items, in
# order, as a translation keeps them. What differs goes to $tmp/err.
differ() {
	case $1 in
	options)
		options "$2" >"$tmp/a"
		options "$3" >"$tmp/b"
		comm -23 "$tmp/a" "$tmp/b" | sed "s|^|only in $2: |" >"$tmp/err"
		comm -13 "$tmp/a" "$tmp/b" | sed "s|^|only in $3: |" >>"$tmp/err"
		[ -s "$tmp/err" ]
		return;;
	keys) items Ic "$2" >"$tmp/a"; items Ic "$3" >"$tmp/b";;
	env) items Ev "$2" >"$tmp/a"; items Ev "$3" >"$tmp/b";;
	esac
	! diff "$tmp/a" "$tmp/b" >"$tmp/err"
}

# has WHAT PAGE WORD...: whether the page's WHAT include every WORD (so that
# an extraction that finds nothing cannot pass).
has() {
	what=$1 page=$2
	shift 2
	case $what in
	options) options "$page" >"$tmp/a";;
	keys) items Ic "$page" | tr ' ' '\n' >"$tmp/a";;
	esac
	: >"$tmp/err"
	for w; do
		grep -qxF -- "$w" "$tmp/a" || echo "$page: no $w among its $what" >>"$tmp/err"
	done
	[ ! -s "$tmp/err" ]
}

if has options "$en" -l --list -p --print --themes --no-state -h --help -V --version &&
	has options "$zh" -l --list -p --print --themes --no-state -h --help -V --version; then
	ok "the options are read from both pages"
else
	bad "the options are read from both pages"
fi
if has keys "$en" 0 9 Enter ] '{' C-f PgDn Tab WheelUp '|' S-Tab C-g Backspace &&
	has keys "$zh" 0 9 Enter ] '{' C-f PgDn Tab WheelUp '|' S-Tab C-g Backspace; then
	ok "the keys are read from both pages"
else
	bad "the keys are read from both pages"
fi
for what in options keys env; do
	case $what in env) label="environment variables";; *) label=$what;; esac
	if differ $what "$en" "$zh"; then
		bad "both pages document the same $label"
	else
		ok "both pages document the same $label"
	fi
done

# A page that gains an option, a key or a variable the other lacks fails
# the comparison, whichever page it is.
sed '/^\.It Fl Fl no-state$/i\
.It Fl Fl bogus\
与\
.Fl Fl bogus-too\
相同。' "$zh" >"$tmp/zh-option.1"
sed '/^\.It Ic Tab$/i\
.It Ic F9\
Bogus.' "$en" >"$tmp/en-key.1"
sed 's/^\.It Ev NO_COLOR$/.It Ev NO_COLOR , BOGUS_ENV/' "$en" >"$tmp/en-env.1"
sed 's/^\.It Ic j , Down , k , Up$/.It Ic j , Down , k/' "$zh" >"$tmp/zh-nokey.1"
for t in "options $en $tmp/zh-option.1 --bogus" "options $en $tmp/zh-option.1 --bogus-too" \
	"keys $tmp/en-key.1 $zh F9" "env $tmp/en-env.1 $zh BOGUS_ENV" "keys $en $tmp/zh-nokey.1 Up"; do
	set -- $t
	# $4 as a word of what differs: "only in A: --bogus", "> F9", "< j Down k Up".
	if differ "$1" "$2" "$3" && grep -qE -- "[: ]$4( |\$)" "$tmp/err"; then
		ok "$4 in one page only is caught"
	else
		echo "no difference found" >"$tmp/err"
		bad "$4 in one page only is caught"
	fi
done

# make install puts each page where man looks for it, make uninstall
# removes them; -o keeps make from rebuilding fayan for it.
root=$tmp/root
if make -s -o "$build/fayan" install BUILD="$build" DESTDIR="$root" PREFIX=/usr >"$tmp/err" 2>&1 &&
	cmp "$en" "$root/usr/share/man/man1/fayan.1" >>"$tmp/err" 2>&1 &&
	cmp "$zh" "$root/usr/share/man/zh_CN/man1/fayan.1" >>"$tmp/err" 2>&1; then
	ok "make install installs both man pages"
else
	bad "make install installs both man pages"
fi
if make -s -o "$build/fayan" uninstall BUILD="$build" DESTDIR="$root" PREFIX=/usr >"$tmp/err" 2>&1 &&
	[ ! -e "$root/usr/share/man/man1/fayan.1" ] && [ ! -e "$root/usr/share/man/zh_CN/man1/fayan.1" ] &&
	[ ! -e "$root/usr/bin/fayan" ]; then
	ok "make uninstall removes both man pages"
else
	find "$root" -type f >>"$tmp/err"
	bad "make uninstall removes both man pages"
fi
echo "1..$n"
