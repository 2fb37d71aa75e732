BEGIN;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" RENAME CONSTRAINT "v_pos" TO "v_positive";
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" RENAME CONSTRAINT "t_pkey" TO "t_id_pkey";
-- hazard access-exclusive-lock: locks index "t_v" against reads and writes while it runs
ALTER INDEX "public"."t_v" RENAME TO "t_v_idx";
COMMIT;
