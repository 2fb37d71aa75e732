BEGIN;
-- hazard deletes-data: drops table "t" and its rows
-- hazard access-exclusive-lock: locks the dropped tables against reads and writes while it runs
DROP TABLE "public"."t";
DROP DOMAIN "public"."derived";
DROP DOMAIN "public"."base_text";
COMMIT;
