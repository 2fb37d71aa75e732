BEGIN;
SET check_function_bodies = false;
CREATE SCHEMA "ext";
CREATE FUNCTION my_cmp(int, int) RETURNS int LANGUAGE sql IMMUTABLE AS $$SELECT CASE WHEN $1 < $2 THEN -1 WHEN $1 > $2 THEN 1 ELSE 0 END$$;
CREATE TABLE "public"."t" (
    "id" integer,
    "b" box,
    "a" integer[]
);
CREATE OPERATOR FAMILY "public"."gone2" USING btree;
CREATE OPERATOR FAMILY "public"."my_fam" USING btree;
CREATE OPERATOR FAMILY "public"."my_gin" USING gin;
ALTER OPERATOR FAMILY "public"."my_gin" USING gin ADD OPERATOR 1 && (anyarray, anyarray);
CREATE OPERATOR FAMILY "public"."my_gist" USING gist;
CREATE OPERATOR FAMILY "public"."my_hash" USING hash;
CREATE OPERATOR CLASS "ext"."my_ops2" FOR TYPE integer USING btree FAMILY "public"."my_fam" AS OPERATOR 1 < (integer, integer), OPERATOR 2 <= (integer, integer), OPERATOR 3 = (integer, integer), FUNCTION 1 (integer, integer) "my_cmp"(integer, integer);
CREATE OPERATOR CLASS "public"."my_gin" FOR TYPE integer[] USING gin FAMILY "public"."my_gin" AS FUNCTION 1 (integer[], integer[]) "btint4cmp"(integer, integer), FUNCTION 2 (integer[], integer[]) "ginarrayextract"(anyarray, internal, internal), FUNCTION 3 (integer[], integer[]) "ginqueryarrayextract"(anyarray, internal, smallint, internal, internal, internal, internal), FUNCTION 4 (integer[], integer[]) "ginarrayconsistent"(internal, smallint, anyarray, integer, internal, internal, internal, internal), STORAGE integer;
CREATE OPERATOR CLASS "public"."my_gist" FOR TYPE box USING gist FAMILY "public"."my_gist" AS OPERATOR 3 && (box, box), FUNCTION 1 (box, box) "gist_box_consistent"(internal, box, smallint, oid, internal), FUNCTION 2 (box, box) "gist_box_union"(internal, internal), FUNCTION 5 (box, box) "gist_box_penalty"(internal, internal, internal), FUNCTION 6 (box, box) "gist_box_picksplit"(internal, internal), FUNCTION 7 (box, box) "gist_box_same"(box, box, internal);
CREATE OPERATOR CLASS "public"."my_hash" FOR TYPE integer USING hash FAMILY "public"."my_hash" AS OPERATOR 1 = (integer, integer), FUNCTION 1 (integer, integer) "hashint4"(integer), FUNCTION 2 (integer, integer) "hashint4extended"(integer, bigint);
CREATE INDEX t_a ON public.t USING gin (a my_gin);
CREATE INDEX t_b ON public.t USING gist (b my_gist);
CREATE INDEX t_id ON public.t USING btree (id ext.my_ops2);
COMMIT;
