BEGIN;
-- reads a table or view that changes: dropped here, created again after
-- hazard access-exclusive-lock: locks view "tv" against reads and writes while it runs
DROP VIEW "public"."tv";
-- enum "mood" loses values: build the new type, move the columns over, drop the old one
CREATE TYPE "public"."mood__plumb_new" AS ENUM ('happy', 'sad');
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
-- hazard rewrites-table: rewrites table "t" to change the type of "m"
ALTER TABLE "public"."t" ALTER COLUMN "m" TYPE "public"."mood__plumb_new" USING "m"::text::"public"."mood__plumb_new";
DROP TYPE "public"."mood";
ALTER TYPE "public"."mood__plumb_new" RENAME TO "mood";
CREATE VIEW public.tv AS SELECT m FROM t;
COMMIT;
