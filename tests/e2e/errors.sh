#!/usr/bin/env bash
# Bad input never changes anything and says where: syntax errors, edited or
# missing migrations, a corrupt plumb.sum, bad URLs, an unwritable folder, a
# failing migration and destructive plans without --allow-data-loss. On
# SQLite, in a fresh temporary folder. Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"

# A project with two applied migrations and some rows.
"$PLUMB" init -q >/dev/null 2>&1
cat >schema.sql <<'SQL'
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL
);
SQL
"$PLUMB" generate init -q >/dev/null 2>&1
cat >schema.sql <<'SQL'
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  age INTEGER
);
CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  user_id INTEGER REFERENCES users (id),
  body TEXT
);
SQL
"$PLUMB" generate add_posts -q >/dev/null 2>&1
plumb migrate
ok "setup: two migrations applied" test "$RC" -eq 0 -a "$(n_migrations)" -eq 2
sql plumb.db "INSERT INTO users VALUES (1, 'ada', 36), (2, 'ada', 41); INSERT INTO posts VALUES (1, 1, 'hello')"

cp schema.sql good_schema.sql
cp -r migrations good_migrations
dump plumb.db >db_before.txt
rows() { sql plumb.db "SELECT * FROM users ORDER BY id; SELECT * FROM posts ORDER BY id"; }
rows >rows_before.txt

# db_unchanged: plumb.db has the same schema and rows as after setup.
db_unchanged() {
	dump plumb.db >db_now.txt && rows >rows_now.txt &&
		cmp -s db_before.txt db_now.txt && cmp -s rows_before.txt rows_now.txt
}
migrations_unchanged() { diff -r good_migrations migrations >/dev/null; }
restore() {
	chmod -R u+w migrations 2>/dev/null
	rm -rf migrations
	cp -r good_migrations migrations
	cp good_schema.sql schema.sql
}

# --- a syntax error in schema.sql --------------------------------------------
cat >schema.sql <<'SQL'
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,,
  age INTEGER
);
SQL
plumb generate broken
ok "generate with a syntax error exits 1" rc_is 1
ok "the error says schema.sql:LINE:COL:" err_has "schema\.sql:[0-9]+:[0-9]+:"
ok "the error points at line 3" err_has "schema\.sql:3:[0-9]+:"
ok "no migration is written" migrations_unchanged
plumb push
ok "push with a syntax error exits 1" rc_is 1
ok "push with a syntax error says schema.sql:LINE:COL:" err_has "schema\.sql:[0-9]+:[0-9]+:"
ok "push with a syntax error leaves the db unchanged" db_unchanged
plumb diff sqlite:plumb.db schema.sql
ok "diff with a syntax error exits 1" rc_is 1
ok "diff with a syntax error prints no SQL" out_empty
restore

# --- an applied migration edited ----------------------------------------------
first=$(find migrations -name '*init*.sql' | head -n 1)
echo "CREATE TABLE sneaky (id INTEGER);" >>"$first"
plumb migrate
ok "migrate refuses an edited applied migration" test "$RC" -ne 0
ok "the refusal names the migration" err_has "init"
ok "the db is unchanged" db_unchanged
plumb check
ok "check fails on an edited applied migration" test "$RC" -ne 0
# A deliberate edit is accepted in two steps: sum (the folder), repair (the db).
plumb sum
ok "sum accepts the edited file into plumb.sum" rc_is 0
plumb migrate
ok "migrate still refuses: the database recorded the old checksum" test "$RC" -ne 0
ok "that refusal says modified" err_has "modif"
plumb repair
ok "repair records the new checksum" rc_is 0
ok "repair says what it accepted" out_has "accepted new checksum"
plumb migrate
ok "migrate runs after repair" rc_is 0
ok "repair ran no migration SQL" db_unchanged
restore
plumb repair
ok "repair takes the restored file back" rc_is 0

# --- plumb.sum does not match the folder -------------------------------------
# Flip one hex digit of the first hash in plumb.sum.
python3 - migrations/plumb.sum <<'PY'
import re, sys
p = sys.argv[1]
s = open(p).read()
m = re.search(r"[0-9a-f]{16,}", s)
if m:
    i = m.start()
    s = s[:i] + ("1" if s[i] == "0" else "0") + s[i + 1:]
else:
    s += "corrupt\n"
open(p, "w").write(s)
PY
plumb migrate
ok "migrate refuses a corrupt plumb.sum" test "$RC" -ne 0
ok "the refusal names plumb.sum" err_has "plumb\.sum"
ok "the db is unchanged" db_unchanged
restore

# A migration file plumb.sum does not know (e.g. added by hand or by a merge).
cp "$first" "migrations/99990101000000_by_hand.sql"
plumb migrate
ok "migrate refuses a migration missing from plumb.sum" test "$RC" -ne 0
ok "the db is unchanged" db_unchanged
restore

# Two branches adding the same version.
second=$(find migrations -name '*add_posts*.sql' | head -n 1)
dup="$(dirname "$second")/$(basename "$second" | sed 's/add_posts/other_branch/')"
cp "$second" "$dup"
plumb migrate
ok "migrate refuses two migrations with one version" test "$RC" -ne 0
ok "the db is unchanged" db_unchanged
restore

# --- a missing migration file ------------------------------------------------
rm "$second"
plumb status
ok "status reports a missing migration" grep -qi "missing" "$OUT" "$ERR"
ok "status names the missing migration" grep -qi "add_posts" "$OUT" "$ERR"
plumb migrate
ok "migrate does not change the db when a migration is missing" db_unchanged
restore

# --- bad URLs -----------------------------------------------------------------
plumb migrate --url sqlite:/nonexistent/dir/x.db
ok "a database in a missing folder exits 1" rc_is 1
ok "the error names the database" err_has "/nonexistent/dir/x\.db"
ok "nothing is created" test ! -e /nonexistent/dir
plumb status --url mysql://localhost/x
ok "an unsupported URL scheme fails" test "$RC" -ne 0
ok "an unsupported URL scheme is explained" err_has "mysql"
plumb diff sqlite:/nonexistent/dir/x.db schema.sql
ok "diff from a missing database fails" test "$RC" -ne 0
plumb diff nosuchfile.sql schema.sql
ok "diff from a missing file fails" test "$RC" -ne 0
ok "the error names the file" err_has "nosuchfile\.sql"

# --- an unwritable migrations folder -----------------------------------------
if [ "$(id -u)" -eq 0 ]; then
	skip "generate into an unwritable folder fails" "running as root: chmod does not block writes"
	skip "the error names the folder" "running as root"
	skip "nothing is written" "running as root"
else
	echo "CREATE TABLE tags (id INTEGER PRIMARY KEY);" >>schema.sql
	chmod 555 migrations
	plumb generate tags
	ok "generate into an unwritable folder fails" test "$RC" -ne 0
	ok "the error names the folder" err_has "migrations"
	chmod 755 migrations
	ok "nothing is written" migrations_unchanged
	restore
fi

# --- a migration that fails while running --------------------------------------
cat >>schema.sql <<'SQL'
CREATE TABLE tags (id INTEGER PRIMARY KEY);
CREATE UNIQUE INDEX users_name_key ON users (name);
SQL
plumb generate unique_names
ok "generate unique_names succeeds" rc_is 0
plumb migrate
ok "a migration violating a constraint fails with exit 1" rc_is 1
ok "the error names the migration" err_has "unique_names"
ok "the failed migration is rolled back" db_unchanged
plumb status
ok "status does not show the failed migration as applied" bash -c '! grep -i unique_names "$1" | grep -qi applied' _ "$OUT"
sql plumb.db "UPDATE users SET name = 'grace' WHERE id = 2"
sql plumb.db "SELECT * FROM users ORDER BY id; SELECT * FROM posts ORDER BY id" >rows_before.txt
plumb migrate
ok "after fixing the data, migrate succeeds" rc_is 0
dump plumb.db >db_before.txt
cp schema.sql good_schema.sql
rm -rf good_migrations
cp -r migrations good_migrations

# --- destructive push and diff without --allow-data-loss ----------------------
cat >schema.sql <<'SQL'
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL
);
CREATE TABLE tags (id INTEGER PRIMARY KEY);
CREATE UNIQUE INDEX users_name_key ON users (name);
SQL
plumb push
ok "destructive push exits 4" rc_is 4
ok "the refusal names the dropped table" err_has "posts"
ok "the refusal names the dropped column" err_has "age"
ok "the db is unchanged" db_unchanged
plumb push --dry-run
ok "destructive push --dry-run exits 4 too" rc_is 4
plumb diff sqlite:plumb.db schema.sql
ok "destructive diff only reads: exit 0, no refusal" rc_is 0
ok "destructive diff names the dropped table in a hazard comment" \
	out_has '^-- hazard deletes-data: drops table "posts"'
ok "destructive diff names the dropped column in a hazard comment" \
	out_has '^-- hazard deletes-data: drops column "users"."age"'
ok "the db is unchanged after diff" db_unchanged
plumb diff sqlite:plumb.db schema.sql --allow-data-loss
ok "diff --allow-data-loss prints the SQL" test "$RC" -eq 0 -a -s "$OUT"
ok "the db is still unchanged" db_unchanged
plumb generate drop_posts
ok "destructive generate exits 4" rc_is 4
ok "destructive generate writes nothing" migrations_unchanged
plumb push --allow-data-loss
ok "push --allow-data-loss succeeds" rc_is 0
ok "posts is dropped" test "$(sql plumb.db "SELECT count(*) FROM sqlite_schema WHERE name = 'posts'")" = 0
ok "users keeps its rows" test "$(sql plumb.db "SELECT group_concat(name) FROM (SELECT name FROM users ORDER BY id)")" = "ada,grace"

tap_done
