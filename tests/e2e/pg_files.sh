#!/usr/bin/env bash
# Input files and scratch databases on PostgreSQL, through the plumb binary:
# a migration with a NUL byte or with its own BEGIN/COMMIT is refused before
# anything runs; a run killed while it builds in a --dev-url scratch database
# leaves that database behind, and the next run drops it (and only the ones
# whose creator is gone). Runs under tests/lib/pgtmp.sh. Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"

if [ -z "${PLUMB_PG_URL:-}" ]; then
	echo "1..0 # SKIP PLUMB_PG_URL not set"
	exit 0
fi
q() { psql -X -At -v ON_ERROR_STOP=1 -d postgres -c "$1" 2>&1; }
eq() { [ "$1" = "$2" ]; }
# wait_for SQL VALUE: polls until SQL gives VALUE (120 s at most: the machine may be loaded)
wait_for() {
	local i
	for ((i = 0; i < 1200; i++)); do
		[ "$(q "$1")" = "$2" ] && return 0
		sleep 0.1
	done
	return 1
}
tables() { q "SELECT coalesce(string_agg(relname, ',' ORDER BY relname), '') FROM pg_class
	WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relname <> 'plumb_migrations'"; }
fresh() {
	rm -rf migrations schema.sql
	q "DROP SCHEMA public CASCADE; CREATE SCHEMA public; DROP TABLE IF EXISTS plumb_migrations" >/dev/null
	"$PLUMB" init -q >/dev/null 2>&1
}
add() {
	printf '%b' "$2" >"migrations/$1.sql"
	"$PLUMB" sum -q >/dev/null 2>&1
}

# --- A2: a NUL byte ------------------------------------------------------------------
fresh
add 0001_x 'CREATE TABLE a (x int);\0CREATE TABLE b (y int);\n'
plumb migrate --url "$PLUMB_PG_URL"
ok "a migration with a NUL byte is refused, naming file, position and offset" \
	eval 'rc_is 1 && err_has "migrations/0001_x\.sql:1:24: file contains a NUL byte \(offset 23\)"'
ok "nothing was created" eq "$(tables)" ""

# --- A5: BEGIN/COMMIT in a transactional migration -------------------------------------
fresh
add 0001_ok 'CREATE TABLE ok (x int);\n'
add 0002_txn 'CREATE TABLE a (x int);\nBEGIN;\nCREATE TABLE b (y int);\nCOMMIT;\nCREATE TABLE a (z int);\n'
add 0003_fn 'CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;\nDO $$ BEGIN PERFORM 1; END $$;\n'
plumb migrate --url "$PLUMB_PG_URL"
ok "a migration with its own BEGIN/COMMIT is refused" rc_is 1
ok "naming the file, line and statement, with the hint" \
	eval 'err_has "migrations/0002_txn\.sql:2:1: migration \"0002_txn\" has its own transaction control \(BEGIN\)" && err_has "plumb:no-transaction"'
ok "nothing of the run was applied" eq "$(tables)" ""
rm migrations/0002_txn.sql && "$PLUMB" sum -q >/dev/null 2>&1
plumb migrate --url "$PLUMB_PG_URL"
ok "BEGIN ATOMIC bodies and DO blocks are not transaction control" eval 'rc_is 0 && eq "$(tables)" ok'
add 0004_prep 'CREATE TABLE c (x int);\n  start transaction isolation level serializable;\n'
add 0005_bad 'CREATE TABLE d (x int;\nCOMMIT;\n'
plumb migrate --url "$PLUMB_PG_URL"
ok "START TRANSACTION is found, and COMMIT in a file that does not parse" \
	eval 'err_has "0004_prep\.sql:2:3: .*\(start transaction isolation level serializable\)" && err_has "0005_bad\.sql:2:1: also in \"0005_bad\": COMMIT"'

# --- psql's meta-commands: pg_dump's \restrict, a script's \set -------------------------
fresh
add 0001_psql '\\set ON_ERROR_STOP 1\n\\echo creating a\nCREATE TABLE a (x int);\n'
plumb migrate --url "$PLUMB_PG_URL"
ok "a migration's \\set and \\echo are psql's own: it applies" eval 'rc_is 0 && eq "$(tables)" a'
add 0002_conn 'CREATE TABLE b (x int);\n\\connect other\nCREATE TABLE c (x int);\n'
plumb migrate --url "$PLUMB_PG_URL"
ok "\\connect is refused where it stands, and nothing of it runs" \
	eval 'rc_is 1 && err_has "migrations/0002_conn\.sql:2:1: psql meta-command \\\\connect" && eq "$(tables)" a'
rm migrations/0002_conn.sql && "$PLUMB" sum -q >/dev/null 2>&1
q "CREATE TABLE dumped (id int PRIMARY KEY, note text DEFAULT 'x')" >/dev/null
pg_dump --schema-only -T plumb_migrations -d postgres >dump.sql 2>&1
plumb diff dump.sql "$PLUMB_PG_URL" --dialect pg
ok "pg_dump's own output, \\restrict and all, is read offline: nothing differs" \
	eval 'rc_is 0 && out_empty'
plumb diff dump.sql "$PLUMB_PG_URL" --dev-url "$PLUMB_PG_URL"
ok "... and through --dev-url" eval 'rc_is 0 && out_empty'
rm -f dump.sql

# --- A14: scratch databases of killed runs ----------------------------------------------
fresh
scratch_dbs() { q "SELECT coalesce(string_agg(datname, ',' ORDER BY datname), '') FROM pg_database
	WHERE datname LIKE 'plumb\_scratch\_%'"; }
q "DROP ROLE IF EXISTS plumb_block; CREATE ROLE plumb_block" >/dev/null
# a session holding the row lock a migration will wait for, until told to let go
mkfifo hold.in
psql -X -At -d postgres <hold.in >hold.out 2>&1 &
holder=$!
exec 7>hold.in
echo "BEGIN; COMMENT ON ROLE plumb_block IS 'held'; SELECT 'locked';" >&7
for ((i = 0; i < 1200; i++)); do grep -q locked hold.out && break; sleep 0.1; done
echo 'CREATE TABLE t (x int);' >schema.sql
add 0001_block "COMMENT ON ROLE plumb_block IS 'waits';\n"
"$PLUMB" generate --url "$PLUMB_PG_URL" --dev-url "$PLUMB_PG_URL" -q >gen.out 2>&1 &
gen=$!
ok "generate --dev-url waits in its scratch database" \
	wait_for "SELECT count(*) FROM pg_stat_activity WHERE datname LIKE 'plumb\_scratch\_b%'
		AND wait_event_type = 'Lock'" 1
leaked=$(scratch_dbs)
creator=$(echo "$leaked" | sed -n 's/^plumb_scratch_b\([0-9]*\)_[0-9]*$/\1/p')
ok "its name carries the pid of the live backend that created it ($leaked)" \
	eq "$(q "SELECT count(*) FROM pg_stat_activity WHERE pid = 0${creator:-0}")" 1
kill -9 "$gen"
wait "$gen" 2>/dev/null
echo "ROLLBACK;" >&7
exec 7>&-
wait "$holder"
ok "once the killed run's backends are gone ..." \
	wait_for "SELECT count(*) FROM pg_stat_activity WHERE pid = 0${creator:-0}
		OR datname LIKE 'plumb\_scratch\_b%'" 0
ok "... its scratch database is left behind" eq "$(scratch_dbs)" "$leaked"
# a scratch database whose creator is alive (here: the checkpointer) is in use
live_pid=$(q "SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'")
q "CREATE DATABASE plumb_scratch_b${live_pid}_7" >/dev/null
rm migrations/0001_block.sql && "$PLUMB" sum -q >/dev/null 2>&1
plumb generate t --url "$PLUMB_PG_URL" --dev-url "$PLUMB_PG_URL"
ok "the next run succeeds" rc_is 0
ok "and drops the stale scratch database, its own, and none in use" \
	eq "$(scratch_dbs)" "plumb_scratch_b${live_pid}_7"
q "DROP DATABASE plumb_scratch_b${live_pid}_7; DROP ROLE plumb_block" >/dev/null

tap_done
