BEGIN;
CREATE EXTENSION IF NOT EXISTS "hstore";
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" ADD COLUMN "h" hstore;
COMMIT;
