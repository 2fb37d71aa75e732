BEGIN;
-- hazard access-exclusive-lock: locks table "users" against reads and writes while it runs
-- hazard deletes-data: drops column "users"."age" and its values
ALTER TABLE "public"."users" DROP COLUMN "age";
COMMIT;
