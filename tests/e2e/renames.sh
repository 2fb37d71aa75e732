#!/usr/bin/env bash
# Rename annotations on SQLite: a table and a column marked
# `-- plumb:renamed from=OLD` (or sqldef's `@renamed`, in a line or block
# comment) are renamed, not dropped and added, whether the desired state is
# built in plumb's own scratch database or with --dev-url, and the rows
# survive the push. (PostgreSQL: pg_devurl.) Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"

eq() { [ "$1" = "$2" ]; }
renamed() {
	rc_is 0 && out_has 'ALTER TABLE "people" RENAME TO "users"' &&
		out_has 'ALTER TABLE "users" RENAME COLUMN "old_name" TO "new_name"' &&
		! out_has 'DROP TABLE|DROP COLUMN|ADD COLUMN|CREATE TABLE'
}
setup() {
	rm -f app.db
	sql app.db "CREATE TABLE people (id integer PRIMARY KEY, old_name text);
		INSERT INTO people VALUES (1, 'ada'), (2, 'grace');"
}

cat >plumb_form.sql <<'SQL'
-- plumb:renamed from=people
CREATE TABLE users (
  id integer PRIMARY KEY,
  new_name text -- plumb:renamed from=old_name
);
SQL
cat >sqldef_form.sql <<'SQL'
/* @renamed from=people */
CREATE TABLE users (
  id integer PRIMARY KEY,
  -- @renamed from="old_name"
  new_name text
);
SQL

setup
for f in plumb_form sqldef_form; do
	plumb diff sqlite:app.db $f.sql
	ok "$f: diff renames the table and the column" renamed
	plumb diff sqlite:app.db $f.sql --dev-url sqlite::memory:
	ok "$f: diff --dev-url renames them too" renamed
done

plumb push --url sqlite:app.db --schema plumb_form.sql --dev-url sqlite::memory:
ok "push --dev-url applies the renames" rc_is 0
ok "the rows survive the renames" eq "$(sql app.db "SELECT group_concat(new_name, ',') FROM users ORDER BY id")" "ada,grace"
plumb diff sqlite:app.db plumb_form.sql --exit-code
ok "in sync after the push" eval 'rc_is 0 && out_empty'

setup
plumb push --url sqlite:app.db --schema sqldef_form.sql
ok "push renames with sqldef's annotations" eval 'rc_is 0 && eq "$(sql app.db "SELECT group_concat(new_name, \",\") FROM users ORDER BY id")" "ada,grace"'

tap_done
