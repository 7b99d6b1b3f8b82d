#!/bin/sh
# Run every test suite against the build in $1 (default: build) and print one
# closing line "N passed, N failed". Exits non-zero if any test failed.
# FAYAN_WRAP (e.g. "valgrind --error-exitcode=99 -q") runs every test binary
# and fayan itself under that command; the end-to-end tests are then skipped.
# FAYAN_BIN names another fayan to test (make check-valgrind: one linked
# dynamically, which valgrind can follow).
build=${1:-build}
export FAYAN="${FAYAN_BIN:-$build/fayan}"
export LC_ALL=C.UTF-8
export NO_COLOR=
unset XDG_CONFIG_HOME
export XDG_STATE_HOME="${TMPDIR:-/tmp}/fayan-test-state.$$"
passed=0
failed=0
log=$(mktemp)
trap 'rm -rf "$log" "$XDG_STATE_HOME"' EXIT

# Add the counts a suite printed, in cmocka's form or as "N passed, N failed".
count() {
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p; s/^cli: \([0-9]*\) passed.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p; s/^cli: [0-9]* passed, \([0-9]*\) failed.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
	passed=$((passed + p))
	failed=$((failed + f))
}

# Run one suite; a suite that exits non-zero without reporting a failure counts as one.
suite() {
	echo "== $*"
	"$@" >"$log" 2>&1
	rc=$?
	cat "$log"
	before=$failed
	count
	if [ $rc -ne 0 ] && [ $failed -eq $before ]; then
		failed=$((failed + 1))
		echo "!! $* exited with status $rc"
	fi
}

for t in "$build"/tests/test_*; do
	[ -x "$t" ] || continue
	case $t in *.d) continue;; esac
	suite $FAYAN_WRAP "$t"
done
# Each fuzz target replays its saved crash inputs, its corpus and the articles.
for t in "$build"/fuzz/fuzz_*; do
	[ -x "$t" ] || continue
	case $t in *.d) continue;; esac
	n=$(basename "$t")
	suite $FAYAN_WRAP "$t" "tests/fuzz/regress/$n" "tests/fuzz/corpus/$n" seeds tests/data tests/corpus assets
done
[ -x tests/cli/run.sh ] && suite tests/cli/run.sh "$FAYAN"
[ -z "$FAYAN_WRAP" ] && [ -x "$build/tests/e2e" ] && suite "$build/tests/e2e"

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
