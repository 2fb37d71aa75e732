BEGIN;
-- "items" is a foreign table: its rows stay on server "remote", no data is lost
-- hazard access-exclusive-lock: locks table "items" against reads and writes while it runs
DROP FOREIGN TABLE "public"."items";
-- "more_items" is a foreign table: its rows stay on server "remote", no data is lost
-- hazard access-exclusive-lock: locks table "more_items" against reads and writes while it runs
DROP FOREIGN TABLE "public"."more_items";
DROP SERVER "remote";
COMMIT;
