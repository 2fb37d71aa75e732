BEGIN;
SET check_function_bodies = false;
CREATE TYPE public.pair AS (a int, b int);
CREATE FUNCTION pair_cmp(pair, pair) RETURNS int LANGUAGE sql IMMUTABLE AS $$SELECT CASE WHEN $1.a < $2.a THEN -1 WHEN $1.a > $2.a THEN 1 ELSE 0 END$$;
CREATE FUNCTION pair_eq(pair, pair) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$SELECT $1.a = $2.a$$;
CREATE FUNCTION pair_lt(pair, pair) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$SELECT $1.a < $2.a$$;
CREATE TABLE "public"."t" (
    "id" integer,
    "p" pair,
    "b" box
);
CREATE OPERATOR "public".<<< (FUNCTION = "pair_lt", LEFTARG = pair, RIGHTARG = pair);
CREATE OPERATOR "public".=== (FUNCTION = "pair_eq", LEFTARG = pair, RIGHTARG = pair);
CREATE OPERATOR FAMILY "public"."box_ops2" USING gist;
CREATE OPERATOR FAMILY "public"."int_fam" USING btree;
ALTER OPERATOR FAMILY "public"."int_fam" USING btree ADD OPERATOR 1 > (integer, bigint);
ALTER OPERATOR FAMILY "public"."int_fam" USING btree ADD FUNCTION 1 (integer, bigint) "btint48cmp"(integer, bigint);
CREATE OPERATOR FAMILY "public"."pair_a_ops" USING btree;
CREATE OPERATOR CLASS "public"."box_ops2" FOR TYPE box USING gist FAMILY "public"."box_ops2" AS OPERATOR 3 && (box, box), FUNCTION 1 (box, box) "gist_box_consistent"(internal, box, smallint, oid, internal), FUNCTION 2 (box, box) "gist_box_union"(internal, internal), FUNCTION 5 (box, box) "gist_box_penalty"(internal, internal, internal), FUNCTION 6 (box, box) "gist_box_picksplit"(internal, internal), FUNCTION 7 (box, box) "gist_box_same"(box, box, internal);
CREATE OPERATOR CLASS "public"."int_rev_ops" FOR TYPE integer USING btree FAMILY "public"."int_fam" AS OPERATOR 1 > (integer, integer), OPERATOR 3 = (integer, integer), FUNCTION 1 (integer, integer) "btint4cmp"(integer, integer);
CREATE OPERATOR CLASS "public"."pair_a_ops" FOR TYPE pair USING btree FAMILY "public"."pair_a_ops" AS OPERATOR 1 <<< (pair, pair), OPERATOR 3 === (pair, pair), FUNCTION 1 (pair, pair) "pair_cmp"(pair, pair);
CREATE INDEX t_b ON public.t USING gist (b box_ops2);
CREATE INDEX t_id ON public.t USING btree (id int_rev_ops);
CREATE INDEX t_p ON public.t USING btree (p pair_a_ops);
COMMIT;
