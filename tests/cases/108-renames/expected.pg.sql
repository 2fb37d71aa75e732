BEGIN;
-- hazard access-exclusive-lock: locks table "users" against reads and writes while it runs
ALTER TABLE "public"."users" RENAME TO "people";
-- hazard access-exclusive-lock: locks table "people" against reads and writes while it runs
ALTER TABLE "public"."people" RENAME COLUMN "name" TO "full_name";
-- serial names its sequence after its table and column
ALTER SEQUENCE "public"."users_id_seq" RENAME TO "people_id_seq";
-- hazard access-exclusive-lock: locks table "people" against reads and writes while it runs
ALTER TABLE "public"."people" RENAME CONSTRAINT "users_pkey" TO "people_pkey";
-- hazard access-exclusive-lock: locks index "users_name_idx" against reads and writes while it runs
ALTER INDEX "public"."users_name_idx" RENAME TO "people_name_idx";
COMMIT;
