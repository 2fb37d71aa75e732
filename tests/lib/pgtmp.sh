#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: initdb into a folder, no TCP
# (a Unix socket in that folder), fsync off, trust authentication, superuser
# "postgres". initdb and postgres refuse to run as root, so as root the
# server runs as the unprivileged user plumbtest (created when missing).
#
#   eval "$(tests/lib/pgtmp.sh start DIR)"  # exports PGHOST PGPORT PGUSER PGDATABASE PLUMB_PG_URL
#   tests/lib/pgtmp.sh stop DIR
#   tests/lib/pgtmp.sh run CMD ARGS...      # a server for one command, removed afterwards
set -euo pipefail

find_bin() {
	local b
	b=$(command -v pg_ctl 2>/dev/null || true)
	if [ -z "$b" ]; then
		b=$(ls -d /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -1 || true)
	fi
	[ -n "$b" ] || { echo "pgtmp: no PostgreSQL server binaries (pg_ctl) found" >&2; exit 1; }
	dirname "$b"
}

as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u plumbtest -- "$@"
	else
		"$@"
	fi
}

start() {
	local dir=$1 bin port
	bin=$(find_bin)
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	if [ "$(id -u)" -eq 0 ]; then
		id plumbtest >/dev/null 2>&1 ||
			useradd --system --no-create-home --shell /usr/sbin/nologin plumbtest
		chown plumbtest "$dir"
		chmod 755 "$dir"
	fi
	port=${PGTMP_PORT:-5432}
	as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 \
		--locale=C.UTF-8 -N >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; exit 1; }
	as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 300 \
		-o "-c listen_addresses='' -c unix_socket_directories='$dir' -p $port \
		    -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
		    -c max_connections=100" \
		start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
	echo "export PGHOST='$dir' PGPORT='$port' PGUSER=postgres PGDATABASE=postgres"
	echo "export PLUMB_PG_URL='postgresql:///postgres?host=$dir&port=$port&user=postgres'"
}

stop() {
	local dir=$1 bin
	bin=$(find_bin)
	[ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 300 stop \
		>/dev/null 2>&1 || true
	rm -rf "$dir"
}

case "${1:-}" in
start) start "$2" ;;
stop) stop "$2" ;;
run)
	shift
	dir=$(mktemp -d "${TMPDIR:-/tmp}/plumb-pg.XXXXXX")
	trap 'stop "$dir"' EXIT
	eval "$(start "$dir")"
	"$@"
	;;
*)
	echo "usage: pgtmp.sh start DIR | stop DIR | run CMD ARGS..." >&2
	exit 2
	;;
esac
