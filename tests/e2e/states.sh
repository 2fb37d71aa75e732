#!/usr/bin/env bash
# Database states on SQLite (issue 13): a database with objects and no plumb
# records is not managed yet (status and check exit 9 and say so, in text and
# JSON, never drift); other tools' tracking tables and the config's
# "exclude" patterns stay out of diff, pull and check; reset drops and
# rebuilds, refuses a protected environment and, with no terminal, wants
# --yes. Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"

json_get() { python3 -c "import json,sys; d=json.load(open('$OUT')); print(eval('d' + sys.argv[1]))" "$1"; }

# --- not managed yet --------------------------------------------------------
cat >schema.sql <<'SQL'
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);
SQL
mkdir migrations
sql app.db "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);
	CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id));
	CREATE VIEW v_orders AS SELECT * FROM orders;
	CREATE TABLE schema_migrations (version TEXT PRIMARY KEY, dirty INTEGER);
	INSERT INTO schema_migrations VALUES ('1', 0);"
plumb generate init --url sqlite:app.db
ok "generate writes the first migration" count_is "$(n_migrations)" 1
plumb status --url sqlite:app.db
ok "status on an unmanaged database exits 9" rc_is 9
ok "status says it is not managed yet" out_has "not managed by plumb yet \(2 tables, 1 view\)"
ok "status points to adopt and import" err_has 'plumb adopt.*plumb import --from TOOL'
ok "status names the other tool's table" err_has 'tracking tables found: schema_migrations'
plumb status --url sqlite:app.db --json
ok "status --json exits 9" rc_is 9
ok "status --json: state unmanaged" [ "$(json_get '["state"]')" = unmanaged ]
ok "status --json: objects counted" [ "$(json_get '["objects"]["tables"]')" = 2 ]
ok "status --json: the tool's table named" [ "$(json_get '["tool_tables"]')" = "['schema_migrations']" ]
ok "status --json: error code not_managed" [ "$(json_get '["error"]["code"]')" = not_managed ]
plumb check --url sqlite:app.db
ok "check on an unmanaged database exits 9" rc_is 9
ok "check says it is not managed yet" out_has "is not managed by plumb yet"
ok "check lists no drop as drift" eval '! grep -qi "drop\|drift" "$OUT"'
plumb check --url sqlite:app.db --json
ok "check --json: state unmanaged, no drift member" \
	eval '[ "$(json_get "[\"state\"]")" = unmanaged ] && ! grep -q "\"drift\"" "$OUT"'
sql empty.db "CREATE TABLE plumb_migrations (x INTEGER); DROP TABLE plumb_migrations;"
plumb status --url sqlite:empty.db --json
ok "an empty database is not unmanaged" eval 'rc_is 0 && [ "$(json_get "[\"state\"]")" = empty ]'
plumb migrate --url sqlite:fresh.db
plumb status --url sqlite:fresh.db --json
ok "a migrated database is managed" eval 'rc_is 0 && [ "$(json_get "[\"state\"]")" = managed ]'
plumb check --url sqlite:fresh.db
ok "check on a managed database passes" rc_is 0

# --- other tools' tables are not schema ------------------------------------
TOOLS="__drizzle_migrations flyway_schema_history schema_migrations ar_internal_metadata goose_db_version _prisma_migrations knex_migrations knex_migrations_lock"
for t in $TOOLS; do
	sql fresh.db "CREATE TABLE IF NOT EXISTS $t (id INTEGER PRIMARY KEY, v TEXT); CREATE INDEX IF NOT EXISTS ${t}_v ON $t (v);"
done
plumb diff sqlite:fresh.db schema.sql
ok "diff leaves out every tool's table" eval 'rc_is 0 && out_empty'
plumb diff schema.sql sqlite:fresh.db
ok "diff the other way too" eval 'rc_is 0 && out_empty'
plumb pull --url sqlite:fresh.db -o -
ok "pull leaves them out" eval 'rc_is 0 && ! grep -qiE "migrations|flyway|goose|ar_internal|knex" "$OUT"'
plumb check --url sqlite:fresh.db
ok "check sees no drift for them" rc_is 0
for t in $TOOLS; do
	sql tool.db "CREATE TABLE IF NOT EXISTS $t (id INTEGER PRIMARY KEY)"
done
plumb diff sqlite:tool.db schema.sql
ok "a database of tool tables only: diff creates only users" \
	eval 'rc_is 0 && [ "$(grep -c "^CREATE TABLE" "$OUT")" = 1 ] && out_has "CREATE TABLE \"?users"'
plumb status --url sqlite:tool.db
ok "a database of tool tables only is empty, not unmanaged" rc_is 0

# a schema file that declares a tool's table itself: left out on both sides
printf 'CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);\nCREATE TABLE schema_migrations (version TEXT PRIMARY KEY);\n' >declares.sql
plumb diff sqlite:fresh.db declares.sql
ok "a tool table the schema declares is left out on both sides" eval 'rc_is 0 && out_empty'

# config patterns
sql fresh.db "CREATE TABLE audit_log (id INTEGER); CREATE TABLE audit_tmp (id INTEGER); CREATE TABLE keepme (id INTEGER)"
cat >plumb.json <<'JSON'
{"exclude": ["audit_*", "main.keepme"]}
JSON
plumb diff sqlite:fresh.db schema.sql --allow-data-loss
ok "exclude patterns: globs and schema.table leave tables out" eval 'rc_is 0 && out_empty'
plumb check --url sqlite:fresh.db
ok "check with exclude patterns passes" rc_is 0
echo '{"exclude": ["audit_*", "!schema_migrations"]}' >plumb.json
plumb diff sqlite:fresh.db schema.sql --allow-data-loss
ok "!pattern brings a default back" eval 'out_has "DROP TABLE \"schema_migrations\"" && out_has "DROP TABLE \"keepme\"" && ! out_has audit'
echo '{"exclude": "audit_*"}' >plumb.json
plumb status --url sqlite:fresh.db
ok "exclude must be an array (exit 2, position)" eval 'rc_is 2 && err_has "plumb.json:1:2: \"exclude\" must be an array"'
rm plumb.json

# --- reset ----------------------------------------------------------------
sql fresh.db "INSERT INTO users VALUES (1, 'a@example.com'); CREATE TABLE stray (id INTEGER); CREATE VIEW vs AS SELECT * FROM stray; CREATE TRIGGER tr AFTER INSERT ON stray BEGIN SELECT 1; END;"
plumb reset --url sqlite:fresh.db </dev/null
ok "reset without --yes and no terminal is refused (exit 2)" eval 'rc_is 2 && err_has "needs --yes"'
ok "... and nothing was dropped" [ "$(sql fresh.db 'SELECT count(*) FROM stray')" = 0 ]
CI=true plumb reset --url sqlite:fresh.db
ok "CI=true counts as no terminal" rc_is 2
plumb reset --url sqlite:fresh.db --dry-run
ok "reset --dry-run lists the drops" eval 'rc_is 0 && out_has "DROP TABLE IF EXISTS \"stray\"" && out_has "DROP VIEW IF EXISTS \"vs\""'
ok "... and changes nothing" [ "$(sql fresh.db 'SELECT count(*) FROM users')" = 1 ]
plumb reset --url sqlite:fresh.db --yes
ok "reset --yes exits 0" rc_is 0
ok "reset dropped what the migrations do not make" \
	[ "$(sql fresh.db "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name)")" = "plumb_migrations users" ]
ok "reset rebuilt from the migrations (rows gone, migration recorded)" \
	eval '[ "$(sql fresh.db "SELECT count(*) FROM users")" = 0 ] && [ "$(sql fresh.db "SELECT count(*) FROM plumb_migrations")" = 1 ]'
plumb reset --url sqlite:fresh.db --yes --from-schema --json
ok "reset --from-schema --json: one document, rebuilt by push" \
	eval 'rc_is 0 && out_json && [ "$(json_get "[\"rebuild\"]")" = push ]'
ok "reset --from-schema left no tracking table" \
	[ "$(sql fresh.db "SELECT count(*) FROM sqlite_schema WHERE name = 'plumb_migrations'")" = 0 ]

# protected environments
cat >plumb.json <<'JSON'
{"environments": {"default": {"url": "sqlite:fresh.db"}, "prod": {"url": "sqlite:prod.db", "protected": true}}}
JSON
sql prod.db "CREATE TABLE precious (id INTEGER); INSERT INTO precious VALUES (1);"
before=$(sqlite3 prod.db .dump)
plumb reset --env prod --yes
ok "reset on a protected environment is refused" eval 'rc_is 1 && err_has "refusing to reset sqlite:prod.db: environment \"prod\" is protected"'
plumb push --env prod --allow-data-loss
ok "push on a protected environment is refused" eval 'rc_is 1 && err_has "refusing to push to .*protected"'
plumb reset --url sqlite:prod.db --yes
ok "the protected database through --url is refused too" rc_is 1
ok "the protected database is unchanged" [ "$before" = "$(sqlite3 prod.db .dump)" ]
plumb push --env prod --dry-run --allow-data-loss
ok "push --dry-run on a protected environment reads only and runs" rc_is 0
plumb push
ok "push on an unprotected environment runs" rc_is 0
echo '{"environments": {"prod": {"url": "sqlite:prod.db", "protected": "yes"}}}' >plumb.json
plumb status --env prod
ok "protected must be a boolean (exit 2)" eval 'rc_is 2 && err_has "\"protected\" must be true or false"'

tap_done
