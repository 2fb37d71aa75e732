#!/usr/bin/env bash
# SQLite: a NOT NULL column without a default, added to a table with rows or
# set on a column holding NULLs, is a needs-backfill hazard named in the plan
# with its fix; against a live database push refuses it before running
# anything when the rows would make it fail, and lets it through on an empty
# table; diff, which only reads, warns instead of refusing. Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"

eq() { [ "$1" = "$2" ]; }
has() { grep -q -- "$2" "$1"; }
lacks() { ! grep -q -- "$2" "$1"; }

cat >schema.sql <<'SQL'
CREATE TABLE t (id INTEGER PRIMARY KEY, y int NOT NULL, z int NOT NULL);
SQL
sqlite3 app.db "CREATE TABLE t (id INTEGER PRIMARY KEY, y int); INSERT INTO t VALUES (1, NULL);"

plumb diff sqlite:app.db schema.sql
ok "diff from a database with rows does not refuse (exit 0)" eq "$RC" 0
ok "it prints the plan" has "$OUT" '^-- hazard needs-backfill'
ok "it warns that the plan would fail on the data" has "$ERR" '^plumb: warning: plan would fail on the data'
ok "it names the NULLs" has "$ERR" 'needs-backfill: makes column "t"."y" NOT NULL'
ok "it names the new column" has "$ERR" 'needs-backfill: adds column "t"."z" NOT NULL without a default'
ok "the hint gives the fix" has "$ERR" 'hint: give the column a DEFAULT'
plumb diff sqlite:app.db schema.sql --json
ok "diff --json names what would fail in fails_on_data" eq "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(d["ok"], len(d["fails_on_data"]), all(l.startswith("needs-backfill: ") for l in d["fails_on_data"]))' "$OUT")" "True 2 True"
plumb push --url sqlite:app.db --schema schema.sql
ok "push refuses" eq "$RC" 4
ok "nothing changed" eq "$(sqlite3 app.db "SELECT count(*) FROM pragma_table_info('t')")" 2
sqlite3 app.db "UPDATE t SET y = 0"
plumb diff sqlite:app.db schema.sql
ok "with no NULLs left only the new column is warned of" lacks "$ERR" 'makes column'
ok "... and it still is" has "$ERR" 'adds column "t"."z"'
sqlite3 app.db "DELETE FROM t"
plumb push --url sqlite:app.db --schema schema.sql
ok "an empty table takes both" eq "$RC" 0
ok "the table has the columns" eq "$(sqlite3 app.db "SELECT count(*) FROM pragma_table_info('t')")" 3

printf 'CREATE TABLE t (id INTEGER PRIMARY KEY, y int);\n' >before.sql
plumb diff --dialect sqlite before.sql schema.sql
ok "offline diff exits 0" eq "$RC" 0
ok "offline diff names the hazard in the plan" has "$OUT" '^-- hazard needs-backfill: adds column "t"."z" NOT NULL without a default'
ok "and the NULLs one" has "$OUT" '^-- hazard needs-backfill: makes column "t"."y" NOT NULL'

tap_done
