#!/usr/bin/env bash
# The parse cache (PLUMB_CACHE_DIR): a PostgreSQL schema file of many
# statements leaves the trees libpg_query gave for them there; the next
# command reading the file takes them instead of parsing, with the same
# result; a changed statement is parsed again and the entry written again;
# a damaged entry, or one others may write, is not used; a tree that is not
# the parser's is caught by PLUMB_CACHE_VERIFY; a file with a syntax error
# leaves no entry and is reported as without a cache; --dry-run writes
# nothing. No server. Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"
unset PGHOST PGPORT PGUSER PGDATABASE DATABASE_URL PLUMB_PG_URL PLUMB_CACHE_VERIFY
C="$WORK/cache"
export PLUMB_CACHE_DIR="$C"
entries() { find "$1" -maxdepth 1 -name 'parse-*.pc' 2>/dev/null | wc -l; }

# a schema of 100 tables, each with an index: 200 statements
schema() { # N: the schema with table N's column renamed
	for i in $(seq 1 100); do
		col=name
		[ "$i" = "${1:-0}" ] && col=title
		echo "CREATE TABLE t$i (id bigint PRIMARY KEY, $col text NOT NULL CHECK ($col <> ''));"
		echo "CREATE INDEX t${i}_idx ON t$i ($col);"
	done
}
schema >schema.sql
: >empty.sql

plumb diff empty.sql schema.sql --dialect pg --verbose --verbose
cp "$OUT" "$WORK/first"
ok "the first read parses and writes an entry" \
	eval 'rc_is 0 && err_has "parse cache: no entry" && err_has "parse cache: wrote" && [ "$(entries "$C")" -eq 1 ]'
ok "... private to the user" eval '[ "$(stat -c %a "$C"/parse-*.pc)" = 600 ]'
ok "... the plan creates the 100 tables" eval '[ "$(grep -c "^CREATE TABLE" "$WORK/first")" -eq 100 ]'

plumb diff empty.sql schema.sql --dialect pg --verbose --verbose
ok "the next read takes the trees, writing nothing" \
	eval 'rc_is 0 && err_has "parse cache: read" && ! err_has "parse cache: wrote"'
ok "... and plans the same" same_files "$WORK/first" "$OUT"
PLUMB_CACHE_DIR=off plumb diff empty.sql schema.sql --dialect pg --verbose --verbose
ok "... as without a cache" eval 'rc_is 0 && ! err_has "parse cache" && same_files "$WORK/first" "$OUT"'
PLUMB_CACHE_VERIFY=1 plumb diff empty.sql schema.sql --dialect pg
ok "PLUMB_CACHE_VERIFY finds every tree the parser's" eval 'rc_is 0 && same_files "$WORK/first" "$OUT"'

# one statement changed: parsed again, the entry written again
schema 7 >schema.sql
plumb diff empty.sql schema.sql --dialect pg --verbose --verbose
ok "a changed statement is parsed again, the entry written again" \
	eval 'rc_is 0 && err_has "parse cache: wrote" && out_has "\"title\" text NOT NULL" && [ "$(entries "$C")" -eq 1 ]'
cp "$OUT" "$WORK/changed"
plumb diff empty.sql schema.sql --dialect pg --verbose --verbose
ok "... then read" eval 'rc_is 0 && err_has "parse cache: read" && same_files "$WORK/changed" "$OUT"'

# statements moved: each found by its text
{ tail -n 20 schema.sql; head -n 180 schema.sql; } >moved.sql
cp moved.sql moved2.sql
plumb diff empty.sql moved.sql --dialect pg --verbose --verbose
ok "another file is another entry" eval 'rc_is 0 && err_has "parse cache: wrote" && [ "$(entries "$C")" -eq 2 ]'

# a damaged entry is not used: the file is parsed, the entry written again
e=$(ls "$C"/parse-*.pc | head -1)
for f in "$C"/parse-*.pc; do
	head -c 300 "$f" >"$f.cut" && mv "$f.cut" "$f"
done
plumb diff empty.sql schema.sql --dialect pg --verbose --verbose
ok "a damaged entry is not used" \
	eval 'rc_is 0 && err_has "damaged entry" && err_has "parse cache: wrote" && same_files "$WORK/changed" "$OUT"'

# an entry others may write is not trusted
e=$(ls -t "$C"/parse-*.pc | head -1)
chmod g+w "$e"
plumb diff empty.sql schema.sql --dialect pg --verbose --verbose
ok "an entry others may write is not read" \
	eval 'rc_is 0 && err_has "parse cache: no entry" && same_files "$WORK/changed" "$OUT"'
chmod g-w "$e"
plumb diff empty.sql schema.sql --dialect pg --verbose --verbose
ok "(its entry was written again, and is read)" eval 'rc_is 0 && err_has "parse cache: read"'

# an entry holding another tree than the parser's (one name changed in
# its bytes): taken at its word, unless verified
e=$(ls -t "$C"/parse-*.pc | head -1)
python3 - "$e" <<'PY'
import sys
p = sys.argv[1]
b = open(p, 'rb').read()
i = b.index(b't1_idx')
open(p, 'wb').write(b[:i] + b't1_idz' + b[i + 6:])
PY
plumb diff empty.sql schema.sql --dialect pg
ok "(an entry holding another tree is taken at its word)" out_has 'CREATE INDEX t1_idz'
PLUMB_CACHE_VERIFY=1 plumb diff empty.sql schema.sql --dialect pg
ok "PLUMB_CACHE_VERIFY catches it" \
	eval 'rc_is 1 && err_has "^schema.sql:2:1: the parse cache gave another tree than the parser"'
rm -f "$C"/parse-*.pc

# a syntax error: reported as without a cache, no entry written
schema >bad.sql
echo "CREATE TABLE oops (a int,);" >>bad.sql
PLUMB_CACHE_DIR=off plumb diff empty.sql bad.sql --dialect pg
cp "$ERR" "$WORK/bad-err"
plumb diff empty.sql bad.sql --dialect pg --verbose --verbose
ok "a syntax error is reported as without a cache" \
	eval 'rc_is 1 && err_has "bad.sql:201:26: syntax error" && [ "$(entries "$C")" -eq 0 ]'
plumb diff empty.sql bad.sql --dialect pg
ok "... every time" eval 'rc_is 1 && same_files "$WORK/bad-err" "$ERR"'

# --dry-run writes nothing
rm -rf "$C"
mkdir app && cd app || exit 1
plumb init --dialect pg
schema >schema.sql
plumb generate first --dialect pg --dry-run
ok "--dry-run writes no entry" eval 'rc_is 0 && [ ! -e "$C" ]'
plumb generate first --dialect pg
ok "generate writes one" eval 'rc_is 0 && [ "$(entries "$C")" -eq 1 ]'

tap_done
