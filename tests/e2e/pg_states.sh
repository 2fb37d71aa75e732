#!/usr/bin/env bash
# Database states on PostgreSQL (issue 13): not managed yet (exit 9, text and
# JSON), other tools' tracking tables and "exclude" patterns out of diff,
# pull and check (offline schema files too), reset dropping every object but
# an extension's and rebuilding, refused on a protected environment. Runs
# under tests/lib/pgtmp.sh. Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"

if [ -z "${PLUMB_PG_URL:-}" ]; then
	echo "1..0 # SKIP PLUMB_PG_URL not set"
	exit 0
fi

n_db=0
newdb() {
	n_db=$((n_db + 1))
	DB="states_$$_$n_db"
	createdb "$DB" || return 1
	URL="postgresql:///$DB?host=$PGHOST&port=$PGPORT&user=$PGUSER"
}
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }
json_get() { python3 -c "import json,sys; d=json.load(open('$OUT')); print(eval('d' + sys.argv[1]))" "$1"; }

cat >schema.sql <<'SQL'
CREATE EXTENSION IF NOT EXISTS citext;
CREATE TYPE mood AS ENUM ('ok', 'sad');
CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL, m mood);
SQL
mkdir migrations
plumb generate init --dialect pg
ok "generate writes the first migration" count_is "$(n_migrations)" 1

# --- not managed yet --------------------------------------------------------
newdb
PROD=$URL PRODDB=$DB
q "$DB" "CREATE TYPE mood AS ENUM ('ok', 'sad'); CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL, m mood);
	CREATE TABLE orders (id int); CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';
	CREATE TABLE schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL);
	INSERT INTO schema_migrations VALUES (1, false);"
plumb status --url "$URL"
ok "status on an unmanaged database exits 9" rc_is 9
ok "status counts what it holds" out_has "not managed by plumb yet \(2 tables, 1 type, 1 function\)"
ok "status names the other tool's table and adopt/import" \
	eval 'err_has "tracking tables found: public.schema_migrations" && err_has "plumb adopt"'
plumb check --url "$URL" --json
ok "check --json on it exits 9, state unmanaged" \
	eval 'rc_is 9 && [ "$(json_get "[\"state\"]")" = unmanaged ] && [ "$(json_get "[\"error\"][\"code\"]")" = not_managed ]'
ok "check reports no drift for it" eval '! grep -q "\"drift\"" "$OUT"'
plumb check --url "$URL"
ok "check text: not managed, no drop listed" eval 'rc_is 9 && out_has "not managed by plumb yet" && ! out_has "drop"'

# --- other tools' tables -----------------------------------------------------
newdb
plumb migrate --url "$URL"
ok "migrate a fresh database" rc_is 0
q "$DB" "CREATE SCHEMA drizzle; CREATE TABLE drizzle.__drizzle_migrations (id serial PRIMARY KEY, hash text NOT NULL, created_at bigint);
	CREATE TABLE __drizzle_migrations (id serial PRIMARY KEY, hash text);
	CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY, version varchar(50));
	CREATE INDEX flyway_schema_history_s_idx ON flyway_schema_history (version);
	CREATE TABLE schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL);
	CREATE TABLE ar_internal_metadata (key varchar PRIMARY KEY, value varchar);
	CREATE TABLE goose_db_version (id serial PRIMARY KEY, version_id bigint NOT NULL);
	CREATE TABLE _prisma_migrations (id varchar(36) PRIMARY KEY, checksum varchar(64));
	CREATE TABLE knex_migrations (id serial PRIMARY KEY, name varchar(255));
	CREATE TABLE knex_migrations_lock (index serial PRIMARY KEY, is_locked int);
	COMMENT ON TABLE knex_migrations IS 'knex';
	CREATE SCHEMA sqitch; CREATE TABLE sqitch.changes (change_id text PRIMARY KEY);
	CREATE TABLE sqitch.tags (tag_id text PRIMARY KEY, change_id text REFERENCES sqitch.changes);"
plumb diff "$URL" schema.sql
ok "diff leaves out every tool's table (and drizzle's, sqitch's schemas)" eval 'rc_is 0 && out_empty'
plumb diff schema.sql "$URL"
ok "diff the other way too" \
	eval 'rc_is 0 && ! grep -qiE "drizzle|flyway|schema_migrations|ar_internal|goose|prisma|knex|sqitch" "$OUT"'
plumb pull --url "$URL" -o -
ok "pull leaves them out" \
	eval 'rc_is 0 && ! grep -qiE "drizzle|flyway|schema_migrations|ar_internal|goose|prisma|knex|sqitch" "$OUT"'
plumb check --url "$URL"
ok "check: no drift from them" rc_is 0
q "$DB" "CREATE SCHEMA audit; CREATE TABLE audit.log (id int); CREATE TABLE tmp_a (id int); CREATE TABLE tmp_b (id int)"
echo '{"exclude": ["audit.*", "public.tmp_*"]}' >plumb.json
plumb diff "$URL" schema.sql
ok "exclude patterns: a whole schema and a glob" eval 'rc_is 0 && out_empty'
plumb check --url "$URL"
ok "check with exclude patterns passes" rc_is 0
rm plumb.json
plumb diff "$URL" schema.sql --allow-data-loss
ok "without the patterns they are compared" eval 'out_has "DROP TABLE .*tmp_a" && out_has "DROP SCHEMA \"audit\""'
# offline: a schema file declaring a tool's table leaves it out too
cat >declares.sql <<'SQL'
CREATE EXTENSION IF NOT EXISTS citext;
CREATE TYPE mood AS ENUM ('ok', 'sad');
CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL, m mood);
CREATE TABLE schema_migrations (version text PRIMARY KEY);
SQL
q "$DB" "DROP SCHEMA audit CASCADE; DROP TABLE tmp_a, tmp_b"
plumb diff "$URL" declares.sql
ok "a tool table an offline schema file declares is left out on both sides" eval 'rc_is 0 && out_empty'

# --- reset -------------------------------------------------------------------
q "$DB" "CREATE SCHEMA app; CREATE TABLE app.t (c citext); CREATE VIEW app.v AS SELECT * FROM app.t;
	CREATE TYPE app.e AS ENUM ('x'); CREATE TABLE public.stray (id int GENERATED ALWAYS AS IDENTITY, d mood);
	CREATE SEQUENCE public.s; CREATE FUNCTION public.g(int) RETURNS int LANGUAGE sql AS 'SELECT 1';
	CREATE DOMAIN public.dm AS int CHECK (VALUE > 0); INSERT INTO users (email) VALUES ('a@example.com');"
plumb reset --url "$URL" </dev/null
ok "reset with no terminal and no --yes is refused" eval 'rc_is 2 && err_has "needs --yes"'
plumb reset --url "$URL" --dry-run
ok "reset --dry-run lists schema and object drops" \
	eval 'rc_is 0 && out_has "DROP SCHEMA app CASCADE" && out_has "DROP TABLE IF EXISTS public.stray CASCADE" && out_has "DROP SCHEMA drizzle CASCADE"'
ok "reset --dry-run names no extension's object" eval '! out_has citext'
ok "... and changed nothing" [ "$(q "$DB" "SELECT count(*) FROM users")" = 1 ]
plumb reset --url "$URL" --yes
ok "reset --yes exits 0" rc_is 0
ok "the user's objects are gone" [ "$(q "$DB" "SELECT count(*) FROM pg_namespace WHERE nspname IN ('app', 'drizzle', 'sqitch')")-$(q "$DB" "SELECT count(*) FROM pg_class WHERE relname IN ('stray', 's', 'schema_migrations', 'knex_migrations')")-$(q "$DB" "SELECT count(*) FROM pg_proc WHERE proname = 'g'")-$(q "$DB" "SELECT count(*) FROM pg_type WHERE typname = 'dm'")" = "0-0-0-0" ]
ok "the extension and its objects are kept" \
	[ "$(q "$DB" "SELECT count(*) FROM pg_extension WHERE extname = 'citext'")-$(q "$DB" "SELECT count(*) FROM pg_type WHERE typname = 'citext'")" = "1-1" ]
ok "rebuilt from the migrations: rows gone, one record" \
	[ "$(q "$DB" "SELECT count(*) FROM users")-$(q "$DB" "SELECT count(*) FROM plumb_migrations")" = "0-1" ]
plumb check --url "$URL"
ok "check passes after reset" rc_is 0
plumb reset --url "$URL" --yes --from-schema
rebuilt=$(q "$DB" "SELECT string_agg(relname, ' ' ORDER BY relname) FROM pg_class WHERE relname IN ('users', 'plumb_migrations')")
ok "reset --from-schema rebuilds by push (no tracking table)" eval 'rc_is 0 && [ "$rebuilt" = users ]'
ok "... the extension still there" [ "$(q "$DB" "SELECT count(*) FROM pg_extension WHERE extname = 'citext'")" = 1 ]

# --- protected ---------------------------------------------------------------
cat >plumb.json <<JSON
{"environments": {"prod": {"url": "\${PROD_URL}", "protected": true}}}
JSON
before=$(pg_dump -s "$PRODDB" | grep -v '^\\\(un\)\?restrict')
PROD_URL=$PROD plumb reset --env prod --yes
ok "reset on a protected environment is refused" eval 'rc_is 1 && err_has "environment \"prod\" is protected"'
PROD_URL=$PROD plumb push --env prod --allow-data-loss
ok "push on a protected environment is refused" eval 'rc_is 1 && err_has "refusing to push to"'
PROD_URL=$PROD plumb push --url "$PROD" --allow-data-loss
ok "push to its URL through --url is refused too" rc_is 1
ok "the protected database is unchanged" [ "$before" = "$(pg_dump -s "$PRODDB" | grep -v '^\\\(un\)\?restrict')" ]

tap_done
