#!/usr/bin/env bash
# plumb adopt on SQLite (issue 13): the audit, --pull with and without
# --force, --dry-run writing nothing, --strategy future-only (a snapshot, the
# next generate writing only the change, migrate applying it, a fresh
# database built from the snapshot) and baseline-file, refusals that write
# nothing (files and tracking table unchanged), --retire refused before an
# import and accepted after, baseline VERSION refusing a database that does
# not match, and migrate refusing a database plumb does not manage yet.
# Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"

json_get() { python3 -c "import json,sys; d=json.load(open('$OUT')); print(eval('d' + sys.argv[1]))" "$1"; }
# snap: a fingerprint of the folder, the schema file and the tracking table
snap() {
	{
		find . -path ./.out -prune -o -path ./.err -prune -o -type f \( -name '*.sql' -o -name plumb.sum \) -print |
			sort | xargs -r sha256sum
		sqlite3 "$1" "SELECT name FROM sqlite_schema WHERE name = 'plumb_migrations'" 2>/dev/null
		sqlite3 "$1" "SELECT version, state, checksum FROM plumb_migrations ORDER BY version" 2>/dev/null
	} | sha256sum
}
prod() {
	rm -f "$1"
	sql "$1" "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);
		CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id), total REAL);
		CREATE INDEX orders_user ON orders (user_id);
		CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100;
		CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, dirty INTEGER NOT NULL);
		INSERT INTO schema_migrations VALUES (1, 0), (2, 0);
		INSERT INTO users VALUES (1, 'a@x'), (2, 'b@x'); INSERT INTO orders VALUES (1, 1, 150), (2, 2, 5);"
}
# the application's schema: dump without the other tool's table
app_dump() { dump "$1" | grep -v schema_migrations; }
rows() { sql "$1" "SELECT (SELECT count(*) FROM users) || '/' || (SELECT count(*) FROM orders)"; }

# --- the audit ------------------------------------------------------------------
mkdir a && cd a || exit 1
prod app.db
cat >schema.sql <<'SQL'
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);
CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id), total REAL);
SQL
before=$(snap app.db)
plumb adopt --url sqlite:app.db
ok "audit: exit 0" rc_is 0
ok "audit: says not managed yet" out_has "^state: sqlite:app.db is not managed by plumb yet \(2 tables, 1 view\)"
ok "audit: names the other tool's table" out_has "tracking tables found: schema_migrations"
ok "audit: grouped by object, the column that differs with before and after" \
	eval 'out_has "^different +table \"users\"" && out_has "^  different +column \"email\"" && out_has "not null +yes -> no"'
ok "audit: the index and the view only in the database" \
	eval 'out_has "^  only in database +index \"orders_user\"" && out_has "^only in database +view \"big_orders\""'
ok "audit: ends with the next command" eval '[ "$(tail -1 "$OUT")" = "next: plumb adopt --pull --force --url sqlite:app.db" ]'
ok "audit: nothing changed" [ "$(snap app.db)" = "$before" ]
plumb adopt --url sqlite:app.db --json
ok "audit --json: state, steps, audit, next" eval 'rc_is 0 && [ "$(json_get "[\"state\"]")" = unmanaged ] &&
	[ "$(json_get "[\"audit\"][\"schema\"][\"in_sync\"]")" = False ] &&
	[ "$(json_get "[\"next\"]")" = "plumb adopt --pull --force --url sqlite:app.db" ] &&
	[ "$(json_get "[\"steps\"][0][\"step\"]")" = state ]'
ok "audit --json: the report's records" eval '[ "$(json_get "[\"audit\"][\"schema\"][\"report\"][\"summary\"][\"only_in_database\"]")" = 2 ] &&
	[ "$(json_get "[\"audit\"][\"schema\"][\"report\"][\"objects\"][-1][\"status\"]")" = only_in_database ]'

# --- refusals write nothing -------------------------------------------------------
plumb adopt --url sqlite:app.db --strategy future-only
ok "future-only refused when the database differs from the schema file (exit 3)" rc_is 3
ok "the refusal names what differs" err_has 'differs from schema.sql' && ok "and the column" err_has 'alter column "users"."email"'
ok "refused: files and tracking table unchanged" [ "$(snap app.db)" = "$before" ]
plumb adopt --url sqlite:app.db --strategy baseline-file
ok "baseline-file refused too" eval 'rc_is 3 && [ "$(snap app.db)" = "$before" ]'
plumb adopt --url sqlite:app.db --pull
ok "--pull without --force refuses a schema file that differs" eval 'rc_is 2 && err_has "not overwriting"'
ok "--pull refused: schema file unchanged" [ "$(snap app.db)" = "$before" ]
plumb adopt --url sqlite:app.db --pull --force --strategy future-only --dry-run
ok "--dry-run: would pull and record" eval 'rc_is 0 && out_has "would write schema.sql" && out_has "would record"'
ok "--dry-run wrote nothing" [ "$(snap app.db)" = "$before" ]
ok "--dry-run: no migrations folder made" [ ! -e migrations ]

# --- future-only ------------------------------------------------------------------
plumb adopt --url sqlite:app.db --pull --force --strategy future-only
ok "future-only with --pull --force: exit 0" rc_is 0
ok "it pulled the schema file" grep -q "CREATE INDEX orders_user" schema.sql
ok "it wrote the snapshot, no migration" eval '[ -f migrations/plumb.snapshot.sql ] && [ "$(ls migrations | grep -c "^[0-9]")" = 0 ]'
ok "plumb.sum lists the snapshot" grep -q "^plumb.snapshot.sql sha256:" migrations/plumb.sum
ok "the baseline record holds the snapshot's checksum" \
	[ "$(sql app.db "SELECT version || ' ' || state || ' ' || checksum FROM plumb_migrations")" = "0 baseline $(sed 's/\r$//' migrations/plumb.snapshot.sql | sha256sum | cut -d' ' -f1)" ]
ok "next: plumb check" eval '[ "$(tail -1 "$OUT")" = "next: plumb check --url sqlite:app.db" ]'
plumb check --url sqlite:app.db
ok "check passes after adopt" rc_is 0
plumb status --url sqlite:app.db --exit-code
ok "status: nothing pending" rc_is 0
plumb adopt --url sqlite:app.db --strategy future-only
ok "adopt again: already managed, refused" eval 'rc_is 1 && err_has "already managed by plumb"'
cat >>schema.sql <<'SQL'
CREATE TABLE invoices (id INTEGER PRIMARY KEY, order_id INTEGER REFERENCES orders(id));
SQL
plumb generate add_invoices
ok "generate after future-only: exit 0" rc_is 0
mig=$(ls migrations/*_add_invoices.sql 2>/dev/null)
ok "generate wrote only the change" eval '[ "$(grep -c "^CREATE" "$mig")" = 1 ] && grep -q "CREATE TABLE .*invoices" "$mig"'
plumb migrate --url sqlite:app.db
ok "migrate applies only the change" eval 'rc_is 0 && err_has "1 migration applied" && ! err_has snapshot'
ok "rows kept" [ "$(rows app.db)" = "2/2" ]
plumb check --url sqlite:app.db
ok "check passes after the change" rc_is 0
plumb migrate --url sqlite:fresh.db
ok "an empty database is built from the snapshot then the change" eval 'rc_is 0 && err_has "applied plumb.snapshot.sql" && err_has "2 migrations applied"'
ok "the fresh database has the schema" [ "$(app_dump fresh.db)" = "$(app_dump app.db)" ]
plumb check --url sqlite:fresh.db
ok "check passes on the fresh database" rc_is 0
echo "-- edited" >>migrations/plumb.snapshot.sql
plumb migrate --url sqlite:app.db
ok "an edited snapshot is caught by plumb.sum" eval '[ "$RC" -ne 0 ] && err_has "plumb.snapshot.sql"'
cd .. || exit 1

# --- baseline-file ----------------------------------------------------------------
mkdir b && cd b || exit 1
prod app.db
plumb adopt --url sqlite:app.db --pull --strategy baseline-file
ok "baseline-file with --pull and no schema file: exit 0" rc_is 0
first=$(ls migrations/*_baseline.sql 2>/dev/null)
ok "the whole schema is the first migration" eval '[ -n "$first" ] && grep -q "CREATE TABLE users" "$first" && grep -q "CREATE VIEW" "$first"'
ok "no snapshot" [ ! -e migrations/plumb.snapshot.sql ]
ok "recorded as baseline" [ "$(sql app.db "SELECT state FROM plumb_migrations")" = baseline ]
plumb check --url sqlite:app.db
ok "check passes" rc_is 0
plumb migrate --url sqlite:app.db
ok "migrate runs nothing" eval 'rc_is 0 && err_has "nothing to apply"'
plumb migrate --url sqlite:fresh.db
ok "a fresh database is built by the baseline migration" eval 'rc_is 0 && [ "$(app_dump fresh.db)" = "$(app_dump app.db)" ]'
prod app2.db
plumb adopt --url sqlite:app2.db --strategy baseline-file
ok "a folder with migrations is refused, naming baseline and import" \
	eval 'rc_is 1 && err_has "plumb baseline VERSION" && err_has "plumb import --from TOOL"'
echo "-- mine" >mine.sql
plumb adopt --url sqlite:app2.db --schema mine.sql --pull --force --strategy baseline-file
ok "a refused strategy leaves --pull's file unwritten too" eval 'rc_is 1 && [ "$(cat mine.sql)" = "-- mine" ]'
cd .. || exit 1

# --- --pull with and without --force -----------------------------------------------
mkdir c && cd c || exit 1
prod app.db
echo "-- nothing yet" >schema.sql
plumb adopt --url sqlite:app.db --pull
ok "--pull replaces a schema file that holds only comments? no: it differs" eval 'rc_is 2 && [ "$(cat schema.sql)" = "-- nothing yet" ]'
plumb adopt --url sqlite:app.db --pull --force
ok "--pull --force replaces it" eval 'rc_is 0 && grep -q "CREATE TABLE users" schema.sql'
ok "next after the pull: the strategy" eval '[ "$(tail -1 "$OUT")" = "next: plumb adopt --strategy future-only --url sqlite:app.db" ]'
cp schema.sql pulled.sql
plumb adopt --url sqlite:app.db --pull
ok "--pull again: the file already holds the schema, no --force needed" eval 'rc_is 0 && out_has "already holds" && same_files schema.sql pulled.sql'
cd .. || exit 1

# --- --retire ------------------------------------------------------------------------
mkdir d && cd d || exit 1
prod app.db
mkdir old
echo 'CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);' >old/1_users.up.sql
printf 'CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id), total REAL);\nCREATE INDEX orders_user ON orders (user_id);\nCREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100;\n' >old/2_orders.up.sql
before=$(snap app.db)
plumb adopt --url sqlite:app.db --retire golang-migrate
ok "--retire before the import is refused, naming import" eval 'rc_is 1 && err_has "plumb import --from golang-migrate"'
ok "refused: nothing written" [ "$(snap app.db)" = "$before" ]
plumb adopt --url sqlite:app.db --retire nosuchtool
ok "--retire of an unknown tool is a usage error" rc_is 2
plumb import --from golang-migrate --dir old --url sqlite:app.db
ok "import the tool's history" rc_is 0
plumb adopt --url sqlite:app.db --retire golang-migrate --dry-run
ok "--retire --dry-run prints the migration, writes nothing" \
	eval 'rc_is 0 && out_has "DROP TABLE IF EXISTS \"schema_migrations\"" && ! ls migrations | grep -q retire'
plumb adopt --url sqlite:app.db --retire golang-migrate --json
ok "--retire after the import writes a migration" eval 'rc_is 0 && ls migrations | grep -q "_retire_golang_migrate.sql$"'
ok "--retire --json: the table named, next is migrate" \
	eval '[ "$(json_get "[\"retire\"][\"tables\"][0]")" = schema_migrations ] && [ "$(json_get "[\"next\"]")" = "plumb migrate --url sqlite:app.db" ]'
ok "the tool's table is still there until migrate" [ "$(sql app.db "SELECT count(*) FROM schema_migrations")" = 2 ]
plumb migrate --url sqlite:app.db
ok "migrate drops it" eval 'rc_is 0 && [ -z "$(sql app.db "SELECT name FROM sqlite_schema WHERE name = '\''schema_migrations'\''")" ]'
ok "rows kept" [ "$(rows app.db)" = "2/2" ]
cd .. || exit 1

# --- baseline VERSION is checked ---------------------------------------------------------
mkdir e && cd e || exit 1
echo 'CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);' >schema.sql
plumb generate users --dialect sqlite
echo 'CREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT);' >>schema.sql
plumb generate posts --dialect sqlite
v1=$(ls migrations | grep _users.sql | cut -d_ -f1)
v2=$(ls migrations | grep _posts.sql | cut -d_ -f1)
sql app.db "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);"
before=$(snap app.db)
plumb baseline "$v2" --url sqlite:app.db
ok "baseline of a version the database does not match is refused (exit 3)" rc_is 3
ok "it names what differs" err_has 'create table "?posts'
ok "refused: nothing recorded" [ "$(snap app.db)" = "$before" ]
plumb baseline "$v2" --url sqlite:app.db --dry-run
ok "--dry-run refuses the same" rc_is 3
plumb baseline "$v1" --url sqlite:app.db
ok "baseline of the version it matches is recorded" eval 'rc_is 0 && [ "$(sql app.db "SELECT version || state FROM plumb_migrations")" = "${v1}baseline" ]'
sql empty.db "CREATE TABLE plumb_migrations (x INTEGER); DROP TABLE plumb_migrations;"
plumb baseline "$v1" --url sqlite:empty.db
ok "baseline on an empty database is refused" rc_is 3

# --- migrate on a database plumb does not manage -------------------------------------------
sql legacy.db "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL); INSERT INTO users VALUES (1, 'a');"
before=$(snap legacy.db)
plumb migrate --url sqlite:legacy.db
ok "migrate on a not-managed database exits 9" rc_is 9
ok "it points to adopt and import" eval 'err_has "not managed by plumb yet" && err_has "plumb adopt" && err_has "plumb import"'
ok "it changed nothing" eval '[ "$(snap legacy.db)" = "$before" ] && [ "$(sql legacy.db "SELECT count(*) FROM users")" = 1 ]'
plumb migrate --url sqlite:legacy.db --json
ok "migrate --json: not_managed" eval 'rc_is 9 && [ "$(json_get "[\"error\"][\"code\"]")" = not_managed ]'
sql other.db "CREATE TABLE unrelated (id INTEGER);"
plumb migrate --url sqlite:other.db
ok "objects the migrations do not create do not stop migrate" rc_is 0
plumb migrate --url sqlite:new.db
ok "an empty database is migrated as before" eval 'rc_is 0 && err_has "2 migrations applied"'

tap_done
