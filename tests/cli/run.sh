#!/bin/sh
# CLI tests: run fayan with arguments and compare stdout, stderr and the exit
# status exactly with the files in tests/cli/expected/. Reports in TAP: a line
# "ok N - NAME" or "not ok N - NAME" per check, diagnostics as "# " lines,
# then the plan "1..N". Usage: tests/cli/run.sh path/to/fayan [--update]
fayan=${1:-build/fayan}
update=$2
dir=$(dirname "$0")
exp=$dir/expected
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# FAYAN_WRAP (e.g. valgrind) runs every fayan of the tests under that command.
if [ -n "$FAYAN_WRAP" ]; then
	printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$FAYAN_WRAP" "$(cd "$(dirname "$fayan")" && pwd)/$(basename "$fayan")" >"$tmp/fayan"
	chmod +x "$tmp/fayan"
	fayan=$tmp/fayan
fi
export LC_ALL=C.UTF-8
# The user's own themes file must not change the expected output.
export XDG_CONFIG_HOME="$tmp/config" HOME="$tmp/home"
pass=0
fail=0

# ok [NAME]: one check passed. bad WHY: one failed. diag: stdin as TAP diagnostics.
ok() { pass=$((pass + 1)); echo "ok $((pass + fail))${1:+ - $1}"; }
diag() { sed 's/^/# /'; }
bad() {
	fail=$((fail + 1))
	printf '%s\n' "$*" | { IFS= read -r why; echo "not ok $((pass + fail)) - $why"; diag; }
}

# case NAME RC ARGS...: stdout must equal expected/NAME.out, stderr
# expected/NAME.err (empty when that file does not exist), status RC.
case_() {
	name=$1 rc=$2
	shift 2
	"$fayan" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	got=$?
	if [ "$update" = --update ]; then
		cp "$tmp/out" "$exp/$name.out"
		if [ -s "$tmp/err" ]; then cp "$tmp/err" "$exp/$name.err"; else rm -f "$exp/$name.err"; fi
	fi
	if [ -f "$exp/$name.err" ]; then experr=$exp/$name.err; else experr=/dev/null; fi
	if [ "$got" != "$rc" ]; then
		bad "$name: exit status $got, expected $rc"; diag <"$tmp/err"
	elif ! cmp -s "$tmp/out" "$exp/$name.out"; then
		bad "$name: stdout differs"; diff "$exp/$name.out" "$tmp/out" | head -20 | diag
	elif ! cmp -s "$tmp/err" "$experr"; then
		bad "$name: stderr differs"; diag <"$tmp/err"
	else
		ok "$name"
	fi
}

# lines_ok NAME WIDTH FILE: every line at most WIDTH columns, none starting
# with closing punctuation or ending with opening punctuation.
lines_ok() {
	w=$(wc -L <"$3")
	if [ "$w" -gt "$2" ]; then bad "$1: a line is $w columns wide (> $2)"; return; fi
	if grep -nE '^(，|。|、|,|\.|;|:|!|\?|”|\))' "$3" >"$tmp/lines"; then
		bad "$1: a line starts with closing punctuation"; diag <"$tmp/lines"; return
	fi
	if grep -nE '(“|\()$' "$3" >"$tmp/lines"; then bad "$1: a line ends with opening punctuation"; diag <"$tmp/lines"; return; fi
	ok "$1"
}

. "$dir/cases.sh"

echo "1..$((pass + fail))"
echo "# cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
