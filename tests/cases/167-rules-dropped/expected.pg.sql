BEGIN;
-- hazard access-exclusive-lock: locks view "cheap" against reads and writes while it runs
DROP RULE "cheap_ins" ON "public"."cheap";
-- hazard access-exclusive-lock: locks table "items" against reads and writes while it runs
DROP RULE "Items Delete" ON "public"."items";
-- hazard access-exclusive-lock: locks table "items" against reads and writes while it runs
DROP RULE "items_log" ON "public"."items";
-- hazard access-exclusive-lock: locks table "items" against reads and writes while it runs
DROP RULE "items_no_negative" ON "public"."items";
-- hazard access-exclusive-lock: locks table "items" against reads and writes while it runs
DROP RULE "items_upd" ON "public"."items";
COMMIT;
