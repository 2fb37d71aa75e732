BEGIN;
DROP FUNCTION "public"."calc"();
-- hazard access-exclusive-lock: locks view "v" against reads and writes while it runs
DROP VIEW "public"."v";
-- hazard deletes-data: drops table "t" and its rows
-- hazard access-exclusive-lock: locks the dropped tables against reads and writes while it runs
DROP TABLE "public"."t";
DROP FUNCTION "public"."twice"(integer);
COMMIT;
