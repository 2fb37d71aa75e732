#!/usr/bin/env bash
# The tracking table's place on SQLite (issue 13, item 7): the config's
# "tracking" (top level and per environment) and --tracking-table choose the
# table; migrate, status, check, baseline, repair and reset use it, the
# default table is never made, diff and pull never show it; a bad name or a
# schema other than main is a usage error naming the key, and nothing
# changes; a drizzle-kit folder still goes to __drizzle_migrations; records
# imported from another tool count as applied in status and check. Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"

eq() { [ "$1" = "$2" ]; }
tables() { sql "$1" "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name)"; }
json_get() { python3 -c "import json,sys; d=json.load(open('$OUT')); print(eval('d' + sys.argv[1]))" "$1"; }

cat >schema.sql <<'SQL'
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);
SQL
cat >plumb.json <<'JSON'
{
  "tracking": { "table": "schema_history" },
  "environments": {
    "alt": { "url": "sqlite:alt.db", "tracking": { "schema": "main", "table": "alt_history" } }
  }
}
JSON
plumb generate init
ok "generate writes the first migration" eval 'rc_is 0 && count_is "$(n_migrations)" 1'
V1=$(basename migrations/*_init.sql | cut -d_ -f1)

# --- migrate, status, check in the configured table ---------------------------
plumb migrate
ok "migrate with a configured table" rc_is 0
ok "... records in schema_history, no plumb_migrations" \
	eq "$(tables plumb.db)" "schema_history users"
ok "... one applied row" eq "$(sql plumb.db "SELECT version || ':' || state FROM schema_history")" "$V1:applied"
plumb status --exit-code
ok "status reads it: applied, nothing pending" eval 'rc_is 0 && out_has "$V1 +applied"'
plumb check
ok "check reads it" eval 'rc_is 0 && out_has "no pending migrations"'
plumb diff sqlite:plumb.db schema.sql --exit-code
ok "diff does not show the configured table" eval 'rc_is 0 && out_empty'
plumb pull -o -
ok "pull does not write it" eval 'rc_is 0 && out_has "CREATE TABLE users" && ! out_has "schema_history"'
plumb status --tracking-table other_history
ok "--tracking-table replaces the config's: that table has no records" \
	eval 'rc_is 9 && out_has "not managed by plumb yet"'
plumb migrate --tracking-table main.schema_history
ok "--tracking-table main.NAME is the same table" eval 'rc_is 0 && err_has "nothing to apply"'

# --- a second migration, repair -------------------------------------------------
echo 'CREATE INDEX users_email ON users (email);' >>schema.sql
plumb generate email_index
plumb migrate
ok "a second migration recorded there" eq "$(sql plumb.db "SELECT count(*) FROM schema_history WHERE state = 'applied'")" 2
V2=$(basename migrations/*_email_index.sql | cut -d_ -f1)
sql plumb.db "UPDATE schema_history SET state = 'failed', error = 'boom' WHERE version = '$V2'"
plumb status
ok "status shows the failed row" out_has "$V2 +failed"
sql plumb.db "DROP INDEX users_email"
plumb repair
ok "repair clears it in the configured table" \
	eval 'rc_is 0 && [ "$(sql plumb.db "SELECT count(*) FROM schema_history WHERE version = '"'$V2'"'")" = 0 ]'
plumb migrate
ok "... and migrate applies it again" \
	eq "$(sql plumb.db "SELECT count(*) FROM schema_history WHERE state = 'applied'")" 2

# --- baseline ----------------------------------------------------------------------
plumb push --url sqlite:base.db
ok "push builds a database without records" eq "$(tables base.db)" "users"
plumb baseline "$V2" --url sqlite:base.db
ok "baseline records in the configured table" \
	eval 'rc_is 0 && [ "$(tables base.db)" = "schema_history users" ] &&
	[ "$(sql base.db "SELECT group_concat(state) FROM schema_history")" = "baseline,baseline" ]'
plumb status --url sqlite:base.db --exit-code
ok "status reads the baseline" eval 'rc_is 0 && out_has "$V2 +baseline"'

# --- a table made before the state imported existed is upgraded in place ------------------
sql old.db "CREATE TABLE schema_history (version text PRIMARY KEY, name text NOT NULL,
  checksum text NOT NULL, state text NOT NULL CHECK (state IN ('applied', 'failed', 'baseline')),
  applied_at text NOT NULL, duration_ms bigint NOT NULL DEFAULT 0, applied_by text, error text);
INSERT INTO schema_history VALUES ('$V1', 'init', 'x', 'baseline', '2024-01-01T00:00:00Z', 0, NULL, NULL);
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);"
plumb migrate --url sqlite:old.db
ok "an old configured table takes the state imported, its rows kept" \
	eval 'rc_is 0 && [ "$(sql old.db "SELECT group_concat(state) FROM schema_history")" = "baseline,applied" ] &&
	[ "$(sql old.db "SELECT count(*) FROM sqlite_schema WHERE name = '"'schema_history'"' AND sql LIKE '"'%imported%'"'")" = 1 ]'

# --- per environment -----------------------------------------------------------------
plumb migrate --env alt
ok "an environment's tracking (schema main) chooses its table" \
	eval 'rc_is 0 && [ "$(tables alt.db)" = "alt_history users" ]'

# --- reset --------------------------------------------------------------------------
plumb reset --yes
ok "reset drops the configured table with the rest and migrate makes it again" \
	eval 'rc_is 0 && [ "$(tables plumb.db)" = "schema_history users" ] &&
	[ "$(sql plumb.db "SELECT count(*) FROM schema_history")" = 2 ]'

# --- bad places: a usage error naming the key, nothing changed -------------------
cp plumb.json good.json
before=$(sqlite3 plumb.db .dump | md5sum)
echo 'CREATE TABLE extra (id INTEGER);' >>schema.sql
plumb generate extra
printf '{\n  "tracking": { "table": "bad-name" }\n}\n' >plumb.json
plumb migrate
ok "a bad table name: exit 2, the key and its place named" \
	eval 'rc_is 2 && err_has "plumb.json:2:[0-9]+: \"tracking.table\" must be an identifier" && err_has "bad-name"'
printf '{\n  "tracking": { "schema": "ops", "table": "t" }\n}\n' >plumb.json
plumb migrate
ok "a schema other than main on SQLite: exit 2, tracking.schema named" \
	eval 'rc_is 2 && err_has "plumb.json:2:[0-9]+: \"tracking.schema\" is \"ops\""'
printf '{\n  "tracking": { "table": "t; DROP TABLE users" }\n}\n' >plumb.json
plumb migrate
ok "SQL in a name is refused as a name" eval 'rc_is 2 && err_has "tracking.table"'
printf '{\n  "tracking": { "name": "t" }\n}\n' >plumb.json
plumb migrate
ok "an unknown key in tracking is named" eval 'rc_is 2 && err_has "unknown key \"name\" in \"tracking\""'
printf '{\n  "environments": { "x": { "tracking": { "table": "9lives" } } }\n}\n' >plumb.json
plumb status
ok "a bad name in any environment is refused" eval 'rc_is 2 && err_has "tracking.table" && err_has "9lives"'
cp good.json plumb.json
plumb migrate --tracking-table 'a.b.c'
ok "a bad --tracking-table is refused, naming the flag" eval 'rc_is 2 && err_has "\-\-tracking-table must be"'
ok "nothing changed in the database" eq "$(sqlite3 plumb.db .dump | md5sum)" "$before"
ok "no default table was ever made" eval '! sqlite3 plumb.db .tables | grep -q plumb_migrations'

# --- drizzle-kit folders keep drizzle-orm's table ----------------------------------------
mkdir -p dz/meta
cat >dz/meta/_journal.json <<'JSON'
{"version": "7", "dialect": "sqlite", "entries": [
  {"idx": 0, "version": "6", "when": 1700000000000, "tag": "0000_first", "breakpoints": true}
]}
JSON
printf 'CREATE TABLE `a` (`id` integer);\n' >dz/0000_first.sql
plumb migrate --dir dz --url sqlite:dz.db
ok "a drizzle-kit folder is recorded in __drizzle_migrations, not the configured table" \
	eval 'rc_is 0 && [ "$(tables dz.db)" = "__drizzle_migrations a" ]'
plumb status --dir dz --url sqlite:dz.db --exit-code
ok "... and status reads it there" eval 'rc_is 0 && out_has "applied"'

# --- imported records count as applied -------------------------------------------------
mkdir gm
printf 'CREATE TABLE gm_a (id integer PRIMARY KEY);\n' >gm/000001_create_a.up.sql
printf 'CREATE TABLE gm_b (id integer PRIMARY KEY, note text);\n' >gm/000002_create_b.up.sql
sql imp.db "$(cat gm/*.up.sql)
CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);
INSERT INTO schema_migrations VALUES (2, 0);"
cat gm/*.up.sql >gm_schema.sql
plumb import --from golang-migrate --dir gm --url sqlite:imp.db -o imp
ok "import records into the configured table as imported" \
	eval 'rc_is 0 && [ "$(sql imp.db "SELECT group_concat(state) FROM schema_history")" = "imported,imported" ]'
plumb status --url sqlite:imp.db --dir imp --exit-code
ok "status shows imported records as applied, marked imported" \
	eval 'rc_is 0 && [ "$(grep -c " applied .*imported)" "$OUT")" = 2 ]'
plumb status --url sqlite:imp.db --dir imp --json
ok "status --json: status applied, record_state imported" \
	eval '[ "$(json_get "[\"migrations_status\"][0][\"status\"]")" = applied ] &&
	[ "$(json_get "[\"migrations_status\"][1][\"record_state\"]")" = imported ] &&
	[ "$(json_get "[\"pending\"]")" = 0 ]'
plumb check --url sqlite:imp.db --dir imp --schema gm_schema.sql
ok "check treats imported records as applied" \
	eval 'rc_is 0 && out_has "no pending migrations" && out_has "matches its applied migrations"'

tap_done
