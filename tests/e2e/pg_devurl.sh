#!/usr/bin/env bash
# Desired states built on a dev server: diff takes dev_url from plumb.json
# as push, generate and check do (--dev-url first, then the config), for a
# database side and for two files alike (a DO block, which offline is an
# error naming --dev-url, runs there), and
# `-- plumb:renamed from=` annotations survive the exact path (the server
# drops comments): diff and push with --dev-url plan RENAME COLUMN and
# ALTER TABLE ... RENAME TO as the offline diff does, and the rows survive.
# Runs under tests/lib/pgtmp.sh. Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"

if [ -z "${PLUMB_PG_URL:-}" ]; then
	echo "1..0 # SKIP PLUMB_PG_URL not set"
	exit 0
fi

newdb() {
	dropdb --if-exists "$1" >/dev/null 2>&1
	createdb "$1" || return 1
}
url() { echo "postgresql:///$1?host=$PGHOST&port=$PGPORT&user=$PGUSER"; }
eq() { [ "$1" = "$2" ]; }
q() { psql -X -At -v ON_ERROR_STOP=1 -d "$1" -c "$2" 2>&1; }

newdb devurl_app
APP=$(url devurl_app)

# --- diff reads dev_url from plumb.json -------------------------------------
# A DO block: only a server runs it and sees the table it makes.
cat >exact.sql <<'SQL'
CREATE TABLE items (id integer PRIMARY KEY, label text);
DO $$ BEGIN EXECUTE 'CREATE TABLE made (id integer)'; END $$;
SQL
printf '{"dev_url": "%s"}\n' "$PLUMB_PG_URL" >plumb.json
plumb diff "$APP" exact.sql
ok "diff with dev_url in plumb.json builds the schema on the server" \
	eval 'rc_is 0 && out_has "CREATE TABLE \"public\".\"made\"" && out_has "CREATE TABLE \"public\".\"items\""'
plumb push --url "$APP" --schema exact.sql
ok "push with dev_url in plumb.json agrees" rc_is 0
plumb diff "$APP" exact.sql --exit-code
ok "diff with the config's dev_url: in sync after push" eval 'rc_is 0 && out_empty'
plumb diff "$APP" exact.sql --dev-url sqlite::memory:
ok "--dev-url wins over the config's dev_url" rc_is 1
rm plumb.json

# --- diff of two files: both sides built on the config's dev_url ----------------
cat >start.sql <<'SQL'
CREATE TABLE items (id integer PRIMARY KEY, label text);
SQL
printf '{"dialect": "pg", "dev_url": "%s"}\n' "$PLUMB_PG_URL" >plumb.json
plumb diff start.sql exact.sql
ok "diff of two files builds them on the config's dev_url" \
	eval 'rc_is 0 && out_has "CREATE TABLE \"public\".\"made\"" && ! out_has "\"items\""'
plumb diff exact.sql start.sql --allow-data-loss
ok "... in either direction" eval 'rc_is 0 && out_has "DROP TABLE \"public\".\"made\""'
printf '{"dialect": "pg"}\n' >plumb.json
plumb diff start.sql exact.sql
ok "without a dev_url the same diff is offline: the DO block is an error at its place naming --dev-url" \
	eval 'rc_is 1 && out_empty && err_has "^exact.sql:2:1: a DO block cannot be read without a server" && err_has "hint: give --dev-url"'
plumb diff "$APP" exact.sql
ok "... also against a database: nothing planned to drop what the block made" \
	eval 'rc_is 1 && out_empty && err_has "^exact.sql:2:1: a DO block"'
rm plumb.json

# --- renames on the exact path ---------------------------------------------------
newdb devurl_ren
REN=$(url devurl_ren)
cat >schema.sql <<'SQL'
CREATE TABLE users (
  id integer PRIMARY KEY,
  old_name text,
  CONSTRAINT users_old_check CHECK (id > 0)
);
CREATE INDEX users_old_idx ON users (old_name);
SQL
plumb push --url "$REN" --dev-url "$PLUMB_PG_URL"
ok "setup: push" rc_is 0
q "$REN" "INSERT INTO users VALUES (1, 'ada'), (2, 'grace')" >/dev/null
cat >schema.sql <<'SQL'
CREATE TABLE users (
  id integer PRIMARY KEY,
  new_name text, -- plumb:renamed from=old_name
  CONSTRAINT users_new_check CHECK (id > 0) -- plumb:renamed from=users_old_check
);
-- plumb:renamed from=users_old_idx
CREATE INDEX users_new_idx ON users (new_name);
SQL
plumb diff "$REN" schema.sql
ok "offline diff plans the renames" eval 'rc_is 0 && out_has "RENAME COLUMN \"old_name\" TO \"new_name\""'
cp "$OUT" offline.sql
plumb diff "$REN" schema.sql --dev-url "$PLUMB_PG_URL"
ok "diff --dev-url plans RENAME COLUMN, not a drop" \
	eval 'rc_is 0 && out_has "RENAME COLUMN \"old_name\" TO \"new_name\"" && ! out_has "DROP COLUMN"'
ok "diff --dev-url renames the constraint and the index" \
	eval 'out_has "RENAME CONSTRAINT \"users_old_check\" TO \"users_new_check\"" && out_has "RENAME TO \"users_new_idx\""'
ok "diff --dev-url plans what the offline diff plans" same_files offline.sql "$OUT"
plumb push --url "$REN" --dev-url "$PLUMB_PG_URL"
ok "push --dev-url applies the renames" rc_is 0
ok "the rows survive the rename" eq "$(q "$REN" "SELECT string_agg(new_name, ',' ORDER BY id) FROM users")" "ada,grace"
plumb diff "$REN" schema.sql --dev-url "$PLUMB_PG_URL" --exit-code
ok "in sync after the push" eval 'rc_is 0 && out_empty'

# --- a table renamed, with a column of it, offline and on the exact path -------
newdb devurl_tab
TAB=$(url devurl_tab)
q "$TAB" "CREATE TABLE people (id integer PRIMARY KEY, old_name text);
	INSERT INTO people VALUES (1, 'ada'), (2, 'grace')" >/dev/null
cat >tables.sql <<'SQL'
-- plumb:renamed from=people
CREATE TABLE users (
  id integer PRIMARY KEY,
  new_name text -- plumb:renamed from=old_name
);
SQL
table_renamed() {
	rc_is 0 && out_has 'ALTER TABLE "public"."people" RENAME TO "users"' &&
		out_has 'RENAME COLUMN "old_name" TO "new_name"' &&
		! out_has 'DROP TABLE|DROP COLUMN|ADD COLUMN|CREATE TABLE'
}
plumb diff "$TAB" tables.sql
ok "offline diff renames the table and its column" table_renamed
plumb diff "$TAB" tables.sql --dev-url "$PLUMB_PG_URL"
ok "diff --dev-url renames the table and its column, no drop" table_renamed
plumb push --url "$TAB" --schema tables.sql --dev-url "$PLUMB_PG_URL"
ok "push --dev-url applies them" rc_is 0
ok "the rows survive the table's rename" eq "$(q "$TAB" "SELECT string_agg(new_name, ',' ORDER BY id) FROM users")" "ada,grace"

tap_done
