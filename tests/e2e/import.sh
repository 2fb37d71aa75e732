#!/usr/bin/env bash
# plumb import on SQLite and (under tests/lib/pgtmp.sh) PostgreSQL: for
# golang-migrate, dbmate and drizzle-kit, a folder and a tracking table with
# applied rows as each tool leaves them; `plumb import --url` writes the
# plumb folder and records them as imported, after which `plumb status`
# shows nothing pending and `plumb migrate` runs nothing, and the tool's
# table is untouched. Refusals (exit non-zero, nothing written, neither the
# folder nor plumb_migrations): a record whose file is missing, a dirty
# flag, an edited file; --accept lets each through.
#
# dbmate's folder and table are made by the real dbmate when npm can fetch
# the package `dbmate` (its Go binary) into a cache folder outside the
# repository ($PLUMB_NPM_CACHE, default ~/.cache/plumb-tests/npm, then
# -dbmate); without it the same table is made by hand. Prints TAP.
set -u
FIX=$(cd "$(dirname "$0")/../import" && pwd)
. "$(dirname "$0")/tap.sh"

DBMATE_VERSION=2.36.0
CACHE=${PLUMB_NPM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/plumb-tests/npm}-dbmate
DBMATE=$CACHE/node_modules/@dbmate/linux-x64/bin/dbmate
if [ ! -x "$DBMATE" ] && command -v npm >/dev/null 2>&1; then
	mkdir -p "$CACHE" && timeout 600 npm install --prefix "$CACHE" --no-audit --no-fund \
		--loglevel=error "dbmate@$DBMATE_VERSION" >"$WORK/npm.log" 2>&1
fi
[ -x "$DBMATE" ] || DBMATE=

has_pg() { [ -n "${PLUMB_PG_URL:-}" ]; }
newdb() {
	dropdb --if-exists "$1" >/dev/null 2>&1
	createdb "$1"
}
pgurl() { echo "postgresql:///$1?host=$PGHOST&port=$PGPORT&user=$PGUSER"; }
# sql ENGINE DB SQL: runs SQL (several statements) on the database
sql() {
	if [ "$1" = pg ]; then
		psql -X -q -At -v ON_ERROR_STOP=1 -d "$2" -c "$3"
	else
		sqlite3 "$2" "$3"
	fi
}
url() { if [ "$1" = pg ]; then pgurl "$2"; else echo "sqlite:$2"; fi; }
# fresh ENGINE NAME: a new empty database; prints its name (a file for sqlite)
fresh() {
	if [ "$1" = pg ]; then
		newdb "$2" && echo "$2"
	else
		rm -f "$WORK/$2.db" && echo "$WORK/$2.db"
	fi
}
eq() { [ "$1" = "$2" ]; }
contains() { grep -q -- "$2" "$1"; }
# imported ENGINE DB DIR N: status lists N migrations, none pending or
# with problems; migrate applies nothing; N rows are imported
imported() {
	plumb status --url "$(url "$1" "$2")" --dir "$3" --json || return 1
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
s = d["migrations_status"]
assert d["pending"] == 0 and d["problems"] == 0, d
assert len(s) == int(sys.argv[2]) and all(x["status"] == "applied" for x in s), s
' "$OUT" "$4" || return 1
	plumb migrate --url "$(url "$1" "$2")" --dir "$3" || return 1
	grep -q "nothing to apply" "$ERR" || return 1
	eq "$(sql "$1" "$2" "SELECT count(*) FROM plumb_migrations WHERE state = 'imported'")" "$4" &&
		eq "$(sql "$1" "$2" "SELECT count(*) FROM plumb_migrations WHERE state <> 'imported'")" 0
}
# errors_logged ENGINE: how many errors the test's own server has logged so
# far (its log, from tests/lib/pgtmp.sh, is written before the client hears
# of an error); "none" where there is no such log (sqlite, another server)
errors_logged() {
	if [ "$1" = pg ] && [ -r "${PGHOST:-}/server.log" ]; then
		grep -c 'ERROR:' "$PGHOST/server.log"
	else
		echo none
	fi
}
# nothing_written ENGINE DB DIR: no plumb folder, no plumb_migrations
nothing_written() {
	[ ! -e "$3" ] || return 1
	if [ "$1" = pg ]; then
		eq "$(sql pg "$2" "SELECT to_regclass('public.plumb_migrations') IS NULL")" t
	else
		eq "$(sql sqlite "$2" "SELECT count(*) FROM sqlite_master WHERE name = 'plumb_migrations'")" 0
	fi
}

# --- golang-migrate ------------------------------------------------------------
mkdir -p gm
printf 'CREATE TABLE gm_a (id integer PRIMARY KEY);\n' >gm/000001_create_a.up.sql
printf 'DROP TABLE gm_a;\n' >gm/000001_create_a.down.sql
printf 'CREATE TABLE gm_b (id integer PRIMARY KEY);\n' >gm/000002_create_b.up.sql
printf 'DROP TABLE gm_b;\n' >gm/000002_create_b.down.sql
printf 'ALTER TABLE gm_b ADD COLUMN note text;\n' >gm/000003_b_note.up.sql
gm_db() { # ENGINE NAME VERSION DIRTY: the schema of the three and the row
	local db
	db=$(fresh "$1" "$2") || return 1
	sql "$1" "$db" "$(cat gm/*.up.sql)
CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);
INSERT INTO schema_migrations VALUES ($3, $4);" >/dev/null && echo "$db"
}

for e in sqlite pg; do
	if [ $e = pg ] && ! has_pg; then
		skip "pg: golang-migrate, dbmate, drizzle" "PLUMB_PG_URL not set"
		continue
	fi
	if [ $e = sqlite ] && ! command -v sqlite3 >/dev/null; then
		skip "sqlite: golang-migrate, dbmate, drizzle" "no sqlite3"
		continue
	fi
	t=$([ $e = pg ] && echo true || echo 1)
	f=$([ $e = pg ] && echo false || echo 0)

	db=$(gm_db $e gm_ok 3 $f)
	plumb import --from golang-migrate --dir gm --url "$(url $e "$db")" -o $e-gm
	ok "$e: golang-migrate imported" eq "$RC" 0
	ok "$e: golang-migrate files keep order and versions" \
		eq "$(ls $e-gm | tr '\n' ' ')" "0001_000001_create_a.sql 0002_000002_create_b.sql 0003_000003_b_note.sql down plumb.sum "
	ok "$e: golang-migrate down files aside" \
		eq "$(ls $e-gm/down | tr '\n' ' ')" "0001_000001_create_a.sql 0002_000002_create_b.sql "
	ok "$e: golang-migrate: status all applied, migrate runs nothing" imported $e "$db" $e-gm 3
	ok "$e: golang-migrate's table untouched" \
		eq "$(sql $e "$db" "SELECT version FROM schema_migrations")" 3

	# a tracking table made before the state imported existed is upgraded
	db=$(gm_db $e gm_old 3 $f)
	ts=$([ $e = pg ] && echo timestamptz || echo text)
	sql $e "$db" "CREATE TABLE plumb_migrations (version text PRIMARY KEY, name text NOT NULL,
  checksum text NOT NULL, state text NOT NULL CHECK (state IN ('applied', 'failed', 'baseline')),
  applied_at $ts NOT NULL, duration_ms bigint NOT NULL DEFAULT 0, applied_by text, error text)"
	plumb import --from golang-migrate --dir gm --url "$(url $e "$db")" -o $e-gm-old
	ok "$e: an older plumb_migrations takes the state imported" imported $e "$db" $e-gm-old 3

	# a database plumb manages already keeps its own history
	db=$(gm_db $e gm_managed 3 $f)
	mkdir -p $e-own && printf 'CREATE TABLE own_t (i integer);\n' > $e-own/0001_own.sql
	plumb migrate --url "$(url $e "$db")" --dir $e-own
	ok "$e: managed: its own migration applied" eq "$RC" 0
	plumb import --from golang-migrate --dir gm --url "$(url $e "$db")" -o $e-gm-managed
	ok "$e: import into a managed database refused, naming its record" \
		eval 'eq "$RC" 1 && contains "$ERR" "database that is managed already"'
	ok "$e: managed: no folder written, one record still" \
		eq "$([ -e $e-gm-managed ] && echo written):$(sql $e "$db" "SELECT count(*) FROM plumb_migrations")" :1

	db=$(gm_db $e gm_dirty 2 $t)
	plumb import --from golang-migrate --dir gm --url "$(url $e "$db")" -o $e-gm-dirty
	ok "$e: golang-migrate dirty flag refused" eq "$RC" 1
	ok "$e: the refusal names the dirty version" contains "$ERR" "dirty: schema_migrations marks version 2 dirty"
	ok "$e: dirty: nothing written" nothing_written $e "$db" $e-gm-dirty
	plumb import --from golang-migrate --dir gm --url "$(url $e "$db")" -o $e-gm-dirty --accept dirty
	ok "$e: --accept dirty imports versions 1 and 2" \
		eq "$RC:$(sql $e "$db" "SELECT count(*) FROM plumb_migrations")" 0:2

	db=$(gm_db $e gm_missing 4 $f)
	plumb import --from golang-migrate --dir gm --url "$(url $e "$db")" -o $e-gm-missing
	ok "$e: a record without its file refused" eq "$RC" 1
	ok "$e: the refusal names the missing version" contains "$ERR" "missing: schema_migrations has version 4"
	ok "$e: missing: nothing written" nothing_written $e "$db" $e-gm-missing

	# --- dbmate ------------------------------------------------------------------
	mkdir -p $e-dbm/db/migrations
	printf -- '-- migrate:up\nCREATE TABLE dbm_a (id integer PRIMARY KEY);\n\n-- migrate:down\nDROP TABLE dbm_a;\n' \
		>$e-dbm/db/migrations/20240101000000_create_a.sql
	printf -- '-- migrate:up transaction:false\nCREATE INDEX dbm_a_id ON dbm_a (id);\n\n-- migrate:down\nDROP INDEX dbm_a_id;\n' \
		>$e-dbm/db/migrations/20240102000000_index_a.sql
	db=$(fresh $e dbm)
	if [ -n "$DBMATE" ]; then
		if [ $e = pg ]; then
			du="postgres://$PGUSER@/$db?socket=$PGHOST&port=$PGPORT&sslmode=disable"
		else
			du="sqlite:$db"
		fi
		(cd $e-dbm && "$DBMATE" --url "$du" --no-dump-schema migrate) >"$WORK/dbmate.log" 2>&1
		ok "$e: dbmate (npm) applied its migrations" eq "$?" 0
	else
		sql $e "$db" "CREATE TABLE dbm_a (id integer PRIMARY KEY); CREATE INDEX dbm_a_id ON dbm_a (id);
CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY);
INSERT INTO schema_migrations VALUES ('20240101000000'), ('20240102000000');" >/dev/null
		skip "$e: dbmate (npm) applied its migrations" "dbmate not obtainable from npm; table made by hand"
	fi
	plumb import --from dbmate --dir $e-dbm/db/migrations --url "$(url $e "$db")" -o $e-dbm/plumb
	ok "$e: dbmate imported" eq "$RC" 0
	ok "$e: dbmate up section only" eq "$(grep -c 'DROP' $e-dbm/plumb/0001_20240101000000_create_a.sql)" 0
	ok "$e: dbmate transaction:false becomes plumb:no-transaction" \
		contains $e-dbm/plumb/0002_20240102000000_index_a.sql "^-- plumb:no-transaction"
	ok "$e: dbmate down section aside" contains $e-dbm/plumb/down/0001_20240101000000_create_a.sql "DROP TABLE dbm_a"
	ok "$e: dbmate: status all applied, migrate runs nothing" imported $e "$db" $e-dbm/plumb 2
	ok "$e: dbmate's table untouched" eq "$(sql $e "$db" "SELECT count(*) FROM schema_migrations")" 2

	# --- drizzle-kit ---------------------------------------------------------------
	d=$e-dz
	mkdir -p $d/meta
	printf 'CREATE TABLE dz_a (id integer PRIMARY KEY);\n--> statement-breakpoint\nCREATE TABLE dz_b (id integer);\n' >$d/0000_first.sql
	printf 'ALTER TABLE dz_b ADD COLUMN note text;\n' >$d/0001_second.sql
	dialect=$([ $e = pg ] && echo postgresql || echo sqlite)
	cat >$d/meta/_journal.json <<JSON
{"version": "7", "dialect": "$dialect", "entries": [
 {"idx": 0, "version": "7", "when": 1700000000000, "tag": "0000_first", "breakpoints": true},
 {"idx": 1, "version": "7", "when": 1700000060000, "tag": "0001_second", "breakpoints": true}]}
JSON
	h0=$(sha256sum <$d/0000_first.sql | cut -c1-64)
	h1=$(sha256sum <$d/0001_second.sql | cut -c1-64)
	dz_db() { # ENGINE NAME: the schema and drizzle-orm's rows
		local db tbl
		db=$(fresh "$1" "$2") || return 1
		if [ "$1" = pg ]; then
			tbl=drizzle.__drizzle_migrations
			sql pg "$db" "CREATE SCHEMA drizzle; CREATE TABLE $tbl (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)" >/dev/null
		else
			tbl=__drizzle_migrations
			sql sqlite "$db" "CREATE TABLE $tbl (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)"
		fi
		sql "$1" "$db" "$(sed 's/^-->.*//' $d/0000_first.sql $d/0001_second.sql)
INSERT INTO $tbl (hash, created_at) VALUES ('$h0', 1700000000000), ('$h1', 1700000060000);" >/dev/null &&
			echo "$db"
	}
	db=$(dz_db $e dz_ok)
	logged=$(errors_logged $e)
	plumb import --from drizzle --dir $d --url "$(url $e "$db")" -o $e-dz-plumb
	ok "$e: drizzle imported" eq "$RC" 0
	ok "$e: drizzle: its table's layout told from the catalog, no query failed" \
		eq "$(errors_logged $e)" "$logged"
	ok "$e: drizzle files keep the tags" \
		eq "$(ls $e-dz-plumb | tr '\n' ' ')" "0001_0000_first.sql 0002_0001_second.sql plumb.sum "
	ok "$e: drizzle: status all applied, migrate runs nothing" imported $e "$db" $e-dz-plumb 2

	db=$(dz_db $e dz_edited)
	printf 'ALTER TABLE dz_b ADD COLUMN note2 text;\n' >>$d/0001_second.sql
	plumb import --from drizzle --dir $d --url "$(url $e "$db")" -o $e-dz-edited
	ok "$e: an edited drizzle file refused" eq "$RC" 1
	ok "$e: the refusal names the edited file" contains "$ERR" "checksum: .*0001_second.sql was edited"
	ok "$e: edited: nothing written" nothing_written $e "$db" $e-dz-edited
	plumb import --from drizzle --dir $d --url "$(url $e "$db")" -o $e-dz-edited --accept checksum
	ok "$e: --accept checksum imports it" eq "$RC" 0

	# drizzle-orm 1.0's table (name and applied_at added), made as its
	# migrator makes it, over a 1.0 folder (TIMESTAMP_NAME/migration.sql):
	# recognised by its name column, rows matched by name, an edited
	# migration named as edited (a 0.x reading would call it missing)
	d1=$e-dz1
	mkdir -p $d1/20261124024233_first $d1/20261124024301_second
	printf 'CREATE TABLE dz1_a (id integer PRIMARY KEY);\n' >$d1/20261124024233_first/migration.sql
	printf 'ALTER TABLE dz1_a ADD COLUMN note text;\n' >$d1/20261124024301_second/migration.sql
	dz1_db() { # ENGINE NAME: the schema and drizzle-orm 1.0's rows
		local db tbl
		db=$(fresh "$1" "$2") || return 1
		if [ "$1" = pg ]; then
			tbl=drizzle.__drizzle_migrations
			sql pg "$db" "CREATE SCHEMA drizzle; CREATE TABLE $tbl (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint, name text, applied_at timestamp with time zone DEFAULT now())" >/dev/null
		else
			tbl=__drizzle_migrations
			sql sqlite "$db" "CREATE TABLE $tbl (id INTEGER PRIMARY KEY, hash text NOT NULL, created_at numeric, name text, applied_at TEXT)"
		fi
		sql "$1" "$db" "$(cat $d1/*/migration.sql)
INSERT INTO $tbl (hash, created_at, name, applied_at) VALUES
 ('$(sha256sum <$d1/20261124024233_first/migration.sql | cut -c1-64)', 1795488153000, '20261124024233_first', '2026-11-24T02:43:00.000Z'),
 ('$(sha256sum <$d1/20261124024301_second/migration.sql | cut -c1-64)', 1795488181000, '20261124024301_second', '2026-11-24T02:43:30.000Z');" >/dev/null &&
			echo "$db"
	}
	db=$(dz1_db $e dz1_ok)
	logged=$(errors_logged $e)
	plumb import --from drizzle --dir $d1 --url "$(url $e "$db")" -o $e-dz1-plumb
	ok "$e: drizzle-orm 1.0's table imported" eq "$RC" 0
	ok "$e: drizzle 1.0: its table's layout told from the catalog, no query failed" \
		eq "$(errors_logged $e)" "$logged"
	ok "$e: drizzle 1.0: files keep the folder names" \
		eq "$(ls $e-dz1-plumb | tr '\n' ' ')" "0001_20261124024233_first.sql 0002_20261124024301_second.sql plumb.sum "
	ok "$e: drizzle 1.0: status all applied, migrate runs nothing" imported $e "$db" $e-dz1-plumb 2
	db=$(dz1_db $e dz1_edited)
	printf -- '-- edited\n' >>$d1/20261124024301_second/migration.sql
	plumb import --from drizzle --dir $d1 --url "$(url $e "$db")" -o $e-dz1-edited
	ok "$e: drizzle 1.0: an edited migration refused" eq "$RC" 1
	ok "$e: drizzle 1.0: ... named as edited, by its name" \
		contains "$ERR" "checksum: .*20261124024301_second/migration.sql was edited"
	ok "$e: drizzle 1.0: ... not as missing" eq "$(grep -c 'missing' "$ERR")" 0
	# the 1.0 folder itself is not a plumb folder: refused, never read as
	# an empty history (nothing pending) or an empty schema
	plumb status --dir $d1 --url "$(url $e "$db")"
	ok "$e: drizzle 1.0: its folder refused as a migrations folder" eq "$RC" 2
	ok "$e: drizzle 1.0: ... the refusal points to import" contains "$ERR" "plumb import --from drizzle"
	plumb diff "$(url $e "$db")" $d1
	ok "$e: drizzle 1.0: its folder refused as a diff source" eq "$RC:$(cat "$OUT")" "2:"
done

# --- flyway, goose, prisma, sqitch: their tables as the tools create them, every
# migration of tests/import/TOOL applied -------------------------------------------
flyway_crc() { # Flyway's checksum: CRC-32 over the lines without their ends, signed
	python3 -c '
import re, sys, zlib
b = open(sys.argv[1], "rb").read()
c = 0
for l in re.split(rb"\r\n|\r|\n", b[3:] if b.startswith(b"\xef\xbb\xbf") else b):
    c = zlib.crc32(l, c)
print(c - 2**32 if c >= 2**31 else c)' "$1"
}
sha() { sha256sum <"$1" | cut -c1-64; }
sha1() { sha1sum <"$1" | cut -c1-40; }
for e in sqlite pg; do
	if [ $e = pg ] && ! has_pg; then
		skip "pg: flyway, goose, prisma, sqitch" "PLUMB_PG_URL not set"
		continue
	fi
	if [ $e = sqlite ] && ! command -v sqlite3 >/dev/null; then
		skip "sqlite: flyway, goose, prisma" "no sqlite3"
		continue
	fi
	t=$([ $e = pg ] && echo true || echo 1)
	ts=$([ $e = pg ] && echo timestamptz || echo text)
	db=$(fresh $e fw)
	sql $e "$db" "CREATE TABLE flyway_schema_history (installed_rank integer NOT NULL PRIMARY KEY,
  version varchar(50), description varchar(200) NOT NULL, type varchar(20) NOT NULL,
  script varchar(1000) NOT NULL, checksum integer, installed_by varchar(100) NOT NULL,
  installed_on timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, execution_time integer NOT NULL,
  success boolean NOT NULL);
INSERT INTO flyway_schema_history VALUES
 (1, '1', 'init', 'SQL', 'V1__init.sql', $(flyway_crc $FIX/flyway/V1__init.sql), 'me', '2024-01-01 10:00:00', 5, $t),
 (2, '1.1', 'add email', 'SQL', 'V1_1__add_email.sql', $(flyway_crc $FIX/flyway/V1_1__add_email.sql), 'me', '2024-01-01 10:00:01', 5, $t),
 (3, '2', 'posts', 'SQL', 'V2__posts.sql', $(flyway_crc $FIX/flyway/V2__posts.sql), 'me', '2024-01-01 10:00:02', 5, $t),
 (4, '10', 'tens', 'SQL', 'V10__tens.sql', $(flyway_crc $FIX/flyway/V10__tens.sql), 'me', '2024-01-01 10:00:03', 5, $t),
 (5, NULL, 'a posts view', 'SQL', 'R__a_posts_view.sql', $(flyway_crc $FIX/flyway/R__a_posts_view.sql), 'me', '2024-01-01 10:00:04', 5, $t),
 (6, NULL, 'users view', 'SQL', 'R__users_view.sql', $(flyway_crc $FIX/flyway/R__users_view.sql), 'me', '2024-01-01 10:00:05', 5, $t)"
	plumb import --from flyway --dir $FIX/flyway --url "$(url $e "$db")" -o $e-fw
	ok "$e: flyway imported" eq "$RC" 0
	ok "$e: flyway: status all applied, migrate runs nothing" imported $e "$db" $e-fw 6
	ok "$e: flyway: installed_on kept" \
		eq "$(sql $e "$db" "SELECT count(*) FROM plumb_migrations WHERE CAST(applied_at AS TEXT) LIKE '2024-01-01%'")" 6

	db=$(fresh $e goose)
	sql $e "$db" "CREATE TABLE goose_db_version (id integer PRIMARY KEY, version_id bigint NOT NULL,
  is_applied boolean NOT NULL, tstamp timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP);
INSERT INTO goose_db_version VALUES (1, 0, $t, '2024-01-01'), (2, 1, $t, '2024-01-02'), (3, 2, $t, '2024-01-03')"
	plumb import --from goose --dir $FIX/goose --url "$(url $e "$db")" -o $e-goose
	ok "$e: goose imported" eq "$RC" 0
	ok "$e: goose: status all applied, migrate runs nothing" imported $e "$db" $e-goose 2

	db=$(fresh $e prisma)
	sql $e "$db" "CREATE TABLE _prisma_migrations (id varchar(36) PRIMARY KEY, checksum varchar(64) NOT NULL,
  finished_at $ts, migration_name varchar(255) NOT NULL, logs text, rolled_back_at $ts,
  started_at $ts NOT NULL DEFAULT CURRENT_TIMESTAMP, applied_steps_count integer NOT NULL DEFAULT 0);
INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at) VALUES
 ('a', '$(sha $FIX/prisma/20240101000000_init/migration.sql)', '2024-01-01 00:00:01', '20240101000000_init', '2024-01-01'),
 ('b', '$(sha $FIX/prisma/20240102000000_add/migration.sql)', '2024-01-02 00:00:01', '20240102000000_add', '2024-01-02')"
	plumb import --from prisma --dir $FIX/prisma --url "$(url $e "$db")" -o $e-prisma
	ok "$e: prisma imported" eq "$RC" 0
	ok "$e: prisma: status all applied, migrate runs nothing" imported $e "$db" $e-prisma 2

	[ $e = pg ] || continue # sqitch's SQLite registry is a file of its own
	db=$(fresh $e sqitch)
	sql $e "$db" "CREATE SCHEMA sqitch; CREATE TABLE sqitch.changes (change_id text PRIMARY KEY,
  script_hash text, change text NOT NULL, project text NOT NULL, note text NOT NULL DEFAULT '',
  committed_at timestamptz NOT NULL DEFAULT clock_timestamp());
INSERT INTO sqitch.changes (change_id, script_hash, change, project, committed_at) VALUES
 ('1', '$(sha1 $FIX/sqitch/deploy/appschema.sql)', 'appschema', 'flipr', '2024-01-01 00:00:00+00'),
 ('2', '$(sha1 "$FIX/sqitch/deploy/users@v1.0.0-dev1.sql")', 'users', 'flipr', '2024-01-02 00:00:00+00'),
 ('3', '$(sha1 $FIX/sqitch/deploy/users.sql)', 'users', 'flipr', '2024-01-03 00:00:00+00')" >/dev/null
	plumb import --from sqitch --dir $FIX/sqitch --url "$(url $e "$db")" -o $e-sqitch
	ok "$e: sqitch imported" eq "$RC" 0
	ok "$e: sqitch: status all applied, migrate runs nothing" imported $e "$db" $e-sqitch 3
	ok "$e: sqitch revert scripts aside" eq "$(ls $e-sqitch/down | wc -l)" 3
done

# --- the folder itself --------------------------------------------------------------
plumb import --from golang-migrate --dir gm -o only
ok "without a database only the folder is written" eq "$RC:$(ls only | wc -l)" 0:5
plumb import --from golang-migrate --dir gm -o only
ok "the same import again is accepted (identical)" eq "$RC" 0
echo '-- edited' >>only/0001_000001_create_a.sql
plumb import --from golang-migrate --dir gm -o only
ok "a non-empty, different folder is refused" eq "$RC" 2
plumb import --from nosuchtool --dir gm -o x
ok "an unknown tool is a usage error naming the tools" eq "$RC:$(grep -c golang-migrate "$ERR")" 2:1
plumb import --from golang-migrate --dir gm -o x --accept dirt
ok "an unknown --accept kind is a usage error" eq "$RC:$([ -e x ] && echo written)" 2:

tap_done
