#!/usr/bin/env bash
# The replay cache (PLUMB_CACHE_DIR): a migrations folder replayed offline
# leaves its catalog there; the next command on the same files reads it, with
# the same result; a changed file, --owners or a damaged entry misses; an
# entry others may write is not read; an entry that is not what the replay
# gives is caught by PLUMB_CACHE_VERIFY; --dry-run and "off" write nothing;
# an unusable folder changes nothing; the 16 most recently used entries are
# kept. No server. Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"
unset PGHOST PGPORT PGUSER PGDATABASE DATABASE_URL PLUMB_PG_URL PLUMB_CACHE_VERIFY
C="$WORK/cache"
export PLUMB_CACHE_DIR="$C"
entries() { find "$1" -maxdepth 1 -name 'replay-*.cat' 2>/dev/null | wc -l; }

mkdir app && cd app || exit 1
plumb init --dialect pg
cat >schema.sql <<'SQL'
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
CREATE INDEX users_email_idx ON users (email);
SQL
plumb generate first --dialect pg
ok "the first generate (nothing to replay) writes no entry" eval 'rc_is 0 && [ "$(entries "$C")" -eq 0 ]'

plumb diff migrations schema.sql --dialect pg --verbose
ok "a replay writes an entry" eval 'rc_is 0 && out_empty && err_has "replay cache: wrote" && [ "$(entries "$C")" -eq 1 ]'
ok "... private to the user" eval '[ "$(stat -c %a "$C")" = 700 ] && [ "$(stat -c %a "$C"/replay-*.cat)" = 600 ]'

echo "CREATE TABLE posts (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));" >>schema.sql
plumb diff migrations schema.sql --dialect pg --verbose
cp "$OUT" "$WORK/plan-hit"
ok "the next command on the same files reads it" eval 'rc_is 0 && err_has "replay cache: read" && ! err_has "wrote"'
PLUMB_CACHE_DIR=off plumb diff migrations schema.sql --dialect pg --verbose
ok "... and plans what a replay plans" eval 'rc_is 0 && ! err_has "replay cache" && same_files "$WORK/plan-hit" "$OUT"'

plumb generate posts --dialect pg --verbose
ok "generate reads it too" eval 'rc_is 0 && err_has "replay cache: read" && ls migrations/*_posts.sql >/dev/null'
plumb check --dialect pg --verbose
ok "check replays the two migrations once, writing their entry" \
	eval 'rc_is 0 && err_has "replay cache: wrote" && [ "$(entries "$C")" -eq 2 ]'
two=$(ls -t "$C"/replay-*.cat | head -1)
plumb check --dialect pg --verbose
ok "... and then reads it" eval 'rc_is 0 && err_has "replay cache: read"'
plumb check --dialect pg --owners --verbose
ok "--owners is another key" eval 'rc_is 0 && err_has "replay cache: wrote"'

# a changed migration is another key
f=$(ls migrations/*_posts.sql)
echo "CREATE INDEX posts_user_idx ON posts (user_id);" >>"$f"
plumb sum
plumb diff migrations schema.sql --dialect pg --verbose
ok "a changed migration misses and is replayed" \
	eval 'rc_is 0 && err_has "no entry" && err_has "wrote" && out_has "DROP INDEX"'

# a damaged entry is replayed again, with the same result
e=$(ls -t "$C"/replay-*.cat | head -1)
head -c 100 "$e" >"$e.cut" && mv "$e.cut" "$e"
plumb diff migrations schema.sql --dialect pg --verbose
ok "a damaged entry is not used: the folder is replayed" \
	eval 'rc_is 0 && err_has "damaged entry" && out_has "DROP INDEX"'
plumb diff migrations schema.sql --dialect pg --verbose
ok "... and its entry written again" eval 'rc_is 0 && err_has "replay cache: read" && out_has "DROP INDEX"'

# an entry others may write is not trusted
chmod g+w "$e"
plumb diff migrations schema.sql --dialect pg --verbose
ok "an entry others may write is not read" eval 'rc_is 0 && err_has "no entry" && out_has "DROP INDEX"'
chmod g-w "$e"

# an entry under a right key that holds another catalog: used as it is,
# unless PLUMB_CACHE_VERIFY compares it with the replay
key=$(basename "$e" .cat | sed 's/^replay-//')
{ printf '%s' "$key"; tail -c +65 "$two"; } >"$e.new" && mv "$e.new" "$e"
plumb diff migrations schema.sql --dialect pg
ok "(a wrong entry is taken at its word)" eval 'rc_is 0 && ! out_has "DROP INDEX"'
PLUMB_CACHE_VERIFY=1 plumb diff migrations schema.sql --dialect pg
ok "PLUMB_CACHE_VERIFY catches it" eval 'rc_is 1 && err_has "replay cache gave another catalog"'
rm -f "$e"

# --dry-run and off write nothing
rm -rf "$C"
plumb generate --dry-run --dialect pg
ok "--dry-run writes no entry" eval 'rc_is 0 && [ ! -e "$C" ]'
PLUMB_CACHE_DIR=off plumb generate again --dialect pg
ok "off writes no entry" eval 'rc_is 0 && [ ! -e "$C" ]'
rm -f migrations/*_again.sql && plumb sum

# a cache folder that cannot be made changes nothing
: >"$WORK/afile"
PLUMB_CACHE_DIR="$WORK/afile/cache" plumb diff migrations schema.sql --dialect pg
ok "a folder that cannot be made: the command works" eval 'rc_is 0 && out_has "DROP INDEX"'

# the 16 most recently used are kept
mkdir "$WORK/many" && cd "$WORK/many" || exit 1
plumb init --dialect pg
: >empty.sql
for i in $(seq 1 18); do
	echo "CREATE TABLE t$i (a int);" >"migrations/2026010100$(printf %04d "$i")_t$i.sql"
	plumb sum
	plumb diff migrations empty.sql --dialect pg
done
ok "18 folders replayed, 16 entries kept" eval '[ "$(entries "$C")" -eq 16 ]'

tap_done
