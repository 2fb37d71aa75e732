#!/usr/bin/env bash
# The runner on PostgreSQL under real faults, through the plumb binary:
# 16 `plumb migrate` processes started at once apply every migration exactly
# once; runs killed with SIGKILL at random points, or whose backend is ended
# with pg_terminate_backend, leave no partly applied transactional migration
# and a visible failed state for a non-transactional one, and a re-run (after
# repair when failed) completes; --lock-timeout names the holder of the lock;
# lock_timeout and statement_timeout per run and per file; failed state,
# repair and --retry-failed. Runs under tests/lib/pgtmp.sh. Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"

if [ -z "${PLUMB_PG_URL:-}" ]; then
	echo "1..0 # SKIP PLUMB_PG_URL not set"
	exit 0
fi

SEED=${PLUMB_TEST_SEED:-$$}
RANDOM=$SEED
echo "# seed $SEED (PLUMB_TEST_SEED=$SEED repeats this run)"

newdb() {
	dropdb --if-exists "$1" >/dev/null 2>&1
	createdb "$1" || return 1
}
url() { echo "postgresql:///$1?host=$PGHOST&port=$PGPORT&user=$PGUSER"; }
q() { psql -X -At -v ON_ERROR_STOP=1 -d "$1" -c "$2" 2>&1; }
# qs DB SQL: the result, or nothing when the query fails (a missing table)
qs() { psql -X -At -v ON_ERROR_STOP=1 -d "$1" -c "$2" 2>/dev/null; }
eq() { [ "$1" = "$2" ]; }
# plumb_bg OUTFILE ARGS...: plumb in the background, output in OUTFILE
plumb_bg() {
	local o=$1
	shift
	"$PLUMB" "$@" >"$o" 2>&1 &
}
# quiet_backends DB: waits until no plumb session is left on DB (a killed
# client's backend notices only after its current statement)
quiet_backends() {
	local i
	for ((i = 0; i < 100; i++)); do
		[ "$(q "$1" "SELECT count(*) FROM pg_stat_activity WHERE datname = '$1'
			AND application_name LIKE 'plumb%'")" = 0 ] && return 0
		sleep 0.1
	done
	return 1
}

# --- 16 runners at once ----------------------------------------------------------
N=10
mkdir -p conc
cat >conc/0001_log.sql <<'SQL'
CREATE TABLE log (n integer NOT NULL, part text NOT NULL, at timestamptz DEFAULT clock_timestamp());
SQL
for ((i = 2; i <= N; i++)); do
	if [ "$i" -eq 6 ]; then
		cat >"conc/$(printf %04d $i)_concurrently.sql" <<SQL
-- plumb:no-transaction
INSERT INTO log (n, part) VALUES ($i, 'a');
SELECT pg_sleep(0.02);
CREATE INDEX CONCURRENTLY log_n_idx ON log (n);
SQL
	else
		cat >"conc/$(printf %04d $i)_t$i.sql" <<SQL
INSERT INTO log (n, part) VALUES ($i, 'a');
SELECT pg_sleep(0.02);
CREATE TABLE t$i (x integer);
SQL
	fi
done
newdb conc
"$PLUMB" sum --dir conc >/dev/null 2>&1
for ((k = 0; k < 16; k++)); do
	plumb_bg "conc.$k.out" migrate --dir conc --url "$(url conc)" --lock-timeout 2min
	pids[$k]=$!
done
fails=0
for ((k = 0; k < 16; k++)); do
	wait "${pids[$k]}" || { fails=$((fails + 1)); sed 's/^/#   /' "conc.$k.out"; }
done
ok "16 concurrent runners all succeed" eq "$fails" 0
ok "each migration's body ran exactly once" eq \
	"$(q conc 'SELECT count(*) || $$/$$ || count(DISTINCT n) FROM log')" "$((N - 1))/$((N - 1))"
ok "one applied row per migration" eq \
	"$(q conc "SELECT count(*) FROM plumb_migrations WHERE state = 'applied'")" "$N"
ok "the tables exist once" eq \
	"$(q conc "SELECT count(*) FROM pg_tables WHERE tablename ~ '^t[0-9]+$'")" "$((N - 2))"
ok "the concurrent index is valid" eq \
	"$(q conc "SELECT indisvalid FROM pg_index WHERE indexrelid = 'log_n_idx'::regclass")" t
ok "the migrations ran one after the other" eq \
	"$(q conc 'SELECT bool_and(at >= prev) FROM (SELECT at, lag(at) OVER (ORDER BY n) AS prev FROM log) s
		WHERE prev IS NOT NULL')" t
applied_total=$(cat conc.*.out | grep -c '^applied ')
ok "the 16 runners reported $N applications in all" eq "$applied_total" "$N"

# --- killed at random points -------------------------------------------------------
# Transactional migrations write two log rows around a sleep; the
# non-transactional one (0004) writes idempotently, so it can run again.
mkdir -p kill
cat >kill/0001_log.sql <<'SQL'
CREATE TABLE log (n integer NOT NULL, part text NOT NULL, PRIMARY KEY (n, part));
SQL
for i in 2 3 5 6; do
	cat >"kill/000${i}_m$i.sql" <<SQL
INSERT INTO log VALUES ($i, 'a');
SELECT pg_sleep(0.0$((i + 1)));
CREATE TABLE m$i (x integer);
INSERT INTO log VALUES ($i, 'b');
SQL
done
cat >kill/0004_notx.sql <<'SQL'
-- plumb:no-transaction
INSERT INTO log VALUES (4, 'a') ON CONFLICT DO NOTHING;
SELECT pg_sleep(0.05);
CREATE INDEX CONCURRENTLY IF NOT EXISTS log_part_idx ON log (part);
SELECT pg_sleep(0.03);
INSERT INTO log VALUES (4, 'b') ON CONFLICT DO NOTHING;
SQL
"$PLUMB" sum --dir kill >/dev/null 2>&1

# check_state DB: no transactional migration half-applied; the
# non-transactional one applied whole, recorded as failed, or not started.
check_state() {
	local db=$1 bad=""
	for i in 2 3 5 6; do
		local parts row tbl
		parts=$(qs "$db" "SELECT count(*) FROM log WHERE n = $i")
		row=$(qs "$db" "SELECT count(*) FROM plumb_migrations WHERE version = '000$i'")
		tbl=$(qs "$db" "SELECT count(*) FROM pg_tables WHERE tablename = 'm$i'")
		# applied whole, or not at all (log and plumb_migrations may not exist yet)
		case "$parts:$row:$tbl" in
		2:1:1 | 0:0:0 | 0::0 | ::0 | :0:0) ;;
		*) bad="$bad m$i=$parts:$row:$tbl" ;;
		esac
	done
	local nparts nrow
	nparts=$(qs "$db" "SELECT count(*) FROM log WHERE n = 4")
	nrow=$(qs "$db" "SELECT state FROM plumb_migrations WHERE version = '0004'")
	case "$nparts:$nrow" in
	2:applied | *:failed | 0: | :) ;;
	*) bad="$bad notx=$nparts:$nrow" ;;
	esac
	[ -z "$bad" ] || echo "# $db:$bad"
	[ -z "$bad" ]
}
# finish DB: runs migrate again (repairing a failed state first); succeeds
# when everything ends up applied exactly once.
finish() {
	local db=$1
	"$PLUMB" migrate --dir kill --url "$(url "$db")" >"$db.rerun" 2>&1
	local rc=$?
	if [ $rc -ne 0 ]; then
		grep -q "recorded as failed" "$db.rerun" || { sed 's/^/#   /' "$db.rerun"; return 1; }
		n_failed=$((n_failed + 1))
		"$PLUMB" repair --dir kill --url "$(url "$db")" >/dev/null 2>&1 || return 1
		"$PLUMB" migrate --dir kill --url "$(url "$db")" >"$db.rerun" 2>&1 ||
			{ sed 's/^/#   /' "$db.rerun"; return 1; }
	fi
	[ "$(q "$db" "SELECT count(*) FROM plumb_migrations WHERE state = 'applied'")" = 6 ] &&
		[ "$(q "$db" 'SELECT count(*) FROM log')" = 10 ] &&
		"$PLUMB" status --dir kill --url "$(url "$db")" --exit-code >/dev/null 2>&1
}

RUNS=${PLUMB_KILL_RUNS:-20}
n_bad=0 n_unfinished=0 n_failed=0 n_killed=0
for ((r = 0; r < RUNS; r++)); do
	db="kill_$r"
	newdb "$db"
	plumb_bg "$db.out" migrate --dir kill --url "$(url "$db")"
	pid=$!
	sleep "0.$(printf %03d $((RANDOM % 350)))"
	kill -KILL "$pid" 2>/dev/null && n_killed=$((n_killed + 1))
	wait "$pid" 2>/dev/null
	quiet_backends "$db" || echo "# $db: a backend lingers"
	check_state "$db" || n_bad=$((n_bad + 1))
	finish "$db" || { n_unfinished=$((n_unfinished + 1)); echo "# $db: re-run did not complete"; }
	dropdb "$db"
done
echo "# SIGKILL: $n_killed of $RUNS runs killed midway, $n_failed left a failed state"
ok "SIGKILL at random points: no partly applied migration ($RUNS runs)" eq "$n_bad" 0
ok "SIGKILL: a re-run completes every time (after repair when failed)" eq "$n_unfinished" 0
ok "SIGKILL: some runs were killed midway" [ "$n_killed" -gt 0 ]

# --- the backend terminated --------------------------------------------------------
n_bad=0 n_unfinished=0 n_failed=0 n_hit=0
for ((r = 0; r < RUNS; r++)); do
	db="term_$r"
	newdb "$db"
	plumb_bg "$db.out" migrate --dir kill --url "$(url "$db")"
	pid=$!
	sleep "0.$(printf %03d $((RANDOM % 300 + 20)))"
	hit=$(q "$db" "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE datname = '$db' AND application_name = 'plumb'")
	wait "$pid"
	rc=$?
	[ "$hit" = 1 ] && [ $rc -ne 0 ] && n_hit=$((n_hit + 1))
	if [ $rc -ne 0 ] && ! grep -qi "terminat\|connection\|server closed" "$db.out"; then
		echo "# $db: unexpected failure:"
		sed 's/^/#   /' "$db.out"
	fi
	quiet_backends "$db"
	check_state "$db" || n_bad=$((n_bad + 1))
	finish "$db" || { n_unfinished=$((n_unfinished + 1)); echo "# $db: re-run did not complete"; }
	dropdb "$db"
done
echo "# pg_terminate_backend: $n_hit of $RUNS runs cut, $n_failed left a failed state"
ok "pg_terminate_backend: no partly applied migration ($RUNS runs)" eq "$n_bad" 0
ok "pg_terminate_backend: a re-run completes every time" eq "$n_unfinished" 0
ok "pg_terminate_backend: some runs were cut midway" [ "$n_hit" -gt 0 ]

# --- a non-transactional migration killed midway: failed, visible, repairable -------
# Here 0004 waits, after its first statement, for an advisory lock the test
# holds, so the kill lands inside it whatever the machine's speed.
cp -r kill killnotx
cat >killnotx/0004_notx.sql <<'SQL'
-- plumb:no-transaction
INSERT INTO log VALUES (4, 'a') ON CONFLICT DO NOTHING;
SELECT pg_advisory_lock(7704), pg_advisory_unlock(7704);
CREATE INDEX CONCURRENTLY IF NOT EXISTS log_part_idx ON log (part);
INSERT INTO log VALUES (4, 'b') ON CONFLICT DO NOTHING;
SQL
"$PLUMB" sum --dir killnotx >/dev/null 2>&1
newdb notx
"$PLUMB" migrate --dir killnotx --url "$(url notx)" --to 0003 >/dev/null 2>&1
mkfifo notx.in
psql -X -At -d notx <notx.in >notx.hold 2>&1 &
holder=$!
exec 7>notx.in
echo "SELECT pg_advisory_lock(7704), 'held';" >&7
for ((i = 0; i < 600; i++)); do grep -q held notx.hold && break; sleep 0.1; done
plumb_bg notx.out migrate --dir killnotx --url "$(url notx)"
pid=$!
for ((i = 0; i < 600; i++)); do
	[ "$(q notx "SELECT count(*) FROM pg_stat_activity WHERE datname = 'notx'
		AND application_name = 'plumb' AND wait_event = 'advisory'")" = 1 ] && break
	sleep 0.1
done
kill -KILL "$pid"
wait "$pid" 2>/dev/null
exec 7>&-
wait "$holder"
quiet_backends notx
plumb status --dir killnotx --url "$(url notx)"
ok "status shows the interrupted migration as failed" out_has "0004 +failed +notx"
ok "... saying it did not finish" out_has "did not finish"
plumb migrate --dir killnotx --url "$(url notx)"
ok "migrate refuses to continue" rc_is 1
ok "... naming it" err_has 'migration "0004_notx" failed on an earlier run'
ok "... and the ways out" err_has "plumb repair.*--retry-failed"
plumb migrate --dir killnotx --url "$(url notx)" --retry-failed
ok "--retry-failed runs it again and the rest" rc_is 0
ok "... everything applied once" eq "$(q notx 'SELECT count(*) FROM log')" 10

# a failing statement is recorded with the statement and the error
mkdir -p bad
cp kill/0001_log.sql bad/
cat >bad/0002_bad.sql <<'SQL'
-- plumb:no-transaction
INSERT INTO log VALUES (2, 'a');
CREATE INDEX CONCURRENTLY log_bad_idx ON log (nope);
INSERT INTO log VALUES (2, 'b');
SQL
newdb bad
plumb migrate --dir bad --url "$(url bad)"
ok "a failing non-transactional migration fails" rc_is 1
ok "... at its line in the file" err_has '0002_bad.sql:3:[0-9]+: column "nope" does not exist'
plumb status --dir bad --url "$(url bad)" --json
ok "status --json: failed with the statement and the error" \
	grep -q '"error": "statement: CREATE INDEX CONCURRENTLY log_bad_idx ON log (nope)\\nerror: column \\"nope\\" does not exist"' "$OUT"
plumb repair --dir bad --url "$(url bad)"
ok "repair clears it" out_has "0002 +removed failed record"
sed -i 's/(nope)/(part)/; s/VALUES (2, .a.)/VALUES (2, $$a$$) ON CONFLICT DO NOTHING/' bad/0002_bad.sql
"$PLUMB" sum --dir bad >/dev/null 2>&1
plumb migrate --dir bad --url "$(url bad)"
ok "after the fix it runs" eq "$RC:$(q bad 'SELECT count(*) FROM log')" "0:2"

# --- the lock: bounded wait naming the holder ----------------------------------------
newdb locked
KEY="hashtext(current_database() || '.' || 'plumb_migrations')::bigint"
PGAPPNAME=deploy-holder psql -X -q -d locked -c "SELECT pg_advisory_lock($KEY)" -c "SELECT pg_sleep(6)" \
	>/dev/null 2>&1 &
holder=$!
for ((i = 0; i < 50; i++)); do
	[ "$(q locked "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted")" = 1 ] && break
	sleep 0.1
done
start=$(date +%s%N)
plumb migrate --dir kill --url "$(url locked)" --lock-timeout 500ms
elapsed=$((($(date +%s%N) - start) / 1000000))
ok "--lock-timeout 500ms: exit 5 (lock not obtained in time)" rc_is 5
ok "... naming the holder (pid and application)" err_has "lock held by pid [0-9]+ \\(deploy-holder"
ok "... after about half a second ($elapsed ms)" [ "$elapsed" -ge 450 -a "$elapsed" -lt 4000 ]
ok "... having run nothing" eq "$(q locked "SELECT to_regclass('log') IS NULL")" t
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null

# held by another plumb stuck in a long migration
mkdir -p slow
printf 'SELECT pg_sleep(4);\n' >slow/0001_slow.sql
"$PLUMB" sum --dir slow >/dev/null 2>&1
newdb slow
plumb_bg slow.out migrate --dir slow --url "$(url slow)"
slow=$!
for ((i = 0; i < 50; i++)); do
	[ "$(q slow "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(4)%' AND application_name = 'plumb'")" = 1 ] && break
	sleep 0.1
done
plumb migrate --dir slow --url "$(url slow)" --lock-timeout=300ms
ok "a second plumb gives up after 300ms with exit 5" rc_is 5
ok "... naming the first plumb's lock session" err_has "lock held by pid [0-9]+ \\(plumb \\(lock\\)"
wait "$slow"
ok "the first one finishes" eq "$?" 0

for d in 2min 1h 30s 1500ms; do
	plumb migrate --dir slow --url "$(url slow)" --lock-timeout "$d"
	ok "--lock-timeout $d is accepted" rc_is 0
done
plumb migrate --dir slow --url "$(url slow)" --lock-timeout 5parsecs
ok "a bad duration is a usage error" rc_is 2

# --- DDL timeouts: per run, per file ------------------------------------------------
mkdir -p ddl
cat >ddl/0001_t.sql <<'SQL'
CREATE TABLE busy (x integer);
SQL
cat >ddl/0002_alter.sql <<'SQL'
ALTER TABLE busy ADD COLUMN y integer;
SQL
"$PLUMB" sum --dir ddl >/dev/null 2>&1
newdb ddl
"$PLUMB" migrate --dir ddl --url "$(url ddl)" --to 0001 >/dev/null 2>&1
# a long transaction reads the table: ALTER TABLE must wait for it
psql -X -q -d ddl -c "BEGIN" -c "SELECT * FROM busy" -c "SELECT pg_sleep(8)" -c "COMMIT" \
	>/dev/null 2>&1 &
reader=$!
sleep 0.5
start=$(date +%s%N)
plumb migrate --dir ddl --url "$(url ddl)" --ddl-lock-timeout 300ms
elapsed=$((($(date +%s%N) - start) / 1000000))
ok "--ddl-lock-timeout 300ms: DDL behind a long transaction gives up" rc_is 1
ok "... with lock_timeout's error" err_has "canceling statement due to lock timeout"
ok "... quickly ($elapsed ms)" [ "$elapsed" -lt 3000 ]
ok "... and nothing recorded" eq "$(q ddl "SELECT count(*) FROM plumb_migrations WHERE version = '0002'")" 0
# the file's directive wins over the flag
sed -i '1i -- plumb:lock-timeout 200ms' ddl/0002_alter.sql
"$PLUMB" sum --dir ddl >/dev/null 2>&1
start=$(date +%s%N)
plumb migrate --dir ddl --url "$(url ddl)" --ddl-lock-timeout 1h
elapsed=$((($(date +%s%N) - start) / 1000000))
ok "-- plumb:lock-timeout 200ms in the file overrides the flag" eq "$RC" 1
ok "... ($elapsed ms)" [ "$elapsed" -lt 3000 ]
# the default: 10s
start=$(date +%s%N)
sed -i '1d' ddl/0002_alter.sql
"$PLUMB" sum --dir ddl >/dev/null 2>&1
plumb migrate --dir ddl --url "$(url ddl)"
ok "without a setting it waits (the default lock_timeout is 10s) and succeeds" rc_is 0
kill "$reader" 2>/dev/null
wait "$reader" 2>/dev/null

mkdir -p st
cat >st/0001_notx.sql <<'SQL'
-- plumb:no-transaction
-- plumb:statement-timeout 1s
SELECT pg_sleep(0.1);
SQL
cat >st/0002_long.sql <<'SQL'
SELECT pg_sleep(1.5);
SQL
cat >st/0003_short.sql <<'SQL'
-- plumb:statement-timeout 100ms
SELECT pg_sleep(1);
SQL
"$PLUMB" sum --dir st >/dev/null 2>&1
newdb st
plumb migrate --dir st --url "$(url st)"
ok "-- plumb:statement-timeout 100ms cancels a slow statement" err_has "canceling statement due to statement timeout"
ok "... after the session setting of a no-transaction file was reset" eq \
	"$(q st "SELECT string_agg(version, ',' ORDER BY version) FROM plumb_migrations")" "0001,0002"
plumb migrate --dir st --url "$(url st)" --statement-timeout 0
ok "--statement-timeout does not override the file's" rc_is 1
sed -i '1d' st/0003_short.sql
"$PLUMB" sum --dir st >/dev/null 2>&1
plumb migrate --dir st --url "$(url st)" --statement-timeout 200ms
ok "--statement-timeout 200ms applies to files without one" err_has "statement timeout"
plumb migrate --dir st --url "$(url st)" --statement-timeout 0
ok "--statement-timeout 0 leaves the server's (none)" rc_is 0

tap_done
