# Shared helpers for the end-to-end tests: TAP output and running plumb with
# its output captured. Sourced, not run. Each test script gets a fresh
# temporary folder as $WORK and works inside it. The plumb binary comes from
# $PLUMB or the script's first argument.

: "${PLUMB:=${1:-}}"
if [ -z "$PLUMB" ]; then
	echo "Bail out! give the plumb binary as PLUMB=PATH or as the first argument"
	exit 1
fi
case "$PLUMB" in /*) ;; *) PLUMB="$PWD/$PLUMB" ;; esac

WORK=$(mktemp -d "${TMPDIR:-/tmp}/plumb-e2e.XXXXXX")
trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
export LC_ALL=C
unset DATABASE_URL
# the replay cache: the script's own, and every entry read checked against a
# replay of its files
export PLUMB_CACHE_DIR="$WORK/.plumb-cache" PLUMB_CACHE_VERIFY=1

tap_n=0
tap_failed=0
OUT="$WORK/.out"
ERR="$WORK/.err"
RC=0

# plumb ARGS...: runs plumb, stdout in $OUT, stderr in $ERR, exit code in $RC.
plumb() {
	"$PLUMB" "$@" >"$OUT" 2>"$ERR"
	RC=$?
	last_cmd="plumb $*"
}

# ok DESCRIPTION COMMAND...: one test point that passes when COMMAND succeeds.
ok() {
	local desc=$1
	shift
	tap_n=$((tap_n + 1))
	if "$@"; then
		echo "ok $tap_n - $desc"
	else
		tap_failed=$((tap_failed + 1))
		echo "not ok $tap_n - $desc"
		printf "%s\n" "$*" | sed "s/^/#   check: /"
		[ -n "${last_cmd:-}" ] && echo "#   last: $last_cmd (exit $RC)"
		[ -s "$OUT" ] && sed -n '1,20s/^/#   out: /p' "$OUT"
		[ -s "$ERR" ] && sed -n '1,20s/^/#   err: /p' "$ERR"
	fi
	return 0
}

# skip DESCRIPTION REASON: a skipped test point.
skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}

tap_done() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
	exit $?
}

# Predicates for ok.
rc_is() { [ "$RC" -eq "$1" ]; }
out_empty() { [ ! -s "$OUT" ]; }
out_has() { grep -qiE -- "$1" "$OUT"; }
err_has() { grep -qiE -- "$1" "$ERR"; }
out_json() { /usr/bin/python3 -m json.tool "$OUT" >/dev/null 2>&1 || python3 -m json.tool "$OUT" >/dev/null; }
same_files() { cmp -s "$1" "$2"; }
n_migrations() { find "${1:-migrations}" -maxdepth 1 -name '*.sql' 2>/dev/null | wc -l; }
count_is() { [ "$1" -eq "$2" ]; }

# sql DB STATEMENT: the one-line result of a query, through the sqlite3 CLI.
sql() { sqlite3 -bail "$1" "$2"; }

# dump DB: the schema of a SQLite database without plumb's own tables, sorted,
# one object per line, identifier quotes dropped (a rebuilt table is renamed
# into place, and SQLite then stores its name quoted).
dump() {
	sqlite3 -bail "$1" "SELECT type || ' ' || name || ' ' || replace(coalesce(sql, ''), '\"', '') FROM sqlite_schema
		WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE '%plumb%' AND tbl_name NOT LIKE '%plumb%'
		ORDER BY type, name"
}
