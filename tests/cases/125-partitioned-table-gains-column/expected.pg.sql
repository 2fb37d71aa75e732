BEGIN;
-- hazard access-exclusive-lock: locks table "m" against reads and writes while it runs
ALTER TABLE "public"."m" ADD COLUMN "note" text;
COMMIT;
