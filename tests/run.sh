#!/bin/sh
# Run every test suite against the build in $1 (default: build) and print one
# closing line "N passed, N failed". Exits non-zero if any test failed.
build=${1:-build}
export FAYAN="$build/fayan"
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
	suite "$t"
done
[ -x tests/cli/run.sh ] && suite tests/cli/run.sh "$build/fayan"
[ -x "$build/tests/e2e" ] && suite "$build/tests/e2e"

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
