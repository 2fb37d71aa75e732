BEGIN;
-- enum "mood" loses values: build the new type, move the columns over, drop the old one
CREATE TYPE "public"."mood__plumb_new" AS ENUM ('happy');
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
-- hazard rewrites-table: rewrites table "t" to change the type of "m"
-- hazard deletes-data: value 'sad' leaves enum "mood": rows of "t"."m" holding it make the change fail
ALTER TABLE "public"."t" ALTER COLUMN "m" TYPE "public"."mood__plumb_new" USING "m"::text::"public"."mood__plumb_new";
DROP TYPE "public"."mood";
ALTER TYPE "public"."mood__plumb_new" RENAME TO "mood";
COMMIT;
