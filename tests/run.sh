#!/bin/sh
# Run the test suites against the build in $1 (default: build) and print one
# closing line "N passed, N failed"; exits non-zero if any test failed.
# Usage: tests/run.sh [BUILD [SUITE...]]. A SUITE is a unit test (test_count),
# a fuzz replayer (fuzz_parse), cli, po, runner, isolation, deps, man or e2e;
# without any, all run.
#
# Every suite reports in TAP on its standard output (cmocka through
# CMOCKA_MESSAGE_OUTPUT=TAP, the fuzz replayers and the CLI tests by
# themselves): its "ok" and "not ok" lines are counted, "# SKIP" ones are not.
# A suite that exits non-zero without a "not ok" (a crash, a missing binary)
# counts as one failure (tests/runner.sh proves these rules).
#
# The tests never see the user's own files: HOME and every XDG variable name
# a fresh directory, removed at the end (tests/isolation.sh proves it).
# FAYAN_WRAP (e.g. "valgrind --error-exitcode=99 -q") runs every test binary
# and fayan itself under that command; the end-to-end tests and the tests of
# the runner and the Makefile are then skipped. FAYAN_BIN names another fayan
# to test (make check-valgrind: one linked dynamically, which valgrind can
# follow).
build=${1:-build}
[ $# -gt 0 ] && shift
only=" $* "
export FAYAN="${FAYAN_BIN:-$build/fayan}"
export LC_ALL=C.UTF-8
# English unless a test asks for another language; the catalogues are those
# of the build, not installed ones.
unset LANGUAGE LC_MESSAGES LANG
export FAYAN_LOCALEDIR="$build/locale"
export NO_COLOR=
# A user's FAYAN_AMBIWIDTH would change every wrapped line the tests expect.
unset FAYAN_AMBIWIDTH
export CMOCKA_MESSAGE_OUTPUT=TAP
fresh=$(mktemp -d "${TMPDIR:-/tmp}/fayan-test.XXXXXX") || exit 2
trap 'rm -rf "$fresh"' EXIT
export HOME="$fresh/home"
export XDG_CONFIG_HOME="$fresh/config" XDG_CONFIG_DIRS="$fresh/config-dirs"
export XDG_DATA_HOME="$fresh/data" XDG_DATA_DIRS="$fresh/data-dirs"
export XDG_STATE_HOME="$fresh/state" XDG_CACHE_HOME="$fresh/cache" XDG_RUNTIME_DIR="$fresh/runtime"
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_STATE_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
out=$fresh/out
passed=0
failed=0
ran=0

# Whether suite $1 is to run.
wanted() {
	[ "$only" = "  " ] && return 0
	case $only in *" $1 "*) return 0;; esac
	return 1
}

# suite NAME COMMAND...: run one suite, show what it printed, count its TAP results.
suite() {
	name=$1
	shift
	wanted "$name" || return 0
	echo "== $name"
	"$@" >"$out"
	rc=$?
	cat "$out"
	ran=$((ran + 1))
	results=$(grep -E '^(not )?ok( |$)' "$out" | grep -Eiv '^(not )?ok[^#]*# *skip')
	p=$(printf '%s\n' "$results" | grep -c '^ok')
	f=$(printf '%s\n' "$results" | grep -c '^not ok')
	passed=$((passed + p))
	failed=$((failed + f))
	if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
		failed=$((failed + 1))
		echo "!! $name exited with status $rc"
	fi
}

# The suites are those of the sources, so that a stale binary of a test that
# was renamed or removed does not run, and one that was not built fails.
for src in tests/unit/test_*.c; do
	n=$(basename "$src" .c)
	suite "$n" $FAYAN_WRAP "$build/tests/$n"
done
# Each fuzz target replays its saved crash inputs, its corpus and the articles.
for src in tests/fuzz/fuzz_*.c; do
	n=$(basename "$src" .c)
	suite "$n" $FAYAN_WRAP "$build/fuzz/$n" "tests/fuzz/regress/$n" "tests/fuzz/corpus/$n" seeds tests/data tests/corpus assets
done
suite cli tests/cli/run.sh "$FAYAN"
suite po tests/po.sh "$build"
if [ -z "$FAYAN_WRAP" ]; then
	suite runner tests/runner.sh
	suite isolation tests/isolation.sh "$build"
	suite deps tests/deps.sh
	suite man tests/man.sh "$build"
	suite e2e "$build/tests/e2e"
fi

if [ $ran -eq 0 ]; then
	echo "run.sh: no suite named$only" >&2
	exit 2
fi
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
