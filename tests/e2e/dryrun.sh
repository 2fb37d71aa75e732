#!/usr/bin/env bash
# --dry-run changes nothing: every command that takes it (all of them: it is
# a global option) runs with --dry-run in states where it would change
# something (a database that does not exist yet, pending migrations, an
# edited applied migration, a failed record, a schema file ahead of the
# database, a migration to baseline, a plumb.sum out of date, a schema file
# pull would overwrite) and the database (SQLite: the file's bytes;
# PostgreSQL: pg_dump of schema and rows, tracking table included) and the
# project folder (sha256 of every file, plumb.sum included) are compared
# before and after. On SQLite always, on PostgreSQL when PLUMB_PG_URL is set
# (tests/lib/pgtmp.sh run). Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"

# snapshot_files: sha256 of every file of the project folder, sorted.
snapshot_files() { (cd "$WORK/proj" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }

# snapshot_db: the database as bytes (sqlite) or as a full dump (pg).
snapshot_db() {
	case "$ENGINE" in
	sqlite)
		local f
		for f in "$WORK"/db/*; do
			[ -e "$f" ] && sha256sum "$f"
		done
		echo "files: $(ls -A "$WORK/db" | tr '\n' ' ')"
		;;
	pg)
		pg_dump --no-owner --no-privileges -d "$DB_URL" 2>&1 | grep -v '^-- Dumped\|^\\restrict\|^\\unrestrict'
		;;
	esac
}

snapshot() { { snapshot_files; echo ---; snapshot_db; } >"$1"; }

# dry STATE ARGS...: one test point per command: plumb ARGS --dry-run (in
# proj/, against the engine's database) changes neither folder nor database.
# The state is saved and snapshot once (new_state forgets it); a command that
# changed something is undone before the next one runs.
dry() {
	local state=$1
	shift
	[ -e "$WORK/before" ] || { backup && snapshot "$WORK/before"; }
	(cd "$WORK/proj" && "$PLUMB" "$@" --dry-run --url "$DB_URL" ${DEV_URL:+--dev-url "$DEV_URL"} >"$OUT" 2>"$ERR")
	RC=$?
	last_cmd="plumb $* --dry-run"
	snapshot "$WORK/after"
	ok "$ENGINE, $state: $* --dry-run changes nothing" cmp -s "$WORK/before" "$WORK/after"
	if ! cmp -s "$WORK/before" "$WORK/after"; then
		diff "$WORK/before" "$WORK/after" | sed -n '1,10s/^/#   changed: /p'
		restore
	fi
}

# backup, restore: the folder and the database as they were before a
# command, so that one command's change does not hide the next one's.
backup() {
	rm -rf "$WORK/bak"
	mkdir -p "$WORK/bak"
	cp -a "$WORK/proj" "$WORK/bak/proj"
	case "$ENGINE" in
	sqlite) cp -a "$WORK/db" "$WORK/bak/db" ;;
	pg) pg_dump --no-owner --no-privileges -d "$DB_URL" >"$WORK/bak/db.sql" ;;
	esac
}
restore() {
	rm -rf "$WORK/proj"
	cp -a "$WORK/bak/proj" "$WORK/proj"
	case "$ENGINE" in
	sqlite) rm -rf "$WORK/db" && cp -a "$WORK/bak/db" "$WORK/db" ;;
	pg)
		dropdb --if-exists "$DB_NAME" && createdb "$DB_NAME" &&
			psql -X -q -v ON_ERROR_STOP=1 -d "$DB_URL" -f "$WORK/bak/db.sql" >/dev/null
		;;
	esac
}

new_state() { rm -f "$WORK/before"; }

# every V1 V3 STATE: every command with --dry-run in the current state.
every() {
	local v1=$1 v3=$2 state=$3
	new_state
	dry "$state" migrate
	dry "$state" migrate --retry-failed
	dry "$state" migrate --allow-out-of-order
	dry "$state" push --allow-data-loss
	dry "$state" baseline "$v3"
	dry "$state" baseline "$v1"
	dry "$state" repair
	dry "$state" sum
	dry "$state" generate next
	dry "$state" pull --force
	dry "$state" pull -o pulled.sql
	dry "$state" init
	dry "$state" status --exit-code
	dry "$state" check
	dry "$state" diff "$DB_URL" schema.sql
}

# run_engine: builds the states on $DB_URL and sweeps every command.
run_engine() {
	local dialect=$1
	rm -rf "$WORK/proj"
	mkdir -p "$WORK/proj"
	cd "$WORK/proj" || return 1
	"$PLUMB" init -q --dialect "$dialect" ${DEV_URL:+--dev-url "$DEV_URL"} >/dev/null 2>&1
	printf 'CREATE TABLE users (\n  id INTEGER PRIMARY KEY,\n  name TEXT NOT NULL\n);\n' >schema.sql
	"$PLUMB" generate one -q --dialect "$dialect" ${DEV_URL:+--dev-url "$DEV_URL"} >/dev/null 2>&1
	printf 'CREATE TABLE users (\n  id INTEGER PRIMARY KEY,\n  name TEXT NOT NULL,\n  age INTEGER\n);\n' >schema.sql
	"$PLUMB" generate two -q --dialect "$dialect" ${DEV_URL:+--dev-url "$DEV_URL"} >/dev/null 2>&1
	printf 'CREATE TABLE users (\n  id INTEGER PRIMARY KEY,\n  name TEXT NOT NULL,\n  age INTEGER\n);\nCREATE TABLE posts (\n  id INTEGER PRIMARY KEY,\n  body TEXT\n);\n' >schema.sql
	"$PLUMB" generate three -q --dialect "$dialect" ${DEV_URL:+--dev-url "$DEV_URL"} >/dev/null 2>&1
	local v1 v2 v3
	v1=$(ls migrations | grep '_one\.sql$' | sed 's/_.*//')
	v2=$(ls migrations | grep '_two\.sql$' | sed 's/_.*//')
	v3=$(ls migrations | grep '_three\.sql$' | sed 's/_.*//')
	ok "$ENGINE: setup wrote three migrations" test -n "$v1" -a -n "$v2" -a -n "$v3"
	cd "$WORK" || return 1

	# 1. nothing applied yet (a SQLite database that does not exist yet)
	every "$v1" "$v3" "nothing applied"

	# 2. the first applied; a schema file ahead of the database; a table
	# dropped from the schema file (push would drop it)
	(cd proj && "$PLUMB" migrate -q --to "$v1" --url "$DB_URL" >/dev/null 2>&1)
	RC=$?
	ok "$ENGINE: setup applied the first migration" rc_is 0
	every "$v1" "$v3" "one applied"

	# 3. the first applied and then edited (plumb.sum accepted), the second
	# recorded as failed, the third pending, plumb.sum out of date
	(cd proj && "$PLUMB" migrate -q --to "$v2" --url "$DB_URL" >/dev/null 2>&1)
	RC=$?
	ok "$ENGINE: setup applied the second migration" rc_is 0
	case "$ENGINE" in
	sqlite) sqlite3 "$WORK/db/plumb.db" "UPDATE plumb_migrations SET state = 'failed', error = 'boom' WHERE version = '$v2'" ;;
	pg) psql -X -q -d "$DB_URL" -c "UPDATE public.plumb_migrations SET state = 'failed', error = 'boom' WHERE version = '$v2'" ;;
	esac
	echo "-- edited after it was applied" >>proj/migrations/"$v1"_one.sql
	(cd proj && "$PLUMB" sum -q >/dev/null 2>&1)
	every "$v1" "$v3" "modified, failed and pending"
	dry "repair says" repair
	ok "$ENGINE: repair --dry-run says it would remove the failed record" \
		out_has "$v2  would remove failed record"
	ok "$ENGINE: repair --dry-run says it would accept the new checksum" \
		out_has "$v1  would accept new checksum"
	# the database holds the state of the second migration (its record
	# says failed): baseline checks the database against the version named
	dry "baseline says" baseline "$v2"
	ok "$ENGINE: baseline --dry-run names what it would record" \
		eval 'rc_is 0 && out_has "would record $v2 as baseline" && ! out_has "$v3" && ! out_has "$v1"'
	dry "baseline refuses" baseline "$v3"
	ok "$ENGINE: baseline --dry-run of a version the database does not match refuses" \
		eval 'rc_is 3 && err_has "does not match the migrations up to $v3" && err_has "posts"'

	# 4. plumb.sum out of date (a hand-written migration not summed yet)
	printf 'CREATE TABLE extra (id INTEGER);\n' >proj/migrations/99990101000000_extra.sql
	every "$v1" "$v3" "plumb.sum out of date"
	rm -f proj/migrations/99990101000000_extra.sql

	# 5. init in an empty folder
	rm -rf proj
	mkdir proj
	new_state
	dry "empty folder" init
	dry "empty folder" sum
}

mkdir -p "$WORK/db"
ENGINE=sqlite
DB_URL="sqlite:$WORK/db/plumb.db"
run_engine sqlite

if [ -n "${PLUMB_PG_URL:-}" ]; then
	ENGINE=pg
	DB_NAME=plumb_dryrun
	dropdb --if-exists "$DB_NAME" >/dev/null 2>&1
	createdb "$DB_NAME"
	DEV_URL=$PLUMB_PG_URL
	DB_URL="postgresql:///plumb_dryrun?host=$PGHOST&port=$PGPORT&user=$PGUSER"
	run_engine pg
else
	skip "pg: every command with --dry-run" "PLUMB_PG_URL not set"
fi

tap_done
