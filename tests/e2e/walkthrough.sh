#!/usr/bin/env bash
# The README walkthrough on SQLite, end to end, in a fresh temporary folder:
# init, generate, migrate, status, check, a table rebuild that keeps rows, a
# destructive change, diff, push, pull and the JSON forms. Prints TAP.
# Needs PLUMB (the binary) and the sqlite3 CLI.
set -u
. "$(dirname "$0")/tap.sh"

# --- init --------------------------------------------------------------------
plumb init
ok "init succeeds" rc_is 0
ok "init creates schema.sql" test -f schema.sql
ok "init creates migrations/plumb.sum" test -f migrations/plumb.sum
plumb init
ok "init again succeeds and changes nothing" rc_is 0

# --- first migration ---------------------------------------------------------
cat >schema.sql <<'SQL'
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL
);
SQL
plumb generate init
ok "generate init succeeds" rc_is 0
ok "generate init writes one migration" count_is "$(n_migrations)" 1
ok "the migration is named after init" test -n "$(find migrations -name '*init*.sql')"
ok "plumb.sum names the migration" grep -q init migrations/plumb.sum
ok "the migration creates users" grep -qi "create table.*users" migrations/*init*.sql

plumb generate nothing
ok "generate with no change succeeds" rc_is 0
ok "generate with no change writes no file" count_is "$(n_migrations)" 1

plumb status --exit-code
ok "status --exit-code exits 7 with a pending migration" rc_is 7

plumb migrate
ok "migrate succeeds" rc_is 0
ok "migrate creates users in plumb.db" test "$(sql plumb.db "SELECT name FROM sqlite_schema WHERE name = 'users'")" = users
plumb migrate
ok "migrate again succeeds" rc_is 0

# --- second migration: a column and an index -------------------------------
cat >schema.sql <<'SQL'
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT,
  age INTEGER
);
CREATE INDEX users_email_idx ON users (email);
SQL
plumb diff sqlite:plumb.db schema.sql
ok "diff db -> schema succeeds when out of sync" rc_is 0
ok "diff db -> schema prints SQL when out of sync" out_has "alter table|create index"
plumb diff sqlite:plumb.db schema.sql --exit-code
ok "diff --exit-code exits 3 when out of sync" rc_is 3

plumb generate add_email
ok "generate add_email succeeds" rc_is 0
ok "generate add_email writes a second migration" count_is "$(n_migrations)" 2
plumb migrate
ok "migrate applies add_email" rc_is 0
ok "users has email" test "$(sql plumb.db "SELECT count(*) FROM pragma_table_info('users') WHERE name = 'email'")" = 1
ok "users_email_idx exists" test "$(sql plumb.db "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'users_email_idx'")" = 1

plumb status
ok "status succeeds" rc_is 0
ok "status lists init" out_has "init"
ok "status lists add_email" out_has "add_email"
ok "status shows applied" out_has "applied"
ok "status shows no migration pending" bash -c '! grep -qiE "^ +[0-9]{4,} +pending" "$1"' _ "$OUT"
plumb status --exit-code
ok "status --exit-code exits 0 when all applied" rc_is 0

plumb check
ok "check exits 0" rc_is 0

plumb diff sqlite:plumb.db schema.sql
ok "diff db -> schema succeeds in sync" rc_is 0
ok "diff db -> schema prints nothing in sync" out_empty
plumb diff sqlite:plumb.db schema.sql --exit-code
ok "diff --exit-code exits 0 in sync" rc_is 0
plumb diff migrations schema.sql
ok "diff migrations -> schema prints nothing in sync" out_empty

# --- a change that rebuilds the table keeps the rows -------------------------
sql plumb.db "INSERT INTO users (id, name, email, age) VALUES (1, 'ada', 'ada@example.com', 36), (2, 'alan', NULL, 41)"
rows_before=$(sql plumb.db "SELECT id, name, email FROM users ORDER BY id")
cat >schema.sql <<'SQL'
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL DEFAULT 'anonymous' CHECK (length(name) > 0),
  email TEXT,
  age INTEGER
);
CREATE INDEX users_email_idx ON users (email);
SQL
plumb generate name_default
ok "generate name_default (a rebuild) succeeds" rc_is 0
ok "generate name_default writes a migration" count_is "$(n_migrations)" 3
plumb migrate
ok "migrate applies the rebuild" rc_is 0
ok "the rebuild keeps the rows" test "$(sql plumb.db "SELECT id, name, email FROM users ORDER BY id")" = "$rows_before"
ok "the rebuild keeps the index" test "$(sql plumb.db "SELECT count(*) FROM sqlite_schema WHERE name = 'users_email_idx'")" = 1
ok "the rebuild sets the default" test "$(sql plumb.db "INSERT INTO users (id) VALUES (3) RETURNING name")" = anonymous
sql plumb.db "DELETE FROM users WHERE id = 3"

# --- a destructive change needs --allow-data-loss ---------------------------
cat >schema.sql <<'SQL'
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL DEFAULT 'anonymous' CHECK (length(name) > 0),
  email TEXT
);
CREATE INDEX users_email_idx ON users (email);
SQL
plumb generate drop_age
ok "generate drop_age without --allow-data-loss exits 4" rc_is 4
ok "the refusal names the column" err_has "age"
ok "the refusal writes no migration" count_is "$(n_migrations)" 3
plumb generate drop_age --allow-data-loss
ok "generate drop_age --allow-data-loss succeeds" rc_is 0
ok "generate drop_age writes a migration" count_is "$(n_migrations)" 4
plumb migrate
ok "migrate applies drop_age" rc_is 0
ok "age is gone" test "$(sql plumb.db "SELECT count(*) FROM pragma_table_info('users') WHERE name = 'age'")" = 0
ok "the rows are kept" test "$(sql plumb.db "SELECT id, name, email FROM users ORDER BY id")" = "$rows_before"
plumb check
ok "check exits 0 after drop_age" rc_is 0
plumb diff sqlite:plumb.db schema.sql
ok "diff prints nothing after drop_age" out_empty

# --- push on a second database -----------------------------------------------
plumb push --url sqlite:dev.db --dry-run
ok "push --dry-run succeeds" rc_is 0
ok "push --dry-run prints the SQL" out_has "create table"
ok "push --dry-run creates no table" test -z "$(test -f dev.db && sql dev.db "SELECT name FROM sqlite_schema WHERE name = 'users'")"
plumb push --url sqlite:dev.db
ok "push succeeds" rc_is 0
plumb diff sqlite:dev.db schema.sql
ok "after push, diff prints nothing" out_empty
ok "after push, dev.db has the schema of plumb.db" test "$(dump dev.db)" = "$(dump plumb.db)"
plumb push --url sqlite:dev.db
ok "push again succeeds" rc_is 0
DATABASE_URL=sqlite:env.db "$PLUMB" push -q >"$OUT" 2>"$ERR"
RC=$?
ok "push takes the database from DATABASE_URL" test "$(dump env.db)" = "$(dump plumb.db)"

# --- pull ---------------------------------------------------------------------
plumb pull -o -
ok "pull -o - succeeds" rc_is 0
ok "pull -o - prints the schema" out_has "create table"
cp "$OUT" pulled.sql
ok "the pulled SQL loads into sqlite3" sqlite3 -bail reloaded.db ".read pulled.sql"
ok "the reloaded db has the same schema" test "$(dump reloaded.db)" = "$(dump plumb.db)"
plumb diff sqlite:reloaded.db schema.sql
ok "diff reloaded -> schema prints nothing" out_empty
plumb pull -o pulled2.sql
ok "pull -o FILE succeeds" rc_is 0
ok "pull -o FILE writes the same SQL" same_files pulled.sql pulled2.sql
plumb pull -o pulled2.sql
ok "pull onto an existing file without --force fails" test "$RC" -ne 0
plumb pull -o pulled2.sql --force
ok "pull --force overwrites" rc_is 0

# --- JSON ---------------------------------------------------------------------
plumb status --json
ok "status --json succeeds" rc_is 0
ok "status --json is JSON" out_json
plumb check --json
ok "check --json is JSON" out_json
plumb migrate --json
ok "migrate --json with nothing pending is JSON" out_json
plumb diff sqlite:plumb.db schema.sql --json
ok "diff --json in sync is JSON" out_json
plumb diff sqlite:plumb.db sqlite:reloaded.db --json
ok "diff --json between two databases is JSON" out_json
plumb push --url sqlite:json.db --dry-run --json
ok "push --dry-run --json is JSON" out_json
plumb diff sqlite::memory: schema.sql --json
ok "diff --json out of sync is JSON" out_json

# --- the command line ---------------------------------------------------------
plumb --help
ok "--help exits 0" rc_is 0
ok "--help lists the exit codes" out_has "7 +pending"
plumb --frob
ok "an unknown option exits 2" rc_is 2
ok "an unknown option is named" err_has 'unknown option "--frob"'
plumb migrate --lock-timeout 3fortnights
ok "a bad duration exits 2" rc_is 2
plumb diff schema.sql
ok "a missing argument exits 2" rc_is 2
plumb migrate --help
ok "COMMAND --help prints its usage" out_has "usage: plumb migrate"
plumb help pull
ok "help COMMAND prints its usage" out_has "usage: plumb pull"
plumb --version
ok "--version prints the version" out_has "^plumb [0-9]"

tap_done
