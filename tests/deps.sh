#!/bin/sh
# What `make run` and `make test` ask for, on a machine where pkg-config
# knows neither cmocka nor libvterm: run needs only what building and running
# need, so it goes on; test needs the test tools and names the apt-get
# command that installs them; a missing build need (msgfmt) stops run.
# DEPS_INSTALL=no keeps make from installing anything, root or not. Reports
# in TAP.
# Usage: tests/deps.sh (from the top of the source tree, after a build).
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fayan-deps.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
# A make of its own, not a part of the make that runs the tests.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES
missing="pc/fayan-none:libfayan-none-dev"
cat >"$tmp/pkg-config" <<'END'
#!/bin/sh
for a; do case $a in cmocka|vterm) exit 1;; esac; done
exec pkg-config "$@"
END
chmod +x "$tmp/pkg-config"
. tests/tap.sh

# Without a terminal (setsid), the browser that `make run` starts says so:
# make got past its checks and built fayan.
timeout 300 setsid -w make -s run PKG_CONFIG="$tmp/pkg-config" DEPS_INSTALL=no </dev/null >"$tmp/out" 2>"$tmp/err"
if grep -q '^fayan: no terminal to browse on' "$tmp/err" && grep -qx 'deps: all present' "$tmp/out" &&
	! grep -q '^deps:' "$tmp/err"; then
	ok "make run does not need the test tools"
else
	bad "make run does not need the test tools"
fi

timeout 60 make -s test PKG_CONFIG="$tmp/pkg-config" DEPS_INSTALL=no </dev/null >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -ne 0 ] &&
	grep -qx 'deps: missing libcmocka-dev libvterm-dev; run: sudo apt-get install libcmocka-dev libvterm-dev' "$tmp/err"; then
	ok "make test names the test tools it lacks"
else
	bad "make test names the test tools it lacks (status $rc)"
fi

# run_stops NAME PACKAGE COMMAND...: COMMAND (a make run) fails before fayan
# starts and names the Debian package to install.
run_stops() {
	what=$1 pkg=$2
	shift 2
	timeout 60 "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc -ne 0 ] && grep -qx "deps: missing $pkg; run: sudo apt-get install $pkg" "$tmp/err" &&
		! grep -q '^fayan:' "$tmp/err"; then
		ok "$what"
	else
		bad "$what (status $rc)"
	fi
}

run_stops "make run stops when a build need is missing" libfayan-none-dev \
	make -s run DEPS_RUN="$missing" DEPS_INSTALL=no

# Without msgfmt, make run names Debian's gettext: the translations are
# built with fayan. The PATH holds every command of ours but msgfmt.
mkdir "$tmp/bin"
for d in $(printf '%s' "$PATH" | tr ':' ' '); do
	for f in "$d"/*; do
		c=${f##*/}
		if [ -x "$f" ] && [ "$c" != msgfmt ] && [ ! -e "$tmp/bin/$c" ]; then ln -s "$f" "$tmp/bin/$c"; fi
	done
done
run_stops "make run names gettext when msgfmt is missing" gettext env PATH="$tmp/bin" make -s run DEPS_INSTALL=no
echo "1..$n"
