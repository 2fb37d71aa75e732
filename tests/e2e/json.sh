#!/usr/bin/env bash
# Under --json every command prints exactly one JSON document on stdout, on
# every path: {"ok": true, ...} on success, {"ok": false, ..., "error":
# {code, message, detail, hint, sqlstate, object, position}} on failure
# (usage errors, refusals with "hazards" as records, integrity errors, lock
# timeouts, database errors), "ok" false exactly when the exit code is not 0.
# Also status --exit-code: 7 for pending, 8 for failed, modified, missing or
# out-of-order migrations. On SQLite, in a fresh temporary folder. Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"

# doc OK [CODE] [KEY...]: stdout is exactly one JSON object whose "ok" is OK
# (true/false) and agrees with the exit code; when false, its "error" has
# every field and the code CODE (- for any); each KEY is a member of it.
doc() {
	python3 - "$OUT" "$RC" "$@" <<'PY'
import json, sys
path, rc, want_ok = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "true"
code = sys.argv[4] if len(sys.argv) > 4 else "-"
keys = sys.argv[5:]
text = open(path).read()
try:
    d = json.loads(text)
except ValueError as e:
    sys.exit("stdout is not one JSON document: %s" % e)
if not isinstance(d, dict):
    sys.exit("not an object")
if d.get("ok") is not want_ok:
    sys.exit("ok is %r" % d.get("ok"))
if (rc == 0) != want_ok:
    sys.exit("ok %r but exit %d" % (want_ok, rc))
if not want_ok:
    e = d.get("error")
    fields = ["code", "message", "detail", "hint", "sqlstate", "object", "position"]
    if not isinstance(e, dict) or any(f not in e for f in fields):
        sys.exit("error lacks fields: %r" % e)
    if not isinstance(e["message"], str) or not e["message"]:
        sys.exit("error has no message")
    if code != "-" and e["code"] != code:
        sys.exit("error code %r, expected %r" % (e["code"], code))
for k in keys:
    if k not in d:
        sys.exit("no member %r" % k)
PY
}

# hazards_are_records: the document's "hazards" are records with kind,
# message, destructive and sql, at least one of them destructive.
# plan_hazards_are_records: a plan diff did not refuse names its destructive
# hazards as records of its statements.
plan_hazards_are_records() {
	python3 - "$OUT" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
h = [r for s in d["statements"] for r in s["hazards"]]
for r in h:
    assert isinstance(r["kind"], str) and isinstance(r["message"], str), r
    assert isinstance(r["destructive"], bool), r
assert any(r["destructive"] and r["kind"] == "deletes-data" for r in h), h
assert d["fails_on_data"] == [], d["fails_on_data"]
PY
}

hazards_are_records() {
	python3 - "$OUT" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
h = d.get("hazards")
assert isinstance(h, list) and h, h
for r in h:
    assert isinstance(r["kind"], str) and isinstance(r["message"], str), r
    assert isinstance(r["destructive"], bool) and isinstance(r["sql"], str), r
assert any(r["destructive"] for r in h), h
PY
}

# position_is FILE LINE: the error's position names FILE at LINE.
position_is() {
	python3 - "$OUT" "$1" "$2" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))["error"]["position"]
assert p and p["file"].endswith(sys.argv[2]) and p["line"] == int(sys.argv[3]), p
PY
}

j() { plumb "$@" --json; }

# --- usage errors ---------------------------------------------------------------
j bogus
ok "unknown command: exit 2, one JSON error" eval 'rc_is 2 && doc false usage'
j status --bogus-option
ok "unknown option: exit 2, one JSON error" eval 'rc_is 2 && doc false usage'
j baseline
ok "missing argument: exit 2, one JSON error" eval 'rc_is 2 && doc false usage'
j status --to 1
ok "an option of another command: exit 2, one JSON error" eval 'rc_is 2 && doc false usage'
echo '{"environments": ' >plumb.json
j status
ok "a broken plumb.json: one JSON error with its position" \
	eval 'rc_is 2 && doc false usage && position_is plumb.json 2'
rm plumb.json

# --- init, generate ---------------------------------------------------------------
j init --dry-run
ok "init --dry-run: one document" eval 'rc_is 0 && doc true - created dry_run'
j init
ok "init: one document" eval 'rc_is 0 && doc true - created'
cat >schema.sql <<'SQL'
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  nick TEXT
);
SQL
j generate one --dry-run
ok "generate --dry-run: one document, not the SQL" eval 'rc_is 0 && doc true - migration statements'
j generate one
ok "generate: one document" eval 'rc_is 0 && doc true - migration statements'
j generate again
ok "generate with no change: one document" eval 'rc_is 0 && doc true - migration'
cp schema.sql good_schema.sql
printf 'CREATE TABLE users (\n  id INTEGER PRIMARY KEY,,\n);\n' >schema.sql
j generate broken
ok "generate with a syntax error: one JSON error at schema.sql:2" \
	eval 'rc_is 1 && doc false parse && position_is schema.sql 2'
cp good_schema.sql schema.sql

# --- migrate, status, check -------------------------------------------------------------
j status --exit-code
ok "status --exit-code with a pending migration: exit 7, ok false" eval 'rc_is 7 && doc false pending migrations_status'
j migrate --dry-run
ok "migrate --dry-run: one document" eval 'rc_is 0 && doc true - applied dry_run'
j migrate
ok "migrate: one document" eval 'rc_is 0 && doc true - applied'
j status --exit-code
ok "status --exit-code when up to date: exit 0, ok" eval 'rc_is 0 && doc true - migrations_status'
j check
ok "check when all agree: exit 0, ok" eval 'rc_is 0 && doc true -'
sqlite3 plumb.db "INSERT INTO users VALUES (1, 'ada', NULL)"

# --- refusals -------------------------------------------------------------------------------
printf 'CREATE TABLE users (\n  id INTEGER PRIMARY KEY,\n  name TEXT NOT NULL\n);\n' >schema.sql
j push
ok "push refused: exit 4, one JSON error" eval 'rc_is 4 && doc false hazard'
ok "push refused: hazards as records" hazards_are_records
j diff sqlite:plumb.db schema.sql
ok "diff only reads and never refuses: exit 0, one document" eval 'rc_is 0 && doc true - statements'
ok "diff: the destructive hazards as records of the plan" plan_hazards_are_records
j generate drop_nick
ok "generate refused: exit 4, one JSON error" eval 'rc_is 4 && doc false hazard'
ok "generate refused: hazards as records" hazards_are_records
j diff sqlite:plumb.db schema.sql --allow-data-loss
ok "diff: one document" eval 'rc_is 0 && doc true - statements'
j diff sqlite:plumb.db schema.sql --allow-data-loss --exit-code
ok "diff --exit-code with differences: exit 3, ok false" eval 'rc_is 3 && doc false diff statements'
j diff sqlite:plumb.db no_such_file.sql
ok "diff with a missing file: one JSON error" eval 'rc_is 1 && doc false not_found'
j push --dry-run --allow-data-loss
ok "push --dry-run: one document" eval 'rc_is 0 && doc true - statements dry_run'
cp good_schema.sql schema.sql
j push
ok "push in sync: one document" eval 'rc_is 0 && doc true - statements'

# --- pull --------------------------------------------------------------------------------
j pull
ok "pull over a schema file: exit 2, one JSON error" eval 'rc_is 2 && doc false usage'
j pull -o pulled.sql
ok "pull -o FILE: one document" eval 'rc_is 0 && doc true - path tables'
j pull -o -
ok "pull -o -: the catalog, one document" eval 'rc_is 0 && python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$OUT"'

# --- integrity: modified, failed, missing, out of order; baseline, repair, sum ---------------
first=$(ls migrations/*_one.sql)
echo "-- edited" >>"$first"
j migrate
ok "migrate with plumb.sum out of date: one JSON error" eval 'rc_is 1 && doc false integrity'
j generate next
ok "generate with plumb.sum out of date: one JSON error" eval 'rc_is 1 && doc false integrity'
j sum
ok "sum: one document" eval 'rc_is 0 && doc true - sum'
j status --exit-code
ok "status --exit-code with a modified migration: exit 8, one document" \
	eval 'rc_is 8 && doc false problem migrations_status'
plumb status --exit-code
ok "status --exit-code with a modified migration: exit 8 without --json too" rc_is 8
j check
ok "check with a modified migration: exit 8, one document" eval 'rc_is 8 && doc false problem'
j migrate
ok "migrate refusing a modified migration: one JSON error" eval 'rc_is 1 && doc false integrity applied'
j repair --dry-run
ok "repair --dry-run: one document" eval 'rc_is 0 && doc true - actions dry_run'
j repair
ok "repair: one document" eval 'rc_is 0 && doc true - actions'
v1=$(basename "$first" | sed 's/_.*//')
sqlite3 plumb.db "UPDATE plumb_migrations SET state = 'failed', error = 'boom'"
j status --exit-code
ok "status --exit-code with a failed migration: exit 8" eval 'rc_is 8 && doc false problem'
j migrate
ok "migrate refusing a failed migration: one JSON error" eval 'rc_is 1 && doc false failed'
j baseline "$v1"
ok "baseline: one document" eval 'rc_is 0 && doc true - baseline versions'
j baseline 1999
ok "baseline of an unknown version: one JSON error" eval 'rc_is 1 && doc false not_found'
printf 'CREATE TABLE old (id INTEGER);\n' >migrations/19990101000000_old.sql
plumb sum -q
j status --exit-code
ok "status --exit-code with an out-of-order migration: exit 8" eval 'rc_is 8 && doc false problem'
plumb status
ok "status lists it out-of-order" out_has "19990101000000 +out-of-order"
rm migrations/19990101000000_old.sql
plumb sum -q
sqlite3 plumb.db "INSERT INTO plumb_migrations (version, name, checksum, state, applied_at) VALUES ('29990101000000', 'gone', 'x', 'applied', '2026-01-01')"
j status --exit-code
ok "status --exit-code with a missing migration: exit 8" eval 'rc_is 8 && doc false problem'
sqlite3 plumb.db "DELETE FROM plumb_migrations WHERE version = '29990101000000'"
printf 'CREATE TABLE more (id INTEGER PRIMARY KEY);\n' >migrations/29990101000000_more.sql
plumb sum -q
j status --exit-code
ok "status --exit-code with only a pending migration: exit 7" eval 'rc_is 7 && doc false pending'
j check
ok "check with a pending migration not in the schema: exit 3, one document" eval 'rc_is 3 && doc false diff pending'
rm migrations/29990101000000_more.sql
plumb sum -q
j sum --dir no_such_folder
ok "sum of a missing folder: one JSON error" eval 'rc_is 1 && doc false not_found'

# --- a database error, a lock timeout -----------------------------------------------------------
j status --url sqlite:no_such_dir/x.db
ok "status on an impossible database: one document" eval 'rc_is 0 && doc true -'
j migrate --url sqlite:no_such_dir/x.db
ok "migrate on an impossible database: one JSON error" eval 'rc_is 1 && doc false db'
mkfifo hold
sqlite3 plumb.db <hold >/dev/null 2>&1 &
holder=$!
exec 3>hold
echo "BEGIN IMMEDIATE; SELECT 1;" >&3
# wait until the holder has the write lock (a long deadline, polled)
for _ in $(seq 1 600); do
	sqlite3 plumb.db "BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1 || break
	sleep 0.1
done
echo "CREATE TABLE more (id INTEGER PRIMARY KEY);" >migrations/29990101000000_more.sql
plumb sum -q
j migrate --lock-timeout 200ms
ok "migrate while another holds the lock: exit 5, one JSON error" eval 'rc_is 5 && doc false locked'
j repair --lock-timeout 200ms
ok "repair while another holds the lock: exit 5, one JSON error" eval 'rc_is 5 && doc false locked'
echo "ROLLBACK;" >&3
exec 3>&-
wait "$holder"

tap_done
