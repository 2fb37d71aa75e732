BEGIN;
-- hazard access-exclusive-lock: locks table "items" against reads and writes while it runs
DROP RULE "items_clean" ON "public"."items";
-- hazard access-exclusive-lock: locks table "items" against reads and writes while it runs
DROP RULE "items_log" ON "public"."items";
-- hazard deletes-data: drops table "old_log" and its rows
-- hazard access-exclusive-lock: locks the dropped tables against reads and writes while it runs
DROP TABLE "public"."old_log";
-- hazard access-exclusive-lock: locks table "items" against reads and writes while it runs
CREATE RULE items_log AS ON INSERT TO public.items DO UPDATE counts SET n = n + 1;
COMMIT;
