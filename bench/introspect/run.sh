#!/usr/bin/env bash
# Introspection benchmark: a schema of BENCH_TABLES tables (10 columns of mixed
# types, 2 indexes, a foreign key and a CHECK each) on a throwaway PostgreSQL
# server, read back in the same run by
#   plumb pull, plumb diff URL URL (the database against itself: two
#   introspections and a diff, which must print nothing), pg_dump --schema-only,
#   and drizzle-kit pull (npm, run with a timeout).
# Reports median/best wall time, peak RSS of the client and ratios. Not a test.
#
#   bench/introspect/run.sh [PLUMB]       (default: $PLUMB, else build/src/plumb)
#
# Environment: BENCH_TABLES (2000), BENCH_RUNS (3), DRIZZLE_TIMEOUT seconds
# (300; the research notes saw drizzle-kit 0.31 not finish in 900), DRIZZLE_RUNS
# (1), BENCH_SKIP_DRIZZLE=1, BENCH_JSON (bench/introspect/results.json),
# BENCH_KEEP=1 keeps the scratch folder.
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"

TABLES=${BENCH_TABLES:-2000}
RUNS=${BENCH_RUNS:-3}
DRIZZLE_TIMEOUT=${DRIZZLE_TIMEOUT:-300}
DRIZZLE_RUNS=${DRIZZLE_RUNS:-1}
SKIP_DRIZZLE=${BENCH_SKIP_DRIZZLE:-0}
JSON=${BENCH_JSON:-$BENCH_DIR/introspect/results.json}

find_plumb "${1:-}"
check_base
if [ "$SKIP_DRIZZLE" != 1 ]; then
	check_node
	npm_fetch "drizzle-kit@$DRIZZLE_KIT_VERSION" "drizzle-orm@$DRIZZLE_ORM_VERSION" \
		"pg@$PG_NODE_VERSION" "dbmate@$DBMATE_VERSION"
fi

start_server
DB=bench
URL=$(pg_url "$DB")
notes=()

say "bench: generating $TABLES tables"
python3 "$BENCH_DIR/introspect/gen_schema.py" "$TABLES" >"$WORK/schema.sql"
fresh_db "$DB"
t0=$(date +%s.%N)
psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -f "$WORK/schema.sql" >/dev/null
psql -X -q -d "$DB" -c 'VACUUM ANALYZE' >/dev/null
load_s=$(python3 -c "import sys; print('%.1f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$t0" "$(date +%s.%N)")
counts=$(psql -X -At -d "$DB" -c "select
	(select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r'),
	(select count(*) from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0),
	(select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'i'),
	(select count(*) from pg_constraint o join pg_namespace n on n.oid = o.connamespace where n.nspname = 'public' and o.contype = 'f'),
	(select count(*) from pg_constraint o join pg_namespace n on n.oid = o.connamespace where n.nspname = 'public' and o.contype = 'c')")
IFS='|' read -r n_tab n_col n_idx n_fk n_chk <<<"$counts"
say "bench: loaded $n_tab tables, $n_col columns, $n_idx indexes, $n_fk foreign keys, $n_chk checks in $load_s s"

pg_dump_run() { # RUN
	timed pg_dump "$1" --stdout "$WORK/pg_dump.sql" --stderr "$WORK/pg_dump.err" \
		-- "$PG_DUMP" --schema-only --no-owner -d "$DB" || {
		say "bench: pg_dump failed:"; cat "$WORK/pg_dump.err" >&2; }
}
plumb_pull_run() {
	rm -f "$WORK/pull.sql"
	timed plumb_pull "$1" --stderr "$WORK/pull.err" --expect-file "$WORK/pull.sql" \
		-- "$PLUMB" --url "$URL" pull -o "$WORK/pull.sql" --force || {
		say "bench: plumb pull failed:"; head -n 20 "$WORK/pull.err" >&2; }
}
plumb_diff_run() {
	timed plumb_diff "$1" --stdout "$WORK/diff.out" --stderr "$WORK/diff.err" \
		-- "$PLUMB" diff "$URL" "$URL" || {
		diff_failed=1
		say "bench: plumb diff failed:"; head -n 20 "$WORK/diff.err" >&2; }
	if [ -s "$WORK/diff.out" ]; then
		diff_lines=$(wc -l <"$WORK/diff.out")
		say "bench: plumb diff of the database against itself printed $diff_lines lines (must be empty):"
		head -n 5 "$WORK/diff.out" >&2
		diff_nonempty=$diff_lines
	fi
}

# One untimed round to warm the page cache, then the timed runs, interleaved.
diff_nonempty=0 diff_failed=0
say "bench: warm-up"
pg_dump --schema-only -d "$DB" >/dev/null
[ "$PLUMB_OK" = 1 ] && { "$PLUMB" --url "$URL" pull -o - >/dev/null 2>&1 || true; }
for r in $(seq 1 "$RUNS"); do
	say "bench: run $r of $RUNS"
	pg_dump_run "$r"
	if [ "$PLUMB_OK" = 1 ]; then
		plumb_pull_run "$r"
		plumb_diff_run "$r"
	fi
done
notes+=("pg_dump --schema-only output: $(wc -l <"$WORK/pg_dump.sql") lines")
if [ "$PLUMB_OK" = 1 ]; then
	if [ -s "$WORK/pull.sql" ]; then
		notes+=("plumb pull output: $(wc -l <"$WORK/pull.sql") lines")
	else
		notes+=("plumb pull failed: $(head -1 "$WORK/pull.err")")
	fi
	if [ "$diff_failed" = 1 ]; then
		notes+=("plumb diff URL URL failed: $(head -1 "$WORK/diff.err")")
	elif [ "$diff_nonempty" = 0 ]; then
		notes+=("plumb diff URL URL printed nothing (as it must)")
	else
		notes+=("plumb diff URL URL printed $diff_nonempty lines: it must print nothing (a bug; timings still shown)")
	fi
else
	notes+=("plumb not run: no working binary at ${PLUMB#"$ROOT"/}")
fi

if [ "$SKIP_DRIZZLE" != 1 ]; then
	dz=$WORK/drizzle
	mkdir -p "$dz"
	cat >"$dz/drizzle.config.json" <<-EOF
		{
		  "dialect": "postgresql",
		  "out": "./out",
		  "dbCredentials": {
		    "host": "$PGHOST",
		    "port": $PGPORT,
		    "user": "$PGUSER",
		    "database": "$DB",
		    "ssl": false
		  }
		}
	EOF
	for r in $(seq 1 "$DRIZZLE_RUNS"); do
		say "bench: drizzle-kit pull, run $r of $DRIZZLE_RUNS (timeout ${DRIZZLE_TIMEOUT} s)"
		rm -rf "$dz/out"
		rc=0
		timed drizzle_kit_pull "$r" --timeout "$DRIZZLE_TIMEOUT" --cwd "$dz" \
			--stdout "$dz/stdout.log" --stderr "$dz/stderr.log" --expect-file "$dz/out/schema.ts" \
			-- "$NODE_DIR/node_modules/.bin/drizzle-kit" pull --config drizzle.config.json || rc=$?
		if [ "$rc" = 124 ]; then
			say "bench: drizzle-kit pull did not finish in ${DRIZZLE_TIMEOUT} s"
			# Its last progress lines: how far it got.
			progress=$(for what in tables columns indexes "foreign keys" "check constraints"; do
				grep -a -o "[0-9]\+ *$what fetch[a-z]*" "$dz/stdout.log" | tail -1 | tr -s ' '
			done | paste -sd, - | sed 's/,/, /g')
			notes+=("drizzle-kit pull did not finish in ${DRIZZLE_TIMEOUT} s (stopped by the timeout; its last progress: ${progress:-none})")
			break
		elif [ "$rc" != 0 ]; then
			say "bench: drizzle-kit pull failed (exit $rc):"
			tail -n 5 "$dz/stdout.log" "$dz/stderr.log" >&2
			break
		fi
	done
	[ -s "$dz/out/schema.ts" ] && notes+=("drizzle-kit pull output: schema.ts of $(wc -l <"$dz/out/schema.ts") lines")
fi

mapfile -t meta < <(machine_meta)
python3 "$BENCH_DIR/lib/report.py" "$SAMPLES" --json "$JSON" \
	--title "Introspection: $n_tab tables" "${meta[@]}" \
	--meta "schema=$n_tab tables, $n_col columns, $n_idx indexes (with primary keys), $n_fk foreign keys, $n_chk checks; loaded in $load_s s" \
	--meta "runs=$RUNS (drizzle-kit: $DRIZZLE_RUNS, timeout $DRIZZLE_TIMEOUT s); wall is the median; CPU and RSS are the client's, not the server's" \
	--meta "plumb=$([ "$PLUMB_OK" = 1 ] && echo "$("$PLUMB" --version 2>&1 | head -1), tree $(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)" || echo 'not run')" \
	--meta "pg_dump=$("$PG_DUMP" --version) (the program, not Debian's Perl wrapper)" \
	--meta "drizzle-kit=$([ "$SKIP_DRIZZLE" != 1 ] && echo "$DRIZZLE_KIT_VERSION" || echo 'not run')" \
	--row "plumb_pull=plumb pull" \
	--row "plumb_diff=plumb diff URL URL" \
	--row "pg_dump=pg_dump --schema-only" \
	--row "drizzle_kit_pull=drizzle-kit pull" \
	--ratio "plumb pull / pg_dump=plumb_pull/pg_dump" \
	--ratio "plumb diff / pg_dump=plumb_diff/pg_dump" \
	--ratio "drizzle-kit pull / plumb pull=drizzle_kit_pull/plumb_pull" \
	"${notes[@]/#/--note=}"
say "bench: JSON written to ${JSON#"$ROOT"/}"
