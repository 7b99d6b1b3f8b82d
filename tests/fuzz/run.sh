#!/bin/sh
# Run libFuzzer targets, FUZZ_JOBS (default 2) at a time, each for FUZZ_SECONDS
# (default 60), and print one line of numbers per target. The seed corpus is
# made fresh from the seed article, the test articles and the saved inputs;
# what a run learns stays in BUILD/corpus/NAME for the next run. A crash or a
# sanitizer report fails the run and leaves BUILD/crash-NAME-*: copy that file
# into tests/fuzz/regress/NAME/ so that `make check` replays it from then on.
# Usage: tests/fuzz/run.sh BUILD TARGET-BINARY...
build=$1
shift
seconds=${FUZZ_SECONDS:-60}
jobs=${FUZZ_JOBS:-2}
top=$(dirname "$0")/../..

# Make BUILD/seed/NAME from every text the project has.
seed() {
	d=$build/seed/$1
	rm -rf "$d"
	mkdir -p "$d" "$build/corpus/$1"
	for f in "$top"/seeds/* "$top"/tests/data/* "$top"/tests/corpus/*.txt "$top"/tests/cli/*.txt "$top"/assets/* \
		"$top"/tests/fuzz/corpus/"$1"/* "$top"/tests/fuzz/regress/"$1"/*; do
		[ -f "$f" ] && cp "$f" "$d/$(echo "$f" | sed 's|.*/tests/||; s|/|_|g')"
	done
}

# Run one target in the background; its status goes to BUILD/NAME.rc.
start() {
	name=$(basename "$1")
	seed "$name"
	rm -f "$build/$name.rc" "$build"/crash-"$name"-* "$build"/leak-"$name"-* "$build"/timeout-"$name"-* "$build"/oom-"$name"-*
	dict=
	[ -f "$top/tests/fuzz/$name.dict" ] && dict=-dict=$top/tests/fuzz/$name.dict
	(
		"$1" $dict -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
			-artifact_prefix="$build/crash-$name-" \
			"$build/corpus/$name" "$build/seed/$name" >"$build/$name.log" 2>&1
		echo $? >"$build/$name.rc"
	) &
}

# Print the numbers of a finished target, or why it failed.
report() {
	name=$(basename "$1")
	log=$build/$name.log
	rc=$(cat "$build/$name.rc" 2>/dev/null || echo 1)
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
	cov=$(grep -o 'cov: [0-9]* ft: [0-9]* corp: [0-9/a-zA-Z]*' "$log" | tail -1)
	if [ "$rc" = 0 ]; then
		echo "fuzz $name: ${seconds}s, ${runs:-?} runs, ${speed:-?} exec/s, $cov"
		return 0
	fi
	echo "fuzz $name: FAILED (status $rc)"
	tail -40 "$log"
	for a in "$build"/crash-"$name"-*; do
		[ -f "$a" ] && echo "fuzz $name: input saved as $a; copy it into tests/fuzz/regress/$name/"
	done
	return 1
}

mkdir -p "$build"
failed=0
set -- "$@"
while [ $# -gt 0 ]; do
	batch=
	i=0
	while [ $# -gt 0 ] && [ $i -lt "$jobs" ]; do
		start "$1"
		batch="$batch $1"
		shift
		i=$((i + 1))
	done
	wait
	for t in $batch; do
		report "$t" || failed=$((failed + 1))
	done
done
[ $failed -eq 0 ]
