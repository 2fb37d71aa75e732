# The body of the squash tests (issue 13), sourced by squash.sh (SQLite) and
# pg_squash.sh (PostgreSQL), which define before sourcing it:
#   ENGINE            sqlite or pg
#   newdb NAME        a fresh database: its URL in $URL (it may not exist yet)
#   q URL SQL         the one-column result of a query, one row a line
#   DIALECT           (array) the options that name the engine to squash, which
#                     reads no database
# A 20-migration history (tables, added columns, renames, indexes, a type
# change, a view, data inserts) is written; for each variant (squash all,
# squash --to 10) databases are stopped at every version 0..20 with
# `migrate --to V`, the folder is squashed, and each database is migrated:
# all must reach the schema of the unsquashed history (pull output), no
# data migration may run twice (its audit row appears once, or not at all
# on a database built from the squash), applied records stay as they were,
# and status and check are quiet. Also: --dry-run writes nothing, an
# unknown --to is refused with nothing written; the data statements: squash
# refuses naming each unless --data says keep (carried after the schema, run
# on it: SQLite in memory, PostgreSQL on --dev-url; a database built from
# such a squash has their rows) or drop (the variants). Prints TAP.

# mig N NAME SQL: writes migration N (4 digits) of the history.
mig() { printf '%s\n' "$3" >"migrations/$(printf %04d "$1")_$2.sql"; }

write_history() {
	mkdir -p migrations
	mig 1 users "CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL);"
	mig 2 posts "CREATE TABLE posts (id integer PRIMARY KEY, user_id integer REFERENCES users (id), title text);"
	mig 3 user_name "ALTER TABLE users ADD COLUMN name text;"
	mig 4 audit "CREATE TABLE audit_log (msg text);"
	mig 5 seed_audit "INSERT INTO audit_log (msg) VALUES ('seed-5');"
	mig 6 posts_index "CREATE INDEX posts_user_idx ON posts (user_id);"
	mig 7 rename_title "ALTER TABLE posts RENAME COLUMN title TO headline;"
	if [ "$ENGINE" = pg ]; then
		mig 8 mood "CREATE TYPE mood AS ENUM ('ok', 'sad');
ALTER TABLE users ADD COLUMN mood mood;"
	else
		mig 8 mood "ALTER TABLE users ADD COLUMN mood text;"
	fi
	mig 9 tags "CREATE TABLE tags (id integer PRIMARY KEY, label text NOT NULL UNIQUE);"
	mig 10 seed_tags "INSERT INTO tags (id, label) VALUES (1, 'news');
INSERT INTO audit_log (msg) VALUES ('seed-10');"
	mig 11 rename_tags "ALTER TABLE tags RENAME TO labels;"
	mig 12 seed_more "INSERT INTO audit_log (msg) VALUES ('seed-12');"
	if [ "$ENGINE" = pg ]; then
		mig 13 mood_happy "ALTER TYPE mood ADD VALUE 'happy';"
	else
		mig 13 users_email "CREATE INDEX users_email_idx ON users (email);"
	fi
	mig 14 post_views "ALTER TABLE posts ADD COLUMN views integer NOT NULL DEFAULT 0;"
	if [ "$ENGINE" = pg ]; then
		mig 15 views_bigint "ALTER TABLE posts ALTER COLUMN views TYPE bigint;"
	else
		mig 15 views_index "CREATE INDEX posts_views_idx ON posts (views);"
	fi
	mig 16 seed_last "INSERT INTO audit_log (msg) VALUES ('seed-16');"
	mig 17 reindex "DROP INDEX posts_user_idx;
CREATE INDEX posts_user_headline_idx ON posts (user_id, headline);"
	mig 18 comments "CREATE TABLE comments (id integer PRIMARY KEY, post_id integer NOT NULL REFERENCES posts (id) ON DELETE CASCADE, body text);"
	mig 19 user_posts "CREATE VIEW user_posts AS SELECT u.email, p.headline FROM users u JOIN posts p ON p.user_id = u.id;"
	mig 20 label_color "ALTER TABLE labels ADD COLUMN color text DEFAULT 'red';
ALTER TABLE users ADD COLUMN bio text;"
	"$PLUMB" sum >/dev/null 2>&1
}

# folder_sig DIR: every file under DIR with its hash, to see that nothing changed.
folder_sig() { (cd "$1" && find . -type f | sort | xargs sha256sum); }

# records URL: the tracking rows as "version checksum applied_at".
records() {
	q "$1" "SELECT version || ' ' || checksum || ' ' || applied_at FROM plumb_migrations ORDER BY version"
}

# same_text A B: A and B are the same text.
same_text() { [ "$1" = "$2" ]; }

# lines_within A B: every line of A is a line of B.
lines_within() {
	[ -z "$1" ] && return 0
	[ -z "$(printf '%s\n' "$1" | grep -vxF -f <(printf '%s\n' "$2"))" ]
}

# seeds URL: the audit rows, "msg count" sorted.
seeds() { q "$1" "SELECT msg || ' ' || count(*) FROM audit_log GROUP BY msg ORDER BY msg"; }

write_history
ok "the history has 20 migrations" count_is "$(n_migrations)" 20

# The reference: the unsquashed history applied to one database.
newdb ref
REF=$URL
plumb migrate --url "$REF"
ok "the history applies" rc_is 0
plumb pull --url "$REF" -o -
cp "$OUT" ref.sql
ok "the reference schema has the renamed table and the view" \
	eval 'grep -q labels ref.sql && grep -q user_posts ref.sql && grep -q headline ref.sql'
cp ref.sql schema.sql
plumb check --url "$REF"
ok "check is quiet on the reference" rc_is 0

# --- refusals and --dry-run -----------------------------------------------
before=$(folder_sig migrations)
plumb squash --to 0099 "${DIALECT[@]}"
ok "an unknown --to is refused, naming the version" eval '! rc_is 0 && err_has "no migration with version 0099"'
ok "the refusal writes nothing" eval '[ "$(folder_sig migrations)" = "$before" ]'
plumb squash "${DIALECT[@]}"
ok "statements that change rows: squash refuses without --data" rc_is 1
ok "... naming each with file:line:col" \
	eval 'err_has "0005_seed_audit.sql:1:1: INSERT INTO audit_log" && err_has "0010_seed_tags.sql:1:1: INSERT INTO tags" && err_has "0010_seed_tags.sql:2:1: INSERT INTO audit_log" && err_has "0012_seed_more.sql:1:1" && err_has "0016_seed_last.sql:1:1" && err_has "--data keep"'
ok "... and writes nothing" eval '[ "$(folder_sig migrations)" = "$before" ] && [ ! -e migrations/squashed ]'
plumb squash --to 4 --dry-run "${DIALECT[@]}"
ok "no statement that changes rows: no --data needed, no note" \
	eval 'rc_is 0 && ! err_has "change rows" && ! out_has "changed rows"'
plumb squash --to 10 --data keep --dry-run "${DIALECT[@]}"
ok "--data keep carries them after the schema, in order, each naming its origin" \
	eval 'rc_is 0 && [ "$(grep -A1 "^-- from " "$OUT" | grep -v "^--$" | tr "\n" "|")" = "-- from 0005_seed_audit.sql:1|INSERT INTO audit_log (msg) VALUES ('"'seed-5'"');|-- from 0010_seed_tags.sql:1|INSERT INTO tags (id, label) VALUES (1, '"'news'"');|-- from 0010_seed_tags.sql:2|INSERT INTO audit_log (msg) VALUES ('"'seed-10'"');|" ] && [ "$(grep -n "^CREATE" "$OUT" | tail -1 | cut -d: -f1)" -lt "$(grep -n "^-- from" "$OUT" | head -1 | cut -d: -f1)" ]'
if [ "$ENGINE" = pg ]; then
	ok "... on PostgreSQL without --dev-url: said once that they were not run" \
		eval '[ "$(grep -c "were not run" "$ERR")" -eq 1 ]'
	newdb dev
	DEV=(--dev-url "$URL")
else
	ok "... on SQLite: run on the squashed schema in memory, nothing said" eval '! err_has "not run"'
	DEV=()
fi
# squashing all: tags is renamed labels by 0011, so the carried INSERT INTO
# tags of 0010 fails on the squashed schema
plumb squash --data keep "${DIALECT[@]}" "${DEV[@]}"
ok "--data keep: a carried statement failing on the squashed schema is refused" \
	eval 'rc_is 1 && err_has "tags" && ! err_has "0005_seed_audit"'
if [ "$ENGINE" = sqlite ]; then
	ok "... naming the statement and its origin" \
		err_has '0010_seed_tags.sql:1:1: could not squash: the carried statement "INSERT INTO tags'
fi
ok "... and writes nothing" eval '[ "$(folder_sig migrations)" = "$before" ] && [ ! -e migrations/squashed ]'
plumb squash --data drop --dry-run "${DIALECT[@]}"
ok "--data drop leaves them out and says so" \
	eval 'rc_is 0 && ! out_has "^INSERT" && out_has "5 statements in them that changed rows are not part of it"'

plumb squash --to 10 --dry-run --data drop "${DIALECT[@]}"
ok "--dry-run prints the squashed migration" \
	eval 'rc_is 0 && out_has "^-- plumb:squashes 0001 0002 0003 0004 0005 0006 0007 0008 0009 0010$" && out_has "would write migrations/0010_squash.sql"'
ok "--dry-run writes nothing" eval '[ "$(folder_sig migrations)" = "$before" ] && [ ! -e migrations/squashed ]'
plumb squash --dry-run --json --data drop "${DIALECT[@]}"
ok "--dry-run --json names the 20 versions and writes nothing" \
	eval 'rc_is 0 && out_json && grep -q "\"0020\"" "$OUT" && [ "$(folder_sig migrations)" = "$before" ]'
mkdir -p drizzle/meta
echo '{"version":"7","dialect":"postgresql","entries":[]}' >drizzle/meta/_journal.json
plumb squash --dir drizzle "${DIALECT[@]}"
ok "a drizzle-kit folder is refused" eval '! rc_is 0 && err_has "drizzle-kit"'

# --- --data keep: a database built from the squash has the rows -------------
cp -r migrations keep
plumb squash --dir keep --to 10 --data keep "${DIALECT[@]}"
ok "keep: squash --to 10 --data keep writes the squash" eval 'rc_is 0 && [ -f keep/0010_squash.sql ]'
for v in 0 7; do
	newdb "keep_$v"
	[ "$v" -gt 0 ] && "$PLUMB" migrate --url "$URL" --to "$(printf %04d "$v")" >/dev/null 2>&1
	plumb migrate --url "$URL" --dir keep
	ok "keep/$v: migrate" rc_is 0
	plumb pull --url "$URL" -o -
	ok "keep/$v: the schema is the reference's" same_files "$OUT" ref.sql
	ok "keep/$v: each data statement ran once" \
		same_text "$(seeds "$URL" | sort)" "$(printf 'seed-%s 1\n' 10 12 16 5 | sort)"
	ok "keep/$v: the carried tag is there once" count_is "$(q "$URL" "SELECT count(*) FROM labels")" 1
done

# --- each variant (--data drop) ------------------------------------------------
cp -r migrations pristine
for variant in all to10; do
	rm -rf migrations
	cp -r pristine migrations
	if [ "$variant" = all ]; then last=20; args=(--data drop); else last=10; args=(--to 10 --data drop); fi
	lastv=$(printf %04d "$last")

	# databases stopped at each version
	urls=()
	recs=()
	for v in $(seq 0 20); do
		newdb "${variant}_$v"
		urls[$v]=$URL
		[ "$v" -gt 0 ] && "$PLUMB" migrate --url "$URL" --to "$(printf %04d "$v")" >/dev/null 2>&1
		recs[$v]=$( [ "$v" -gt 0 ] && records "$URL")
	done

	plumb squash "${args[@]}" "${DIALECT[@]}"
	ok "$variant: squash writes ${lastv}_squash.sql" \
		eval 'rc_is 0 && [ -f migrations/${lastv}_squash.sql ]'
	ok "$variant: the originals moved to squashed/" \
		eval '[ "$(ls migrations/squashed/*.sql | wc -l)" -eq $last ] && [ "$(n_migrations)" -eq $((21 - last)) ]'
	ok "$variant: the squash names the versions it replaces" \
		grep -q "^-- plumb:squashes 0001 .* $lastv\$" "migrations/${lastv}_squash.sql"
	ok "$variant: the squash is planned, not the files put together" \
		eval '! grep -q "INSERT" migrations/${lastv}_squash.sql && ! grep -qi "RENAME" migrations/${lastv}_squash.sql'
	plumb check --url "$REF"
	ok "$variant: the folder still builds the schema; check quiet on the reference" rc_is 0
	plumb status --url "$REF" --exit-code
	ok "$variant: status quiet on the fully applied reference" \
		eval 'rc_is 0 && out_has "^  $lastv +applied +squash"'

	mid=$((last / 2))
	plumb status --url "${urls[$mid]}" --exit-code
	ok "$variant: status of a database stopped at $mid lists the originals it lacks" \
		eval 'rc_is 7 && out_has "^  $(printf %04d $((mid + 1))) +pending" && ! out_has "(pending|applied) +squash"'

	plumb check --url "${urls[$mid]}"
	ok "$variant: check on it: pending (exit 7), no drift" \
		eval 'rc_is 7 && out_has "matches its applied migrations" && ! out_has "drifted"'

	for v in $(seq 0 20); do
		url=${urls[$v]}
		plumb migrate --url "$url"
		ok "$variant/$v: migrate" rc_is 0
		if [ "$v" -gt 0 ] && [ "$v" -lt "$last" ]; then
			ok "$variant/$v: the missing originals ran, not the squash" \
				eval '! err_has "_squash" && ! out_has "_squash"'
		elif [ "$v" -ge "$last" ]; then
			ok "$variant/$v: the squash did not run" eval '! err_has "_squash" && ! out_has "_squash"'
		fi
		plumb pull --url "$url" -o -
		ok "$variant/$v: the schema is the reference's" same_files "$OUT" ref.sql
		# no data migration ran twice; a database built from the squash has
		# none of the squashed ones' rows
		want=$(for s in 5 10 12 16; do
			[ "$v" -eq 0 ] && [ "$s" -le "$last" ] && continue
			echo "seed-$s 1"
		done | sort)
		got=$(seeds "$url" | sort)
		ok "$variant/$v: each data migration ran once" same_text "$got" "$want"
		now=$(records "$url")
		ok "$variant/$v: the records of applied migrations are unchanged" \
			lines_within "${recs[$v]}" "$now"
		ok "$variant/$v: every version is recorded" count_is "$(printf '%s\n' "$now" | grep -c .)" 20
		plumb status --url "$url" --exit-code
		ok "$variant/$v: status quiet" rc_is 0
		plumb check --url "$url"
		ok "$variant/$v: check quiet" rc_is 0
		plumb migrate --url "$url"
		ok "$variant/$v: nothing left to apply" eval 'rc_is 0 && err_has "nothing to apply"'
	done
done

# --- a squash over a squash -----------------------------------------------
# after --to 10, squash the rest too: the earlier squash's originals stay
plumb squash --data drop "${DIALECT[@]}"
ok "squash again over the earlier squash" \
	eval 'rc_is 0 && [ -f migrations/0020_squash.sql ] && [ ! -f migrations/0010_squash.sql ] && [ "$(ls migrations/squashed/*.sql | wc -l)" -eq 20 ]'
for v in 0 10 20; do
	plumb status --url "${urls[$v]}" --exit-code
	ok "after the second squash: status quiet at $v" eval 'rc_is 0 && out_has "^  0020 +applied +squash"'
	plumb check --url "${urls[$v]}"
	ok "after the second squash: check quiet at $v" rc_is 0
done
newdb stop5
"$PLUMB" migrate --url "$URL" --to 0005 >/dev/null 2>&1
ok "migrate --to a squashed version stops a fresh database before the squash" \
	eval '[ -z "$(records "$URL" 2>/dev/null)" ]'
newdb fresh2
plumb migrate --url "$URL"
ok "a fresh database builds from the second squash" \
	eval 'rc_is 0 && err_has "0020_squash" && "$PLUMB" pull --url "$URL" -o - | cmp -s - ref.sql'

# --- a folder that contradicts its squash -------------------------------------
mkdir -p bad/squashed
cp migrations/squashed/* bad/squashed/
cp migrations/0020_squash.sql migrations/squashed/0003_user_name.sql bad/
"$PLUMB" sum --dir bad >/dev/null 2>&1
plumb status --dir bad "${DIALECT[@]}"
ok "a squashed version with a file of its own in the folder is refused" \
	eval '! rc_is 0 && err_has "0003_user_name.* is squashed into .*0020_squash.* but is still in the folder"'
rm bad/0003_user_name.sql
sed -i 's/^-- plumb:squashes 0001 /-- plumb:squashes 0001 x2 /' bad/0020_squash.sql
"$PLUMB" sum --dir bad >/dev/null 2>&1
plumb status --dir bad "${DIALECT[@]}"
ok "a bad squashes directive is refused at its line and column" \
	eval '! rc_is 0 && err_has "0020_squash.sql:1:[0-9]+: invalid directive \"plumb:squashes\": \"x2\" is not a migration version"'
