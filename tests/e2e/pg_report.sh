#!/usr/bin/env bash
# diff --report on PostgreSQL (issue 13, the audit): a database plumb does not
# manage against a schema file and against a migrations folder, object by
# object: a table only in the database, one only in the schema, a column
# whose type differs, an enum with values added (spelled out before and
# after), a foreign key and an index renamed (rename candidates), a view
# whose definition differs; in text and as JSON records checked field by
# field. Other tools' tracking tables are not in it, and diff, which only
# reads, never refuses for hazards. Runs under tests/lib/pgtmp.sh. Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"

if [ -z "${PLUMB_PG_URL:-}" ]; then
	echo "1..0 # SKIP PLUMB_PG_URL not set"
	exit 0
fi

DB="report_$$"
createdb "$DB" || exit 1
URL="postgresql:///$DB?host=$PGHOST&port=$PGPORT&user=$PGUSER"
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$DB" -c "$1"; }

# py EXPR...: runs the Python statements with d the JSON document of $OUT,
# r(kind, schema, name) one of its top-level records and find(records, kind,
# name) one of a list; fails when an assert does.
py() {
	python3 - "$OUT" "$@" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
def find(records, kind, name):
    got = [x for x in records if x["kind"] == kind and x["name"] == name]
    assert len(got) == 1, (kind, name, [(x["kind"], x["name"]) for x in records])
    return got[0]
def r(kind, schema, name):
    x = find(d["objects"], kind, name)
    assert x["schema"] == schema, x
    return x
KEYS = {"kind", "schema", "name", "status", "from", "to", "definition", "attributes", "children"}
def keys_ok(x):
    assert set(x) == KEYS, sorted(x)
    for a in x["attributes"]:
        assert set(a) == {"name", "before", "after"}, a
    for c in x["children"]:
        keys_ok(c)
for src in sys.argv[2:]:
    exec(src)
PY
}

q "CREATE TYPE request_status AS ENUM ('new', 'done');
CREATE TABLE orgs (id int PRIMARY KEY);
CREATE TABLE legacy (id int PRIMARY KEY, note text);
CREATE TABLE requests (id int PRIMARY KEY, amount integer, status request_status NOT NULL,
  org_id int CONSTRAINT requests_org_fk REFERENCES orgs (id) ON DELETE CASCADE);
CREATE INDEX requests_amount_i ON requests (amount);
CREATE VIEW open_requests AS SELECT id FROM requests WHERE status = 'new';
CREATE TABLE schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL);
INSERT INTO orgs VALUES (1); INSERT INTO legacy VALUES (1, 'kept');
INSERT INTO requests VALUES (1, 10, 'new', 1);"
cat >schema.sql <<'SQL'
CREATE TYPE request_status AS ENUM ('new', 'pending', 'done', 'failed');
CREATE TABLE orgs (id int PRIMARY KEY);
CREATE TABLE invoices (id int PRIMARY KEY, total numeric(10,2) NOT NULL);
CREATE TABLE requests (id int PRIMARY KEY, amount bigint, status request_status NOT NULL,
  org_id int REFERENCES orgs (id) ON DELETE CASCADE);
CREATE INDEX requests_amount_idx ON requests (amount);
CREATE VIEW open_requests AS SELECT id FROM requests WHERE status = 'pending';
SQL
dump() { pg_dump --schema-only -d "$DB" | grep -v -e '^--' -e '^\\restrict' -e '^\\unrestrict'; }
before=$(dump)

# --- text -------------------------------------------------------------------------
plumb diff "$URL" schema.sql --report
ok "diff --report exits 0" rc_is 0
ok "it names the sides" out_has '^database -> schema\.sql$'
ok "an enum with values added: both lists spelled out" \
	out_has '^different +enum "public"\."request_status"$'
ok "... before and after" out_has '^ +values +new, done +-> new, pending, done, failed$'
ok "a table only in the database" out_has '^only in database +table "public"\."legacy"$'
ok "a table only in the schema" out_has '^only in schema\.sql +table "public"\."invoices"$'
ok "a column whose type differs" out_has '^  different +column "amount"$'
ok "... integer before, bigint after" out_has '^ +type +integer +-> bigint$'
ok "the foreign key renamed is a rename candidate" \
	out_has '^  rename candidate +foreign key "requests_org_fk" -> "requests_org_id_fkey"$'
ok "the index renamed is a rename candidate" \
	out_has '^  rename candidate +index "requests_amount_i" -> "requests_amount_idx"$'
ok "a view whose definition differs" out_has '^different +view "public"\."open_requests"$'
ok "another tool's tracking table is not in the report" eval '! out_has schema_migrations'
ok "no SQL" eval '! out_has "^(CREATE|DROP|ALTER|BEGIN)"'

# --- JSON -------------------------------------------------------------------------
plumb diff "$URL" schema.sql --report --json
ok "--report --json exits 0, records with every key" py 'assert d["ok"] is True and d["dialect"] == "pg"' \
	'assert (d["left"], d["right"]) == ("database", "schema.sql")' \
	'[keys_ok(x) for x in d["objects"]]'
ok "the URL it shows has no password and names the database" py 'assert d["from"].startswith("postgresql:///")'
ok "objects in create order: enums before tables, views last" py \
	'assert [(x["kind"], x["name"]) for x in d["objects"]] == [("enum", "request_status"), ("table", "invoices"), ("table", "legacy"), ("table", "requests"), ("view", "open_requests")], [(x["kind"], x["name"]) for x in d["objects"]]'
ok "the enum: values before and after as lists" py 'x = r("enum", "public", "request_status")' \
	'assert x["status"] == "different"' \
	'assert x["attributes"] == [{"name": "values", "before": ["new", "done"], "after": ["new", "pending", "done", "failed"]}], x'
ok "legacy only in the database, with its columns" py 'x = r("table", "public", "legacy")' \
	'assert x["status"] == "only_in_database"' \
	'assert x["attributes"] == [{"name": "columns", "before": ["id", "note"], "after": None}], x'
ok "invoices only in the schema" py 'x = r("table", "public", "invoices")' \
	'assert x["status"] == "only_in_schema"' \
	'assert x["attributes"] == [{"name": "columns", "before": None, "after": ["id", "total"]}], x'
ok "requests: its differing parts as children" py 'x = r("table", "public", "requests")' \
	'assert x["status"] == "different" and x["attributes"] == []' \
	'assert [(c["kind"], c["name"], c["status"]) for c in x["children"]] == [("column", "amount", "different"), ("foreign key", "requests_org_id_fkey", "renamed_candidate"), ("index", "requests_amount_idx", "renamed_candidate")], x["children"]'
ok "the column: type integer before, bigint after" py \
	'c = find(r("table", "public", "requests")["children"], "column", "amount")' \
	'assert c["attributes"] == [{"name": "type", "before": "integer", "after": "bigint"}], c'
ok "the foreign key: from and to" py \
	'c = find(r("table", "public", "requests")["children"], "foreign key", "requests_org_id_fkey")' \
	'assert (c["from"], c["to"]) == ("requests_org_fk", "requests_org_id_fkey") and c["attributes"] == []'
ok "the index: from and to" py \
	'c = find(r("table", "public", "requests")["children"], "index", "requests_amount_idx")' \
	'assert (c["from"], c["to"]) == ("requests_amount_i", "requests_amount_idx")'
ok "the view: definition before and after" py 'x = r("view", "public", "open_requests")' \
	'[a] = x["attributes"]' \
	'assert a["name"] == "definition" and "new" in a["before"] and "pending" in a["after"], a'
ok "the summary" py \
	'assert d["summary"] == {"only_in_database": 1, "only_in_schema": 1, "different": 4, "renamed": 2}, d["summary"]'

# --- against a migrations folder ---------------------------------------------------
mkdir migrations
plumb generate init --dialect pg
ok "generate writes the folder's first migration" rc_is 0
plumb diff "$URL" migrations --report --json
ok "against the migrations folder: the same records" py \
	'assert d["right"] == "migrations"' \
	'assert r("enum", "public", "request_status")["attributes"][0]["after"] == ["new", "pending", "done", "failed"]' \
	'assert find(r("table", "public", "requests")["children"], "foreign key", "requests_org_id_fkey")["status"] == "renamed_candidate"'
plumb diff "$URL" migrations --report --exit-code
ok "--exit-code: 3 with differences" rc_is 3
ok "the text names the folder" out_has '^only in migrations +table "public"\."invoices"$'

# --- diff only reads: no refusal for hazards -------------------------------------------
plumb diff "$URL" schema.sql
ok "diff of a plan that drops a table exits 0" rc_is 0
ok "the hazard is a comment of the plan" out_has '^-- hazard deletes-data: drops table "legacy"'
plumb diff "$URL" schema.sql --json
ok "diff --json: ok, the hazard as a record of its statement" py 'assert d["ok"] is True' \
	'assert any(h["kind"] == "deletes-data" and h["destructive"] for s in d["statements"] for h in s["hazards"])'
plumb push --url "$URL" --schema schema.sql
ok "push still refuses it (exit 4)" rc_is 4
ok "the database is unchanged" eval '[ "$(dump)" = "$before" ] && [ "$(q "SELECT count(*) FROM legacy")" = 1 ]'

tap_done
