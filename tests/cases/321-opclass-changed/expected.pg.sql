BEGIN;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
DROP INDEX "public"."t_p";
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
DROP INDEX "public"."t_id";
DROP OPERATOR CLASS "public"."int_rev_ops" USING btree;
DROP OPERATOR FAMILY "public"."int_fam" USING btree;
CREATE OPERATOR FAMILY "public"."int_fam" USING btree;
ALTER OPERATOR FAMILY "public"."int_fam" USING btree ADD FUNCTION 1 (integer, bigint) "btint48cmp"(integer, bigint);
CREATE OPERATOR CLASS "public"."int_rev_ops" FOR TYPE integer USING btree FAMILY "public"."int_fam" AS OPERATOR 1 > (integer, integer), OPERATOR 3 = (integer, integer), FUNCTION 1 (integer, integer) "btint4cmp"(integer, integer);
DROP OPERATOR CLASS "public"."pair_a_ops" USING btree;
DROP OPERATOR FAMILY "public"."pair_a_ops" USING btree;
CREATE OPERATOR FAMILY "public"."pair_a_ops" USING btree;
CREATE OPERATOR CLASS "public"."pair_a_ops" DEFAULT FOR TYPE pair USING btree FAMILY "public"."pair_a_ops" AS OPERATOR 1 <<< (pair, pair), FUNCTION 1 (pair, pair) "pair_cmp"(pair, pair);
-- hazard builds-index: builds index "t_id" on "t", blocking writes meanwhile
CREATE INDEX t_id ON public.t USING btree (id int_rev_ops);
-- hazard builds-index: builds index "t_p" on "t", blocking writes meanwhile
CREATE INDEX t_p ON public.t USING btree (p);
COMMIT;
