BEGIN;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
DROP INDEX "public"."t_p";
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
DROP INDEX "public"."t_id";
-- hazard builds-index: builds index "t_id" on "t", blocking writes meanwhile
CREATE INDEX t_id ON public.t USING btree (id);
DROP OPERATOR CLASS "public"."int_rev_ops" USING btree;
DROP OPERATOR CLASS "public"."pair_a_ops" USING btree;
DROP OPERATOR FAMILY "public"."int_fam" USING btree;
DROP OPERATOR FAMILY "public"."pair_a_ops" USING btree;
DROP OPERATOR "public".<<< (pair, pair);
DROP OPERATOR "public".=== (pair, pair);
DROP FUNCTION "public"."pair_cmp"(pair, pair);
DROP FUNCTION "public"."pair_eq"(pair, pair);
DROP FUNCTION "public"."pair_lt"(pair, pair);
COMMIT;
