#!/usr/bin/env bash
# What plumb reads and writes as files, on SQLite: input with a NUL byte is
# refused naming the file and offset, a dangling symlink or unreadable
# migration is an error naming it, reading commands never create the
# database, and a migration with its own transaction control is refused
# before anything runs. Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"

fresh() {
	rm -rf migrations schema.sql plumb.db plumb.json
	"$PLUMB" init -q >/dev/null 2>&1
}
# add NAME TEXT: a hand-written migration accepted with `plumb sum`.
add() {
	printf '%b' "$2" >"migrations/$1.sql"
	"$PLUMB" sum -q >/dev/null 2>&1
}
has_table() { [ "$(sql plumb.db "SELECT count(*) FROM sqlite_schema WHERE name = '$1'")" -eq 1 ]; }

# --- A2: NUL bytes ---------------------------------------------------------------
fresh
add 0001_x 'CREATE TABLE a (x int);\0CREATE TABLE b (y int);\n'
plumb migrate
ok "a migration with a NUL byte is refused" rc_is 1
ok "the error names the file, line and column, and the offset" \
	err_has 'migrations/0001_x\.sql:1:24: file contains a NUL byte \(offset 23\)'
ok "nothing was applied or recorded" test ! -s plumb.db -o "$(sql plumb.db "SELECT count(*) FROM sqlite_schema WHERE name IN ('a', 'b')")" = 0

fresh
printf 'CREATE TABLE a (x int);\n\0CREATE TABLE b (y int);\n' >schema.sql
plumb diff schema.sql sqlite::memory:
ok "a schema file with a NUL byte is refused" err_has 'schema\.sql:2:1: file contains a NUL byte \(offset 24\)'
mkdir -p schema_dir && printf 'CREATE TABLE c (z int);\0\n' >schema_dir/c.sql
plumb diff schema_dir sqlite::memory:
ok "so is a file of a schema folder" err_has 'schema_dir/c\.sql:1:24: file contains a NUL byte'
fresh
printf '{"schema": "s.sql"\0}\n' >plumb.json
plumb status
ok "and plumb.json" err_has 'plumb\.json:1:19: file contains a NUL byte \(offset 18\)'
rm -f plumb.json

# --- A14: dangling symlinks and unreadable files ------------------------------------
fresh
add 0001_a 'CREATE TABLE a (x int);\n'
ln -s nowhere.sql migrations/0002_b.sql
for cmd in sum migrate status; do
	plumb $cmd
	ok "$cmd: a dangling symlink 0002_b.sql is an error naming it" \
		err_has 'migrations/0002_b\.sql: could not read file: .*symbolic link to nothing'
done
ok "nothing was applied (no plumb.db left)" test ! -e plumb.db
rm migrations/0002_b.sql
if [ "$(id -u)" -ne 0 ]; then
	chmod 000 migrations/0001_a.sql
	plumb status
	ok "an unreadable migration is an error naming it" \
		err_has 'migrations/0001_a\.sql: could not open file: permission denied'
	chmod 644 migrations/0001_a.sql
else
	skip "an unreadable migration is an error naming it" "root reads every file"
fi

# --- A5: transaction control inside a transactional migration ----------------------
fresh
add 0001_ok 'CREATE TABLE ok (x int);\n'
add 0002_commit '-- a migration that ends plumb'"'"'s transaction\nCREATE TABLE a (x int);\nCOMMIT;\nCREATE TABLE b (y int);\n'
add 0003_savepoint 'CREATE TABLE c (x int);\nCREATE TRIGGER t AFTER INSERT ON c BEGIN SELECT 1; END;\n  SAVEPOINT s1;\n'
plumb migrate
ok "a migration with a bare COMMIT is refused" rc_is 1
ok "naming the file, line and statement" \
	err_has 'migrations/0002_commit\.sql:3:1: migration "0002_commit" has its own transaction control \(COMMIT\)'
ok "every pending migration is checked before the first runs" \
	err_has 'migrations/0003_savepoint\.sql:3:3: also in "0003_savepoint": SAVEPOINT s1'
ok "the hint points to -- plumb:no-transaction" err_has 'plumb:no-transaction'
ok "nothing was applied, not even the migration before it (no plumb.db left)" test ! -e plumb.db
plumb migrate --dry-run
ok "a dry run is refused the same way" err_has '0002_commit.*own transaction control'
plumb generate
ok "generate (which replays the folder) is refused too" err_has '0002_commit.*own transaction control'
add 0002_commit '-- plumb:no-transaction\nCREATE TABLE a (x int);\nBEGIN;\nCREATE TABLE b (y int);\nCOMMIT;\n'
rm migrations/0003_savepoint.sql && "$PLUMB" sum -q >/dev/null 2>&1
plumb migrate
ok "with -- plumb:no-transaction the file runs as written" \
	eval 'rc_is 0 && has_table a && has_table b && has_table ok'

# --- A14: reading commands never create the database -----------------------------------
fresh
echo 'CREATE TABLE a (x int);' >schema.sql
plumb pull -o -
ok "pull of a database that does not exist is an error" \
	eval 'rc_is 1 && err_has "database sqlite:plumb.db does not exist"'
ok "... and creates no plumb.db" test ! -e plumb.db
plumb diff sqlite:other.db schema.sql
ok "diff from a SQLite database that does not exist reads it as empty" \
	eval 'rc_is 0 && out_has "CREATE TABLE"'
ok "... and creates none" test ! -e other.db
plumb status
ok "status reads without creating" eval 'rc_is 0 && test ! -e plumb.db'
plumb push --dry-run
ok "push --dry-run creates no plumb.db" eval 'rc_is 0 && test ! -e plumb.db'
printf 'CREATE TABLE a (x int);\nCREATE TABLE b (y int,, z int);\n' >schema.sql
plumb push
ok "a failed push leaves no empty plumb.db" eval '! rc_is 0 && test ! -e plumb.db'
echo 'CREATE TABLE a (x int);' >schema.sql
plumb push
ok "a push that succeeds creates it" eval 'rc_is 0 && has_table a'

tap_done
