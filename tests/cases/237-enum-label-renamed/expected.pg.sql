BEGIN;
ALTER TYPE "public"."mood" RENAME VALUE 'ok' TO 'fine';
ALTER TYPE "public"."mood" RENAME VALUE 'sad' TO 'blue';
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" DROP CONSTRAINT "t_m_check";
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" ALTER COLUMN "m" SET DEFAULT 'fine';
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
-- hazard validates-by-scan: scans table "t" to check every row
ALTER TABLE "public"."t" ADD CONSTRAINT "t_m_check" CHECK (m <> 'blue');
COMMIT;
