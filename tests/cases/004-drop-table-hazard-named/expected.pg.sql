BEGIN;
-- hazard deletes-data: drops table "bigdata" and its rows
-- hazard access-exclusive-lock: locks the dropped tables against reads and writes while it runs
DROP TABLE "public"."bigdata";
COMMIT;
