#!/usr/bin/env bash
# Runner benchmark: BENCH_MIGRATIONS small migrations (each creates a table or
# adds a column, and inserts a row) applied to a fresh database per tool and
# run, on one throwaway PostgreSQL server, by
#   plumb migrate, dbmate migrate (npm), drizzle-orm's migrator (npm, over
#   node-postgres), and as the floor psql -f of the same SQL, once with each
#   migration in BEGIN/COMMIT (as the tools run them) and once plain;
# then a no-op run (nothing pending) of each tool against psql -c 'select 1'.
# Reports median/best wall time, peak RSS of the client and ratios. Not a test.
#
#   bench/runner/run.sh [PLUMB]           (default: $PLUMB, else build/src/plumb)
#
# Environment: BENCH_MIGRATIONS (500), BENCH_RUNS (5), BENCH_NOOP_RUNS (20),
# BENCH_SKIP_NODE=1 (no dbmate or drizzle), BENCH_JSON
# (bench/runner/results.json), BENCH_KEEP=1 keeps the scratch folder.
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"

N=${BENCH_MIGRATIONS:-500}
RUNS=${BENCH_RUNS:-5}
NOOP_RUNS=${BENCH_NOOP_RUNS:-20}
SKIP_NODE=${BENCH_SKIP_NODE:-0}
JSON=${BENCH_JSON:-$BENCH_DIR/runner/results.json}

find_plumb "${1:-}"
check_base
if [ "$SKIP_NODE" != 1 ]; then
	check_node
	npm_fetch "drizzle-kit@$DRIZZLE_KIT_VERSION" "drizzle-orm@$DRIZZLE_ORM_VERSION" \
		"pg@$PG_NODE_VERSION" "dbmate@$DBMATE_VERSION"
	# The Go binary itself, not the package's Node.js wrapper around it.
	DBMATE=$NODE_DIR/node_modules/@dbmate/linux-x64/bin/dbmate
	[ -x "$DBMATE" ] || DBMATE=$NODE_DIR/node_modules/.bin/dbmate
	export NODE_PATH=$NODE_DIR/node_modules
fi

start_server
notes=()
M=$WORK/migrations
python3 "$BENCH_DIR/runner/gen_migrations.py" "$N" "$M"
if [ "$PLUMB_OK" = 1 ]; then
	"$PLUMB" --dir "$M/plumb" sum >/dev/null 2>"$WORK/sum.err" || {
		cat "$WORK/sum.err" >&2
		die "plumb sum failed"
	}
fi

# Every run must leave the same database: N/2 tables m0001, m0003, ... with
# two rows each and the added column (N/2 + N%2 tables).
expect_tables=$(((N + 1) / 2))
expect_rows=$((N))
verify() { # LABEL DB
	local got
	got=$(psql -X -At -d "$2" -c "select count(*) || ' ' || coalesce(sum((xpath('/row/c/text()',
		query_to_xml(format('select count(*) as c from %I', table_name), false, true, '')))[1]::text::int), 0)
		from information_schema.tables where table_schema = 'public' and table_name ~ '^m[0-9]{4}$'")
	if [ "$got" != "$expect_tables $expect_rows" ]; then
		say "bench: $1 left $got (tables rows), expected $expect_tables $expect_rows"
		bad+=("$1")
	fi
}
bad=()

# run_tool LABEL RUN DB CMD...: fresh database, one timed run, check the result.
run_tool() {
	local label=$1 run=$2 db=$3
	shift 3
	fresh_db "$db"
	if timed "$label" "$run" --stderr "$WORK/$label.err" -- "$@"; then
		verify "$label" "$db"
	else
		say "bench: $label failed:"
		tail -n 5 "$WORK/$label.err" >&2
	fi
}

plumb_url() { pg_url "$1"; }
dbmate_url() { printf 'postgres://%s@/%s?socket=%s&port=%s&sslmode=disable' "$PGUSER" "$1" "$PGHOST" "$PGPORT"; }

# Warm-up (untimed): the binaries and the node modules into the page cache.
fresh_db warm
psql -X -q -v ON_ERROR_STOP=1 -d warm -f "$M/all_tx.sql" >/dev/null
if [ "$SKIP_NODE" != 1 ]; then
	node -e "require('drizzle-orm/node-postgres/migrator'); require('pg')"
	"$DBMATE" --version >/dev/null
fi
[ "$PLUMB_OK" = 1 ] && "$PLUMB" --version >/dev/null

one() { # TOOL RUN
	case $1 in
	psql_tx) run_tool psql_tx "$2" b_psql_tx "$PSQL" -X -q -v ON_ERROR_STOP=1 -d b_psql_tx -f "$M/all_tx.sql" ;;
	psql_plain) run_tool psql_plain "$2" b_psql_plain "$PSQL" -X -q -v ON_ERROR_STOP=1 -d b_psql_plain -f "$M/all_plain.sql" ;;
	plumb) run_tool plumb "$2" b_plumb "$PLUMB" -q --url "$(plumb_url b_plumb)" --dir "$M/plumb" migrate ;;
	dbmate) run_tool dbmate "$2" b_dbmate "$DBMATE" --url "$(dbmate_url b_dbmate)" \
		--migrations-dir "$M/dbmate" --no-dump-schema migrate ;;
	drizzle) run_tool drizzle "$2" b_drizzle node "$BENCH_DIR/runner/drizzle_migrate.cjs" "$M/drizzle" b_drizzle ;;
	esac
}
tools=(psql_tx psql_plain)
[ "$PLUMB_OK" = 1 ] && tools+=(plumb)
[ "$SKIP_NODE" != 1 ] && tools+=(dbmate drizzle)
# The order turns by one each run, so that no tool always follows the same one.
for r in $(seq 1 "$RUNS"); do
	say "bench: run $r of $RUNS ($N migrations per tool)"
	for i in "${!tools[@]}"; do
		one "${tools[(i + r - 1) % ${#tools[@]}]}" "$r"
	done
done
# No-op: the databases of the last run are up to date; nothing is pending.
say "bench: no-op runs ($NOOP_RUNS each)"
for r in $(seq 1 "$NOOP_RUNS"); do
	timed psql_select1 "$r" -- "$PSQL" -X -q -d b_psql_tx -c 'select 1' || true
	if [ "$PLUMB_OK" = 1 ]; then
		timed plumb_noop "$r" --stderr "$WORK/plumb_noop.err" -- \
			"$PLUMB" -q --url "$(plumb_url b_plumb)" --dir "$M/plumb" migrate || true
	fi
	if [ "$SKIP_NODE" != 1 ]; then
		timed dbmate_noop "$r" -- "$DBMATE" --url "$(dbmate_url b_dbmate)" \
			--migrations-dir "$M/dbmate" --no-dump-schema migrate || true
		timed drizzle_noop "$r" -- node "$BENCH_DIR/runner/drizzle_migrate.cjs" "$M/drizzle" b_drizzle || true
	fi
done

if [ "$PLUMB_OK" = 1 ]; then
	if applied=$(psql -X -At -d b_plumb -c "select count(*) from plumb_migrations" 2>/dev/null); then
		notes+=("plumb recorded $applied migrations in plumb_migrations")
	else
		notes+=("plumb left no plumb_migrations table")
	fi
else
	notes+=("plumb not run: no working binary at ${PLUMB#"$ROOT"/}")
fi
if [ ${#bad[@]} -gt 0 ]; then
	notes+=("wrong end state (timings kept): ${bad[*]}")
else
	notes+=("every timed run left the expected $expect_tables tables and $expect_rows rows")
fi
notes+=("drizzle-orm's migrator runs all pending migrations in one transaction; plumb and dbmate use one per migration; psql (tx) one per migration with no tracking rows")

mapfile -t meta < <(machine_meta)
python3 "$BENCH_DIR/lib/report.py" "$SAMPLES" --json "$JSON" \
	--title "Runner: $N migrations, fresh database per tool and run" "${meta[@]}" \
	--meta "runs=$RUNS (no-op: $NOOP_RUNS); wall is the median; CPU and RSS are the client's, not the server's" \
	--meta "plumb=$([ "$PLUMB_OK" = 1 ] && echo "$("$PLUMB" --version 2>&1 | head -1), tree $(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)" || echo 'not run')" \
	--meta "psql=$("$PSQL" --version) (the program, not Debian's Perl wrapper)" \
	--meta "node tools=$([ "$SKIP_NODE" != 1 ] && echo "dbmate $DBMATE_VERSION (Go binary), drizzle-orm $DRIZZLE_ORM_VERSION + pg $PG_NODE_VERSION on node $(node --version)" || echo 'not run')" \
	--row "plumb=plumb migrate" \
	--row "dbmate=dbmate migrate" \
	--row "drizzle=drizzle-orm migrate()" \
	--row "psql_tx=psql -f, BEGIN/COMMIT per migration" \
	--row "psql_plain=psql -f, plain" \
	--row "plumb_noop=plumb migrate, nothing pending" \
	--row "dbmate_noop=dbmate migrate, nothing pending" \
	--row "drizzle_noop=drizzle-orm migrate(), nothing pending" \
	--row "psql_select1=psql -c 'select 1'" \
	--ratio "plumb / psql (tx)=plumb/psql_tx<=1.1" \
	--ratio "plumb / psql (plain)=plumb/psql_plain" \
	--ratio "plumb no-op / psql select 1=plumb_noop/psql_select1<=2" \
	--ratio "dbmate / plumb=dbmate/plumb" \
	--ratio "drizzle / plumb=drizzle/plumb" \
	--ratio "dbmate no-op / plumb no-op=dbmate_noop/plumb_noop" \
	--ratio "drizzle no-op / plumb no-op=drizzle_noop/plumb_noop" \
	--ratio "dbmate / psql (tx)=dbmate/psql_tx" \
	--ratio "drizzle / psql (tx)=drizzle/psql_tx" \
	"${notes[@]/#/--note=}"
say "bench: JSON written to ${JSON#"$ROOT"/}"
