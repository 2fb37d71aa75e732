BEGIN;
CREATE TABLE flipr.users (nickname text PRIMARY KEY);
COMMIT;
