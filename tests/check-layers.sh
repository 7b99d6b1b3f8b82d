#!/bin/sh
# Check the layering of src/ and include/fayan/ (see STYLE.md): a file includes
# only headers of its own layer or lower ones, only the terminal layer includes
# <curses.h>, and no test includes a file from src/. A file not in the list
# fails the check: place it in a layer. Run from the top of the tree.
LAYERS='
0 util alloc buf err sys i18n
1 text text_scan text_width text_wrap utf8 cjk punct fold pinyin
2 doc byline names shape doc_parse doc_build doc_rejoin doc_dialogue doc_read arena load state
3 search search_pinyin search_simd themes filter layout output report select count cli
4 actions prompt picker find help spans view view_geom view_items view_layout view_reader view_speakers view_hits view_do resume status osc52 ui.h
5 tty keyname draw screen shell ui.c
6 main
'
status=0
for f in src/*.c include/fayan/*.h; do
	echo "$f:"
	grep -H '^#include' "$f"
done | awk -v layers="$LAYERS" '
function layer(file,    base, stem) {
	base = file; sub(/.*\//, "", base)
	if (base in L) return L[base]
	stem = base; sub(/\.[ch]$/, "", stem)
	return (stem in L) ? L[stem] : -1
}
BEGIN {
	n = split(layers, lines, "\n")
	for (i = 1; i <= n; i++) {
		k = split(lines[i], w, " ")
		for (j = 2; j <= k; j++) L[w[j]] = w[1]
	}
}
{
	file = $0; sub(/:.*/, "", file)
	me = layer(file)
	if (me < 0) { if (!(file in told)) print file ": not in the layer list of tests/check-layers.sh"; told[file] = 1; bad = 1; next }
	if ($0 ~ /<n?curses\.h>/ && me != 5) { print file ": includes curses outside the terminal layer"; bad = 1 }
	if (match($0, /"fayan\/[a-z0-9_]+\.h"/)) {
		hdr = substr($0, RSTART + 1, RLENGTH - 2)
		them = layer(hdr)
		if (them < 0) { print file ": includes " hdr ", which is not in the layer list"; bad = 1 }
		else if (them > me) { print file " (layer " me ") includes " hdr " (layer " them ")"; bad = 1 }
	}
	if ($0 ~ /#include "[^"]*\.\.\//) { print file ": includes a file by a relative path"; bad = 1 }
}
END { exit bad }
' || status=1
if grep -n '#include "[^"]*src/' tests/unit/*.c tests/e2e/*.c tests/fuzz/*.c bench/*.c 2>/dev/null; then
	echo "a test includes a file from src/; give it a header in include/fayan/"
	status=1
fi
[ $status = 0 ] && echo "layers: ok"
exit $status
