BEGIN;
-- the column is to come from a parent that gains it: dropped here so that the parent's takes its place
-- hazard access-exclusive-lock: locks table "a" against reads and writes while it runs
-- hazard deletes-data: drops column "a"."e" and its values
ALTER TABLE "public"."a" DROP COLUMN "e";
-- hazard access-exclusive-lock: locks table "base" against reads and writes while it runs
ALTER TABLE "public"."base" ADD COLUMN "e" integer;
-- hazard access-exclusive-lock: locks table "a" against reads and writes while it runs
ALTER TABLE "public"."a" ADD COLUMN "a2" integer;
COMMIT;
