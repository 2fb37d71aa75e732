BEGIN;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
-- hazard validates-by-scan: scans table "t" to check every row
ALTER TABLE "public"."t" ADD CONSTRAINT "same" CHECK (a IS NOT DISTINCT FROM b);
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
-- hazard validates-by-scan: scans table "t" to check every row
ALTER TABLE "public"."t" ADD CONSTRAINT "range_either_way" CHECK (n BETWEEN SYMMETRIC 5 AND 1);
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
-- hazard validates-by-scan: scans table "t" to check every row
ALTER TABLE "public"."t" ADD CONSTRAINT "outside" CHECK (n NOT BETWEEN SYMMETRIC 50 AND 10 OR a IS NOT DISTINCT FROM 'x');
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
-- hazard validates-by-scan: scans table "t" to check every row
ALTER TABLE "public"."t" ADD CONSTRAINT "lower_only" CHECK (a SIMILAR TO '[a-z]+' AND b NOT SIMILAR TO 'x#%' ESCAPE '#');
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
-- hazard validates-by-scan: scans table "t" to check every row
ALTER TABLE "public"."t" ADD CONSTRAINT "one_value" CHECK (a IN ('x') OR b NOT IN ('y'));
-- hazard builds-index: builds index "t_same" on "t", blocking writes meanwhile
CREATE INDEX t_same ON public.t USING btree (n) WHERE a IS NOT DISTINCT FROM b;
COMMIT;
