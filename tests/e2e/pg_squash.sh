#!/usr/bin/env bash
# plumb squash on PostgreSQL (issue 13): the history and checks of
# squash_lib.sh (an enum and a column type change among them), each
# database a fresh one on the throwaway server of tests/lib/pgtmp.sh.
# Prints TAP.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/tap.sh"

if [ -z "${PLUMB_PG_URL:-}" ]; then
	echo "1..0 # SKIP PLUMB_PG_URL not set"
	exit 0
fi

ENGINE=pg
DIALECT=(--dialect pg)
newdb() {
	local db="sq_$$_$1"
	createdb "$db" || return 1
	URL="postgresql:///$db?host=$PGHOST&port=$PGPORT&user=$PGUSER"
}
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }

. "$HERE/squash_lib.sh"

# --- statements that change rows, as libpg_query reads them ------------------------
mkdir -p kinds/migrations && cd kinds || exit 1
printf 'CREATE TABLE t (id serial PRIMARY KEY, v text);\nCREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$ INSERT INTO t (v) VALUES (1) $$;\n' >migrations/0001_t.sql
printf -- "-- not data: a query, a comment naming INSERT\nSELECT 1;\nSELECT pg_catalog.setval('t_id_seq', 5);\nWITH x AS (INSERT INTO t (v) VALUES ('a') RETURNING id) SELECT * FROM x;\nMERGE INTO t USING (SELECT 1 AS id) s ON t.id = s.id WHEN NOT MATCHED THEN INSERT (v) VALUES ('m');\n" >migrations/0002_data.sql
"$PLUMB" sum >/dev/null 2>&1
plumb squash --dialect pg
ok "pg: setval, a WITH that inserts and MERGE are named; a query and a function body are not" \
	eval 'rc_is 1 && err_has "0002_data.sql:3:1: SELECT pg_catalog.setval" && err_has "0002_data.sql:4:1: WITH x AS" && err_has "0002_data.sql:5:1: MERGE INTO t" && ! err_has "0002_data.sql:2:" && ! err_has "0001_t.sql"'
cd .. || exit 1
tap_done
