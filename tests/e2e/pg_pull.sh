#!/usr/bin/env bash
# pull is exact: each schema is loaded into a fresh database, `plumb diff DB
# schema.sql` must be empty, `plumb pull` writes it back, the pulled file
# loaded into another fresh database gives the same pg_dump --schema-only
# (so nothing the server keeps is lost), and pulling that database gives the
# same file. Covers what pull once lost: column options, storage and
# compression, INCLUDE on keys, NOT VALID constraints, an extension's
# comment, the type of a string column's default constant, IN lists of
# varchar, date and uuid columns in checks (attribute
# options in name order: the server keeps them in the order they were set,
# which means nothing). Runs under tests/lib/pgtmp.sh. Prints TAP.
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
	DB="pull_$$_$n_db"
	createdb "$DB" || return 1
	URL="postgresql:///$DB?host=$PGHOST&port=$PGPORT&user=$PGUSER"
}
load() { psql -X -q -v ON_ERROR_STOP=1 -d "$1" -f "$2" >/dev/null 2>"$WORK/psql.err"; }
# schema DB: pg_dump's schema of DB without its comments, blank lines and
# the \restrict keys that differ on every run
schema() { pg_dump -s "$1" | grep -v -e '^--' -e '^$' -e '^\\restrict' -e '^\\unrestrict'; }
same_schema() {
	diff <(schema "$1") <(schema "$2") >"$WORK/schema.diff" && return 0
	sed 's/^/#   /' "$WORK/schema.diff"
	return 1
}
empty() { [ ! -s "$1" ]; }

# exact NAME: the checks above for NAME.sql
exact() {
	local name=$1 a b
	newdb
	a=$DB
	ok "$name: loads" load "$a" "$name.sql"
	plumb diff "$URL" "$name.sql"
	ok "$name: diff of the database and its file is empty" eval 'rc_is 0 && out_empty'
	plumb pull --url "$URL" -o "$name.pulled.sql"
	ok "$name: pull succeeds" rc_is 0
	newdb
	b=$DB
	ok "$name: the pulled file loads" load "$b" "$name.pulled.sql"
	ok "$name: the reloaded database is the same" same_schema "$a" "$b"
	plumb pull --url "$URL" -o "$name.again.sql"
	ok "$name: pulled again, the same file" same_files "$name.pulled.sql" "$name.again.sql"
}

cat >options.sql <<'SQL'
CREATE TABLE t1 (a integer, b text, c text, d numeric, e text);
ALTER TABLE t1 ALTER COLUMN a SET (n_distinct = -1);
ALTER TABLE t1 ALTER COLUMN b SET (n_distinct = 5, n_distinct_inherited = 100);
ALTER TABLE t1 ALTER COLUMN b SET STORAGE EXTERNAL;
ALTER TABLE t1 ALTER COLUMN c SET COMPRESSION pglz;
ALTER TABLE t1 ALTER COLUMN d SET STORAGE EXTENDED;
ALTER TABLE t1 ALTER COLUMN e SET STORAGE EXTENDED;
SQL
exact options

# partitions and children take storage and compression from their parent
# when created, not its options; SET STORAGE on a parent reaches its
# children, SET COMPRESSION does not
cat >children.sql <<'SQL'
CREATE TABLE p (a text, b text) PARTITION BY LIST (a);
ALTER TABLE p ALTER COLUMN b SET STORAGE EXTERNAL, ALTER COLUMN b SET COMPRESSION pglz,
  ALTER COLUMN b SET (n_distinct = 3);
CREATE TABLE p1 PARTITION OF p FOR VALUES IN ('x');
CREATE TABLE base (a text, b text);
ALTER TABLE base ALTER COLUMN b SET STORAGE MAIN;
CREATE TABLE kid (c int) INHERITS (base);
CREATE TABLE q (a text, b text) PARTITION BY LIST (a);
CREATE TABLE q1 PARTITION OF q FOR VALUES IN ('x');
ALTER TABLE q ALTER COLUMN b SET STORAGE EXTERNAL, ALTER COLUMN b SET COMPRESSION pglz;
SQL
exact children

cat >include.sql <<'SQL'
CREATE TABLE t2 (a integer, b text, CONSTRAINT t2_pk PRIMARY KEY (a) INCLUDE (b));
CREATE TABLE t3 (a integer, b text, c int, UNIQUE (c) INCLUDE (a));
ALTER TABLE t3 ADD CONSTRAINT t3_u UNIQUE (a) INCLUDE (b, c);
SQL
exact include

cat >notvalid.sql <<'SQL'
CREATE TABLE u (id integer PRIMARY KEY);
CREATE TABLE v (x integer, y integer, z integer CHECK (z > 0));
ALTER TABLE v ADD CONSTRAINT f FOREIGN KEY (x) REFERENCES u NOT VALID;
ALTER TABLE v ADD CONSTRAINT ck CHECK (y > 0) NOT VALID;
ALTER TABLE v ADD CONSTRAINT ok CHECK (y < 10) NOT VALID;
ALTER TABLE v VALIDATE CONSTRAINT ok;
SQL
exact notvalid

# IN lists the server keeps in forms that its own text does not give back:
# on a varchar, = ANY of an array cast to text[] (read back, the casts go
# inside the array); of dates, uuids and chars, an array of cast constants
# (without the casts, date = text has no operator: the file did not load);
# an IN list holding a column, which the server expands into ORed
# comparisons (the constants, two or more, in one = ANY first)
cat >inlists.sql <<'SQL'
CREATE TABLE k (e varchar(20), v varchar, c char(3), x text, d date, u uuid, n numeric,
  CONSTRAINT k1 CHECK (e IN ('a', 'b')),
  CONSTRAINT k2 CHECK (v NOT IN ('a', 'b', 'c')),
  CONSTRAINT k3 CHECK (e = ANY (ARRAY['a', 'b'])),
  CONSTRAINT k4 CHECK (e IN ('a')),
  CONSTRAINT k5 CHECK (c IN ('a', 'b')),
  CONSTRAINT k6 CHECK (x IN ('a', 'b')),
  CONSTRAINT k7 CHECK (d IN ('2020-01-01', '2020-02-01')),
  CONSTRAINT k8 CHECK (u IN ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
                             'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12')),
  CONSTRAINT k9 CHECK (n IN (1.5, 2)),
  CONSTRAINT k10 CHECK (e::text IN ('a', 'b') AND d NOT IN ('2021-01-01', '2021-02-01')),
  CONSTRAINT k11 CHECK (e IN (v, 'b')),
  CONSTRAINT k12 CHECK (e IN (v, 'a', 'b')),
  CONSTRAINT k13 CHECK (n NOT IN (n + 1, 1, 2)),
  CONSTRAINT k14 CHECK (n NOT IN (1, 2)));
SQL
exact inlists

# the same IN lists in a view's query and an index's predicate
cat >inviews.sql <<'SQL'
CREATE TABLE k (id integer, e varchar(20), d date, n numeric);
CREATE VIEW kv AS SELECT id FROM k WHERE e IN ('a', 'b') AND d NOT IN ('2020-01-01', '2020-02-01');
CREATE VIEW kv2 AS SELECT id, e IN ('x', 'y') AS isx FROM k;
CREATE INDEX ki ON k (id) WHERE e IN ('a', 'b');
CREATE INDEX kj ON k (id) WHERE d IN ('2020-01-01', '2020-02-01') OR n IN (1, 2.5);
SQL
exact inviews

# ... and in every other clause the server keeps an expression of: a
# domain's check, a generated column, an exclusion constraint's predicate,
# a policy, a trigger's WHEN, a rule's WHERE
cat >inclauses.sql <<'SQL'
CREATE DOMAIN dv AS varchar(10) CHECK (VALUE IN ('a', 'b'));
CREATE TABLE k (id integer, e varchar(20), d date,
  g boolean GENERATED ALWAYS AS (e IN ('a', 'b')) STORED,
  EXCLUDE USING btree (id WITH =) WHERE (e IN ('p', 'q')));
ALTER TABLE k ENABLE ROW LEVEL SECURITY;
CREATE POLICY kp ON k USING (e IN ('a', 'b')) WITH CHECK (d IN ('2020-01-01', '2020-02-01'));
CREATE FUNCTION kt() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER ktr BEFORE INSERT ON k FOR EACH ROW WHEN (NEW.e IN ('a', 'b')) EXECUTE FUNCTION kt();
CREATE RULE kr AS ON UPDATE TO k WHERE NEW.e IN ('z', 'w') DO INSTEAD NOTHING;
SQL
exact inclauses

# a default of = ANY, ALL or SOME is written in parentheses: DEFAULT takes
# no such expression bare (a syntax error, and the pulled file did not load)
cat >anydefault.sql <<'SQL'
CREATE TABLE q (a boolean DEFAULT (2 = ANY (ARRAY[1, 2])), b boolean DEFAULT (1 < ALL (ARRAY[2, 3])),
  c boolean DEFAULT (1 IN (1, 2)));
SQL
exact anydefault
newdb
load "$DB" inclauses.sql
loaded=$DB
# a plan from nothing builds what the file itself builds
newdb
plumb diff "$URL" inclauses.sql
ok "inclauses: a plan from an empty database" rc_is 0
cp "$OUT" inclauses.plan.sql
ok "inclauses: the plan applies" load "$DB" inclauses.plan.sql
ok "inclauses: to what the file itself builds" same_schema "$loaded" "$DB"

# a UNION in a sub-select: the server casts an untyped NULL of a later
# branch to the column's type and prints it NULL::integer, which read back
# is named int4; written bare it reads back the same (an explicit
# NULL::integer keeps its name)
cat >unions.sql <<'SQL'
CREATE TABLE ua (a integer, b integer, c text);
CREATE VIEW uv AS SELECT q.a, q.b, q.c, q.d
  FROM (SELECT a, b, c, b AS d FROM ua
        UNION ALL SELECT a, NULL, 'x', NULL::integer FROM ua) q;
SQL
exact unions

# rows in views: (p).* of a composite, which the server expands into one
# field selection per field; a whole row, which it keeps as i.*::items in
# the select list and i.* elsewhere; fields of a sub-select's row
cat >rows.sql <<'SQL'
CREATE TYPE pair AS (a integer, b text);
CREATE TABLE items (id integer, p pair);
CREATE VIEW item_pairs AS SELECT id, (p).* FROM items;
CREATE VIEW item_rows AS SELECT i AS r, row_to_json(i) AS j FROM items i WHERE i IS NOT NULL;
CREATE VIEW row_fields AS SELECT (s.r).*, (s.r).p.b FROM (SELECT i AS r FROM items i) s;
SQL
exact rows

# grant options an owner gives itself: the ACL then holds them (pg_dump
# writes them back), so pull does too (supabase's auth schema does this)
cat >ownergrant.sql <<'SQL'
CREATE SCHEMA auth;
CREATE TABLE auth.t (id integer);
CREATE SEQUENCE auth.s;
GRANT SELECT ON auth.t TO postgres WITH GRANT OPTION;
GRANT USAGE ON SEQUENCE auth.s TO postgres WITH GRANT OPTION;
SQL
exact ownergrant

# a string column's default keeps the type of its constant: 'x'::text in a
# character varying column is not 'x' (which the server keeps as
# 'x'::character varying), and a type changed between string types leaves
# the old type on the default's constant
cat >strdefault.sql <<'SQL'
CREATE TABLE s (
  a varchar DEFAULT 'active'::text NOT NULL,
  b varchar DEFAULT 'x',
  c text DEFAULT 'y'::character varying,
  d varchar(15) DEFAULT NULL,
  e varchar(10) DEFAULT ''::character varying,
  f character(1) DEFAULT 'n',
  g text DEFAULT 'z'::varchar,
  h varchar(20) DEFAULT ''
);
ALTER TABLE s ALTER COLUMN d TYPE text;
ALTER TABLE s ALTER COLUMN h TYPE text;
ALTER TABLE s ALTER COLUMN g TYPE varchar(5);
SQL
exact strdefault

if [ "$(psql -X -At -c "SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_trgm'")" = 1 ]; then
	cat >extcomment.sql <<'SQL'
CREATE EXTENSION pg_trgm;
COMMENT ON EXTENSION pg_trgm IS 'trigrams, ours';
SQL
	exact extcomment
else
	skip "extcomment" "pg_trgm is not available"
fi

cat >settings.sql <<'SQL'
CREATE TABLE t (a integer PRIMARY KEY, b integer NOT NULL, c text)
  WITH (autovacuum_enabled = false, fillfactor = 70, toast.autovacuum_enabled = off);
CREATE UNIQUE INDEX t_b ON t (b);
ALTER TABLE t REPLICA IDENTITY USING INDEX t_b;
CREATE TABLE u (a integer);
ALTER TABLE u REPLICA IDENTITY FULL;
SQL
exact settings

cat >statistics.sql <<'SQL'
CREATE SCHEMA st;
CREATE TABLE t (a integer, b integer, c text);
CREATE STATISTICS st (dependencies) ON a, b FROM t;
CREATE STATISTICS st.s2 ON c, (a + b) FROM t;
ALTER STATISTICS st.s2 SET STATISTICS 300;
SQL
exact statistics
ok "statistics: pull writes them" grep -q "^CREATE STATISTICS public.st (dependencies) ON a, b" \
	statistics.pulled.sql

cat >publications.sql <<'SQL'
CREATE SCHEMA audit;
CREATE TABLE t (a integer PRIMARY KEY, b text);
CREATE TABLE audit.log (id integer PRIMARY KEY);
CREATE PUBLICATION p_t FOR TABLE t WITH (publish = 'insert, update');
CREATE PUBLICATION p_audit FOR TABLES IN SCHEMA audit;
CREATE PUBLICATION p_all FOR ALL TABLES WITH (publish_via_partition_root = true);
SQL
exact publications

cat >opclasses.sql <<'SQL'
CREATE SCHEMA ops;
CREATE FUNCTION rev_cmp(integer, integer) RETURNS integer LANGUAGE sql IMMUTABLE
  AS 'SELECT CASE WHEN $1 < $2 THEN 1 WHEN $1 > $2 THEN -1 ELSE 0 END';
CREATE OPERATOR FAMILY ops.rev USING btree;
CREATE OPERATOR CLASS ops.rev_ops FOR TYPE integer USING btree FAMILY ops.rev AS
  OPERATOR 1 >, OPERATOR 3 =, OPERATOR 5 <, FUNCTION 1 rev_cmp(integer, integer);
ALTER OPERATOR FAMILY ops.rev USING btree ADD OPERATOR 1 > (integer, bigint),
  FUNCTION 1 (integer, bigint) btint48cmp(integer, bigint);
CREATE OPERATOR CLASS my_int_ops FOR TYPE integer USING hash AS OPERATOR 1 =,
  FUNCTION 1 hashint4(integer), FUNCTION 2 hashint4extended(integer, bigint);
CREATE TABLE t (a integer, b integer);
CREATE INDEX t_a ON t (a ops.rev_ops);
CREATE INDEX t_b ON t USING hash (b my_int_ops);
CREATE TYPE pair AS (x integer, y integer);
CREATE FUNCTION pair_cmp(pair, pair) RETURNS integer LANGUAGE sql IMMUTABLE
  AS 'SELECT btint4cmp($1.x, $2.x)';
CREATE OPERATOR CLASS pair_ops DEFAULT FOR TYPE pair USING btree AS
  FUNCTION 1 pair_cmp(pair, pair);
CREATE TABLE u (p pair);
CREATE INDEX u_p ON u (p pair_ops);
SQL
exact opclasses
ok "opclasses: pull writes the family's loose members" \
	grep -q '^ALTER OPERATOR FAMILY "ops"."rev" USING btree ADD OPERATOR 1 > (integer, bigint);' \
	opclasses.pulled.sql
ok "opclasses: pull writes the class" \
	grep -q '^CREATE OPERATOR CLASS "ops"."rev_ops" FOR TYPE integer USING btree FAMILY "ops"."rev" AS' \
	opclasses.pulled.sql

# foreign-data wrappers, servers and foreign tables: the schema's own
# wrapper over an extension's functions, servers with options, foreign
# tables with column options, checks, defaults, a parent and a partition
cat >foreign.sql <<'SQL'
CREATE EXTENSION postgres_fdw;
CREATE EXTENSION file_fdw;
CREATE FOREIGN DATA WRAPPER mywrap HANDLER postgres_fdw_handler VALIDATOR postgres_fdw_validator;
CREATE SERVER remote TYPE 'pg' VERSION '15' FOREIGN DATA WRAPPER postgres_fdw
  OPTIONS (host 'nowhere.invalid', dbname 'app', port '5432');
CREATE SERVER mine FOREIGN DATA WRAPPER mywrap OPTIONS (host 'elsewhere.invalid');
CREATE SERVER files FOREIGN DATA WRAPPER file_fdw;
CREATE TABLE parent (a integer);
CREATE FOREIGN TABLE items (
  id integer OPTIONS (column_name 'ID') NOT NULL DEFAULT 0,
  name text COLLATE "C" CHECK (name <> '')
) INHERITS (parent) SERVER remote OPTIONS (schema_name 'shop', table_name 'items');
CREATE TABLE byyear (y integer, v text) PARTITION BY LIST (y);
CREATE FOREIGN TABLE y2020 PARTITION OF byyear FOR VALUES IN (2020) SERVER mine;
CREATE FOREIGN TABLE "Log" (line text) SERVER files OPTIONS (filename '/dev/null');
COMMENT ON FOREIGN TABLE items IS 'remote items';
COMMENT ON COLUMN items.name IS 'its name';
GRANT SELECT ON items TO PUBLIC;
GRANT SELECT (line) ON "Log" TO PUBLIC;
SQL
exact foreign
ok "foreign: pull writes the wrapper" \
	grep -q '^CREATE FOREIGN DATA WRAPPER mywrap HANDLER public.postgres_fdw_handler' foreign.pulled.sql
ok "foreign: pull writes the foreign table with its options" \
	grep -q '^) INHERITS ("public"."parent") SERVER "remote" OPTIONS (schema_name' \
	foreign.pulled.sql
ok "foreign: pull leaves the extensions' wrappers to them" \
	eval '! grep -q "^CREATE FOREIGN DATA WRAPPER postgres_fdw" foreign.pulled.sql'

# privileges on routines, types, servers and wrappers: PUBLIC's default
# EXECUTE revoked from a SECURITY DEFINER function and granted to a role,
# grant options, a domain, a procedure, an aggregate, a server
cat >privileges.sql <<'SQL'
CREATE SCHEMA api;
CREATE FUNCTION api.secret(a integer) RETURNS integer LANGUAGE sql SECURITY DEFINER
  AS 'SELECT a';
REVOKE EXECUTE ON FUNCTION api.secret(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.secret(integer) TO pg_monitor;
CREATE FUNCTION api.open() RETURNS integer LANGUAGE sql AS 'SELECT 1';
GRANT EXECUTE ON FUNCTION api.open() TO pg_read_all_data WITH GRANT OPTION;
CREATE PROCEDURE api.p() LANGUAGE sql AS 'SELECT 1';
REVOKE ALL ON PROCEDURE api.p() FROM PUBLIC;
CREATE AGGREGATE api.total(integer) (SFUNC = int4pl, STYPE = integer);
REVOKE EXECUTE ON FUNCTION api.total(integer) FROM PUBLIC;
CREATE TYPE mood AS ENUM ('sad', 'happy');
REVOKE USAGE ON TYPE mood FROM PUBLIC;
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
GRANT USAGE ON DOMAIN posint TO pg_monitor WITH GRANT OPTION;
CREATE FOREIGN DATA WRAPPER w;
CREATE SERVER srv FOREIGN DATA WRAPPER w;
GRANT USAGE ON FOREIGN SERVER srv TO pg_monitor;
SQL
exact privileges
ok "privileges: pull revokes EXECUTE from PUBLIC" \
	grep -q '^REVOKE EXECUTE ON FUNCTION api.secret(integer) FROM PUBLIC;' privileges.pulled.sql
ok "privileges: pull grants EXECUTE to the role" \
	grep -q '^GRANT EXECUTE ON FUNCTION api.secret(integer) TO pg_monitor;' privileges.pulled.sql
ok "privileges: pull names none of them unmanaged" \
	eval '! grep -q "privileges on" privileges.pulled.sql'

# kinds plumb does not manage: pull and diff leave them out and say so; a
# user mapping is named, never its options (they hold passwords)
cat >unmanaged.sql <<'SQL'
CREATE TABLE t (a integer, b integer);
CREATE FOREIGN DATA WRAPPER dummy;
CREATE SERVER srv FOREIGN DATA WRAPPER dummy;
CREATE USER MAPPING FOR PUBLIC SERVER srv OPTIONS (user 'bob', password 'hunter2secret');
CREATE ACCESS METHOD myheap TYPE TABLE HANDLER heap_tableam_handler;
SQL
newdb
ok "unmanaged: loads" load "$DB" unmanaged.sql
plumb pull --url "$URL" -o unmanaged.pulled.sql
ok "unmanaged: pull succeeds" rc_is 0
for what in 'user mapping for PUBLIC server srv' 'access method myheap'; do
	ok "unmanaged: pull names $what in a comment" grep -q -- "^--   $what\$" unmanaged.pulled.sql
done
ok "unmanaged: pull writes no statement for them" \
	eval '! grep -qiE "^(CREATE|GRANT).*(USER MAPPING|ACCESS METHOD)" unmanaged.pulled.sql'
ok "unmanaged: pull writes the server" grep -q '^CREATE SERVER srv FOREIGN DATA WRAPPER dummy;' \
	unmanaged.pulled.sql
ok "unmanaged: pull writes no user mapping option" \
	eval '! grep -qE "hunter2secret|bob" unmanaged.pulled.sql'
plumb diff "$URL" unmanaged.pulled.sql
ok "unmanaged: diff of the database and its pull is empty" eval 'rc_is 0 && out_empty'
ok "unmanaged: diff says what it did not compare" err_has 'not compared: .* kinds plumb does not manage'
ok "unmanaged: ... naming them" err_has '^  user mapping for PUBLIC server srv$'
ok "unmanaged: ... never a user mapping's options" eval '! err_has hunter2secret'
plumb diff "$URL" unmanaged.pulled.sql --json
ok "unmanaged: --json lists them" \
	eval "out_has '\"unmanaged\": \\[' && out_has '^ *\"user mapping for PUBLIC server srv\"'"
ok "unmanaged: --json holds no user mapping option" eval '! out_has hunter2secret'

# what is added to a family of the server's own (a superuser's FAMILY
# enum_ops, ALTER OPERATOR FAMILY ... ADD): named, never dropped in silence
cat >builtin_family.sql <<'SQL'
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE FUNCTION mood_lt(mood, mood) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 < $2';
CREATE FUNCTION mood_cmp(mood, mood) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT enum_cmp($1, $2)';
CREATE FUNCTION mood_text_cmp(mood, text) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT 0';
CREATE OPERATOR <<< (LEFTARG = mood, RIGHTARG = mood, FUNCTION = mood_lt);
CREATE OPERATOR CLASS mood_ops FOR TYPE mood USING btree FAMILY enum_ops AS
  OPERATOR 1 <<<, FUNCTION 1 mood_cmp(mood, mood);
ALTER OPERATOR FAMILY enum_ops USING btree ADD FUNCTION 1 (mood, text) mood_text_cmp(mood, text);
SQL
newdb
ok "builtin family: loads" load "$DB" builtin_family.sql
plumb pull --url "$URL" -o builtin_family.pulled.sql
ok "builtin family: pull succeeds" rc_is 0
ok "builtin family: pull names the class" \
	grep -q -- '^--   operator class public.mood_ops using btree in family pg_catalog.enum_ops$' \
	builtin_family.pulled.sql
ok "builtin family: pull names the member added" \
	grep -q -- '^--   function 1 (public.mood, text) of operator family enum_ops for access method btree: public.mood_text_cmp(public.mood,text)$' \
	builtin_family.pulled.sql
plumb diff "$URL" builtin_family.pulled.sql
ok "builtin family: diff of the database and its pull is empty" eval 'rc_is 0 && out_empty'
ok "builtin family: diff names the class" \
	err_has '^  operator class public.mood_ops using btree in family pg_catalog.enum_ops$'
plumb diff "$URL" builtin_family.sql
ok "builtin family: offline, the file is an error at the class naming --dev-url" \
	eval 'rc_is 1 && err_has "builtin_family.sql:6:1: operator family pg_catalog.enum_ops .btree. is the server.s own: .*--dev-url"'

# privileges on languages. pg_dump writes CREATE LANGUAGE for a language of
# the database's own with its privileges, and for plpgsql (an extension's,
# made by initdb) how its privileges differ from pg_init_privs; plumb
# manages neither languages nor an extension's privileges. So pull writes
# no GRANT or REVOKE ON LANGUAGE (the file creates no language for it to
# name: it would not load), names them in its comment, and diff compares a
# language's privileges only where both sides have the language
cat >languages.sql <<'SQL'
CREATE TRUSTED LANGUAGE plx HANDLER plpgsql_call_handler;
REVOKE USAGE ON LANGUAGE plx FROM PUBLIC;
GRANT USAGE ON LANGUAGE plx TO pg_monitor;
REVOKE USAGE ON LANGUAGE plpgsql FROM PUBLIC;
GRANT USAGE ON LANGUAGE plpgsql TO pg_monitor;
GRANT USAGE ON LANGUAGE sql TO pg_monitor;
CREATE TABLE t (a integer);
GRANT SELECT ON t TO pg_monitor;
SQL
newdb
ok "languages: loads" load "$DB" languages.sql
plumb diff "$URL" languages.sql
ok "languages: diff of the database and its file is empty" eval 'rc_is 0 && out_empty'
plumb pull --url "$URL" -o languages.pulled.sql
ok "languages: pull succeeds" rc_is 0
plumb pull --url "$URL" -o - --json
ok "languages: the JSON catalog says what a grant on a language is on, and only there" \
	python3 -c '
import json, sys
objs = json.load(open(sys.argv[1]))["objects"]
on = {o["name"]: o.get("on_unmanaged") for o in objs if o["kind"] == "grant"}
sys.exit(not (on.get("LANGUAGE plx TO pg_monitor") == "language plx" and
              all(v == "language plx" for k, v in on.items() if "LANGUAGE" in k) and
              all("on_unmanaged" not in o for o in objs if "LANGUAGE" not in o["name"])))
' "$OUT"
ok "languages: pull writes no GRANT or REVOKE on a language" \
	eval '! grep -qiE "^(GRANT|REVOKE) .* ON LANGUAGE" languages.pulled.sql'
ok "languages: pull names the language and its privileges in a comment" \
	eval "grep -q '^--   language plx\$' languages.pulled.sql &&
	      grep -q '^--   privileges LANGUAGE plx TO pg_monitor: USAGE\$' languages.pulled.sql"
plumb diff "$URL" languages.pulled.sql
ok "languages: diff of the database and its pull is empty" eval 'rc_is 0 && out_empty'
newdb
ok "languages: the pulled file loads into an empty database" load "$DB" languages.pulled.sql
plumb diff "$URL" languages.pulled.sql
ok "languages: ... and diff of that database and the pull is empty" eval 'rc_is 0 && out_empty'
plumb diff "$URL" languages.sql
ok "languages: a language on one side alone: its privileges are not planned" \
	eval 'rc_is 0 && out_empty'

tap_done
