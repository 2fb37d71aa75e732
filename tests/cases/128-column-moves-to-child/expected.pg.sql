BEGIN;
-- hazard access-exclusive-lock: locks table "base" against reads and writes while it runs
-- hazard deletes-data: drops column "base"."e" and its values
ALTER TABLE "public"."base" DROP COLUMN "e";
-- hazard access-exclusive-lock: locks table "a" against reads and writes while it runs
-- hazard deletes-data: drops column "a"."a2" and its values
ALTER TABLE "public"."a" DROP COLUMN "a2";
-- hazard access-exclusive-lock: locks table "a" against reads and writes while it runs
ALTER TABLE "public"."a" ADD COLUMN "e" integer;
COMMIT;
