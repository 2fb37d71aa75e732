#!/usr/bin/env bash
# plumb adopt on PostgreSQL (issue 13): a production database built by
# another tool (enum, identity and serial columns, a foreign key, an index, a
# view, a function, drizzle-orm's table) audited, refused while it differs
# from the schema file (nothing written), --pull with and without --force,
# --dry-run, future-only (the next generate writes only the change, migrate
# applies it, a fresh database is built from the snapshot), baseline-file,
# --retire before and after the import, baseline VERSION checked, and migrate
# refusing a database plumb does not manage yet. Runs under
# tests/lib/pgtmp.sh. Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"

if [ -z "${PLUMB_PG_URL:-}" ]; then
	echo "1..0 # SKIP PLUMB_PG_URL not set"
	exit 0
fi

n_db=0
newdb() {
	n_db=$((n_db + 1))
	DB="adopt_$$_$n_db"
	createdb "$DB" || return 1
	URL="postgresql:///$DB?host=$PGHOST&port=$PGPORT&user=$PGUSER"
}
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }
json_get() { python3 -c "import json,sys; d=json.load(open('$OUT')); print(eval('d' + sys.argv[1]))" "$1"; }
# the application's schema as pg_dump prints it, tool and plumb tables aside
app_dump() {
	pg_dump --schema-only --no-owner --no-privileges -N drizzle -T public.plumb_migrations \
		-T public.schema_migrations -d "$1" | grep -vE '^(--|SET |SELECT pg_catalog|\\)' | grep -v '^$'
}
# snap DB: the files of the folder and schema file, and the tracking table
snap() {
	{
		find . -path ./.out -prune -o -path ./.err -prune -o -type f \( -name '*.sql' -o -name plumb.sum \) -print |
			sort | xargs -r sha256sum
		q "$1" "SELECT to_regclass('public.plumb_migrations') IS NOT NULL"
		q "$1" "SELECT string_agg(version || state || checksum, ',' ORDER BY version) FROM plumb_migrations" 2>/dev/null
	} | sha256sum
}
prod() {
	newdb || return 1
	q "$DB" "CREATE TYPE request_status AS ENUM ('draft', 'submitted', 'approved');
		CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL UNIQUE, s request_status DEFAULT 'draft');
		CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
			user_id int REFERENCES users(id), total numeric(10,2));
		CREATE INDEX orders_user ON orders (user_id);
		CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100;
		CREATE FUNCTION order_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM orders';
		CREATE SCHEMA drizzle;
		CREATE TABLE drizzle.__drizzle_migrations (id serial PRIMARY KEY, hash text NOT NULL, created_at bigint);
		INSERT INTO users (email) VALUES ('a@x'), ('b@x');
		INSERT INTO orders (user_id, total) VALUES (1, 150), (2, 5);"
}
rows() { q "$1" "SELECT (SELECT count(*) FROM users) || '/' || (SELECT count(*) FROM orders)"; }

# --- audit and refusals -------------------------------------------------------------
mkdir a && cd a || exit 1
prod
A=$DB AURL=$URL
cat >schema.sql <<'SQL'
CREATE TYPE request_status AS ENUM ('draft', 'submitted');
CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL UNIQUE, s request_status DEFAULT 'draft');
SQL
before=$(snap "$A")
plumb adopt --url "$AURL"
ok "audit: exit 0, not managed yet" eval 'rc_is 0 && out_has "not managed by plumb yet \(2 tables, 1 view, 1 type, 1 function\)"'
ok "audit: drizzle's table named, not audited" eval 'out_has "tracking tables found: drizzle.__drizzle_migrations" && ! out_has "drop table \"drizzle\""'
ok "audit: the enum, the table, the view that differ" \
	eval 'out_has "^different +enum \"public\".\"request_status\"" && out_has "values +draft, submitted, approved -> draft, submitted" &&
	out_has "^only in database +table \"public\".\"orders\"" && out_has "^only in database +view \"public\".\"big_orders\""'
ok "audit: next command" out_has "^next: plumb adopt --pull --force --url '"
ok "audit: nothing changed" [ "$(snap "$A")" = "$before" ]
plumb adopt --url "$AURL" --json
ok "audit --json" eval 'rc_is 0 && [ "$(json_get "[\"state\"]")" = unmanaged ] && [ "$(json_get "[\"audit\"][\"schema\"][\"in_sync\"]")" = False ]'
plumb adopt --url "$AURL" --strategy future-only
ok "future-only refused while the database differs (exit 3), naming it" eval 'rc_is 3 && err_has "differs from schema.sql" && err_has "orders"'
ok "refused: nothing written" [ "$(snap "$A")" = "$before" ]
plumb adopt --url "$AURL" --strategy baseline-file --json
ok "baseline-file refused too, JSON error diff" eval 'rc_is 3 && [ "$(json_get "[\"error\"][\"code\"]")" = diff ] && [ "$(snap "$A")" = "$before" ]'
plumb adopt --url "$AURL" --pull --strategy future-only
ok "--pull without --force refuses the differing schema file" eval 'rc_is 2 && err_has "not overwriting" && [ "$(snap "$A")" = "$before" ]'
plumb adopt --url "$AURL" --pull --force --strategy future-only --dry-run
ok "--dry-run: exit 0, writes nothing" eval 'rc_is 0 && out_has "would record" && [ "$(snap "$A")" = "$before" ] && [ ! -e migrations ]'

# --- future-only ------------------------------------------------------------------------
plumb adopt --url "$AURL" --pull --force --strategy future-only
ok "future-only with --pull --force" rc_is 0
ok "snapshot written, no migration" eval '[ -f migrations/plumb.snapshot.sql ] && [ "$(ls migrations | grep -c "^[0-9]")" = 0 ]'
ok "recorded as baseline with the snapshot's checksum" \
	[ "$(q "$A" "SELECT version || ' ' || state || ' ' || checksum FROM plumb_migrations")" = "0 baseline $(sha256sum <migrations/plumb.snapshot.sql | cut -c1-64)" ]
plumb check --url "$AURL"
ok "check passes" rc_is 0
cat >>schema.sql <<'SQL'

CREATE TABLE invoices (id serial PRIMARY KEY, order_id bigint REFERENCES orders(id));
SQL
plumb generate add_invoices --url "$AURL"
mig=$(ls migrations/*_add_invoices.sql 2>/dev/null)
ok "generate writes only the change" eval 'rc_is 0 && [ "$(grep -c "^CREATE" "$mig")" = 1 ] && grep -q "CREATE TABLE \"public\".\"invoices\"" "$mig"'
plumb migrate --url "$AURL"
ok "migrate applies it" eval 'rc_is 0 && err_has "1 migration applied"'
ok "rows kept" [ "$(rows "$A")" = "2/2" ]
plumb check --url "$AURL"
ok "check passes after the change" rc_is 0
newdb
plumb migrate --url "$URL"
ok "a fresh database: snapshot then the change" eval 'rc_is 0 && err_has "applied plumb.snapshot.sql" && err_has "2 migrations applied"'
ok "the fresh database equals production" [ "$(app_dump "$DB")" = "$(app_dump "$A")" ]

# --- --retire ---------------------------------------------------------------------------
plumb adopt --url "$AURL" --retire drizzle
ok "--retire before the import: refused, naming import" eval 'rc_is 1 && err_has "plumb import --from drizzle"'
ok "refused: no migration written" eval '! ls migrations | grep -q retire'
cd .. || exit 1
mkdir b && cd b || exit 1
prod
B=$DB BURL=$URL
d=dz
mkdir -p $d/meta
printf 'CREATE TYPE request_status AS ENUM (%s);\n--> statement-breakpoint\nCREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL UNIQUE, s request_status DEFAULT %s);\n' \
	"'draft', 'submitted', 'approved'" "'draft'" >$d/0000_users.sql
cat >$d/0001_orders.sql <<'SQL'
CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id int REFERENCES users(id), total numeric(10,2));
--> statement-breakpoint
CREATE INDEX orders_user ON orders (user_id);
--> statement-breakpoint
CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100;
--> statement-breakpoint
CREATE FUNCTION order_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM orders';
SQL
cat >$d/meta/_journal.json <<'JSON'
{"version": "7", "dialect": "postgresql", "entries": [
 {"idx": 0, "version": "7", "when": 1700000000000, "tag": "0000_users", "breakpoints": true},
 {"idx": 1, "version": "7", "when": 1700000060000, "tag": "0001_orders", "breakpoints": true}]}
JSON
q "$B" "INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES
	('$(sha256sum <$d/0000_users.sql | cut -c1-64)', 1700000000000), ('$(sha256sum <$d/0001_orders.sql | cut -c1-64)', 1700000060000)"
plumb migrate --url "$BURL" --dir $d
ok "drizzle's folder with drizzle's records: managed, nothing to apply" eval 'rc_is 0 && err_has "nothing to apply"'
plumb import --from drizzle --dir $d --url "$BURL"
ok "import drizzle's history" rc_is 0
q "$B" "CREATE TABLE drizzle.not_drizzles (i int)"
plumb adopt --url "$BURL" --retire drizzle --dry-run
ok "--retire: a drizzle schema holding something else is kept, and said so" \
	eval 'rc_is 0 && ! out_has "DROP SCHEMA" && out_has "^-- The schema drizzle is kept: it held 1 object besides"'
q "$B" "DROP TABLE drizzle.not_drizzles"
plumb adopt --url "$BURL" --retire drizzle --dry-run
ok "--retire --dry-run prints the drop" eval 'rc_is 0 && out_has "DROP TABLE IF EXISTS \"drizzle\".\"__drizzle_migrations\""'
ok "... and, drizzle's schema holding nothing else, its drop, with a comment saying so" \
	eval 'out_has "^DROP SCHEMA IF EXISTS \"?drizzle\"?;$" && out_has "^-- The schema drizzle held nothing but drizzle.s table"'
plumb adopt --url "$BURL" --retire drizzle
ok "--retire after the import writes a migration" eval 'rc_is 0 && ls migrations | grep -q "_retire_drizzle.sql$"'
ok "next: migrate" out_has "^next: plumb migrate --url"
plumb migrate --url "$BURL"
ok "migrate drops drizzle's table" eval 'rc_is 0 && [ "$(q "$B" "SELECT to_regclass('\''drizzle.__drizzle_migrations'\'') IS NULL")" = t ]'
ok "... and drizzle's empty schema" [ "$(q "$B" "SELECT count(*) FROM pg_namespace WHERE nspname = 'drizzle'")" = 0 ]
ok "rows kept" [ "$(rows "$B")" = "2/2" ]
plumb pull --url "$BURL" -o schema.sql
plumb check --url "$BURL"
ok "check passes after the retire" rc_is 0
cd .. || exit 1

# --- baseline-file ------------------------------------------------------------------------
mkdir c && cd c || exit 1
prod
plumb adopt --url "$URL" --pull --strategy baseline-file
first=$(ls migrations/*_baseline.sql 2>/dev/null)
ok "baseline-file: the whole schema as the first migration" \
	eval 'rc_is 0 && grep -q "CREATE TYPE" "$first" && grep -q "CREATE VIEW" "$first" && grep -q "CREATE OR REPLACE FUNCTION" "$first"'
ok "recorded as baseline" [ "$(q "$DB" "SELECT state FROM plumb_migrations")" = baseline ]
plumb check --url "$URL"
ok "check passes" rc_is 0
C=$DB
newdb
plumb migrate --url "$URL"
ok "a fresh database built by it equals production" eval 'rc_is 0 && [ "$(app_dump "$DB")" = "$(app_dump "$C")" ]'
cd .. || exit 1

# --- baseline VERSION is checked ------------------------------------------------------------
mkdir e && cd e || exit 1
echo 'CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL);' >schema.sql
plumb generate users --dialect pg
echo 'CREATE TABLE posts (id serial PRIMARY KEY, title text);' >>schema.sql
plumb generate posts --dialect pg
v1=$(ls migrations | grep _users.sql | cut -d_ -f1)
v2=$(ls migrations | grep _posts.sql | cut -d_ -f1)
newdb
q "$DB" "CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL)"
before=$(snap "$DB")
plumb baseline "$v2" --url "$URL"
ok "baseline of a version the database does not match: exit 3, naming it" eval 'rc_is 3 && err_has "create table \"public\".\"posts\""'
ok "nothing recorded" [ "$(snap "$DB")" = "$before" ]
plumb baseline "$v1" --url "$URL"
ok "baseline of the version it matches" eval 'rc_is 0 && [ "$(q "$DB" "SELECT version || state FROM plumb_migrations")" = "${v1}baseline" ]'
plumb migrate --url "$URL"
ok "then migrate applies the rest" eval 'rc_is 0 && err_has "1 migration applied"'

# --- migrate on a database plumb does not manage ------------------------------------------------
newdb
q "$DB" "CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL); INSERT INTO users (email) VALUES ('a')"
before=$(snap "$DB")
plumb migrate --url "$URL" --json
ok "migrate refuses it: exit 9, not_managed" eval 'rc_is 9 && [ "$(json_get "[\"error\"][\"code\"]")" = not_managed ]'
ok "nothing changed" eval '[ "$(snap "$DB")" = "$before" ] && [ "$(q "$DB" "SELECT count(*) FROM users")" = 1 ]'
newdb
plumb migrate --url "$URL"
ok "an empty database is migrated as before" eval 'rc_is 0 && err_has "2 migrations applied"'

tap_done
