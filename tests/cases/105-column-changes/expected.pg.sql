BEGIN;
-- hazard access-exclusive-lock: locks table "users" against reads and writes while it runs
ALTER TABLE "public"."users" ALTER COLUMN "name" SET DEFAULT 'anon';
-- hazard access-exclusive-lock: locks table "users" against reads and writes while it runs
ALTER TABLE "public"."users" ALTER COLUMN "name" DROP NOT NULL;
-- hazard access-exclusive-lock: locks table "users" against reads and writes while it runs
ALTER TABLE "public"."users" ALTER COLUMN "age" SET DEFAULT 0;
-- hazard access-exclusive-lock: locks table "users" against reads and writes while it runs
-- hazard validates-by-scan: scans table "users" for NULLs in "age"
-- hazard needs-backfill: sets column "users"."age" NOT NULL: fails if it holds NULLs; fill them first (UPDATE ... WHERE "age" IS NULL)
ALTER TABLE "public"."users" ALTER COLUMN "age" SET NOT NULL;
-- hazard access-exclusive-lock: locks table "users" against reads and writes while it runs
-- hazard rewrites-table: fills column "users"."token" with a value per row: rewrites "users"
ALTER TABLE "public"."users" ADD COLUMN "token" uuid DEFAULT gen_random_uuid();
-- hazard access-exclusive-lock: locks table "users" against reads and writes while it runs
ALTER TABLE "public"."users" ADD COLUMN "n2" integer DEFAULT 1;
-- hazard access-exclusive-lock: locks table "users" against reads and writes while it runs
-- hazard validates-by-scan: scans table "users" to check every row
ALTER TABLE "public"."users" ADD CONSTRAINT "users_age_check" CHECK (age >= 0);
COMMIT;
