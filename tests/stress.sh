#!/usr/bin/env bash
# The meson suite under load: keeps every core busy with a load generator
# (one busy loop per core, at the suite's own priority) while it runs the
# suite several times in a row, as tests/run-all.sh runs it (the normal
# build, and the sanitizer build with --timeout-multiplier 3), and reports
# each run's TAP point counts. A test that passes here does not depend on
# the machine being idle.
#
#   tests/stress.sh [-n RUNS] [-b normal|asan|both] [-l LOOPS] [-- MESON-TEST-ARGS...]
#
#   -n RUNS   runs in a row of each build (default 3)
#   -b WHICH  which builds (default both)
#   -l LOOPS  busy loops (default: the number of cores)
#   after --  passed to meson test: test names, --suite pg, ...
#
# Build folders as in run-all.sh: build/ and build-asan/, or $PLUMB_BUILD
# and $PLUMB_ASAN_BUILD (configured and built when missing). Each run's
# meson log is kept as meson-logs/stress-N.json in its build folder. Exits
# non-zero when any run had a failed point.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
B=${PLUMB_BUILD:-build}
BA=${PLUMB_ASAN_BUILD:-build-asan}
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

runs=3 which=both loops=$(nproc 2>/dev/null || echo 2)
while [ $# -gt 0 ]; do
	case $1 in
	-n) runs=$2; shift 2 ;;
	-b) which=$2; shift 2 ;;
	-l) loops=$2; shift 2 ;;
	--) shift; break ;;
	*) echo "usage: tests/stress.sh [-n RUNS] [-b normal|asan|both] [-l LOOPS] [-- MESON-TEST-ARGS...]" >&2
	   exit 2 ;;
	esac
done
case $which in normal | asan | both) ;; *) echo "stress: -b normal, asan or both" >&2; exit 2 ;; esac

# build DIR MESON-ARGS...: configures (once) and builds DIR.
build() {
	local dir=$1
	shift
	if [ ! -f "$dir/build.ninja" ]; then
		meson setup "$dir" "$@" >/dev/null || return 1
	fi
	meson compile -C "$dir" >/dev/null
}
[ "$which" = asan ] || build "$B" || { echo "stress: build of $B failed"; exit 1; }
[ "$which" = normal ] ||
	build "$BA" -Db_sanitize=address,undefined -Darena_malloc=true -Db_lundef=false ||
	{ echo "stress: build of $BA failed"; exit 1; }

# the load: busy loops in the background, ended (by pid) on exit
load_pids=()
stop_load() {
	local p
	for p in "${load_pids[@]}"; do
		kill "$p" 2>/dev/null
	done
	for p in "${load_pids[@]}"; do
		wait "$p" 2>/dev/null
	done
	load_pids=()
}
trap stop_load EXIT
trap 'exit 130' INT TERM
for ((i = 0; i < loops; i++)); do
	sh -c 'while :; do :; done' &
	load_pids+=($!)
done
echo "stress: $loops busy loops (pids ${load_pids[*]}), load average $(cut -d' ' -f1-3 /proc/loadavg)"

results=()
bad=0
# one DIR LABEL MESON-ARGS...: one run of the suite in DIR, counted
one() {
	local dir=$1 label=$2 t0 secs p f k log
	shift 2
	t0=$SECONDS
	"$@" >"$dir/meson-logs/stress-$label.txt" 2>&1
	secs=$((SECONDS - t0))
	log="$dir/meson-logs/stress-$label.json"
	if cp "$dir/meson-logs/testlog.json" "$log" 2>/dev/null; then
		read -r p f k < <("$PY" tests/lib/tapcount.py "$log")
	else
		p=0 f=1 k=0
	fi
	results+=("$label: $p passed, $f failed, $k skipped (${secs}s, load $(cut -d' ' -f1 /proc/loadavg))")
	echo "stress: ${results[-1]}"
	if [ "$f" -ne 0 ]; then
		bad=$((bad + 1))
		grep -E '^ *[0-9]+/[0-9]+ .*(FAIL|ERROR|TIMEOUT)' "$dir/meson-logs/stress-$label.txt" |
			sed 's/^/stress:   /'
		"$PY" - "$log" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    t = json.loads(line)
    bad = [l for l in (t.get("stdout") or "").splitlines() if l.startswith("not ok")]
    if bad or t.get("result") not in ("OK", "SKIP", "EXPECTEDFAIL"):
        print("stress:   %s (%s): %s" % (t["name"], t["result"], "; ".join(bad[:5])))
PY
	fi
}

for ((r = 1; r <= runs; r++)); do
	if [ "$which" != asan ]; then
		one "$B" "$r-normal" meson test -C "$B" --print-errorlogs "$@"
	fi
	if [ "$which" != normal ]; then
		one "$BA" "$r-asan" env ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
			UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
			meson test -C "$BA" --print-errorlogs --timeout-multiplier 3 "$@"
	fi
done

echo "== stress summary ($loops busy loops)"
for s in "${results[@]}"; do
	echo "  $s"
done
[ "$bad" -eq 0 ]
