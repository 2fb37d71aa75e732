#!/usr/bin/env bash
# Deeply nested SQL, as PostgreSQL accepts it: DEFAULT 1+1+... (4,500
# terms), 8,000 casts, 8,000 NOTs, a view of 1,500 nested sub-selects. diff
# reads each offline without crashing (the trees are unpacked and walked on a
# large stack, src/dialect/pg/deep.c); a tree deeper than that stack holds
# is a clear error at its statement; on the server of PLUMB_PG_URL
# (tests/lib/pgtmp.sh) each shape the server accepts is pushed, diffed again
# (nothing to do) and pulled back. Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"

# rep TEXT N SEP: TEXT repeated N times, joined by SEP.
rep() { awk -v t="$1" -v n="$2" -v s="$3" 'BEGIN { for (i = 0; i < n; i++) printf "%s%s", (i ? s : ""), t }'; }

: >empty.sql
{ echo "CREATE TABLE t (a int);"; echo; printf 'CREATE TABLE plus (a int DEFAULT %s);\n' "$(rep 1 4500 +)"; } >plus.sql
printf 'CREATE TABLE casts (a int DEFAULT 1%s);\n' "$(rep ::int 8000 '')" >cast.sql
printf 'CREATE TABLE nots (a bool DEFAULT (%strue));\n' "$(rep 'NOT ' 8000 '')" >not.sql
printf 'CREATE VIEW deep AS SELECT %s1%s AS x;\n' "$(rep '(SELECT ' 1500 '')" "$(rep ')' 1500 '')" >sub.sql
{ echo "CREATE TABLE t (a int);"; echo; printf 'CREATE TABLE toodeep (a int DEFAULT 1%s);\n' "$(rep ::int 60000 '')"; } >toodeep.sql

for f in plus cast not sub; do
	plumb diff empty.sql "$f.sql" --dialect pg
	ok "diff reads $f.sql offline" [ "$RC" -eq 0 ]
	ok "... and plans it" grep -q "^CREATE \(TABLE\|VIEW\)" "$OUT"
done
plumb diff empty.sql toodeep.sql --dialect pg
ok "a tree deeper than the stack holds is refused" [ "$RC" -ne 0 ]
ok "... at its statement, clearly" grep -q "^toodeep.sql:3:1: statement nested too deeply" "$ERR"

if [ -z "${PLUMB_PG_URL:-}" ]; then
	skip "the server part" "PLUMB_PG_URL not set"
	tap_done
fi

# newdb NAME: creates a fresh database and prints its URL.
newdb() {
	local n="pgdeep_$$_$1"
	createdb "$n" || return 1
	echo "postgresql:///$n?host=$PGHOST&port=$PGPORT&user=$PGUSER"
}

nothing_to_do() { [ "$RC" -eq 0 ] && [ ! -s "$OUT" ]; }

# 8,000 NOTs are past the server's own max_stack_depth: not pushed.
for f in plus cast sub; do
	URL=$(newdb "$f")
	plumb push --url "$URL" --schema "$f.sql"
	ok "push $f.sql" [ "$RC" -eq 0 ]
	plumb diff "$URL" "$f.sql"
	ok "... then nothing to do (the server's text read back)" nothing_to_do
	plumb pull --url "$URL" -o -
	ok "... and pull reads it back" [ "$RC" -eq 0 ]
done
ok "the pulled view is there" grep -q "CREATE VIEW" "$OUT"

# A migration of that depth: its transaction-control check and the
# no-transaction split read it without overflowing the stack.
for mode in "" "-- plumb:no-transaction"; do
	URL=$(newdb "mig${mode:+nt}")
	rm -rf mig && mkdir -p mig
	{ [ -z "$mode" ] || echo "$mode"; cat sub.sql; } >mig/20260101000000_deep.sql
	plumb sum --dir mig --dialect pg
	plumb migrate --url "$URL" --dir mig
	ok "migrate applies a deep migration${mode:+ ($mode)}" [ "$RC" -eq 0 ]
done
tap_done
