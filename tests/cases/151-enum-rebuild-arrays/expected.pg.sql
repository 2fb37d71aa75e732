BEGIN;
-- enum "mood" loses values: build the new type, move the columns over, drop the old one
CREATE TYPE "public"."mood__plumb_new" AS ENUM ('sad', 'happy');
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
-- hazard rewrites-table: rewrites table "t" to change the type of "m"
-- hazard deletes-data: value 'ok' leaves enum "mood": rows of "t"."m" holding it make the change fail
ALTER TABLE "public"."t" ALTER COLUMN "m" TYPE "public"."mood__plumb_new" USING "m"::text::"public"."mood__plumb_new";
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
-- hazard rewrites-table: rewrites table "t" to change the type of "ms"
-- hazard deletes-data: value 'ok' leaves enum "mood": rows of "t"."ms" holding it make the change fail
ALTER TABLE "public"."t" ALTER COLUMN "ms" TYPE "public"."mood__plumb_new"[] USING "ms"::text[]::"public"."mood__plumb_new"[];
DROP TYPE "public"."mood";
ALTER TYPE "public"."mood__plumb_new" RENAME TO "mood";
-- enum "Mood[]" loses values: build the new type, move the columns over, drop the old one
CREATE TYPE "public"."Mood[]__plumb_new" AS ENUM ('low', 'high');
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
-- hazard rewrites-table: rewrites table "t" to change the type of "odd"
-- hazard deletes-data: value 'mid' leaves enum "Mood[]": rows of "t"."odd" holding it make the change fail
ALTER TABLE "public"."t" ALTER COLUMN "odd" TYPE "public"."Mood[]__plumb_new" USING "odd"::text::"public"."Mood[]__plumb_new";
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
-- hazard rewrites-table: rewrites table "t" to change the type of "odds"
-- hazard deletes-data: value 'mid' leaves enum "Mood[]": rows of "t"."odds" holding it make the change fail
ALTER TABLE "public"."t" ALTER COLUMN "odds" TYPE "public"."Mood[]__plumb_new"[] USING "odds"::text[]::"public"."Mood[]__plumb_new"[];
DROP TYPE "public"."Mood[]";
ALTER TYPE "public"."Mood[]__plumb_new" RENAME TO "Mood[]";
COMMIT;
