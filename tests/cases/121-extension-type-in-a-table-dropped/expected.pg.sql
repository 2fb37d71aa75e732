BEGIN;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
-- hazard deletes-data: drops column "t"."h" and its values
ALTER TABLE "public"."t" DROP COLUMN "h";
DROP EXTENSION "hstore";
COMMIT;
