#!/usr/bin/env bash
# plumb squash on PostgreSQL (issue 13): the history and checks of
# squash_lib.sh (an enum and a column type change among them), each
# database a fresh one on the throwaway server of tests/lib/pgtmp.sh.
# Prints TAP.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/tap.sh"

if [ -z "${PLUMB_PG_URL:-}" ]; then
	echo "1..0 # SKIP PLUMB_PG_URL not set"
	exit 0
fi

ENGINE=pg
DIALECT=(--dialect pg)
newdb() {
	local db="sq_$$_$1"
	createdb "$db" || return 1
	URL="postgresql:///$db?host=$PGHOST&port=$PGPORT&user=$PGUSER"
}
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }

. "$HERE/squash_lib.sh"
tap_done
