BEGIN;
-- hazard access-exclusive-lock: locks table "m" against reads and writes while it runs
-- hazard deletes-data: drops column "m"."note" and its values
ALTER TABLE "public"."m" DROP COLUMN "note";
COMMIT;
