#!/usr/bin/env bash
# Generate benchmark: writing migrations from a large schema file, offline.
# For each size (tables of introspect/gen_schema.py: 10 columns, 2 indexes, a
# foreign key and a CHECK each), in the same run:
#   plumb generate --dialect pg (a folder made by plumb init): the first
#   migration into an empty migrations folder, then, with that migration in
#   the folder, a second one after a small change to schema.sql (a table with
#   a foreign key and an index added), with the replay cache empty (the first
#   migration replayed) and then filled (its catalog read: PLUMB_CACHE_DIR in
#   plumb(1)); each first generate with no cache at all, each second as the
#   first left the cache (the parse trees of schema.sql, no replay);
#   drizzle-kit generate, 0.31 and 1.0 (npm), the same two steps on an
#   equivalent schema.ts (gen_drizzle.py);
#   migra (PyPI), when it can be had: the same two diffs, between databases
#   on a throwaway server (it reads databases, not files).
# Reports median/best wall time, CPU, peak RSS and ratios. Not a test.
#
#   bench/generate/run.sh [PLUMB]         (default: $PLUMB, else build/src/plumb)
#
# Environment: BENCH_SIZES ("2000 10000"), BENCH_LARGE=1 adds 26000,
# BENCH_RUNS (3), DRIZZLE_RUNS (1), DRIZZLE_TIMEOUT seconds per command (120;
# a version that did not finish is not run at the larger sizes),
# BENCH_SKIP_DRIZZLE=1, BENCH_SKIP_MIGRA=1, DRIZZLE_RC_VERSION (1.0.0-rc.5),
# BENCH_JSON (bench/generate/results.json), BENCH_KEEP=1 keeps the scratch
# folder.
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"

SIZES=${BENCH_SIZES:-2000 10000}
[ "${BENCH_LARGE:-0}" = 1 ] && SIZES="$SIZES 26000"
RUNS=${BENCH_RUNS:-3}
DRIZZLE_RUNS=${DRIZZLE_RUNS:-1}
DRIZZLE_TIMEOUT=${DRIZZLE_TIMEOUT:-120}
SKIP_DRIZZLE=${BENCH_SKIP_DRIZZLE:-0}
SKIP_MIGRA=${BENCH_SKIP_MIGRA:-0}
DRIZZLE_RC_VERSION=${DRIZZLE_RC_VERSION:-1.0.0-rc.5}
JSON=${BENCH_JSON:-$BENCH_DIR/generate/results.json}
GEN=$BENCH_DIR/generate

find_plumb "${1:-}"
need python3 "install it (bash tests/setup-debian.sh)"
start_work
export PLUMB_CACHE_DIR=$WORK/cache
notes=()
rows=()
ratios=()

# The drizzle-kit versions: label, folder of its node_modules, version.
kits=()
if [ "$SKIP_DRIZZLE" != 1 ]; then
	check_node
	# The same set as the other benchmarks, so that they share one install.
	npm_fetch "drizzle-kit@$DRIZZLE_KIT_VERSION" "drizzle-orm@$DRIZZLE_ORM_VERSION" \
		"pg@$PG_NODE_VERSION" "dbmate@$DBMATE_VERSION"
	npm_fetch_into "$BENCH_DIR/.cache/node-rc" "drizzle-kit@$DRIZZLE_RC_VERSION" \
		"drizzle-orm@$DRIZZLE_RC_VERSION"
	kits=("dk031|$NODE_DIR|$DRIZZLE_KIT_VERSION" "dk10|$BENCH_DIR/.cache/node-rc|$DRIZZLE_RC_VERSION")
fi

# migra: on PATH, else in a venv under bench/.cache/py made once from PyPI.
MIGRA=
find_migra() {
	[ "$SKIP_MIGRA" = 1 ] && return 0
	if command -v migra >/dev/null 2>&1; then
		MIGRA=$(command -v migra)
		return 0
	fi
	local venv=$BENCH_DIR/.cache/py
	if [ ! -x "$venv/bin/migra" ] && [ ! -f "$venv/.failed" ]; then
		say "bench: installing migra from PyPI into bench/.cache/py"
		mkdir -p "$venv"
		if ! { python3 -m venv "$venv" >/dev/null 2>&1 &&
			timeout 180 "$venv/bin/pip" install -q migra psycopg2-binary >"$venv/pip.log" 2>&1; }; then
			# Not tried again on every run: remove the folder to retry.
			touch "$venv/.failed"
		fi
	fi
	if [ -x "$venv/bin/migra" ]; then MIGRA=$venv/bin/migra; fi
}
find_migra
if [ -z "$MIGRA" ]; then
	say "migra: not installed, skipped"
	notes+=("migra: not installed, skipped$([ "$SKIP_MIGRA" = 1 ] && echo ' (BENCH_SKIP_MIGRA=1)' || echo ' (PyPI not reachable or the install failed; remove bench/.cache/py to retry)')")
else
	check_base
	start_server
fi

plumb_size() { # N
	local n=$1 d=$WORK/plumb-$1 r rc
	mkdir -p "$d"
	(cd "$d" && "$PLUMB" init --dialect pg >/dev/null 2>&1) || {
		notes+=("plumb init failed at $n tables")
		return 0
	}
	cp -a "$d/migrations" "$d/migrations.init"
	rows+=("plumb_first_$n=plumb generate, first ($n tables)")
	for r in $(seq 1 "$RUNS"); do
		say "bench: $n tables: plumb generate (first), run $r of $RUNS"
		rm -rf "$d/migrations" "$PLUMB_CACHE_DIR"
		cp -a "$d/migrations.init" "$d/migrations"
		cp "$WORK/schema-$n.sql" "$d/schema.sql"
		rc=0
		timed "plumb_first_$n" "$r" --cwd "$d" --stderr "$d/first.err" \
			--expect-glob 'migrations/*_first.sql' \
			-- "$PLUMB" --dialect pg generate first || rc=$?
		if [ "$rc" != 0 ]; then
			say "bench: plumb generate failed:"; head -n 5 "$d/first.err" >&2
			notes+=("plumb generate (first, $n tables) failed: $(head -1 "$d/first.err")")
			return 0
		fi
	done
	cp -a "$d/migrations" "$d/migrations.first"
	# the cache as the first generate left it
	rm -rf "$WORK/cache.first"
	[ -d "$PLUMB_CACHE_DIR" ] && cp -a "$PLUMB_CACHE_DIR" "$WORK/cache.first"
	notes+=("plumb generate (first, $n tables) wrote $(grep -c '^CREATE TABLE' "$d"/migrations/*_first.sql) CREATE TABLE, $(grep -c '^CREATE \(UNIQUE \)\?INDEX' "$d"/migrations/*_first.sql) CREATE INDEX")
	# The second generate twice: with the replay cache empty (the first
	# migration replayed, as after a generate or a pull), then with the
	# cache holding that replay's catalog (as on any later command until
	# the folder changes).
	local mode
	for mode in second second_warm; do
		if [ "$mode" = second ]; then
			rows+=("plumb_second_$n=plumb generate, second ($n tables), replay cache empty")
		else
			rows+=("plumb_second_warm_$n=plumb generate, second ($n tables), replay cache filled")
		fi
		for r in $(seq 1 "$RUNS"); do
			say "bench: $n tables: plumb generate ($mode), run $r of $RUNS"
			rm -rf "$d/migrations"
			cp -a "$d/migrations.first" "$d/migrations"
			cp "$WORK/changed-$n.sql" "$d/schema.sql"
			if [ "$mode" = second ]; then
				rm -rf "$PLUMB_CACHE_DIR"
				[ -d "$WORK/cache.first" ] && cp -a "$WORK/cache.first" "$PLUMB_CACHE_DIR"
			fi
			rc=0
			timed "plumb_${mode}_$n" "$r" --cwd "$d" --stderr "$d/second.err" \
				--expect-glob 'migrations/*_second.sql' \
				-- "$PLUMB" --dialect pg generate second || rc=$?
			[ "$rc" = 0 ] || break
		done
		if [ "$rc" != 0 ]; then
			if grep -qi 'dev-url\|server\|connect' "$d/second.err"; then
				# Replaying the folder still needs a server: not worked around here.
				notes+=("plumb generate (second, $n tables): pending, it needs a server today: $(head -1 "$d/second.err")")
			else
				notes+=("plumb generate (second, $n tables) failed: $(head -1 "$d/second.err")")
			fi
			say "bench: plumb generate (second) failed:"; head -n 5 "$d/second.err" >&2
			return 0
		fi
	done
	local got
	got=$(grep -c '^CREATE \|^ALTER ' "$d"/migrations/*_second.sql || true)
	notes+=("plumb generate (second, $n tables) wrote $got statements: $(grep -o '^\(CREATE\|ALTER\) [A-Z]* [^ ]*' "$d"/migrations/*_second.sql | paste -sd, - | sed 's/,/, /g')")
}

kit_stopped=()
drizzle_size() { # N LABEL NODE_MODULES_PARENT VERSION
	local n=$1 k=$2 nm=$3/node_modules v=$4 d=$WORK/$2-$1 r rc glob
	case " ${kit_stopped[*]} " in *" $k "*) return 0 ;; esac
	case $v in 0.*) glob='drizzle/*.sql' ;; *) glob='drizzle/*/migration.sql' ;; esac
	mkdir -p "$d"
	echo 'module.exports = { dialect: "postgresql", schema: "./schema.ts", out: "./drizzle" };' >"$d/drizzle.config.js"
	export NODE_PATH=$nm
	rows+=("${k}_first_$n=drizzle-kit $v generate, first ($n tables)")
	for r in $(seq 1 "$DRIZZLE_RUNS"); do
		say "bench: $n tables: drizzle-kit $v generate (first), run $r of $DRIZZLE_RUNS (timeout $DRIZZLE_TIMEOUT s)"
		rm -rf "$d/drizzle"
		cp "$WORK/schema-$n.ts" "$d/schema.ts"
		rc=0
		timed "${k}_first_$n" "$r" --cwd "$d" --timeout "$DRIZZLE_TIMEOUT" \
			--stdout "$d/first.log" --stderr "$d/first.err" --expect-glob "$glob" \
			-- "$nm/.bin/drizzle-kit" generate --config drizzle.config.js </dev/null || rc=$?
		if [ "$rc" = 124 ]; then
			notes+=("drizzle-kit $v generate (first, $n tables) did not finish in $DRIZZLE_TIMEOUT s; not run at larger sizes")
			kit_stopped+=("$k")
			return 0
		elif [ "$rc" != 0 ]; then
			notes+=("drizzle-kit $v generate (first, $n tables) failed (exit $rc): $(tail -n 1 "$d/first.err" "$d/first.log" | grep -v '^==>\|^$' | tail -1)")
			return 0
		fi
	done
	cp -a "$d/drizzle" "$d/drizzle.first"
	rows+=("${k}_second_$n=drizzle-kit $v generate, second ($n tables)")
	for r in $(seq 1 "$DRIZZLE_RUNS"); do
		say "bench: $n tables: drizzle-kit $v generate (second), run $r of $DRIZZLE_RUNS"
		rm -rf "$d/drizzle"
		cp -a "$d/drizzle.first" "$d/drizzle"
		cp "$WORK/changed-$n.ts" "$d/schema.ts"
		rc=0
		timed "${k}_second_$n" "$r" --cwd "$d" --timeout "$DRIZZLE_TIMEOUT" \
			--stdout "$d/second.log" --stderr "$d/second.err" --expect-glob "$glob" \
			-- "$nm/.bin/drizzle-kit" generate --config drizzle.config.js </dev/null || rc=$?
		if [ "$rc" = 124 ]; then
			notes+=("drizzle-kit $v generate (second, $n tables) did not finish in $DRIZZLE_TIMEOUT s; not run at larger sizes")
			kit_stopped+=("$k")
			return 0
		elif [ "$rc" != 0 ]; then
			notes+=("drizzle-kit $v generate (second, $n tables) failed (exit $rc)")
			return 0
		fi
	done
}

migra_size() { # N: migra between an empty database and the schema, then
	# between the schema and the changed schema. migra exits 2 when it found
	# differences, which is success here.
	local n=$1 r
	fresh_db empty
	for db in "schema_$n" "changed_$n"; do
		fresh_db "$db"
		"$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$WORK/${db%_*}-$n.sql" >/dev/null
	done
	rows+=("migra_first_$n=migra, first ($n tables)" "migra_second_$n=migra, second ($n tables)")
	for r in $(seq 1 "$RUNS"); do
		say "bench: $n tables: migra, run $r of $RUNS"
		timed "migra_first_$n" "$r" --stderr "$WORK/migra.err" \
			-- sh -c '"$@"; [ $? -eq 2 ]' sh "$MIGRA" --unsafe "$(pg_url empty)" "$(pg_url "schema_$n")" || true
		timed "migra_second_$n" "$r" --stderr "$WORK/migra.err" \
			-- sh -c '"$@"; [ $? -eq 2 ]' sh "$MIGRA" --unsafe "$(pg_url "schema_$n")" "$(pg_url "changed_$n")" || true
	done
}

first_size=
for n in $SIZES; do
	say "bench: generating $n tables"
	python3 "$BENCH_DIR/introspect/gen_schema.py" "$n" >"$WORK/schema-$n.sql"
	{ cat "$WORK/schema-$n.sql"; cat "$GEN/change.sql"; } >"$WORK/changed-$n.sql"
	python3 "$GEN/gen_drizzle.py" "$n" >"$WORK/schema-$n.ts"
	python3 "$GEN/gen_drizzle.py" "$n" --changed >"$WORK/changed-$n.ts"
	[ "$PLUMB_OK" = 1 ] && plumb_size "$n"
	for kit in "${kits[@]}"; do
		IFS='|' read -r k dir v <<<"$kit"
		drizzle_size "$n" "$k" "$dir" "$v"
		for step in first second; do
			ratios+=("drizzle-kit $v / plumb, $step ($n tables)=${k}_${step}_$n/plumb_${step}_$n")
		done
		ratios+=("drizzle-kit $v / plumb, second, replay cache filled ($n tables)=${k}_second_$n/plumb_second_warm_$n")
	done
	if [ -n "$MIGRA" ]; then
		migra_size "$n"
		ratios+=("migra / plumb, first ($n tables)=migra_first_$n/plumb_first_$n"
			"migra / plumb, second ($n tables)=migra_second_$n/plumb_second_$n")
	fi
	if [ -z "$first_size" ]; then
		first_size=$n
	else
		tgt=
		if [ "$n/$first_size" = 10000/2000 ]; then tgt='<=6'; fi
		for step in first second second_warm; do
			ratios+=("plumb $step, $n / $first_size tables=plumb_${step}_$n/plumb_${step}_$first_size$tgt")
		done
	fi
done
if [ "$SKIP_DRIZZLE" != 1 ] && [[ " $SIZES " == *" 2000 "* ]]; then
	ratios+=("plumb / drizzle-kit $DRIZZLE_KIT_VERSION, first (2000 tables; target: 5× faster)=plumb_first_2000/dk031_first_2000<=0.2")
fi
# The absolute targets of the issue, at 10,000 tables.
if [[ " $SIZES " == *" 10000 "* ]]; then
	notes+=("$(python3 - "$SAMPLES" <<-'EOF'
		import json, statistics, sys
		s = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
		out = []
		for step in ("first", "second", "second_warm"):
		    ok = [x for x in s if x["label"] == "plumb_%s_10000" % step and x["status"] == "ok"]
		    if not ok:
		        continue
		    w = statistics.median(x["wall_s"] for x in ok)
		    m = statistics.median(x["rss_kib"] for x in ok) / 1024
		    out.append("%s generate %.2f s (%s), %.0f MiB (%s)" % (
		        step.replace("_warm", " (replay cache filled)"), w, "met" if w < 2 else "not met", m, "met" if m < 200 else "not met"))
		print("target at 10,000 tables, under 2 s and 200 MB: " + ("; ".join(out) or "n/a"))
	EOF
	)")
fi

mapfile -t meta < <(machine_meta)
python3 "$BENCH_DIR/lib/report.py" "$SAMPLES" --json "$JSON" \
	--title "Generate: $(echo "$SIZES" | sed 's/ /, /g') tables, offline" "${meta[@]}" \
	--meta "schema=per table 10 columns, a primary key, 2 indexes, a foreign key and a CHECK (introspect/gen_schema.py; drizzle: gen_drizzle.py); the change: change.sql" \
	--meta "runs=$RUNS (drizzle-kit: $DRIZZLE_RUNS, timeout $DRIZZLE_TIMEOUT s); wall is the median" \
	--meta "plumb=$([ "$PLUMB_OK" = 1 ] && echo "$("$PLUMB" --version 2>&1 | head -1), tree $(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)" || echo 'not run')" \
	--meta "drizzle-kit=$([ "$SKIP_DRIZZLE" != 1 ] && echo "$DRIZZLE_KIT_VERSION and $DRIZZLE_RC_VERSION, node $(node --version)" || echo 'not run')" \
	--meta "migra=$([ -n "$MIGRA" ] && "$MIGRA" --help >/dev/null 2>&1 && echo "$MIGRA" || echo 'not run')" \
	"${rows[@]/#/--row=}" \
	"${ratios[@]/#/--ratio=}" \
	"${notes[@]/#/--note=}"
say "bench: JSON written to ${JSON#"$ROOT"/}"
