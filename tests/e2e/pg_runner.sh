#!/usr/bin/env bash
# The runner on PostgreSQL under real faults, through the plumb binary:
# 16 `plumb migrate` processes started at once apply every migration exactly
# once; runs killed with SIGKILL, or whose backend is ended with
# pg_terminate_backend, inside each migration leave no partly applied
# transactional migration and a visible failed state for a non-transactional
# one, and a re-run (after repair when failed) completes; --lock-timeout
# names the holder of the lock; lock_timeout and statement_timeout per run
# and per file; failed state, repair and --retry-failed. Runs under
# tests/lib/pgtmp.sh. Prints TAP.
#
# Nothing here depends on timing: a run is stopped, or made to wait, at a
# lock the test holds (hold, gate_hold) and only once the test has seen it
# waiting there (poll, with a deadline of $PLUMB_TEST_PATIENCE seconds).
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
# poll DB SQL WANT: waits until SQL's one-line result on DB is WANT, up to
# $PATIENCE seconds (long: the machine may be loaded); fails after that
PATIENCE=${PLUMB_TEST_PATIENCE:-120}
poll() {
	local deadline=$((SECONDS + PATIENCE))
	while [ "$(qs "$1" "$2")" != "$3" ]; do
		[ "$SECONDS" -lt "$deadline" ] || { echo "# waited ${PATIENCE}s on $1 for: $2"; return 1; }
		sleep 0.05
	done
}
# quiet_backends DB: waits until no plumb session is left on DB (a killed
# client's backend notices only after its current statement)
quiet_backends() {
	poll "$1" "SELECT count(*) FROM pg_stat_activity WHERE datname = '$1'
		AND application_name LIKE 'plumb%'" 0
}

# hold DB APP SQL CHECK: a psql session on DB (application_name APP) that
# runs SQL and then stays open (fed through a fifo) until release; waits
# until CHECK's result is 1. The test holds a lock this way for exactly as
# long as it wants.
hold() {
	hold_db=$1 hold_app=$2
	rm -f hold.fifo
	mkfifo hold.fifo || return 1
	PGAPPNAME=$hold_app psql -X -q -v ON_ERROR_STOP=1 -d "$1" <hold.fifo >hold.out 2>&1 &
	hold_pid=$!
	exec {hold_fd}>hold.fifo
	echo "$3" >&"$hold_fd"
	poll "$1" "$4" 1
}
# release: ends the session (\q: processes started meanwhile hold the fifo
# open too, so its end is no signal) and waits until its backend has gone,
# and with it its locks
release() {
	(trap '' PIPE; echo '\q' >&"$hold_fd") 2>/dev/null # (psql may have died)
	exec {hold_fd}>&-
	wait "$hold_pid" 2>/dev/null
	rm -f hold.fifo
	poll "$hold_db" "SELECT count(*) FROM pg_stat_activity WHERE application_name = '$hold_app'" 0
}
# Gates: a migration stops at `SELECT pg_advisory_xact_lock_shared(4242, K)`
# while the test holds the advisory lock (4242, K), so a run is stopped at a
# point the test chose, not at a moment chosen by sleeping. Runs that wait
# at a gate pass --ddl-lock-timeout 0 (no lock_timeout): plumb's default of
# 10 s must not decide when the wait ends.
gate_hold() {
	hold "$1" test-gate "SELECT pg_advisory_lock(4242, $2);" "SELECT count(*) FROM pg_locks
		WHERE locktype = 'advisory' AND granted AND classid = 4242 AND objid = $2 AND objsubid = 2"
}
gate_release() { release; }
# gate_waiter DB K: waits until a plumb backend on DB waits at gate K; its
# pid in $waiter
gate_waiter() {
	local sql="SELECT coalesce(min(l.pid), 0) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
		WHERE l.locktype = 'advisory' AND NOT l.granted AND l.classid = 4242 AND l.objid = $2
		AND l.objsubid = 2 AND a.datname = '$1' AND a.application_name = 'plumb'"
	waiter=0
	poll "$1" "SELECT ($sql) <> 0" t || return 1
	waiter=$(qs "$1" "$sql")
}

# --- 16 runners at once ----------------------------------------------------------
# Long timeouts: the runners wait for each other (the runner lock), and
# CREATE INDEX CONCURRENTLY for the others' short transactions, for as long
# as a loaded machine makes that take.
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
	plumb_bg "conc.$k.out" migrate --dir conc --url "$(url conc)" --lock-timeout 10min \
		--ddl-lock-timeout 10min
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

# --- killed midway ----------------------------------------------------------------
# Each migration stops at a gate (see gate_hold); 0004 runs outside a
# transaction and writes idempotently, so it can run again.
mkdir -p kill
cat >kill/0001_log.sql <<'SQL'
CREATE TABLE log (n integer NOT NULL, part text NOT NULL, PRIMARY KEY (n, part));
SQL
for i in 2 3 5 6; do
	cat >"kill/000${i}_m$i.sql" <<SQL
INSERT INTO log VALUES ($i, 'a');
SELECT pg_advisory_xact_lock_shared(4242, $i);
CREATE TABLE m$i (x integer);
INSERT INTO log VALUES ($i, 'b');
SQL
done
cat >kill/0004_notx.sql <<'SQL'
-- plumb:no-transaction
INSERT INTO log VALUES (4, 'a') ON CONFLICT DO NOTHING;
SELECT pg_advisory_xact_lock_shared(4242, 41);
CREATE INDEX CONCURRENTLY IF NOT EXISTS log_part_idx ON log (part);
SELECT pg_advisory_xact_lock_shared(4242, 42);
INSERT INTO log VALUES (4, 'b') ON CONFLICT DO NOTHING;
SQL
"$PLUMB" sum --dir kill >/dev/null 2>&1

# state DB: the tracking rows and the log, one line
state() {
	printf '%s | %s | %s\n' \
		"$(qs "$1" "SELECT string_agg(version || ':' || state, ',' ORDER BY version) FROM plumb_migrations")" \
		"$(qs "$1" "SELECT string_agg(n || part, ',' ORDER BY n, part) FROM log")" \
		"$(qs "$1" "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE tablename ~ '^m[0-9]$'")"
}
# expected GATE: the state a run stopped at GATE leaves: the migrations
# before it applied whole; a transactional one stopped midway not at all;
# the non-transactional one recorded as failed with what it did so far
expected() {
	case $1 in
	2) echo "0001:applied |  | " ;;
	3) echo "0001:applied,0002:applied | 2a,2b | m2" ;;
	41 | 42) echo "0001:applied,0002:applied,0003:applied,0004:failed | 2a,2b,3a,3b,4a | m2,m3" ;;
	5) echo "0001:applied,0002:applied,0003:applied,0004:applied | 2a,2b,3a,3b,4a,4b | m2,m3" ;;
	6) echo "0001:applied,0002:applied,0003:applied,0004:applied,0005:applied | 2a,2b,3a,3b,4a,4b,5a,5b | m2,m3,m5" ;;
	esac
}
# finish DB: runs migrate again (repairing a failed state first); succeeds
# when everything ends up applied exactly once.
finish() {
	local db=$1
	"$PLUMB" migrate --dir kill --url "$(url "$db")" >"$db.rerun" 2>&1
	local rc=$?
	if [ $rc -ne 0 ]; then
		grep -q "recorded as failed" "$db.rerun" || { sed 's/^/#   /' "$db.rerun"; return 1; }
		"$PLUMB" repair --dir kill --url "$(url "$db")" >/dev/null 2>&1 || return 1
		"$PLUMB" migrate --dir kill --url "$(url "$db")" >"$db.rerun" 2>&1 ||
			{ sed 's/^/#   /' "$db.rerun"; return 1; }
	fi
	[ "$(q "$db" "SELECT count(*) FROM plumb_migrations WHERE state = 'applied'")" = 6 ] &&
		[ "$(q "$db" 'SELECT count(*) FROM log')" = 10 ] &&
		"$PLUMB" status --dir kill --url "$(url "$db")" --exit-code >/dev/null 2>&1
}

# stop_at HOW GATE: a run stopped while its statement waits at GATE, by
# SIGKILL of plumb or pg_terminate_backend of its backend; then the gate
# opens. Leaves the outcome in $stopped (the gate was reached and the run
# ended there), $got (its state) and $db.
stop_at() {
	local how=$1 gate=$2 pid rc
	db="${how}_$gate"
	stopped=0
	newdb "$db"
	gate_hold "$db" "$gate" || return
	plumb_bg "$db.out" migrate --dir kill --url "$(url "$db")" --ddl-lock-timeout 0
	pid=$!
	if gate_waiter "$db" "$gate"; then
		if [ "$how" = kill ]; then
			kill -KILL "$pid"
			wait "$pid" 2>/dev/null
			[ $? -eq 137 ] && stopped=1
		else
			[ "$(q "$db" "SELECT pg_terminate_backend($waiter)")" = t ] && stopped=1
			wait "$pid"
			rc=$?
			grep -qi "terminat\|server closed" "$db.out" || stopped=0
			[ $rc -ne 0 ] || stopped=0
			[ $stopped = 1 ] || { echo "# $db: exit $rc"; sed 's/^/#   /' "$db.out"; }
		fi
	fi
	gate_release
	wait "$pid" 2>/dev/null
	quiet_backends "$db" || stopped=0
	got=$(state "$db")
}

for how in kill term; do
	for gate in 2 3 41 42 5 6; do
		stop_at "$how" "$gate"
		case $how in
		kill) what="SIGKILL while at gate $gate" ;;
		term) what="pg_terminate_backend while at gate $gate" ;;
		esac
		ok "$what: stopped there" eq "$stopped" 1
		ok "... the migrations before applied whole, the one stopped not ($got)" eq "$got" "$(expected "$gate")"
		ok "... a re-run completes (after repair when failed)" finish "$db"
		dropdb "$db"
	done
done

# --- a non-transactional migration killed midway: failed, visible, repairable -------
newdb notx
"$PLUMB" migrate --dir kill --url "$(url notx)" --to 0003 >/dev/null 2>&1
gate_hold notx 41
plumb_bg notx.out migrate --dir kill --url "$(url notx)" --ddl-lock-timeout 0
pid=$!
gate_waiter notx 41
ok "the run reaches the gate inside 0004" [ "$waiter" -gt 0 ]
kill -KILL "$pid"
wait "$pid" 2>/dev/null
gate_release
quiet_backends notx
plumb status --dir kill --url "$(url notx)"
ok "status shows the interrupted migration as failed" out_has "0004 +failed +notx"
ok "... saying it did not finish" out_has "did not finish"
plumb migrate --dir kill --url "$(url notx)"
ok "migrate refuses to continue" rc_is 1
ok "... naming it" err_has 'migration "0004_notx" failed on an earlier run'
ok "... and the ways out" err_has "plumb repair.*--retry-failed"
plumb migrate --dir kill --url "$(url notx)" --retry-failed
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
hold locked deploy-holder "SELECT pg_advisory_lock($KEY);" \
	"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1"
start=$(date +%s%N)
plumb migrate --dir kill --url "$(url locked)" --lock-timeout 500ms
elapsed=$((($(date +%s%N) - start) / 1000000))
ok "--lock-timeout 500ms: exit 5 (lock not obtained in time)" rc_is 5
ok "... naming the holder (pid and application)" err_has "lock held by pid [0-9]+ \\(deploy-holder"
# at least the timeout; well under the default of 30 s (the test holds the
# lock throughout, so a run that ignored the flag would wait that long)
ok "... after half a second, not the default 30 s ($elapsed ms)" [ "$elapsed" -ge 500 -a "$elapsed" -lt 20000 ]
ok "... having run nothing" eq "$(q locked "SELECT to_regclass('log') IS NULL")" t
release

# held by another plumb stuck in a long migration (at a gate the test holds)
mkdir -p slow
printf 'SELECT pg_advisory_xact_lock_shared(4242, 900);\n' >slow/0001_slow.sql
"$PLUMB" sum --dir slow >/dev/null 2>&1
newdb slow
gate_hold slow 900
plumb_bg slow.out migrate --dir slow --url "$(url slow)" --ddl-lock-timeout 0
slow=$!
gate_waiter slow 900
plumb migrate --dir slow --url "$(url slow)" --lock-timeout=300ms
ok "a second plumb gives up after 300ms with exit 5" rc_is 5
ok "... naming the first plumb's lock session" err_has "lock held by pid [0-9]+ \\(plumb \\(lock\\)"
gate_release
wait "$slow"
rc=$?
ok "the first one finishes" eq "$rc" 0
[ "$rc" = 0 ] || sed 's/^/#   /' slow.out

# nothing holds the lock now (the first plumb released it before it exited)
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
# a transaction that read the table and stays open while the test wants:
# ALTER TABLE must wait for it
hold ddl reader "BEGIN; SELECT * FROM busy;" "SELECT count(*) FROM pg_locks l
	JOIN pg_stat_activity a ON a.pid = l.pid
	WHERE l.relation = 'busy'::regclass AND l.granted AND a.application_name = 'reader'"
# The default lock_timeout is 10 s: a run that ignored a shorter setting
# would take that long, so "well under 10 s" tells them apart.
start=$(date +%s%N)
plumb migrate --dir ddl --url "$(url ddl)" --ddl-lock-timeout 300ms
elapsed=$((($(date +%s%N) - start) / 1000000))
ok "--ddl-lock-timeout 300ms: DDL behind a long transaction gives up" rc_is 1
ok "... with lock_timeout's error" err_has "canceling statement due to lock timeout"
ok "... well before the default 10 s ($elapsed ms)" [ "$elapsed" -ge 300 -a "$elapsed" -lt 8000 ]
ok "... and nothing recorded" eq "$(q ddl "SELECT count(*) FROM plumb_migrations WHERE version = '0002'")" 0
# the file's directive wins over the flag
sed -i '1i -- plumb:lock-timeout 200ms' ddl/0002_alter.sql
"$PLUMB" sum --dir ddl >/dev/null 2>&1
start=$(date +%s%N)
plumb migrate --dir ddl --url "$(url ddl)" --ddl-lock-timeout 1h
elapsed=$((($(date +%s%N) - start) / 1000000))
ok "-- plumb:lock-timeout 200ms in the file overrides the flag" eq "$RC" 1
ok "... ($elapsed ms)" [ "$elapsed" -ge 200 -a "$elapsed" -lt 8000 ]
# the default: 10s
sed -i '1d' ddl/0002_alter.sql
"$PLUMB" sum --dir ddl >/dev/null 2>&1
start=$(date +%s%N)
plumb migrate --dir ddl --url "$(url ddl)"
elapsed=$((($(date +%s%N) - start) / 1000000))
ok "without a setting it waits the default lock_timeout (10s) and gives up" rc_is 1
ok "... after 10 s ($elapsed ms)" [ "$elapsed" -ge 10000 ]
release
plumb migrate --dir ddl --url "$(url ddl)"
ok "once the transaction ends the DDL runs" rc_is 0

# statement_timeout: 0003 stops at a gate the test holds until the end, so
# only a timeout ends it; 0002 and the last 0003 fail when a timeout leaked
mkdir -p st
cat >st/0001_notx.sql <<'SQL'
-- plumb:no-transaction
-- plumb:statement-timeout 1min
SELECT 1;
SQL
NO_TIMEOUT="DO \$\$ BEGIN IF current_setting('statement_timeout') <> '0' THEN
  RAISE EXCEPTION 'statement_timeout is %', current_setting('statement_timeout'); END IF; END \$\$;"
echo "$NO_TIMEOUT" >st/0002_check.sql
{
	echo "-- plumb:statement-timeout 100ms"
	echo "SELECT pg_advisory_xact_lock_shared(4242, 950);"
	echo "$NO_TIMEOUT"
} >st/0003_short.sql
"$PLUMB" sum --dir st >/dev/null 2>&1
newdb st
gate_hold st 950
plumb migrate --dir st --url "$(url st)"
ok "-- plumb:statement-timeout 100ms cancels a slow statement" err_has "canceling statement due to statement timeout"
ok "... after the session setting of a no-transaction file was reset" eq \
	"$(q st "SELECT string_agg(version, ',' ORDER BY version) FROM plumb_migrations")" "0001,0002"
plumb migrate --dir st --url "$(url st)" --statement-timeout 0
ok "--statement-timeout does not override the file's" eq "$RC" 1
ok "... (a statement timeout, not the lock's)" err_has "canceling statement due to statement timeout"
sed -i '1d' st/0003_short.sql
"$PLUMB" sum --dir st >/dev/null 2>&1
plumb migrate --dir st --url "$(url st)" --statement-timeout 200ms
ok "--statement-timeout 200ms applies to files without one" err_has "canceling statement due to statement timeout"
gate_release
plumb migrate --dir st --url "$(url st)" --statement-timeout 0
ok "--statement-timeout 0 leaves the server's (none)" rc_is 0

tap_done
