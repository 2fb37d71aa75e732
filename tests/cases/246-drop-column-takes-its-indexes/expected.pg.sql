BEGIN;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
DROP INDEX "public"."t_b";
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
DROP INDEX "public"."t_bc";
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
DROP INDEX "public"."t_c_where_b";
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" DROP CONSTRAINT "t_b_pos";
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" DROP CONSTRAINT "t_ab_order";
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" DROP CONSTRAINT "t_ab";
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
-- hazard deletes-data: drops column "t"."b" and its values
ALTER TABLE "public"."t" DROP COLUMN "b";
COMMIT;
