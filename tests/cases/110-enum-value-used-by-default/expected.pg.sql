-- a new enum value can be used only once it is committed: runs outside the transaction
ALTER TYPE "public"."mood" ADD VALUE 'ok' AFTER 'sad';
BEGIN;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" ALTER COLUMN "m" SET DEFAULT 'ok';
COMMIT;
