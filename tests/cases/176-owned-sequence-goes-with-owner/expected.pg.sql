BEGIN;
-- hazard deletes-data: drops table "b" and its rows
-- hazard access-exclusive-lock: locks the dropped tables against reads and writes while it runs
DROP TABLE "public"."b";
-- hazard access-exclusive-lock: locks table "c" against reads and writes while it runs
-- hazard deletes-data: drops column "c"."n" and its values
ALTER TABLE "public"."c" DROP COLUMN "n";
COMMIT;
