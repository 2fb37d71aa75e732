#!/usr/bin/env bash
# Builds the libFuzzer build (clang, every library instrumented, ASan and
# UBSan) and runs fuzz targets for a given time each, printing executions
# and coverage per target.
#
#   tests/fuzz/run-libfuzzer.sh [-t SECONDS] [-j PARALLEL] [-r] [TARGET...]
#
# -r only reports on the last run's logs.
# TARGET is a name from tests/meson.build's fuzz_targets (pg, sqlite,
# history, drizzle, names, config, url, options, split, tracking, catalog,
# pgsplit);
# none means all. Default: 600 seconds each, one at a time, under nice.
# Seeds: tests/fuzz/seeds/<folder> (hand-made, in the repository) and, for
# the SQL-reading targets, the shared corpora read in place from
# ../shared/corpora beside the repository when that folder exists (set
# PLUMB_CORPORA to read them elsewhere). Each target's growing corpus, log
# and any crash (crash-*, leak-*, timeout-*) go to $PLUMB_FUZZ_WORK/<target>
# (default /tmp/plumb-fuzz-work); the seed folders are never written.
# Reproduce a crash: build-fuzz/tests/fuzz_<target> CRASH_FILE.
set -euo pipefail

here=$(cd "$(dirname "$0")/../.." && pwd)
build=${PLUMB_FUZZ_BUILD:-$here/build-fuzz}
work=${PLUMB_FUZZ_WORK:-/tmp/plumb-fuzz-work}
corpora=${PLUMB_CORPORA:-$here/../shared/corpora}
secs=600
jobs=1
report_only=
while getopts t:j:r opt; do
  case $opt in
    t) secs=$OPTARG ;;
    j) jobs=$OPTARG ;;
    r) report_only=1 ;;
    *) echo "usage: $0 [-t SECONDS] [-j PARALLEL] [-r] [TARGET...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))

# target -> seed folder under tests/fuzz/seeds, and whether the corpora fit
declare -A seed=([pg]=sql [sqlite]=sql [history]=history [drizzle]=drizzle [names]=names
  [config]=config [url]=url [options]=options [split]=split [tracking]=tracking
  [catalog]=catalog [pgsplit]=pgsplit)
declare -A sql=([pg]=1 [sqlite]=1 [split]=1 [catalog]=1 [pgsplit]=1)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(pg sqlite history drizzle names config url options split tracking catalog pgsplit)
for t in "${targets[@]}"; do
  [ -n "${seed[$t]:-}" ] || { echo "unknown target \"$t\"" >&2; exit 2; }
done

report() {
  printf '%-10s %12s %8s %8s %10s %s\n' target execs cov ft counters findings
  for t in "${targets[@]}"; do
    local log=$work/$t/log execs last cov ft counters findings
    [ -f "$log" ] || continue
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
    counters=$(sed -n 's/^INFO: Loaded 1 modules *(\([0-9]*\) inline.*/\1/p' "$log" | head -1)
    findings=$(find "$work/$t" -maxdepth 1 \( -name 'crash-*' -o -name 'leak-*' \
      -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
    printf '%-10s %12s %8s %8s %10s %s\n' "$t" "${execs:-?}" "${cov:-?}" "${ft:-?}" \
      "${counters:-?}" "$findings"
  done
}
if [ -n "$report_only" ]; then
  report
  exit 0
fi

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" "$here" -Dfuzzer=true -Db_sanitize=address,undefined \
    -Db_lundef=false >/dev/null
fi
nice -n 10 ninja -C "$build" >/dev/null

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

run_one() {
  local t=$1 dir=$work/$1
  mkdir -p "$dir/corpus"
  local inputs=("$dir/corpus" "$here/tests/fuzz/seeds/${seed[$t]}")
  if [ -n "${sql[$t]:-}" ] && [ -d "$corpora" ]; then
    inputs+=("$corpora")
  fi
  # the first folder is the one libFuzzer adds to; the others are read only
  (cd "$dir" && nice -n 10 "$build/tests/fuzz_$t" -max_total_time="$secs" -max_len=8192 \
    -timeout=60 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$dir/" \
    "${inputs[@]}") >"$dir/log" 2>&1 || echo "fuzz_$t: stopped with a finding, see $dir/log" >&2
}

running=0
for t in "${targets[@]}"; do
  run_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n || true
    running=$((running - 1))
  fi
done
wait

report
