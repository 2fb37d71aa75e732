BEGIN;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" ADD COLUMN "name" text;
COMMIT;
