#!/usr/bin/env bash
# Installs what plumb needs to build and test on Debian 12 (through sudo when
# not run as root).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO="sudo -E"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
  build-essential meson ninja-build pkg-config \
  libsqlite3-dev sqlite3 libpq-dev libjansson-dev libssl-dev \
  libpg-query-dev libprotobuf-c-dev \
  python3 python3-yaml postgresql >/dev/null
# Node.js and npm for the Drizzle compatibility test and the benchmarks'
# comparison tools (fetched from the npm registry by those scripts). Machines
# that already have a Node.js (and its npm) keep theirs.
if ! command -v npm >/dev/null 2>&1; then
  $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
