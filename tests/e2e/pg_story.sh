#!/usr/bin/env bash
# The user's story on PostgreSQL (issue 13): see story_lib.sh. Runs under
# tests/lib/pgtmp.sh. Prints TAP.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/tap.sh"
if [ -z "${PLUMB_PG_URL:-}" ]; then
	echo "1..0 # SKIP PLUMB_PG_URL not set"
	exit 0
fi
ENGINE=pg
. "$HERE/story_lib.sh"

story || ok "the story ran to its end" false
tap_done
