#!/usr/bin/env bash
# The user's story on SQLite (issue 13): see story_lib.sh. Prints TAP.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/tap.sh"
ENGINE=sqlite
. "$HERE/story_lib.sh"

story || ok "the story ran to its end" false
tap_done
