BEGIN;
CREATE OPERATOR FAMILY "public"."box_ops2" USING gist;
CREATE OPERATOR CLASS "public"."box_ops2" FOR TYPE box USING gist FAMILY "public"."box_ops2" AS OPERATOR 3 && (box, box), FUNCTION 1 (box, box) "gist_box_consistent"(internal, box, smallint, oid, internal), FUNCTION 2 (box, box) "gist_box_union"(internal, internal), FUNCTION 5 (box, box) "gist_box_penalty"(internal, internal, internal), FUNCTION 6 (box, box) "gist_box_picksplit"(internal, internal), FUNCTION 7 (box, box) "gist_box_same"(box, box, internal);
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
-- hazard builds-index: builds the index of constraint "t_b_excl" on "t"
ALTER TABLE "public"."t" ADD CONSTRAINT "t_b_excl" EXCLUDE USING gist (b box_ops2 WITH &&);
CREATE TABLE "public"."u" (
    "b" box,
    CONSTRAINT "u_b_excl" EXCLUDE USING gist (b box_ops2 WITH &&)
);
COMMIT;
