#!/bin/sh
# Check that no two files of src/ call each other, directly or through
# others (STYLE.md: calls go one way, down the layers): from the symbols
# each object defines and uses, build the graph of which file calls which
# and fail on any cycle, naming the files on it.
# Usage: tests/check-calls.sh OBJECT...
for o in "$@"; do
	n=$(basename "$o" .o)
	nm "$o" | awk -v n="$n" '$2 ~ /^[TDBRC]$/ { print "D", n, $3 } $1 == "U" { print "U", n, $2 }'
done | awk '
$1 == "D" { owner[$3] = $2; next }
{ nu++; ufile[nu] = $2; usym[nu] = $3 }
function visit(v,    k, w) {
	state[v] = 1
	path[++depth] = v
	for (k = 1; k <= nout[v]; k++) {
		w = out[v, k]
		if (state[w] == 1) {
			line = w
			for (i = depth; i >= 1 && path[i] != w; i--)
				line = path[i] " -> " line
			print "call cycle: " w " -> " line
			bad = 1
		} else if (state[w] == 0)
			visit(w)
	}
	depth--
	state[v] = 2
}
END {
	for (i = 1; i <= nu; i++) {
		f = ufile[i]; t = owner[usym[i]]
		if (t == "" || t == f || ((f, t) in edge))
			continue
		edge[f, t] = 1
		out[f, ++nout[f]] = t
		files[f] = 1
	}
	for (f in files)
		if (state[f] == 0)
			visit(f)
	if (!bad)
		print "calls: ok"
	exit bad
}'
