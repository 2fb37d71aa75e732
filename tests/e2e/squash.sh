#!/usr/bin/env bash
# plumb squash on SQLite (issue 13): the history and checks of
# squash_lib.sh, each database a SQLite file. Prints TAP.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/tap.sh"

ENGINE=sqlite
DIALECT=()
newdb() { URL="sqlite:$WORK/db_$1.sqlite"; }
q() { sqlite3 -bail "${1#sqlite:}" "$2"; }

. "$HERE/squash_lib.sh"
tap_done
