# shellcheck shell=bash disable=SC2034
# Shared by the benchmarks (sourced, not run). Sets BENCH_DIR and ROOT, finds
# the plumb binary, fetches the comparison tools from the npm registry into
# bench/.cache/node, starts and stops a throwaway PostgreSQL server, and times
# commands through lib/timeit.py.

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
NODE_DIR=$BENCH_DIR/.cache/node

# Versions of the tools compared with (override with the environment).
DRIZZLE_KIT_VERSION=${DRIZZLE_KIT_VERSION:-0.31.11}
DRIZZLE_ORM_VERSION=${DRIZZLE_ORM_VERSION:-0.45.4}
PG_NODE_VERSION=${PG_NODE_VERSION:-8.23.1}
DBMATE_VERSION=${DBMATE_VERSION:-2.36.0}

say() { printf '%s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

need() {
	local c=$1 hint=$2
	command -v "$c" >/dev/null 2>&1 || die "$c not found: $hint"
}

# The plumb binary: $1, else $PLUMB, else build/src/plumb. PLUMB_OK=1 when it
# runs; otherwise its rows are reported as not run.
find_plumb() {
	PLUMB=${1:-${PLUMB:-$ROOT/build/src/plumb}}
	case $PLUMB in /*) ;; *) PLUMB=$PWD/$PLUMB ;; esac
	PLUMB_OK=0
	if [ -x "$PLUMB" ] && "$PLUMB" --version >/dev/null 2>&1; then
		PLUMB_OK=1
	else
		say "bench: no working plumb at $PLUMB (build it: meson setup build && ninja -C build);"
		say "bench: its rows are skipped"
	fi
}

# PSQL and PG_DUMP: the programs themselves. Debian's /usr/bin/psql and
# /usr/bin/pg_dump are a Perl wrapper (pg_wrapper) that costs tens of
# milliseconds per start, which would flatter anything compared with them.
check_base() {
	need python3 "install it (bash tests/setup-debian.sh)"
	need psql "install PostgreSQL (bash tests/setup-debian.sh)"
	need pg_dump "install PostgreSQL (bash tests/setup-debian.sh)"
	local bin
	bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
	if [ ! -x /usr/bin/time ]; then
		# GNU time starts the timed commands, so that their peak RSS is not
		# counted from the Python timer's (lib/timeit.py).
		if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
			say "bench: installing GNU time (apt-get install time)"
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null 2>&1 || true
		fi
		[ -x /usr/bin/time ] ||
			say "bench: no /usr/bin/time (apt-get install time): peak RSS then includes the timer's ~10 MiB"
	fi
	PSQL=$(command -v psql) PG_DUMP=$(command -v pg_dump)
	if [ -n "$bin" ] && [ -x "$bin/psql" ] && [ -x "$bin/pg_dump" ]; then
		PSQL=$bin/psql PG_DUMP=$bin/pg_dump
	fi
}

check_node() {
	need node "the comparison tools need Node.js and npm (apt-get install nodejs npm, or bash tests/setup-debian.sh)"
	need npm "the comparison tools need npm (apt-get install npm, or bash tests/setup-debian.sh)"
}

# Installs the npm packages named in $@ (name@version) into bench/.cache/node,
# once per set of versions.
npm_fetch() { npm_fetch_into "$NODE_DIR" "$@"; }

# npm_fetch_into DIR name@version...: the same into another folder, for a
# second version of a tool beside the first (bench/.cache/NAME).
npm_fetch_into() {
	local dir=$1
	shift
	local stamp="$*"
	mkdir -p "$dir"
	if [ -f "$dir/.stamp" ] && [ "$(cat "$dir/.stamp")" = "$stamp" ]; then
		return 0
	fi
	say "bench: fetching $* from the npm registry into ${dir#"$ROOT"/}"
	[ -f "$dir/package.json" ] || echo '{"private": true}' >"$dir/package.json"
	(cd "$dir" && npm install --no-audit --no-fund --loglevel=error "$@" >&2) ||
		die "npm install $* failed"
	printf '%s' "$stamp" >"$dir/.stamp"
}

# Starts the throwaway server; exports PGHOST PGPORT PGUSER PGDATABASE.
# WORK is a scratch folder for the run; both go on exit (BENCH_KEEP=1 keeps
# WORK and says where it is).
start_server() {
	[ -n "${WORK:-}" ] || start_work
	PGTMP=$(mktemp -d "${TMPDIR:-/tmp}/plumb-bench-pg.XXXXXX")
	eval "$("$ROOT/tests/lib/pgtmp.sh" start "$PGTMP")"
}

# The scratch folder and the samples file alone, for a benchmark that needs
# no server (or starts one later with start_server).
start_work() {
	LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/plumb-bench.XXXXXX")
	trap cleanup EXIT
	trap 'exit 130' INT TERM
	SAMPLES=$WORK/samples.jsonl
	: >"$SAMPLES"
}

cleanup() {
	if [ -n "${TIMED_PID:-}" ]; then
		kill -TERM "$TIMED_PID" 2>/dev/null || true
		wait "$TIMED_PID" 2>/dev/null || true
	fi
	if [ -n "${PGTMP:-}" ]; then
		"$ROOT/tests/lib/pgtmp.sh" stop "$PGTMP" || true
	fi
	if [ -n "${WORK:-}" ]; then
		if [ "${BENCH_KEEP:-0}" = 1 ]; then
			say "bench: kept $WORK"
		else
			rm -rf "$WORK"
		fi
	fi
}

# A libpq URL for database $1 on the throwaway server (Unix socket).
pg_url() { printf 'postgresql:///%s?host=%s&port=%s&user=%s' "$1" "$PGHOST" "$PGPORT" "$PGUSER"; }

fresh_db() {
	PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS \"$1\"" -c "CREATE DATABASE \"$1\"" >/dev/null
}

# timed LABEL RUN [timeit options] -- CMD...: one timed run, recorded in $SAMPLES.
timed() {
	local label=$1 run=$2
	shift 2
	# In the background and waited for, so that a signal to this script runs
	# its trap at once; cleanup stops the timer, which stops the command.
	python3 "$BENCH_DIR/lib/timeit.py" --samples "$SAMPLES" --label "$label" --run "$run" "$@" &
	TIMED_PID=$!
	local rc=0
	wait "$TIMED_PID" || rc=$?
	TIMED_PID=
	return "$rc"
}

machine_meta() {
	local mem
	mem=$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)
	printf '%s\n' "--meta" "machine=$(nproc) cores, $mem RAM, $(uname -sm)"
	[ -z "${PGTMP:-}" ] ||
		printf '%s\n' "--meta" "server=$(postgres_version) (throwaway, Unix socket, fsync off)"
	printf '%s\n' "--meta" "load average (1, 5, 15 min)=$LOAD_START at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end (other work on the machine skews the times)"
}

postgres_version() {
	psql -X -At -d postgres -c 'show server_version' | sed 's/ .*//; s/^/PostgreSQL /'
}
