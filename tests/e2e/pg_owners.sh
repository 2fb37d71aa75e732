#!/usr/bin/env bash
# Owners (--owners) and default privileges on a real server: two roles made
# for the test (roles belong to the cluster: unique names, dropped at the
# end) own a schema's objects and hold default privileges; a third, a
# superuser, owns a foreign-data wrapper (which only a superuser may). The file and the
# database it loads into compare equal with and without --owners; pull
# --owners writes every owner and the pulled file rebuilds the same
# pg_dump --schema-only (owners and default privileges included); pull
# without it writes none; a changed owner is planned and converges; an owner
# the file does not state is left; a missing role is the server's clear
# error. Runs under tests/lib/pgtmp.sh. Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"

if [ -z "${PLUMB_PG_URL:-}" ]; then
	echo "1..0 # SKIP PLUMB_PG_URL not set"
	exit 0
fi

A="plumb_own_$$_a"
B="plumb_own_$$_b"
S="plumb_own_$$_s"
dbs=()
cleanup() {
	for d in "${dbs[@]}"; do dropdb --if-exists "$d" >/dev/null 2>&1; done
	psql -X -q -d postgres -c "DROP ROLE IF EXISTS $A" -c "DROP ROLE IF EXISTS $B" \
		-c "DROP ROLE IF EXISTS $S" >/dev/null 2>&1
	chmod -R u+w "$WORK" 2>/dev/null
	rm -rf "$WORK"
}
trap cleanup EXIT
psql -X -q -d postgres -c "CREATE ROLE $A" -c "CREATE ROLE $B" -c "CREATE ROLE $S SUPERUSER" \
	>/dev/null || {
	echo "Bail out! could not create the test roles"
	exit 1
}

n_db=0
newdb() {
	n_db=$((n_db + 1))
	DB="owners_$$_$n_db"
	createdb "$DB" || return 1
	dbs+=("$DB")
	URL="postgresql:///$DB?host=$PGHOST&port=$PGPORT&user=$PGUSER"
}
load() { psql -X -q -v ON_ERROR_STOP=1 -d "$1" -f "$2" >/dev/null 2>"$WORK/psql.err"; }
schema() { pg_dump -s "$1" | grep -v -e '^--' -e '^$' -e '^\\restrict' -e '^\\unrestrict'; }
same_schema() {
	diff <(schema "$1") <(schema "$2") >"$WORK/schema.diff" && return 0
	sed 's/^/#   /' "$WORK/schema.diff"
	return 1
}

cat >owned.sql <<SQL
CREATE SCHEMA app AUTHORIZATION $A;
CREATE TABLE app.t (id serial PRIMARY KEY, name text);
ALTER TABLE app.t OWNER TO $B;
CREATE VIEW app.v AS SELECT id, name FROM app.t;
ALTER VIEW app.v OWNER TO $A;
CREATE SEQUENCE app.s;
ALTER SEQUENCE app.s OWNER TO $A;
CREATE FUNCTION app.f(a integer) RETURNS integer LANGUAGE sql AS \$\$ SELECT a \$\$;
ALTER FUNCTION app.f(integer) OWNER TO $B;
CREATE TYPE app.mood AS ENUM ('sad', 'happy');
ALTER TYPE app.mood OWNER TO $A;
CREATE DOMAIN app.pos AS integer CHECK (VALUE > 0);
ALTER DOMAIN app.pos OWNER TO $B;
CREATE TABLE plain (id integer);
CREATE FOREIGN DATA WRAPPER own_w;
ALTER FOREIGN DATA WRAPPER own_w OWNER TO $S;
CREATE SERVER own_s FOREIGN DATA WRAPPER own_w;
ALTER SERVER own_s OWNER TO $A;
ALTER DEFAULT PRIVILEGES FOR ROLE $A IN SCHEMA app GRANT SELECT ON TABLES TO $B;
ALTER DEFAULT PRIVILEGES FOR ROLE $A REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE $B GRANT USAGE ON SEQUENCES TO $A WITH GRANT OPTION;
SQL

newdb
src=$DB
src_url=$URL
ok "loads" load "$src" owned.sql
plumb diff "$src_url" owned.sql --owners
ok "diff --owners of the database and its file is empty" eval 'rc_is 0 && out_empty'
plumb diff "$src_url" owned.sql
ok "diff without --owners is empty too" eval 'rc_is 0 && out_empty'

plumb pull --url "$src_url" --owners -o pulled.sql
ok "pull --owners succeeds" rc_is 0
ok "pull --owners writes the table's owner" grep -qx "ALTER TABLE app.t OWNER TO $B;" pulled.sql
ok "... the schema's" grep -qx "ALTER SCHEMA app OWNER TO $A;" pulled.sql
ok "... the function's" grep -qx "ALTER FUNCTION app.f(integer) OWNER TO $B;" pulled.sql
ok "... the wrapper's" grep -qx "ALTER FOREIGN DATA WRAPPER own_w OWNER TO $S;" pulled.sql
ok "... the server's" grep -qx "ALTER SERVER own_s OWNER TO $A;" pulled.sql
ok "... the default privileges" \
	grep -qx "ALTER DEFAULT PRIVILEGES FOR ROLE $A IN SCHEMA app GRANT SELECT ON TABLES TO $B;" pulled.sql
ok "... and no comment leaving default privileges out" eval '! grep -qi "^--   default privileges" pulled.sql'
newdb
ok "the pulled file loads" load "$DB" pulled.sql
ok "the reloaded database is the same, owners and default privileges included" same_schema "$src" "$DB"
plumb diff "$URL" owned.sql --owners
ok "diff --owners of the reloaded database and the file is empty" eval 'rc_is 0 && out_empty'

plumb pull --url "$src_url" -o plain.sql
ok "pull without --owners succeeds" rc_is 0
ok "... and writes no owner" eval '! grep -q "OWNER TO" plain.sql'
ok "... but the default privileges" grep -q "ALTER DEFAULT PRIVILEGES FOR ROLE $B" plain.sql

# "owners": true in plumb.json is --owners
mkdir cfg && echo '{"owners": true}' >cfg/plumb.json
(cd cfg && "$PLUMB" pull --url "$src_url" -o - >../cfg.sql 2>../cfg.err)
ok "\"owners\": true in plumb.json writes the owners as --owners does" same_files pulled.sql cfg.sql

# a changed owner converges
sed "s/ALTER TABLE app.t OWNER TO $B;/ALTER TABLE app.t OWNER TO $A;/" owned.sql >changed.sql
plumb diff "$src_url" changed.sql --owners
ok "a changed owner is planned" eval "rc_is 0 && out_has '^ALTER TABLE app.t OWNER TO $A;'"
cp "$OUT" plan.sql
plumb diff "$src_url" changed.sql
ok "... not without --owners" eval 'rc_is 0 && out_empty'
ok "the plan applies" load "$src" plan.sql
plumb diff "$src_url" changed.sql --owners
ok "... and converges" eval 'rc_is 0 && out_empty'

# a server's changed owner converges
sed "s/ALTER SERVER own_s OWNER TO $A;/ALTER SERVER own_s OWNER TO $B;/" changed.sql >server.sql
plumb diff "$src_url" server.sql --owners
ok "a server's changed owner is planned" eval "rc_is 0 && out_has '^ALTER SERVER own_s OWNER TO $B;'"
cp "$OUT" server.plan.sql
ok "the plan applies" load "$src" server.plan.sql
plumb diff "$src_url" server.sql --owners
ok "... and converges" eval 'rc_is 0 && out_empty'
cp server.sql changed.sql

# an owner the file does not state is left as it is
grep -v "OWNER TO" changed.sql >unstated.sql
plumb diff "$src_url" unstated.sql --owners
ok "an owner the file does not state is left as it is" eval 'rc_is 0 && out_empty'

# a role that does not exist: the server says so
sed "s/ALTER TABLE app.t OWNER TO $B;/ALTER TABLE app.t OWNER TO plumb_no_such_role_$$;/" \
	owned.sql >missing.sql
plumb diff "$src_url" missing.sql --owners
cp "$OUT" missing.plan.sql
ok "a missing role is planned as written" out_has "OWNER TO plumb_no_such_role_$$"
psql -X -q -v ON_ERROR_STOP=1 -d "$src" -f missing.plan.sql >/dev/null 2>missing.err
ok "... and the server refuses it clearly" grep -q "role \"plumb_no_such_role_$$\" does not exist" missing.err

# default privileges change and go back to PostgreSQL's
grep -v "ALTER DEFAULT PRIVILEGES" owned.sql >nodefaults.sql
plumb diff "$src_url" nodefaults.sql
ok "default privileges removed are planned back to the defaults" \
	eval "rc_is 0 && out_has '^ALTER DEFAULT PRIVILEGES FOR ROLE $A GRANT EXECUTE ON FUNCTIONS TO PUBLIC;'"
cp "$OUT" nodefaults.plan.sql
ok "the plan applies" load "$src" nodefaults.plan.sql
ok "... and leaves no entry in pg_default_acl" \
	eval "[ \"\$(psql -X -At -d $src -c 'SELECT count(*) FROM pg_default_acl')\" = 0 ]"

tap_done
