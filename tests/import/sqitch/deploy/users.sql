BEGIN;
ALTER TABLE flipr.users ADD COLUMN twitter text;
COMMIT;
