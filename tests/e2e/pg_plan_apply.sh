#!/usr/bin/env bash
# Plans that must apply on a real server: each case builds a database from
# `before`, asks `plumb diff DB schema.sql` for the plan, runs it with psql,
# and checks that a second diff is empty (the database now is the schema)
# and that the rows survived. Covers dependencies read from parse trees,
# invalid indexes, enum rebuilds and the NOT NULL hazards. Runs under
# tests/lib/pgtmp.sh. Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"

if [ -z "${PLUMB_PG_URL:-}" ]; then
	echo "1..0 # SKIP PLUMB_PG_URL not set"
	exit 0
fi

n_db=0
# newdb: a fresh database, its name in $DB and URL in $URL
newdb() {
	n_db=$((n_db + 1))
	DB="apply_$$_$n_db"
	createdb "$DB" || return 1
	URL="postgresql:///$DB?host=$PGHOST&port=$PGPORT&user=$PGUSER"
}
q() { psql -X -At -v ON_ERROR_STOP=1 -d "$DB" -c "$1" 2>&1; }
# run SQL: runs a script on $DB, quiet unless it fails
run() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -f "$1" >/dev/null 2>"$WORK/psql.err"; }
eq() { [ "$1" = "$2" ]; }
has() { grep -q -- "$2" "$1"; }
lacks() { ! grep -q -- "$2" "$1"; }
empty() { [ ! -s "$1" ]; }
# converges SCHEMA [FLAGS...]: diff, apply the plan with psql, diff again: nothing left
converges() {
	local s=$1
	shift
	plumb diff "$@" "$URL" "$s"
	[ "$RC" = 0 ] || return 1
	cp "$OUT" plan.sql
	run plan.sql || { sed 's/^/#   psql: /' "$WORK/psql.err"; sed 's/^/#   plan: /' plan.sql; return 1; }
	plumb diff "$URL" "$s"
	[ "$RC" = 0 ] || return 1
	[ ! -s "$OUT" ] || { sed 's/^/#   left: /' "$OUT"; return 1; }
}

# --- A9: dependencies come from parse trees ------------------------------------
# A string literal 'f(1)' in a domain's check calls nothing: a substring match
# made the domain need f while f returns the domain (a cycle, no plan). A
# column named "id" and a literal 'id' do not use the sequence "id".
newdb
cat >a9.sql <<'SQL'
CREATE DOMAIN d AS text CHECK (VALUE <> 'f(1)');
CREATE FUNCTION f(x integer) RETURNS d LANGUAGE sql IMMUTABLE AS $$ SELECT 'a'::d $$;
CREATE SEQUENCE id;
CREATE TABLE t (n integer NOT NULL DEFAULT nextval('id'), id text DEFAULT 'id');
SQL
ok "a literal naming a function is no dependency; the plan applies" converges a9.sql
ok "the table's default uses the sequence" eq "$(q "SELECT count(*) FROM pg_depend
	WHERE refobjid = 'id'::regclass AND classid = 'pg_attrdef'::regclass")" 1

# A new enum value used later in the plan must be committed first; a comment
# whose text is the label does not use it.
newdb
q "CREATE TYPE mood AS ENUM ('sad'); CREATE TABLE t (m mood)" >/dev/null
cat >a9b.sql <<'SQL'
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TABLE t (m mood);
COMMENT ON TABLE t IS 'happy';
SQL
ok "an enum value only named in a comment's text: the plan applies" converges a9b.sql
ok "and ADD VALUE stays in the transaction" lacks plan.sql 'runs outside the transaction'
cat >a9c.sql <<'SQL'
CREATE TYPE mood AS ENUM ('sad', 'happy', 'ok');
CREATE TABLE t (m mood DEFAULT 'ok');
COMMENT ON TABLE t IS 'happy';
SQL
ok "an enum value a default uses: the plan applies" converges a9c.sql
ok "and ADD VALUE runs outside the transaction" has plan.sql 'runs outside the transaction'

# --- A6: an invalid index is drift ---------------------------------------------
# CREATE UNIQUE INDEX CONCURRENTLY over duplicates fails and leaves the index
# behind, invalid. It must not look like the schema's index.
invalid_index() {
	q "CREATE TABLE t (id int PRIMARY KEY, x int); INSERT INTO t VALUES (1, 1), (2, 1)" >/dev/null
	q "CREATE UNIQUE INDEX CONCURRENTLY t_x_key ON t (x)" >/dev/null
	q "DELETE FROM t WHERE id = 2" >/dev/null
}
cat >a6.sql <<'SQL'
CREATE TABLE t (id int PRIMARY KEY, x int);
CREATE UNIQUE INDEX t_x_key ON t (x);
SQL
newdb
invalid_index
ok "the failed build left an invalid index" eq "$(q "SELECT indisvalid FROM pg_index
	WHERE indexrelid = 't_x_key'::regclass")" f
plumb diff "$URL" a6.sql
ok "diff drops and builds the invalid index" has "$OUT" 'DROP INDEX "public"."t_x_key"'
ok "diff says why" has "$OUT" 'index "t_x_key" is invalid'
ok "the plan applies and converges" converges a6.sql
ok "the index is valid now" eq "$(q "SELECT indisvalid FROM pg_index
	WHERE indexrelid = 't_x_key'::regclass")" t

newdb
invalid_index
plumb diff --online "$URL" a6.sql
ok "online: DROP INDEX CONCURRENTLY" has "$OUT" 'DROP INDEX CONCURRENTLY "public"."t_x_key"'
ok "online: CREATE INDEX CONCURRENTLY" has "$OUT" 'CREATE UNIQUE INDEX CONCURRENTLY t_x_key'
ok "online: the plan applies and converges" converges a6.sql --online

newdb
invalid_index
plumb pull --url "$URL" -o -
ok "pull does not write the invalid index as a statement" lacks "$OUT" '^CREATE UNIQUE INDEX'
ok "pull keeps it in a comment" has "$OUT" '^-- CREATE UNIQUE INDEX t_x_key'
ok "pull warns" has "$ERR" 'index "t_x_key" is invalid'

# check: the database's index is invalid where the migrations built a valid one
newdb
mkdir -p chk && cd chk || exit 1
cp ../a6.sql schema.sql
plumb --dev-url "$PLUMB_PG_URL" --url "$URL" generate init
plumb --dev-url "$PLUMB_PG_URL" --url "$URL" migrate
plumb --dev-url "$PLUMB_PG_URL" --url "$URL" check
ok "check is ok with the valid index" eq "$RC" 0
q "UPDATE pg_index SET indisvalid = false WHERE indexrelid = 't_x_key'::regclass" >/dev/null
plumb --dev-url "$PLUMB_PG_URL" --url "$URL" check
ok "check reports an invalid index as drift (exit 6)" eq "$RC" 6
cd .. || exit 1

# --- A7: an enum that loses a value is rebuilt with what holds it ----------------
# before SQL, schema file: the plan (--allow-data-loss: a value goes) applies,
# a second diff is empty, the rows are still there.
newdb
q "CREATE TYPE s AS ENUM ('a', 'b'); CREATE TABLE t (id int, x s NOT NULL DEFAULT 'a');
	INSERT INTO t VALUES (1, 'b'), (2, 'b')" >/dev/null
cat >a7a.sql <<'SQL'
CREATE TYPE s AS ENUM ('b', 'c');
CREATE TABLE t (id int, x s NOT NULL DEFAULT 'b');
SQL
ok "enum rebuild with a changed default applies" converges a7a.sql --allow-data-loss
ok "the old default is not set again" lacks plan.sql "SET DEFAULT 'a'"
ok "the rows survive" eq "$(q "SELECT string_agg(id || ':' || x, ',' ORDER BY id) FROM t")" "1:b,2:b"
q "INSERT INTO t (id) VALUES (3)" >/dev/null
ok "the new default works" eq "$(q "SELECT x FROM t WHERE id = 3")" "b"

newdb
q "CREATE TYPE e AS ENUM ('a', 'b', 'c'); CREATE TABLE t (id int, v e DEFAULT 'b',
	CONSTRAINT t_v_check CHECK (v <> 'c'), CONSTRAINT t_ck2 CHECK (v <> 'a'));
	CREATE INDEX t_v_part ON t (id) WHERE v = 'b';
	CREATE INDEX t_v_expr ON t ((v = 'c'));
	INSERT INTO t VALUES (1, 'b'), (2, 'b')" >/dev/null
cat >a7b.sql <<'SQL'
CREATE TYPE e AS ENUM ('b', 'c');
CREATE TABLE t (id int, v e DEFAULT 'b',
  CONSTRAINT t_v_check CHECK (v <> 'c'), CONSTRAINT t_ck2 CHECK (v IS NOT NULL));
CREATE INDEX t_v_part ON t (id) WHERE v = 'b';
CREATE INDEX t_v_expr ON t ((v = 'c'));
SQL
ok "enum rebuild with a partial index, an expression index and CHECKs applies" \
	converges a7b.sql --allow-data-loss
q "INSERT INTO t (id) VALUES (3)" >/dev/null
ok "the kept default is set again" eq "$(q "SELECT v FROM t WHERE id = 3")" "b"
ok "the rows survive" eq "$(q "SELECT count(*) FROM t WHERE v = 'b'")" 3
ok "the partial index is there" eq "$(q "SELECT indisvalid FROM pg_index WHERE indexrelid = 't_v_part'::regclass")" t

newdb
q "CREATE TYPE e AS ENUM ('a', 'b', 'c'); CREATE TABLE t (id int, v e);
	CREATE VIEW k AS SELECT 'b'::e AS k;
	CREATE FUNCTION f(x e) RETURNS e LANGUAGE sql AS 'SELECT x';
	INSERT INTO t VALUES (1, 'c')" >/dev/null
cat >a7c.sql <<'SQL'
CREATE TYPE e AS ENUM ('b', 'c');
CREATE TABLE t (id int, v e);
CREATE VIEW k AS SELECT 'b'::e AS k;
CREATE FUNCTION f(x e) RETURNS e LANGUAGE sql AS 'SELECT x';
SQL
ok "enum rebuild with a view and a function naming the type applies" \
	converges a7c.sql --allow-data-loss
ok "the function works on the new type" eq "$(q "SELECT f(v) FROM t")" c

# A domain over the enum: no ALTER DOMAIN ... TYPE, so its columns move to the
# new type, the domain is created again over it and the columns come back.
newdb
q "CREATE TYPE e AS ENUM ('a', 'b', 'x'); CREATE DOMAIN d AS e CHECK (VALUE <> 'a');
	CREATE TABLE t (id int, v d DEFAULT 'b', w d[]);
	CREATE INDEX t_v_part ON t (id) WHERE v::e = 'b';
	INSERT INTO t VALUES (1, 'b', '{b}')" >/dev/null
cat >a7d.sql <<'SQL'
CREATE TYPE e AS ENUM ('a', 'b');
CREATE DOMAIN d AS e CHECK (VALUE <> 'a');
CREATE TABLE t (id int, v d DEFAULT 'b', w d[]);
CREATE INDEX t_v_part ON t (id) WHERE v::e = 'b';
SQL
ok "enum rebuild with a domain over it applies" converges a7d.sql --allow-data-loss
ok "the column is of the domain again" eq "$(q "SELECT format_type(atttypid, atttypmod) FROM pg_attribute
	WHERE attrelid = 't'::regclass AND attname = 'v'")" d
ok "the domain's check holds" eq "$(q "INSERT INTO t VALUES (2, 'a')" | grep -c 'violates check')" 1
ok "the rows survive" eq "$(q "SELECT id || ':' || v || ':' || w::text FROM t")" "1:b:{b}"

# The same with a domain the diff changes, a function of the domain, and a
# domain the diff drops (its column becomes of the enum).
newdb
q "CREATE TYPE e AS ENUM ('a', 'b', 'x'); CREATE DOMAIN d AS e CHECK (VALUE <> 'a');
	CREATE DOMAIN d2 AS e; CREATE TABLE t (id int, v d, u d2);
	CREATE FUNCTION fd(x d) RETURNS text LANGUAGE sql AS 'SELECT x::text';
	CREATE VIEW vd AS SELECT fd(v) AS s FROM t;
	INSERT INTO t VALUES (1, 'b', 'b')" >/dev/null
cat >a7d2.sql <<'SQL'
CREATE TYPE e AS ENUM ('a', 'b');
CREATE DOMAIN d AS e CHECK (VALUE <> 'a') CHECK (VALUE IS NOT NULL);
CREATE TABLE t (id int, v d, u e);
CREATE FUNCTION fd(x d) RETURNS text LANGUAGE sql AS 'SELECT x::text';
CREATE VIEW vd AS SELECT fd(v) AS s FROM t;
SQL
ok "enum rebuild with a changed domain, a dropped one and a function of one applies" \
	converges a7d2.sql --allow-data-loss
ok "the view reads through the function" eq "$(q "SELECT s FROM vd")" b

# Functions of the type that the same diff changes, replaces or drops.
newdb
q "CREATE TYPE e AS ENUM ('a', 'b', 'c'); CREATE TABLE t (id int, v e);
	CREATE FUNCTION f(x e) RETURNS e LANGUAGE sql AS 'SELECT x';
	CREATE FUNCTION g(x e) RETURNS int LANGUAGE sql AS 'SELECT 1';
	CREATE FUNCTION h(x e) RETURNS text LANGUAGE sql AS 'SELECT x::text';
	INSERT INTO t VALUES (1, 'c')" >/dev/null
cat >a7e.sql <<'SQL'
CREATE TYPE e AS ENUM ('b', 'c');
CREATE TABLE t (id int, v e);
CREATE FUNCTION f(x e) RETURNS e LANGUAGE sql AS 'SELECT coalesce(x, ''b'')';
CREATE FUNCTION h(y e) RETURNS text LANGUAGE sql AS 'SELECT y::text';
SQL
ok "enum rebuild with functions of the type changed and dropped applies" \
	converges a7e.sql --allow-data-loss
ok "the changed function works on the new type" eq "$(q "SELECT f(NULL::e) || h(v) FROM t")" bc

# Views that hold the type through a function or a column of a table.
newdb
q "CREATE TYPE e AS ENUM ('a', 'b', 'c'); CREATE TABLE t (id int, v e);
	CREATE TABLE o (id int);
	CREATE FUNCTION f(x int) RETURNS e LANGUAGE sql AS 'SELECT ''b''::e';
	CREATE VIEW w AS SELECT f(1)::text AS s;
	CREATE VIEW u AS SELECT id, v FROM t;
	CREATE VIEW uu AS SELECT v FROM u;
	CREATE VIEW wo AS SELECT o.id, w.s FROM o, w;
	INSERT INTO t VALUES (1, 'c')" >/dev/null
cat >a7f.sql <<'SQL'
CREATE TYPE e AS ENUM ('b', 'c');
CREATE TABLE t (id int, v e);
CREATE TABLE o (id int);
CREATE FUNCTION f(x int) RETURNS e LANGUAGE sql AS 'SELECT ''b''::e';
CREATE VIEW w AS SELECT f(1)::text AS s;
CREATE VIEW u AS SELECT id, v FROM t;
CREATE VIEW uu AS SELECT v FROM u;
CREATE VIEW wo AS SELECT o.id, w.s FROM o, w;
SQL
ok "enum rebuild with views through a function and a column applies" \
	converges a7f.sql --allow-data-loss
ok "the views read the new type" eq "$(q "SELECT (SELECT s FROM w) || (SELECT v FROM uu)")" bc

# An index, a CHECK and a function of the type that the same plan renames.
newdb
q "CREATE TYPE e AS ENUM ('a', 'b', 'c'); CREATE TABLE t (id int, v e,
	CONSTRAINT t_ck CHECK (v <> 'c'));
	CREATE INDEX t_v_part ON t (id) WHERE v = 'b';
	CREATE FUNCTION f(x e) RETURNS e LANGUAGE sql AS 'SELECT x';
	INSERT INTO t VALUES (1, 'b')" >/dev/null
cat >a7g.sql <<'SQL'
CREATE TYPE e AS ENUM ('b', 'c');
CREATE TABLE t (id int, v e,
  CONSTRAINT t_ck2 CHECK (v <> 'c') -- plumb:renamed from=t_ck
);
-- plumb:renamed from=t_v_part
CREATE INDEX t_v_part2 ON t (id) WHERE v = 'b';
CREATE FUNCTION f2(x e) RETURNS e LANGUAGE sql AS 'SELECT x';
SQL
ok "enum rebuild with a renamed index, CHECK and function applies" \
	converges a7g.sql --allow-data-loss
ok "the renamed function works on the new type" eq "$(q "SELECT f2(v) FROM t")" b

# --- A8: NOT NULL without a way to fill the rows is a named hazard ---------------
cat >a8.sql <<'SQL'
CREATE TABLE t (id int, y int NOT NULL, z int NOT NULL);
SQL
newdb
q "CREATE TABLE t (id int, y int); INSERT INTO t VALUES (1, NULL)" >/dev/null
plumb diff "$URL" a8.sql
ok "diff from a database with rows does not refuse (exit 0)" eq "$RC" 0
ok "it warns that the plan would fail on the data" has "$ERR" '^plumb: warning: plan would fail on the data'
ok "it names the SET NOT NULL over NULLs" has "$ERR" 'needs-backfill: sets column "t"."y" NOT NULL'
ok "it names the NOT NULL column without a default" has "$ERR" 'needs-backfill: adds column "t"."z" NOT NULL without a default'
ok "the hint gives the fix" has "$ERR" 'hint: give the column a DEFAULT'
plumb push --url "$URL" --schema a8.sql
ok "push refuses before running anything" eq "$RC" 4
ok "nothing changed" eq "$(q "SELECT count(*) FROM information_schema.columns WHERE table_name = 't'")" 2
plumb push --url "$URL" --schema a8.sql --online
ok "push --online refuses too" eq "$RC" 4
q "UPDATE t SET y = 0" >/dev/null
plumb diff "$URL" a8.sql
ok "with no NULLs left only the new column is warned of" lacks "$ERR" 'sets column'
q "DELETE FROM t" >/dev/null
plumb push --url "$URL" --schema a8.sql
ok "an empty table takes both" eq "$RC" 0
plumb diff "$URL" a8.sql
ok "and then matches" empty "$OUT"
# offline: the hazard is named in the plan, with the fix
printf 'CREATE TABLE t (id int, y int);\n' >a8_before.sql
plumb diff --dialect pg a8_before.sql a8.sql
ok "offline diff names needs-backfill in the plan" has "$OUT" '^-- hazard needs-backfill: adds column "t"."z" NOT NULL without a default: fails if "t" has rows; give it a DEFAULT'
ok "offline diff names SET NOT NULL too" has "$OUT" '^-- hazard needs-backfill: sets column "t"."y" NOT NULL'

# --- extensions that require others ----------------------------------------------
# earthdistance requires cube: a tear-down drops it first, though cube sorts
# first, as the server's pg_depend says (DROP EXTENSION cube fails before).
newdb
q "CREATE EXTENSION cube; CREATE EXTENSION earthdistance" >/dev/null
: >none.sql
ok "a tear-down drops an extension before the one it requires" converges none.sql --allow-data-loss
ok "... earthdistance first" eval 'grep -n "DROP EXTENSION" plan.sql | head -1 | grep -q earthdistance'

tap_done
