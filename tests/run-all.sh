#!/usr/bin/env bash
# The whole test suite, as CI runs it: the meson suite on a normal build, the
# same suite under AddressSanitizer and UndefinedBehaviorSanitizer, the sqldef
# SQLite conformance script, the shuffled schema files (every real-world
# schema file and pg case's after.sql, its statements shuffled, must read
# offline as written: tests/realworld/shuffle.py), then the PostgreSQL
# conformance script (psqldef's cases and migra's fixtures, on a throwaway
# server of its own), each against its recorded baseline, and on the same server the check that plumb's offline
# builder agrees with PostgreSQL on every corpus schema that loads, then the
# real applications' schemas of tests/realworld (per schema and step, against
# tests/realworld/baseline.json). Counts individual TAP test points (skipped points count
# as neither; a test program that is not TAP, or that dies or times out without
# reporting a failed point, counts as one) and ends with "N passed, N failed".
# Build folders: build/ and build-asan/ in the repository root, or
# $PLUMB_BUILD and $PLUMB_ASAN_BUILD (relative to the root).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
ROOT=$PWD
B=${PLUMB_BUILD:-build}
BA=${PLUMB_ASAN_BUILD:-build-asan}
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

# The replay cache (plumb(1): PLUMB_CACHE_DIR) of the whole run: a folder of
# its own, and every entry read checked against a replay of its files. Test
# drivers that rely on hits give their own.
PLUMB_CACHE_DIR=$(mktemp -d "${TMPDIR:-/tmp}/plumb-cache.XXXXXX") || exit 1
export PLUMB_CACHE_DIR PLUMB_CACHE_VERIFY=1
trap 'rm -rf "$PLUMB_CACHE_DIR"' EXIT

passed=0
failed=0
summary=()

# count LOG LABEL: adds the test points of a meson testlog.json to the totals.
count() {
	local log=$1 label=$2 p f k
	if [ ! -f "$log" ]; then
		echo "run-all: $label: no test log at $log"
		failed=$((failed + 1))
		summary+=("$label: no test log")
		return
	fi
	read -r p f k < <("$PY" tests/lib/tapcount.py "$log")
	passed=$((passed + p))
	failed=$((failed + f))
	summary+=("$label: $p passed, $f failed, $k skipped")
}

# build DIR MESON-ARGS...: configures (once) and builds DIR.
build() {
	local dir=$1
	shift
	if [ ! -f "$dir/build.ninja" ]; then
		meson setup "$dir" "$@" || return 1
	fi
	meson compile -C "$dir"
}

echo "== build"
if build "$B"; then
	echo "== meson test ($B)"
	meson test -C "$B" --print-errorlogs
	count "$B/meson-logs/testlog.json" "tests"
else
	failed=$((failed + 1))
	summary+=("build: FAILED")
fi

echo "== build with sanitizers"
if build "$BA" -Db_sanitize=address,undefined -Darena_malloc=true -Db_lundef=false; then
	echo "== meson test ($BA)"
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		meson test -C "$BA" --print-errorlogs --timeout-multiplier 3
	count "$BA/meson-logs/testlog.json" "tests under sanitizers"
else
	failed=$((failed + 1))
	summary+=("sanitizer build: FAILED")
fi

echo "== sqldef conformance"
if [ -x "$B/src/plumb" ]; then
	if "$PY" tests/conformance/sqldef_sqlite.py --plumb "$ROOT/$B/src/plumb" \
		--baseline tests/conformance/sqlite_baseline.json; then
		passed=$((passed + 1))
		summary+=("conformance: at or above the baseline")
	else
		failed=$((failed + 1))
		summary+=("conformance: below the baseline")
	fi
else
	failed=$((failed + 1))
	summary+=("conformance: no plumb binary")
fi

echo "== schema files in any order (tests/realworld/shuffle.py, no server)"
if [ -x "$B/src/plumb" ]; then
	if "$PY" tests/realworld/shuffle.py --plumb "$ROOT/$B/src/plumb"; then
		passed=$((passed + 1))
		summary+=("schema files shuffled: each reads as written")
	else
		failed=$((failed + 1))
		summary+=("schema files shuffled: some read differently")
	fi
else
	failed=$((failed + 1))
	summary+=("schema files shuffled: no plumb binary")
fi

echo "== PostgreSQL conformance (psqldef and migra)"
if [ -x "$B/src/plumb" ]; then
	pgdir=$(mktemp -d "${TMPDIR:-/tmp}/plumb-conf-pg.XXXXXX")
	if pgenv=$(tests/lib/pgtmp.sh start "$pgdir"); then
		if (eval "$pgenv" && "$PY" tests/conformance/pg_conformance.py \
			--plumb "$ROOT/$B/src/plumb" --baseline tests/conformance/pg_baseline.json); then
			passed=$((passed + 1))
			summary+=("PostgreSQL conformance: at or above the baseline")
		else
			failed=$((failed + 1))
			summary+=("PostgreSQL conformance: below the baseline")
		fi
		echo "== offline and exact desired states (every corpus schema)"
		if (eval "$pgenv" && "$PY" tests/conformance/pg_agree.py --plumb "$ROOT/$B/src/plumb"); then
			passed=$((passed + 1))
			summary+=("offline = exact: every corpus schema that loads agrees")
		else
			failed=$((failed + 1))
			summary+=("offline = exact: some corpus schemas disagree")
		fi
		echo "== real applications' schemas (tests/realworld)"
		rwsum=$(mktemp)
		if (eval "$pgenv" && "$PY" tests/realworld/run.py --plumb "$ROOT/$B/src/plumb" \
			--baseline tests/realworld/baseline.json --summary "$rwsum"); then
			passed=$((passed + 1))
			summary+=("real applications' schemas: at or above the baseline")
		else
			failed=$((failed + 1))
			summary+=("real applications' schemas: below the baseline")
		fi
		while IFS= read -r line; do
			summary+=("  $line")
		done <"$rwsum"
		rm -f "$rwsum"
	else
		failed=$((failed + 1))
		summary+=("PostgreSQL conformance: could not start a server")
	fi
	tests/lib/pgtmp.sh stop "$pgdir"
else
	failed=$((failed + 1))
	summary+=("PostgreSQL conformance: no plumb binary")
fi

echo "== summary"
for s in "${summary[@]}"; do
	echo "  $s"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
