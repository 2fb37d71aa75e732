BEGIN;
-- hazard access-exclusive-lock: locks table "c" against reads and writes while it runs
ALTER TABLE "public"."c" DROP CONSTRAINT "c_p_id_fkey";
-- hazard access-exclusive-lock: locks table "p" against reads and writes while it runs
DROP INDEX "public"."p_id_key";
COMMIT;
