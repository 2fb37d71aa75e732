#!/usr/bin/env bash
# plumb squash on SQLite (issue 13): the history and checks of
# squash_lib.sh, each database a SQLite file. Prints TAP.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/tap.sh"

ENGINE=sqlite
DIALECT=()
newdb() { URL="sqlite:$WORK/db_$1.sqlite"; }
q() { sqlite3 -bail "${1#sqlite:}" "$2"; }

. "$HERE/squash_lib.sh"

# --- statements that change rows, as SQLite's authorizer sees them -----------------
mkdir -p kinds/migrations && cd kinds || exit 1
printf 'CREATE TABLE t (id integer PRIMARY KEY, v text);\nCREATE TABLE log (m text);\nCREATE TRIGGER t_log AFTER INSERT ON t BEGIN INSERT INTO log VALUES (new.v); END;\n' >migrations/0001_t.sql
printf -- "-- not data: a query\nSELECT 1;\nREPLACE INTO t (id, v) VALUES (1, 'a');\nINSERT OR IGNORE INTO t (id, v) VALUES (2, 'b');\nALTER TABLE t ADD COLUMN w text;\n" >migrations/0002_data.sql
"$PLUMB" sum >/dev/null 2>&1
plumb squash --dialect sqlite
ok "sqlite: REPLACE and INSERT OR IGNORE are named; a query, DDL and a trigger body are not" \
	eval 'rc_is 1 && err_has "0002_data.sql:3:1: REPLACE INTO t" && err_has "0002_data.sql:4:1: INSERT OR IGNORE" && ! err_has "0002_data.sql:(2|5):" && ! err_has "0001_t.sql"'
plumb squash --dialect sqlite --data keep
ok "sqlite: --data keep writes them after the schema" \
	eval 'rc_is 0 && grep -q "^-- from 0002_data.sql:3$" migrations/0002_squash.sql'
cd .. || exit 1
tap_done
