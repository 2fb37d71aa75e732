#!/usr/bin/env bash
# diff --report on SQLite (issue 13, the audit): a database against a schema
# file object by object: a table only in the database, one only in the
# schema, a column whose type differs (before and after), a foreign key and
# an index that differ only by name (rename candidates), in text and as JSON
# records checked field by field; and diff, which only reads, never refuses
# for hazards. Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"

# py EXPR...: runs the Python statements with d the JSON document of $OUT
# and r(kind, name) its top-level record; fails when an assert does.
py() {
	python3 - "$OUT" "$@" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
def find(records, kind, name):
    got = [x for x in records if x["kind"] == kind and x["name"] == name]
    assert len(got) == 1, (kind, name, [(x["kind"], x["name"]) for x in records])
    return got[0]
def r(kind, name):
    return find(d["objects"], kind, name)
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

sqlite3 app.db "
CREATE TABLE orgs (id INTEGER PRIMARY KEY);
CREATE TABLE legacy (id INTEGER PRIMARY KEY, note TEXT);
CREATE TABLE users (id INTEGER PRIMARY KEY, age INT, nick TEXT, org_id INT,
  CONSTRAINT users_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id) ON DELETE CASCADE);
CREATE INDEX users_age_i ON users (age);
INSERT INTO legacy VALUES (1, 'kept');"
cat >schema.sql <<'SQL'
CREATE TABLE orgs (id INTEGER PRIMARY KEY);
CREATE TABLE invoices (id INTEGER PRIMARY KEY, total NUMERIC NOT NULL);
CREATE TABLE users (id INTEGER PRIMARY KEY, age BIGINT, org_id INT, email TEXT,
  CONSTRAINT users_org_id_fkey FOREIGN KEY (org_id) REFERENCES orgs (id) ON DELETE CASCADE);
CREATE INDEX users_age_idx ON users (age);
SQL
before=$(sqlite3 app.db .schema)
eq_schema() { [ "$(sqlite3 app.db .schema)" = "$before" ] && [ "$(sqlite3 app.db 'SELECT count(*) FROM legacy')" = 1 ]; }

# --- text -------------------------------------------------------------------------
plumb diff sqlite:app.db schema.sql --report
ok "diff --report exits 0" rc_is 0
ok "it names the sides" out_has '^database -> schema\.sql$'
ok "a table only in the database" out_has '^only in database +table "legacy"$'
ok "... with its columns" out_has '^ +columns +id, note$'
ok "a table only in the schema" out_has '^only in schema\.sql +table "invoices"$'
ok "a table that differs" out_has '^different +table "users"$'
ok "a column whose type differs, under its table" out_has '^  different +column "age"$'
ok "... before and after" out_has '^ +type +INT +-> BIGINT$'
ok "a column only in the database" out_has '^  only in database +column "nick"$'
ok "a column only in the schema" out_has '^  only in schema\.sql +column "email"$'
ok "a foreign key renamed is a rename candidate, not a drop and an add" \
	out_has '^  rename candidate +foreign key "users_org_fk" -> "users_org_id_fkey"$'
ok "so is an index renamed" out_has '^  rename candidate +index "users_age_i" -> "users_age_idx"$'
ok "no SQL" eval '! out_has "^(CREATE|DROP|ALTER|BEGIN)"'
ok "a summary" out_has '^2 only in database, 2 only in schema\.sql, 2 different, 2 renamed or rename candidates$'
plumb diff sqlite:app.db schema.sql --report --exit-code
ok "--report --exit-code: exit 3 with differences" rc_is 3

# --- JSON -------------------------------------------------------------------------
plumb diff sqlite:app.db schema.sql --report --json
ok "--report --json exits 0" rc_is 0
ok "one document of records" py 'assert d["ok"] is True and d["dialect"] == "sqlite"' \
	'assert d["left"] == "database" and d["right"] == "schema.sql"' \
	'assert d["from"] == "sqlite:app.db" and d["to"] == "schema.sql"' \
	'[keys_ok(x) for x in d["objects"]]'
ok "the objects, in order" py \
	'assert [(x["kind"], x["name"]) for x in d["objects"]] == [("table", "invoices"), ("table", "legacy"), ("table", "users")], d["objects"]'
ok "only in the database: legacy and its columns" py 'x = r("table", "legacy")' \
	'assert x["status"] == "only_in_database" and x["schema"] is None' \
	'assert x["attributes"] == [{"name": "columns", "before": ["id", "note"], "after": None}]' \
	'assert x["children"] == []'
ok "only in the schema: invoices" py 'x = r("table", "invoices")' \
	'assert x["status"] == "only_in_schema"' \
	'assert x["attributes"] == [{"name": "columns", "before": None, "after": ["id", "total"]}]'
ok "users differs, its parts as children" py 'x = r("table", "users")' \
	'assert x["status"] == "different" and x["attributes"] == []' \
	'assert [(c["kind"], c["name"], c["status"]) for c in x["children"]] == [("column", "age", "different"), ("column", "nick", "only_in_database"), ("column", "email", "only_in_schema"), ("foreign key", "users_org_id_fkey", "renamed_candidate"), ("index", "users_age_idx", "renamed_candidate")], x["children"]'
ok "the column type before and after" py 'c = find(r("table", "users")["children"], "column", "age")' \
	'assert c["attributes"] == [{"name": "type", "before": "INT", "after": "BIGINT"}], c'
ok "the foreign key rename candidate: from and to" py \
	'c = find(r("table", "users")["children"], "foreign key", "users_org_id_fkey")' \
	'assert c["from"] == "users_org_fk" and c["to"] == "users_org_id_fkey" and c["attributes"] == []'
ok "the index rename candidate" py 'c = find(r("table", "users")["children"], "index", "users_age_idx")' \
	'assert (c["from"], c["to"]) == ("users_age_i", "users_age_idx")'
ok "the summary counts" py \
	'assert d["summary"] == {"only_in_database": 2, "only_in_schema": 2, "different": 2, "renamed": 2}, d["summary"]'

# a foreign key that differs in more than its name is no rename candidate
sed 's/ON DELETE CASCADE/ON DELETE SET NULL/' schema.sql >schema2.sql
plumb diff sqlite:app.db schema2.sql --report --json
ok "a foreign key with another ON DELETE: one only in each side" py \
	'ch = r("table", "users")["children"]' \
	'assert find(ch, "foreign key", "users_org_fk")["status"] == "only_in_database"' \
	'assert find(ch, "foreign key", "users_org_id_fkey")["status"] == "only_in_schema"'
# the same name, another definition: different, attribute by attribute
sed 's/users_org_id_fkey/users_org_fk/' schema2.sql >schema3.sql
plumb diff sqlite:app.db schema3.sql --report --json
ok "a foreign key of the same name: different, on delete before and after" py \
	'c = find(r("table", "users")["children"], "foreign key", "users_org_fk")' \
	'assert c["status"] == "different" and c["attributes"] == [{"name": "on delete", "before": "CASCADE", "after": "SET NULL"}], c'

# --- equal sides ------------------------------------------------------------------------
sqlite3 same.db "CREATE TABLE orgs (id INTEGER PRIMARY KEY);"
printf 'CREATE TABLE orgs (id INTEGER PRIMARY KEY);\n' >same.sql
plumb diff sqlite:same.db same.sql --report --exit-code
ok "equal sides: nothing, exit 0" eval 'rc_is 0 && out_empty'
plumb diff sqlite:same.db same.sql --report --json
ok "equal sides in JSON: no objects" py 'assert d["objects"] == [] and d["ok"] is True'

# --- diff only reads: no refusal for hazards -------------------------------------------
plumb diff sqlite:app.db schema.sql
ok "diff of a destructive plan exits 0" rc_is 0
ok "the hazard is a comment of the plan" out_has '^-- hazard deletes-data: drops table "legacy"'
plumb diff sqlite:app.db schema.sql --exit-code
ok "with --exit-code: 3, not 4" rc_is 3
ok "the database is unchanged" eq_schema
plumb push --url sqlite:app.db --schema schema.sql
ok "push still refuses the destructive plan (exit 4)" rc_is 4
ok "... and changes nothing" eq_schema

tap_done
