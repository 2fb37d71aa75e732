#!/usr/bin/env bash
# What plumb says is true and safe to print, on SQLite: raw bytes of what it
# was given are escaped (\xNN), plumb.json with unknown keys, wrong types or
# bad syntax is a usage error (exit 2) at plumb.json:LINE:COL naming the key,
# applied_by names the user without $USER, a read-only database is named,
# and check --dialect pg with no URL says that no pg database was given
# (that one under tests/lib/pgtmp.sh, which gives the dev database). Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"

"$PLUMB" init >/dev/null 2>&1
printf 'CREATE TABLE t (id integer PRIMARY KEY);\n' >schema.sql
"$PLUMB" generate create_t >/dev/null 2>&1

# --- raw bytes are escaped ------------------------------------------------
no_raw() { ! LC_ALL=C grep -qP '[\x00-\x08\x0b-\x1f\x7f\x80-\xff]' "$ERR" "$OUT"; }
plumb $'st\x1b[31matus\xff'
ok "an unknown command is shown escaped" err_has 'st\\x1B\[31matus\\xFF'
ok "... and no raw byte is printed" no_raw
plumb status --dialect $'p\x01g'
ok "an invalid option value is shown escaped" err_has 'p\\x01g'
ok "... and no raw byte is printed" no_raw
plumb diff $'a\x1bb.sql' schema.sql
ok "a missing file is shown escaped" err_has 'a\\x1Bb\.sql'
ok "... and no raw byte is printed" no_raw
plumb status --url $'\x1b]0;x\x07sqlite:a'
ok "an unrecognised URL is shown escaped" err_has '\\x1B\]0;x\\x07'
ok "... and no raw byte is printed" no_raw
plumb status --json --url $'bad\xffurl:x'
ok "the same with --json" no_raw
plumb status --url 'sqlite:café.db'
ok "UTF-8 is shown as it is" out_has 'café\.db'

# --- plumb.json -------------------------------------------------------------
# conf TEXT: writes plumb.json and runs plumb status
conf() { printf '%s\n' "$1" >plumb.json; plumb status; }
conf '{
  "schema": "schema.sql",
  "shema": "x.sql"
}'
ok "an unknown key is an error at its position" err_has '^plumb\.json:3:3: unknown key "shema"'
ok "... exit 2" rc_is 2
conf '{"migrations": 7}'
ok "a wrong type is an error naming the key" err_has '^plumb\.json:1:2: "migrations" must be a string'
ok "... exit 2" rc_is 2
conf '{"environments": {"default": {"url": "sqlite:x.db", "password": "x"}}}'
ok "an unknown key of an environment is an error" err_has '^plumb\.json:1:[0-9]+: unknown key "password" in an environment'
ok "... exit 2" rc_is 2
conf '{"environments": {"default": {"url": ["sqlite:x.db"]}}}'
ok "an environment's url of the wrong type is an error" err_has '"url" must be a string'
ok "... exit 2" rc_is 2
conf '{"environments": {"default": {"url": "sqlite:x.db"}, "prod": 3}}'
ok "an environment that is not an object is an error, used or not" err_has 'environment "prod" must be a JSON object'
ok "... exit 2" rc_is 2
conf '{"schema": "schema.sql",
  "migrations": }'
ok "a syntax error is at its position" err_has '^plumb\.json:2:[0-9]+: '
ok "... exit 2, as a type error" rc_is 2
conf '{"environments": {"default": {"url": "sqlite:x.db"}}}'
ok "a good config still works" rc_is 0
rm -f plumb.json x.db

# --- applied_by -------------------------------------------------------------
env -u USER -u LOGNAME "$PLUMB" migrate >"$OUT" 2>"$ERR"
RC=$?
ok "migrate runs without \$USER" rc_is 0
who=$(sqlite3 plumb.db "SELECT applied_by FROM plumb_migrations")
me=$(id -un 2>/dev/null || echo "uid $(id -u)")
ok "applied_by is the user's name, not unknown (got '$who')" [ "$who" = "$me" ]

# --- check --dialect pg with no URL -----------------------------------------
mkdir pgproj && cd pgproj || exit 1
"$PLUMB" init >/dev/null 2>&1
if [ -n "${PLUMB_PG_URL:-}" ]; then # migrations replay on the server (not as root locally)
	plumb check --dialect pg --dev-url "$PLUMB_PG_URL"
	ok "check --dialect pg without a URL says no pg database was given" out_has 'skip +no pg database given'
	ok "... and does not talk of sqlite:plumb.db" bash -c "! grep -q 'sqlite:plumb.db' '$OUT'"
else
	skip "check --dialect pg without a URL says no pg database was given" "PLUMB_PG_URL not set"
fi
cd "$WORK" || exit 1

# --- a read-only database is named -----------------------------------------
printf 'CREATE TABLE t (id integer PRIMARY KEY, b text);\n' >schema.sql
"$PLUMB" generate add_b >/dev/null 2>&1
chmod 444 plumb.db
chmod 555 .
if [ "$(id -u)" -ne 0 ]; then
	plumb migrate
	ok "a read-only database is named in the error" err_has 'readonly database "plumb\.db"'
	plumb push
	ok "... by push too" err_has 'readonly database "plumb\.db"'
elif command -v runuser >/dev/null && id nobody >/dev/null 2>&1; then
	chmod 755 "$WORK"
	runuser -u nobody -- "$PLUMB" migrate >"$OUT" 2>"$ERR"
	RC=$?
	ok "a read-only database is named in the error" err_has 'readonly database "plumb\.db"'
	runuser -u nobody -- "$PLUMB" push >"$OUT" 2>"$ERR"
	RC=$?
	ok "... by push too" err_has 'readonly database "plumb\.db"'
else
	skip "a read-only database is named in the error" "root without runuser"
fi
chmod 755 .
chmod 644 plumb.db

tap_done
