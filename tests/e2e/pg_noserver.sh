#!/usr/bin/env bash
# PostgreSQL with no server at all (as root too, as CI runs it): init,
# generate the first migration, change the schema, generate the second,
# check schema against migrations; the migrations folder is replayed
# offline. A statement only a server can know (a DO block) is an error at
# its file:line:col naming --dev-url; data statements are skipped; a folder
# whose RENAME/DROP/ALTER the replay follows gives the schema exactly. No
# PGHOST: nothing may try to reach a server. Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"
unset PGHOST PGPORT PGUSER PGDATABASE DATABASE_URL PLUMB_PG_URL
export PATH="/nonexistent-no-postgres:$PATH"

mkdir app && cd app || exit 1
plumb init --dialect pg
ok "init" rc_is 0
cat >schema.sql <<'SQL'
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE, m mood);
CREATE TABLE posts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE, title text NOT NULL);
CREATE INDEX posts_user_idx ON posts (user_id);
CREATE VIEW post_titles AS SELECT p.id, p.title, u.email FROM posts p JOIN users u ON u.id = p.user_id;
SQL
plumb generate init --dialect pg
ok "the first generate works with no server" eval 'rc_is 0 && ls migrations/*_init.sql >/dev/null'
ok "... and says what it wrote" err_has 'create table "public"."users"'
cat >>schema.sql <<'SQL'
ALTER TABLE posts ADD COLUMN body text NOT NULL DEFAULT '';
ALTER TYPE mood ADD VALUE 'meh';
SQL
plumb generate body --dialect pg
ok "the second generate replays the first offline" eval 'rc_is 0 && ls migrations/*_body.sql >/dev/null'
ok "... and plans only the change" eval "grep -q 'ADD COLUMN \"body\"' migrations/*_body.sql && grep -q \"ADD VALUE 'meh'\" migrations/*_body.sql && ! grep -q 'CREATE TABLE' migrations/*_body.sql"
plumb check --dialect pg
ok "check: schema and migrations agree" eval 'rc_is 0 && out_has "schema.sql matches the migrations"'
plumb generate again --dialect pg
ok "nothing left to generate" eval 'rc_is 0 && err_has "no changes"'

# a hand-written migration the replay follows: data, renames, drops, ALTERs
cat >migrations/20990101000000_hand.sql <<'SQL'
INSERT INTO users (email) VALUES ('a@b.c');
UPDATE users SET m = 'happy';
SELECT setval('users_id_seq', 100);
ALTER TABLE posts ALTER COLUMN title TYPE varchar(200);
ALTER TABLE posts ADD CONSTRAINT posts_title_check CHECK (title <> '') NOT VALID;
ALTER TABLE posts VALIDATE CONSTRAINT posts_title_check;
CREATE TABLE scratch (a int);
DROP TABLE scratch;
SQL
plumb sum
ok "sum" rc_is 0
plumb diff migrations schema.sql --dialect pg
ok "the replayed folder differs from the schema by what the hand migration did" \
	eval "rc_is 0 && out_has 'TYPE text' && out_has 'DROP CONSTRAINT \"posts_title_check\"' && ! out_has 'scratch'"
cat >>schema.sql <<'SQL'
ALTER TABLE posts ALTER COLUMN title TYPE varchar(200);
ALTER TABLE posts ADD CONSTRAINT posts_title_check CHECK (title <> '');
SQL
plumb diff migrations schema.sql --dialect pg
ok "... and nothing once the schema says the same" eval 'rc_is 0 && out_empty'

# what only a server knows is an error where it is written, never skipped
printf 'CREATE TABLE t (a int);\n  DO $$ BEGIN EXECUTE %s; END $$;\n' "'CREATE TABLE u (b int)'" \
	>migrations/20990101000001_do.sql
plumb sum
plumb generate more --dialect pg
ok "a DO block in a migration is an error" rc_is 1
ok "... at its file:line:col" err_has 'migrations/20990101000001_do.sql:2:3: a DO block cannot be read without a server'
ok "... naming --dev-url" err_has 'hint: give --dev-url to replay the migrations'
ok "... and nothing was written" eval '! ls migrations/*_more.sql 2>/dev/null'

# the schema is read beside the replay (util/side.c): with both wrong, the
# folder's error is the one told, as when they are read in turn; then the
# schema's, at its place
cp schema.sql schema.good
printf 'CREATE TABLE z (a int);\nCREATE TABLE broken (a int,,);\n' >>schema.sql
plumb generate more --dialect pg
ok "folder and schema both wrong: the folder's error" \
	eval "rc_is 1 && err_has 'migrations/20990101000001_do.sql:2:3' && ! err_has 'schema.sql:'"
rm migrations/20990101000001_do.sql
plumb sum
plumb generate more --dialect pg
ok "the schema's error alone, at its file:line:col" \
	eval "rc_is 1 && err_has \"schema.sql:\$(grep -n 'broken' schema.sql | cut -d: -f1):\""
ok "... and nothing was written" eval '! ls migrations/*_more.sql 2>/dev/null'
cp schema.good schema.sql
plumb check --dialect pg
ok "check reads both again" eval 'rc_is 0 && out_has "schema.sql matches the migrations"'

tap_done
