#!/usr/bin/env bash
# The tracking table's place on PostgreSQL (issue 13, item 7): "tracking":
# {"schema": "ops", "table": "schema_history"} puts it in a schema plumb
# creates; migrate, status, check, baseline and reset use it, the runner lock
# is keyed by it, public.plumb_migrations is never made, diff, pull and check
# show neither the table nor its schema; names are quoted as written; a bad
# name is a usage error naming the key, and nothing changes; a drizzle-kit
# folder still goes to drizzle.__drizzle_migrations; records imported from
# another tool count as applied. Runs under tests/lib/pgtmp.sh. Prints TAP.
set -u
FIX=$(cd "$(dirname "$0")/../import" && pwd)
. "$(dirname "$0")/tap.sh"

if [ -z "${PLUMB_PG_URL:-}" ]; then
	echo "1..0 # SKIP PLUMB_PG_URL not set"
	exit 0
fi

n_db=0
newdb() {
	n_db=$((n_db + 1))
	DB="track_$$_$n_db"
	createdb "$DB" || return 1
	URL="postgresql:///$DB?host=$PGHOST&port=$PGPORT&user=$PGUSER"
}
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }
eq() { [ "$1" = "$2" ]; }
json_get() { python3 -c "import json,sys; d=json.load(open('$OUT')); print(eval('d' + sys.argv[1]))" "$1"; }
# relations DB: every table outside the system schemas, schema.name, sorted
relations() {
	q "$1" "SELECT string_agg(n.nspname || '.' || c.relname, ' ' ORDER BY 1) FROM pg_class c
		JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r'
		AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'"
}

cat >schema.sql <<'SQL'
CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL);
SQL
cat >plumb.json <<'JSON'
{
  "tracking": { "schema": "ops", "table": "schema_history" }
}
JSON
plumb generate init --dialect pg
ok "generate writes the first migration" eval 'rc_is 0 && count_is "$(n_migrations)" 1'
V1=$(basename migrations/*_init.sql | cut -d_ -f1)

# --- migrate, status, check ----------------------------------------------------------
newdb
MAIN=$DB MAIN_URL=$URL
plumb migrate --url "$URL"
ok "migrate creates schema ops and its table" \
	eval 'rc_is 0 && [ "$(relations "$DB")" = "ops.schema_history public.users" ]'
ok "... no public.plumb_migrations" eq "$(q "$DB" "SELECT to_regclass('public.plumb_migrations') IS NULL")" t
ok "... one applied row" eq "$(q "$DB" "SELECT version || ':' || state FROM ops.schema_history")" "$V1:applied"
plumb status --url "$URL" --exit-code
ok "status reads it" eval 'rc_is 0 && out_has "$V1 +applied"'
plumb check --url "$URL"
ok "check reads it: no drift, nothing pending" \
	eval 'rc_is 0 && out_has "no pending migrations" && out_has "matches its applied migrations"'
plumb diff "$URL" schema.sql --exit-code
ok "diff shows neither the table nor its schema" eval 'rc_is 0 && out_empty'
plumb pull --url "$URL" -o -
ok "pull writes neither" eval 'rc_is 0 && out_has "CREATE TABLE" && ! out_has "ops" && ! out_has "schema_history"'
plumb migrate --url "$URL"
ok "migrate again: nothing to apply" eval 'rc_is 0 && err_has "nothing to apply"'

# the lock is keyed by the place: a session holding the key of this place
# stops migrate, one holding public.plumb_migrations' does not
# hold NAME: a session holds the lock key of NAME until release; waits on
# pg_locks for the grant (polled, two minutes at most), never on a sleep alone
hold() {
	rm -f "$WORK/hold" && mkfifo "$WORK/hold" || return 1
	psql -X -q -d "$DB" -c "SELECT pg_advisory_lock(hashtext(current_database() || '.' || '$1')::bigint)" \
		-c "\\! cat $WORK/hold" >/dev/null 2>&1 &
	HOLDER=$!
	for _ in $(seq 1 1200); do
		[ "$(q "$DB" "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted")" = 1 ] && return 0
		sleep 0.1
	done
	return 1
}
release() { echo >"$WORK/hold"; wait "$HOLDER"; }
echo 'CREATE INDEX users_email ON users (email);' >>schema.sql
plumb generate email_index --dialect pg
ok "a session holds the lock of ops.schema_history" hold ops.schema_history
plumb migrate --url "$URL" --lock-timeout 300ms
ok "... migrate waits and gives up (exit 5)" eval 'rc_is 5 && [ "$(q "$DB" "SELECT count(*) FROM ops.schema_history")" = 1 ]'
release
ok "a session holds the lock of the default table" hold plumb_migrations
plumb migrate --url "$URL" --lock-timeout 5s
ok "... migrate is not stopped by it" \
	eval 'rc_is 0 && [ "$(q "$DB" "SELECT count(*) FROM ops.schema_history")" = 2 ]'
release

# --- names quoted as written -----------------------------------------------------------
newdb
plumb migrate --url "$URL" --tracking-table 'Ops.History$1'
ok "--tracking-table with capitals and \$: quoted as written" \
	eval 'rc_is 0 && [ "$(q "$DB" "SELECT count(*) FROM \"Ops\".\"History\$1\"")" = 2 ]'
plumb status --url "$URL" --tracking-table 'Ops.History$1' --exit-code
ok "... and read back" rc_is 0

# --- baseline ---------------------------------------------------------------------------
newdb
BASE=$DB
plumb push --url "$URL"
ok "push builds a database without records" eq "$(relations "$DB")" "public.users"
V2=$(basename migrations/*_email_index.sql | cut -d_ -f1)
plumb baseline "$V2" --url "$URL"
ok "baseline creates ops and records there" \
	eval 'rc_is 0 && [ "$(q "$DB" "SELECT string_agg(state, '"','"') FROM ops.schema_history")" = "baseline,baseline" ]'
plumb status --url "$URL" --exit-code
ok "status reads the baseline" eval 'rc_is 0 && out_has "$V2 +baseline"'
plumb check --url "$URL"
ok "check on the baselined database" rc_is 0

# --- a table made before the state imported existed is upgraded in place --------------------
newdb
q "$DB" "CREATE SCHEMA ops; CREATE TABLE ops.schema_history (version text PRIMARY KEY, name text NOT NULL,
  checksum text NOT NULL, state text NOT NULL CHECK (state IN ('applied', 'failed', 'baseline')),
  applied_at timestamptz NOT NULL, duration_ms bigint NOT NULL DEFAULT 0, applied_by text, error text);
INSERT INTO ops.schema_history VALUES ('$V1', 'init', 'x', 'baseline', now(), 0, NULL, NULL);
CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL);"
plumb migrate --url "$URL"
ok "an old configured table takes the state imported, its rows kept" \
	eval 'rc_is 0 && [ "$(q "$DB" "SELECT string_agg(state, '"','"' ORDER BY version) FROM ops.schema_history")" = "baseline,applied" ] &&
	q "$DB" "INSERT INTO ops.schema_history VALUES ('"'9'"', '"'n'"', '"'c'"', '"'imported'"', now())" >/dev/null'

# --- a schema holding more than the table stays schema --------------------------------------
newdb
cat >both.sql <<'SQL'
CREATE SCHEMA ops;
CREATE TABLE ops.audit (id int);
CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL);
CREATE INDEX users_email ON users (email);
SQL
plumb push --url "$URL" --schema both.sql
plumb baseline "$V2" --url "$URL"
plumb diff "$URL" both.sql --exit-code
ok "a schema shared with the user's tables: only the table left out" eval 'rc_is 0 && out_empty'
plumb pull --url "$URL" -o -
ok "... pull keeps the schema and ops.audit" eval 'out_has "CREATE SCHEMA" && out_has "audit" && ! out_has "schema_history"'

# --- reset ------------------------------------------------------------------------------------
plumb reset --yes --url "$MAIN_URL"
ok "reset drops ops with the rest and migrate makes it again" \
	eval 'rc_is 0 && [ "$(relations "$MAIN")" = "ops.schema_history public.users" ] &&
	[ "$(q "$MAIN" "SELECT count(*) FROM ops.schema_history")" = 2 ]'

# --- bad names: exit 2, the key named, nothing changed -------------------------------------------
newdb
BAD=$DB
cp plumb.json good.json
printf '{\n  "tracking": { "schema": "ops", "table": "history\\"; DROP TABLE x; --" }\n}\n' >plumb.json
plumb migrate --url "$URL"
ok "a bad table name: exit 2, tracking.table at its place" \
	eval 'rc_is 2 && err_has "plumb.json:2:[0-9]+: \"tracking.table\" must be an identifier"'
printf '{\n  "tracking": { "schema": "", "table": "t" }\n}\n' >plumb.json
plumb migrate --url "$URL"
ok "an empty schema name: exit 2, tracking.schema named" eval 'rc_is 2 && err_has "\"tracking.schema\" must be"'
printf '{\n  "tracking": { "schema": "%s", "table": "t" }\n}\n' "$(printf 'x%.0s' $(seq 1 64))" >plumb.json
plumb migrate --url "$URL"
ok "a name of 64 bytes: exit 2" eval 'rc_is 2 && err_has "at most 63 bytes"'
cp good.json plumb.json
ok "nothing made in the database" eq "$(relations "$BAD")" ""

# --- drizzle-kit folders keep drizzle-orm's table ---------------------------------------------------
newdb
cp -r "$FIX/drizzle0" dz
plumb migrate --url "$URL" --dir dz
ok "a drizzle-kit folder goes to drizzle.__drizzle_migrations, not the configured table" \
	eval 'rc_is 0 && [ "$(relations "$DB")" = "drizzle.__drizzle_migrations public.a public.b" ]'
plumb status --url "$URL" --dir dz --exit-code
ok "... and status reads it there" rc_is 0

# --- imported records count as applied ----------------------------------------------------------------
newdb
mkdir gm
printf 'CREATE TABLE gm_a (id integer PRIMARY KEY);\n' >gm/000001_create_a.up.sql
printf 'CREATE TABLE gm_b (id integer PRIMARY KEY, note text);\n' >gm/000002_create_b.up.sql
cat gm/*.up.sql >gm_schema.sql
q "$DB" "$(cat gm/*.up.sql)
CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);
INSERT INTO schema_migrations VALUES (2, false);"
plumb import --from golang-migrate --dir gm --url "$URL" -o imp
ok "import records into ops.schema_history as imported" \
	eval 'rc_is 0 && [ "$(q "$DB" "SELECT string_agg(state, '"','"') FROM ops.schema_history")" = "imported,imported" ]'
plumb status --url "$URL" --dir imp --exit-code
ok "status shows them applied, marked imported" \
	eval 'rc_is 0 && [ "$(grep -c " applied .*imported)" "$OUT")" = 2 ]'
plumb status --url "$URL" --dir imp --json
ok "status --json: record_state imported" \
	eval '[ "$(json_get "[\"migrations_status\"][0][\"record_state\"]")" = imported ] &&
	[ "$(json_get "[\"migrations_status\"][0][\"status\"]")" = applied ]'
plumb check --url "$URL" --dir imp --schema gm_schema.sql
ok "check treats them as applied" \
	eval 'rc_is 0 && out_has "no pending migrations" && out_has "matches its applied migrations"'

tap_done
