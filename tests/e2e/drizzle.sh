#!/usr/bin/env bash
# plumb and drizzle-orm take turns on one database, both directions, on
# PostgreSQL and SQLite: a drizzle-kit folder written by hand as drizzle-kit
# writes it (meta/_journal.json, NNNN_tag.sql, `--> statement-breakpoint`);
# drizzle-orm's migrate() applies the first migrations and plumb the rest, or
# plumb the first and drizzle-orm the rest; afterwards neither sees anything
# pending, every migration ran exactly once (a log table counts them), and
# the tracking rows (drizzle.__drizzle_migrations / __drizzle_migrations) are
# identical to those drizzle-orm writes alone. Also: the table's DDL, hashes
# of files with invalid UTF-8 and CRLF line ends, out-of-order entries,
# edited files and failures.
#
# drizzle-orm, pg and sql.js (SQLite in WebAssembly: no compiler needed)
# come from the npm registry into a cache folder outside the repository
# ($PLUMB_NPM_CACHE, default ~/.cache/plumb-tests/npm). Without node, npm or
# the network the test is skipped. Runs under tests/lib/pgtmp.sh. Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"

DRIZZLE_ORM=0.45.4
CACHE=${PLUMB_NPM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/plumb-tests/npm}

npm_skip() {
	echo "ok 1 - drizzle-orm interoperability # SKIP npm unavailable: $1"
	echo "1..1"
	exit 0
}
command -v node >/dev/null 2>&1 || npm_skip "no node"
command -v npm >/dev/null 2>&1 || npm_skip "no npm"
installed() {
	[ -f "$CACHE/node_modules/drizzle-orm/package.json" ] &&
		[ -f "$CACHE/node_modules/pg/package.json" ] &&
		[ -f "$CACHE/node_modules/sql.js/package.json" ] &&
		grep -q "\"version\": \"$DRIZZLE_ORM\"" "$CACHE/node_modules/drizzle-orm/package.json"
}
if ! installed; then
	mkdir -p "$CACHE" || npm_skip "cannot create $CACHE"
	# 600 s: well below meson's limit for the test, so a stuck install skips
	timeout 600 npm install --prefix "$CACHE" --no-audit --no-fund --loglevel=error \
		"drizzle-orm@$DRIZZLE_ORM" pg@8 sql.js@1 >"$WORK/npm.log" 2>&1 ||
		npm_skip "npm install failed: $(grep -m1 -i err "$WORK/npm.log")"
	installed || npm_skip "npm install left no drizzle-orm"
fi

# dz pg|sqlite DIR TARGET: drizzle-orm's migrate() of DIR into TARGET (a
# database name on the test server, or a SQLite file, loaded into sql.js and
# written back). Output and exit code in $OUT/$ERR/$RC like plumb.
cat >"$WORK/dz.cjs" <<'JS'
const { createRequire } = require('module');
const fs = require('fs');
const [cache, mode, dir, target] = process.argv.slice(2);
const req = createRequire(cache + '/package.json');
(async () => {
	if (mode === 'pg') {
		const { Client } = req('pg');
		const client = new Client({ database: target });
		await client.connect();
		const { drizzle } = req('drizzle-orm/node-postgres');
		const { migrate } = req('drizzle-orm/node-postgres/migrator');
		try {
			await migrate(drizzle(client), { migrationsFolder: dir });
		} finally {
			await client.end();
		}
	} else {
		const SQL = await req('sql.js')();
		const db = fs.existsSync(target) ? new SQL.Database(fs.readFileSync(target))
						 : new SQL.Database();
		const { drizzle } = req('drizzle-orm/sql-js');
		const { migrate } = req('drizzle-orm/sql-js/migrator');
		migrate(drizzle(db), { migrationsFolder: dir });
		fs.writeFileSync(target, Buffer.from(db.export()));
	}
})().catch((e) => { console.error(e.message); process.exit(1); });
JS
dz() {
	node "$WORK/dz.cjs" "$CACHE" "$@" >"$OUT" 2>"$ERR"
	RC=$?
	last_cmd="drizzle migrate $*"
}

# --- the folders, as drizzle-kit writes them ------------------------------------
W0=1795487381705
# journal DIR DIALECT N: a journal of the first N migrations
journal() {
	local dir=$1 dialect=$2 n=$3 v=7 i sep=""
	[ "$dialect" = sqlite ] && v=6
	mkdir -p "$dir/meta"
	{
		printf '{\n  "version": "7",\n  "dialect": "%s",\n  "entries": [' "$dialect"
		for ((i = 0; i < n; i++)); do
			printf '%s\n    {\n      "idx": %d,\n      "version": "%s",\n      "when": %d,\n      "tag": "%s",\n      "breakpoints": true\n    }' \
				"$sep" "$i" "$v" $((W0 + i * 60000)) "${TAGS[$i]}"
			sep=","
		done
		printf '\n  ]\n}'
	} >"$dir/meta/_journal.json"
}
TAGS=(0000_sharp_lizard 0001_rename_name 0002_seed_data 0003_posts)
write_pg() {
	local d=$1
	mkdir -p "$d"
	printf '%s' 'CREATE TABLE "log" (
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "users_name_unique" UNIQUE("name")
);
--> statement-breakpoint
INSERT INTO "log" VALUES (0);' >"$d/0000_sharp_lizard.sql"
	# CRLF line ends, as a Windows checkout leaves them
	printf 'ALTER TABLE "users" RENAME COLUMN "name" TO "full_name";--> statement-breakpoint\r\nINSERT INTO "log" VALUES (1);' \
		>"$d/0001_rename_name.sql"
	# a custom migration with a byte that is not UTF-8 (in a comment)
	printf -- '-- Custom SQL migration file, put your code below! --\n-- caf\xe9 \xf0\x9f\x8d\nINSERT INTO "users" ("full_name") VALUES ($$a;b$$);--> statement-breakpoint\nINSERT INTO "log" VALUES (2);' \
		>"$d/0002_seed_data.sql"
	printf '%s' 'CREATE TABLE "posts" (
	"id" serial PRIMARY KEY NOT NULL,
	"author_id" integer
);
--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "posts_author_idx" ON "posts" USING btree ("author_id");--> statement-breakpoint
INSERT INTO "log" VALUES (3);' >"$d/0003_posts.sql"
}
write_sqlite() {
	local d=$1
	mkdir -p "$d"
	printf '%s' 'CREATE TABLE `log` (
	`n` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_name_unique` ON `users` (`name`);--> statement-breakpoint
INSERT INTO `log` VALUES (0);' >"$d/0000_sharp_lizard.sql"
	printf 'ALTER TABLE `users` RENAME COLUMN `name` TO `full_name`;--> statement-breakpoint\r\nINSERT INTO `log` VALUES (1);' \
		>"$d/0001_rename_name.sql"
	printf -- '-- Custom SQL migration file, put your code below! --\n-- caf\xe9 \xf0\x9f\x8d\nINSERT INTO `users` (`full_name`) VALUES ('"'a;b'"');--> statement-breakpoint\nINSERT INTO `log` VALUES (2);' \
		>"$d/0002_seed_data.sql"
	printf '%s' 'CREATE TABLE `posts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`author_id` integer,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `posts_author_idx` ON `posts` (`author_id`);--> statement-breakpoint
INSERT INTO `log` VALUES (3);' >"$d/0003_posts.sql"
}

# --- PostgreSQL ----------------------------------------------------------------
if [ -n "${PLUMB_PG_URL:-}" ]; then
	url() { echo "postgresql:///$1?host=$PGHOST&port=$PGPORT&user=$PGUSER"; }
	q() { psql -X -At -v ON_ERROR_STOP=1 -d "$1" -c "$2" 2>&1; }
	rows() { q "$1" 'SELECT id, hash, created_at FROM drizzle.__drizzle_migrations ORDER BY id'; }
	logs() { q "$1" 'SELECT string_agg(n::text, $$,$$ ORDER BY n) FROM log'; }
	shape() {
		q "$1" "SELECT string_agg(column_name || ' ' || data_type || ' ' || coalesce(column_default, '-')
			|| ' ' || is_nullable, '; ' ORDER BY ordinal_position) FROM information_schema.columns
			WHERE table_schema = 'drizzle' AND table_name = '__drizzle_migrations'"
	}
	eq() { [ "$1" = "$2" ]; }

	mkdir -p pg
	write_pg pg/all
	journal pg/all postgresql 4

	# the reference: drizzle-orm alone
	createdb dz_ref
	dz pg pg/all dz_ref
	ok "pg: drizzle-orm applies the folder" rc_is 0
	REF=$(rows dz_ref)
	ok "pg: drizzle-orm recorded four rows" eq "$(printf '%s\n' "$REF" | wc -l)" 4
	ok "pg: each ran once" eq "$(logs dz_ref)" "0,1,2,3"
	plumb status --dir pg/all --url "$(url dz_ref)" --exit-code
	ok "pg: plumb status sees drizzle-orm's rows as applied" rc_is 0
	ok "pg: ... all four" eq "$(grep -c ' applied ' "$OUT")" 4
	plumb migrate --dir pg/all --url "$(url dz_ref)"
	ok "pg: plumb migrate has nothing to do after drizzle-orm" rc_is 0
	ok "pg: ... and runs nothing" eq "$(logs dz_ref)" "0,1,2,3"

	# plumb alone: the same rows, the same table
	createdb dz_plumb
	plumb migrate --dir pg/all --url "$(url dz_plumb)"
	ok "pg: plumb migrate applies a drizzle-kit folder" rc_is 0
	ok "pg: plumb's tracking rows are drizzle-orm's" eq "$(rows dz_plumb)" "$REF"
	ok "pg: plumb's tracking table is drizzle-orm's" eq "$(shape dz_plumb)" "$(shape dz_ref)"
	ok "pg: the sequence is drizzle-orm's" eq \
		"$(q dz_plumb "SELECT pg_get_serial_sequence('drizzle.__drizzle_migrations', 'id')")" \
		"$(q dz_ref "SELECT pg_get_serial_sequence('drizzle.__drizzle_migrations', 'id')")"
	ok "pg: the seed with a dollar-quoted ';' ran" eq "$(q dz_plumb 'SELECT full_name FROM users')" "a;b"
	dz pg pg/all dz_plumb
	ok "pg: drizzle-orm migrate() after plumb succeeds" rc_is 0
	ok "pg: ... and applies nothing" eq "$(logs dz_plumb)" "0,1,2,3"
	ok "pg: ... adding no row" eq "$(rows dz_plumb)" "$REF"

	# drizzle-orm first, plumb the rest
	mkdir -p pg/ab
	write_pg pg/ab
	journal pg/ab postgresql 2
	createdb dz_ab
	dz pg pg/ab dz_ab
	ok "pg: drizzle-orm applies the first two" rc_is 0
	journal pg/ab postgresql 4
	plumb status --dir pg/ab --url "$(url dz_ab)" --exit-code
	ok "pg: plumb status: two pending (exit 7)" rc_is 7
	ok "pg: ... named" out_has "pending +0002_seed_data"
	plumb migrate --dir pg/ab --url "$(url dz_ab)" --json
	ok "pg: plumb migrate applies the other two" rc_is 0
	ok "pg: ... reported in JSON" out_has '"file": "0003_posts.sql"'
	ok "pg: every migration ran exactly once" eq "$(logs dz_ab)" "0,1,2,3"
	ok "pg: the rows are drizzle-orm's own" eq "$(rows dz_ab)" "$REF"
	dz pg pg/ab dz_ab
	ok "pg: drizzle-orm then applies nothing" eq "$(logs dz_ab):$RC" "0,1,2,3:0"
	plumb status --dir pg/ab --url "$(url dz_ab)" --exit-code
	ok "pg: plumb status: nothing pending" rc_is 0

	# plumb first, drizzle-orm the rest
	mkdir -p pg/ba
	write_pg pg/ba
	journal pg/ba postgresql 4
	createdb dz_ba
	plumb migrate --dir pg/ba --url "$(url dz_ba)" --to 0001
	ok "pg: plumb migrate --to 0001 (a tag prefix)" rc_is 0
	ok "pg: ... applies two" eq "$(logs dz_ba)" "0,1"
	dz pg pg/ba dz_ba
	ok "pg: drizzle-orm applies the rest" rc_is 0
	ok "pg: every migration ran exactly once" eq "$(logs dz_ba)" "0,1,2,3"
	ok "pg: the rows are drizzle-orm's own" eq "$(rows dz_ba)" "$REF"
	plumb migrate --dir pg/ba --url "$(url dz_ba)"
	ok "pg: plumb then applies nothing" eq "$(logs dz_ba):$RC" "0,1,2,3:0"

	# line ends changed by a checkout are no edit; a real edit is caught
	sed -i 's/\r$//' pg/ba/0001_rename_name.sql
	plumb status --dir pg/ba --url "$(url dz_ba)"
	ok "pg: a file with CRLF turned into LF is still applied" out_has "applied +0001_rename_name"
	echo '-- edited' >>pg/ba/0003_posts.sql
	plumb migrate --dir pg/ba --url "$(url dz_ba)"
	ok "pg: an edited applied migration is refused" rc_is 1
	ok "pg: ... named" err_has 'applied migration "0003_posts" was modified'

	# an entry older than the newest applied: drizzle-orm skips it silently
	mkdir -p pg/ooo
	write_pg pg/ooo
	journal pg/ooo postgresql 4
	createdb dz_ooo
	plumb migrate --dir pg/ooo --url "$(url dz_ooo)"
	printf 'INSERT INTO "log" VALUES (9);' >pg/ooo/0004_from_branch.sql
	python3 - pg/ooo/meta/_journal.json "$W0" <<'PY'
import json, sys
p = sys.argv[1]
j = {"version": "7", "dialect": "postgresql", "entries": []}
for i, t in enumerate(["0000_sharp_lizard", "0001_rename_name", "0002_seed_data", "0003_posts"]):
    j["entries"].append({"idx": i, "version": "7", "when": int(sys.argv[2]) + i * 60000, "tag": t, "breakpoints": True})
j["entries"].append({"idx": 4, "version": "7", "when": int(sys.argv[2]) + 90000, "tag": "0004_from_branch", "breakpoints": True})
open(p, "w").write(json.dumps(j, indent=2))
PY
	dz pg pg/ooo dz_ooo
	ok "pg: drizzle-orm skips an entry older than its newest row" eq "$(logs dz_ooo):$RC" "0,1,2,3:0"
	plumb migrate --dir pg/ooo --url "$(url dz_ooo)"
	ok "pg: plumb refuses it by default" rc_is 1
	ok "pg: ... saying why" err_has '"0004_from_branch" is older than the newest applied'
	ok "pg: ... and that drizzle-orm skips it" err_has "skips it"
	plumb migrate --dir pg/ooo --url "$(url dz_ooo)" --allow-out-of-order
	ok "pg: --allow-out-of-order applies it" eq "$(logs dz_ooo):$RC" "0,1,2,3,9:0"
	dz pg pg/ooo dz_ooo
	ok "pg: drizzle-orm still sees nothing to do" eq "$(logs dz_ooo):$RC" "0,1,2,3,9:0"

	# a failing migration is rolled back whole: drizzle-orm has no failed state
	mkdir -p pg/bad
	write_pg pg/bad
	printf 'INSERT INTO "log" VALUES (3);--> statement-breakpoint\nSELECT nope FROM "users";' \
		>pg/bad/0003_posts.sql
	journal pg/bad postgresql 4
	createdb dz_bad
	plumb migrate --dir pg/bad --url "$(url dz_bad)"
	ok "pg: a failing drizzle migration fails" rc_is 1
	ok "pg: ... pointing into its file" err_has '0003_posts.sql:2:8: column "nope" does not exist'
	ok "pg: ... rolled back" err_has "rolled back"
	ok "pg: the ones before it stay, nothing of it" eq "$(logs dz_bad)" "0,1,2"
	ok "pg: no row for it" eq "$(q dz_bad 'SELECT count(*) FROM drizzle.__drizzle_migrations')" 3

	# wrong engine
	plumb migrate --dir pg/all --url "sqlite:$WORK/wrong.db"
	ok "a postgresql folder on a SQLite database is refused" err_has "drizzle-kit folder for postgresql, but the database is sqlite"
else
	skip "PostgreSQL with drizzle-orm" "PLUMB_PG_URL not set"
fi

# --- SQLite (sql.js) -------------------------------------------------------------
srows() { sqlite3 "$1" 'SELECT quote(id), hash, created_at, typeof(created_at) FROM __drizzle_migrations ORDER BY rowid'; }
slogs() { sqlite3 "$1" "SELECT group_concat(n, ',') FROM (SELECT n FROM log ORDER BY n)"; }
sddl() { sqlite3 "$1" "SELECT sql FROM sqlite_master WHERE name = '__drizzle_migrations'"; }
eq() { [ "$1" = "$2" ]; }
mkdir -p lite
write_sqlite lite/all
journal lite/all sqlite 4
dz sqlite lite/all "$WORK/ref.db"
ok "sqlite: drizzle-orm (sql.js) applies the folder" rc_is 0
SREF=$(srows ref.db)
ok "sqlite: four rows" eq "$(printf '%s\n' "$SREF" | wc -l)" 4
plumb migrate --dir lite/all --url sqlite:plumb.db
ok "sqlite: plumb migrate applies the folder" rc_is 0
ok "sqlite: the same rows (id NULL, created_at integer)" eq "$(srows plumb.db)" "$SREF"
ok "sqlite: the same CREATE TABLE text" eq "$(sddl plumb.db)" "$(sddl ref.db)"
dz sqlite lite/all "$WORK/plumb.db"
ok "sqlite: drizzle-orm then applies nothing" eq "$(slogs plumb.db):$RC" "0,1,2,3:0"
ok "sqlite: ... adding no row" eq "$(srows plumb.db)" "$SREF"

mkdir -p lite/ab
write_sqlite lite/ab
journal lite/ab sqlite 2
dz sqlite lite/ab "$WORK/ab.db"
journal lite/ab sqlite 4
plumb migrate --dir lite/ab --url sqlite:ab.db
ok "sqlite: drizzle-orm two, plumb the rest" eq "$(slogs ab.db):$RC" "0,1,2,3:0"
ok "sqlite: ... rows as drizzle-orm's" eq "$(srows ab.db)" "$SREF"
plumb status --dir lite/ab --url sqlite:ab.db --exit-code
ok "sqlite: plumb status: nothing pending" rc_is 0

mkdir -p lite/ba
write_sqlite lite/ba
journal lite/ba sqlite 4
plumb migrate --dir lite/ba --url sqlite:ba.db --to "$((W0 + 60000))"
ok "sqlite: plumb --to a version applies two" eq "$(slogs ba.db):$RC" "0,1:0"
dz sqlite lite/ba "$WORK/ba.db"
ok "sqlite: drizzle-orm applies the rest" eq "$(slogs ba.db):$RC" "0,1,2,3:0"
ok "sqlite: ... rows as drizzle-orm's" eq "$(srows ba.db)" "$SREF"
plumb migrate --dir lite/ba --url sqlite:ba.db
ok "sqlite: plumb then applies nothing" eq "$(slogs ba.db):$RC" "0,1,2,3:0"

# baseline speaks drizzle-orm's table too: a database whose schema was built
# by hand (here: by the first two migrations, their rows then removed)
plumb migrate --to 0001 --dir lite/all --url sqlite:base.db
sqlite3 base.db 'DELETE FROM __drizzle_migrations'
plumb baseline 0001 --dir lite/all --url sqlite:base.db
ok "sqlite: baseline records drizzle rows" eq "$(sqlite3 base.db 'SELECT count(*) FROM __drizzle_migrations')" 2
dz sqlite lite/all "$WORK/base.db"
ok "sqlite: drizzle-orm runs only what follows the baseline" eq "$(slogs base.db):$RC" "0,1,2,3:0"

# a drizzle-kit folder as a diff source: its state after all migrations
plumb diff sqlite::memory: lite/all --dialect sqlite
ok "a drizzle-kit folder is a source for diff" rc_is 0
ok "... its state after all migrations" out_has 'CREATE TABLE .?posts.?'

# plumb does not write into a drizzle-kit folder
plumb sum --dir lite/all
ok "plumb sum refuses a drizzle-kit folder" err_has "drizzle-kit migrations folder"

# --- drizzle-orm 1.0: a folder per migration, the table with name and applied_at
# The real 1.0 migrator (drizzle-orm@$DRIZZLE_ORM_V1 from npm, in its own cache
# folder) applies a 1.0 folder; plumb import reads its table: rows matched by
# their name (the folder), applied_at kept, an edited migration named as
# edited (checksum), not as missing.
DRIZZLE_ORM_V1=1.0.0-rc.5
CACHE1=$CACHE-v1
installed1() {
	[ -f "$CACHE1/node_modules/pg/package.json" ] &&
		[ -f "$CACHE1/node_modules/sql.js/package.json" ] &&
		grep -q "\"version\": \"$DRIZZLE_ORM_V1\"" "$CACHE1/node_modules/drizzle-orm/package.json" 2>/dev/null
}
if ! installed1; then
	mkdir -p "$CACHE1" && timeout 600 npm install --prefix "$CACHE1" --no-audit --no-fund \
		--loglevel=error "drizzle-orm@$DRIZZLE_ORM_V1" pg@8 sql.js@1 >"$WORK/npm1.log" 2>&1
fi
# drizzle-orm 1.0's node-postgres driver takes its client as { client }
# and connects it itself: dz1.cjs hands it a Pool that way
sed -e 's/const { Client } = req(.pg.);/const { Pool } = req("pg");/' \
	-e 's/const client = new Client({ database: target });/const client = new Pool({ database: target });/' \
	-e '/await client.connect();/d' \
	-e 's/migrate(drizzle(client),/migrate(drizzle({ client }),/' "$WORK/dz.cjs" >"$WORK/dz1.cjs"
# v1_folder DIR pg|sqlite: two migrations as drizzle-kit 1.0 lays them out
v1_folder() {
	local q='"'
	[ "$2" = sqlite ] && q='`'
	mkdir -p "$1/20261124024233_sticky_sentry" "$1/20261124024301_rename_note"
	printf 'CREATE TABLE %sv1_a%s (\n\t%sid%s integer PRIMARY KEY\n);\n--> statement-breakpoint\nCREATE TABLE %sv1_b%s (\n\t%sid%s integer\n);\n' \
		$q $q $q $q $q $q $q $q >"$1/20261124024233_sticky_sentry/migration.sql"
	printf 'ALTER TABLE %sv1_b%s ADD COLUMN %snote%s text;\n' $q $q $q $q \
		>"$1/20261124024301_rename_note/migration.sql"
	echo '{}' >"$1/20261124024233_sticky_sentry/snapshot.json"
	echo '{}' >"$1/20261124024301_rename_note/snapshot.json"
}
if ! installed1; then
	skip "drizzle-orm 1.0 table read by plumb import" \
		"npm could not give drizzle-orm@$DRIZZLE_ORM_V1: $(grep -m1 -i err "$WORK/npm1.log")"
else
	for e in sqlite pg; do
		if [ $e = pg ] && [ -z "${PLUMB_PG_URL:-}" ]; then
			skip "pg: drizzle-orm 1.0 table" "PLUMB_PG_URL not set"
			continue
		fi
		v1_folder v1-$e $e
		if [ $e = pg ]; then
			createdb dz_v1
			target=dz_v1
			purl=$(url dz_v1)
			cnt() { q dz_v1 "SELECT count(*) FROM drizzle.__drizzle_migrations WHERE name IS NOT NULL AND applied_at IS NOT NULL"; }
		else
			target=$WORK/v1.db
			purl=sqlite:v1.db
			cnt() { sqlite3 v1.db "SELECT count(*) FROM __drizzle_migrations WHERE name IS NOT NULL AND applied_at IS NOT NULL"; }
		fi
		node "$WORK/dz1.cjs" "$CACHE1" $e v1-$e "$target" >"$OUT" 2>"$ERR"
		ok "$e: drizzle-orm 1.0 applied its folder" eq "$?:$(cnt)" "0:2"
		plumb import --from drizzle --dir v1-$e --url "$purl" -o v1-$e-plumb
		ok "$e: 1.0 table imported" rc_is 0
		ok "$e: 1.0: files keep the folder names" \
			eq "$(ls v1-$e-plumb | tr '\n' ' ')" "0001_20261124024233_sticky_sentry.sql 0002_20261124024301_rename_note.sql plumb.sum "
		plumb status --url "$purl" --dir v1-$e-plumb --json
		ok "$e: 1.0: status shows nothing pending" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["pending"] == 0 and d["problems"] == 0, d' "$OUT"
		if [ $e = pg ]; then
			applied=$(q dz_v1 "SELECT count(*) FROM plumb_migrations p JOIN drizzle.__drizzle_migrations d ON p.name LIKE '%' || d.name AND date_trunc('second', p.applied_at) = date_trunc('second', d.applied_at)")
		else
			applied=$(sqlite3 v1.db "SELECT count(*) FROM plumb_migrations p JOIN __drizzle_migrations d ON p.name LIKE '%' || d.name AND substr(replace(p.applied_at, 'T', ' '), 1, 19) = substr(replace(d.applied_at, 'T', ' '), 1, 19)")
		fi
		ok "$e: 1.0: applied_at carried into plumb's records" eq "$applied" 2
		# an applied 1.0 migration edited afterwards: edited, not missing
		printf -- '-- edited\n' >>v1-$e/20261124024301_rename_note/migration.sql
		if [ $e = pg ]; then
			dropdb dz_v1 && createdb dz_v1
		else
			rm -f v1.db
		fi
		git_orig=$(cat v1-$e/20261124024301_rename_note/migration.sql)
		head -n1 v1-$e/20261124024301_rename_note/migration.sql >v1-$e/tmp.sql
		mv v1-$e/tmp.sql v1-$e/20261124024301_rename_note/migration.sql
		node "$WORK/dz1.cjs" "$CACHE1" $e v1-$e "$target" >"$OUT" 2>"$ERR"
		printf '%s\n' "$git_orig" >v1-$e/20261124024301_rename_note/migration.sql
		plumb import --from drizzle --dir v1-$e --url "$purl" -o v1-$e-edited
		ok "$e: 1.0: an edited migration refused" rc_is 1
		ok "$e: 1.0: ... named as edited (checksum)" err_has "checksum: .*20261124024301_rename_note/migration.sql was edited"
		ok "$e: 1.0: ... not as missing" eq "$(grep -c 'missing' "$ERR")" 0
		plumb import --from drizzle --dir v1-$e --url "$purl" -o v1-$e-edited --accept checksum
		ok "$e: 1.0: --accept checksum imports it" rc_is 0
	done
fi

tap_done
