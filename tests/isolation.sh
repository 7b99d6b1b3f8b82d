#!/bin/sh
# The tests never read the user's own files. A hostile home (a themes file
# that removes a built-in theme, another with a bad line under
# XDG_CONFIG_HOME, and garbage where the reading positions are kept) must
# make test_count fail when it is run there directly, and leave tests/run.sh
# passing when it is run from there. Reports in TAP.
# Usage: tests/isolation.sh [BUILD]
build=${1:-build}
h=$(mktemp -d "${TMPDIR:-/tmp}/fayan-hostile.XXXXXX") || exit 2
trap 'rm -rf "$h"' EXIT
mkdir -p "$h/home/.config/fayan" "$h/home/.local/state/fayan" "$h/xdg/fayan" "$h/state/fayan"
printf -- '-疫情防控\n' >"$h/home/.config/fayan/themes"
printf '疫情防控: 马东亮\nno colon here\n' >"$h/xdg/fayan/themes"
for d in "$h/home/.local/state/fayan" "$h/state/fayan"; do
	printf 'garbage\n\377\n' >"$d/positions"
done
n=0

# check DESCRIPTION COMMAND...: "ok" if the command succeeds, else "not ok"
# with what it printed as diagnostics.
check() {
	why=$1
	shift
	n=$((n + 1))
	if "$@" >"$h/out" 2>&1; then
		echo "ok $n - $why"
	else
		echo "not ok $n - $why"
		tail -20 "$h/out" | sed 's/^/# /'
	fi
}

# The hostile files are read where nothing isolates them.
fails_alone() {
	! env -u XDG_CONFIG_HOME HOME="$h/home" "$build/tests/test_count" &&
		! env HOME="$h/home" XDG_CONFIG_HOME="$h/xdg" "$build/tests/test_count"
}
check "a hostile home makes test_count fail when run alone" fails_alone

# tests/run.sh, started from that home, does not read them.
passes_isolated() {
	env HOME="$h/home" XDG_CONFIG_HOME="$h/xdg" XDG_STATE_HOME="$h/state" \
		tests/run.sh "$build" test_count test_themes cli >"$h/run" 2>&1
	rc=$?
	cat "$h/run"
	[ $rc -eq 0 ] && tail -1 "$h/run" | grep -Eq '^[1-9][0-9]* passed, 0 failed$'
}
check "tests/run.sh ignores a hostile home" passes_isolated

echo "1..$n"
