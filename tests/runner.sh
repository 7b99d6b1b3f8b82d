#!/bin/sh
# How tests/run.sh counts: from the TAP lines a suite prints and its exit
# status, never from console text. Each case puts a fake suite where a unit
# test's binary would be, runs run.sh on that suite alone, and checks its
# closing line and exit status. Reports in TAP. Usage: tests/runner.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fayan-runner.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/build/tests"
fake=$tmp/build/tests/test_count
n=0

# runs WHY WANT-LINE WANT-STATUS [SCRIPT]: the fake suite runs SCRIPT (sh);
# without one there is no binary.
runs() {
	n=$((n + 1))
	rm -f "$fake"
	if [ $# -gt 3 ]; then
		printf '#!/bin/sh\n%s\n' "$4" >"$fake"
		chmod +x "$fake"
	fi
	tests/run.sh "$tmp/build" test_count >"$tmp/out" 2>&1
	rc=$?
	last=$(tail -1 "$tmp/out")
	if [ "$last" = "$2" ] && [ $rc -eq "$3" ]; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1: \"$last\", status $rc"
		sed 's/^/# /' "$tmp/out"
	fi
}

runs "ok and not ok lines are counted, skips are not" "2 passed, 1 failed" 1 \
	'printf "1..4\nok 1 - a\nnot ok 2 - b\n# not ok 9 - a comment\nnot ok 3 # SKIP c\nok 4 - d\n"; exit 1'
runs "console summaries are not counted" "1 passed, 0 failed" 0 \
	'printf "[  PASSED  ] 7 test(s).\n[  FAILED  ] 2 test(s).\ncli: 5 passed, 3 failed\n1..1\nok 1 - a\n"'
runs "a crash after passing tests counts as one failure" "1 passed, 1 failed" 1 \
	'printf "1..2\nok 1 - a\n"; kill -SEGV $$'
runs "a suite that was not built counts as one failure" "0 passed, 1 failed" 1
echo "1..$n"
