BEGIN;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
DROP INDEX "public"."t_a";
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" RENAME COLUMN "a" TO "b";
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" DROP CONSTRAINT "t_a_check";
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
-- hazard validates-by-scan: scans table "t" to check every row
ALTER TABLE "public"."t" ADD CONSTRAINT "t_a_check" CHECK (b > 0);
-- hazard builds-index: builds index "t_a" on "t", blocking writes meanwhile
CREATE INDEX t_a ON public.t USING btree (b);
COMMIT;
