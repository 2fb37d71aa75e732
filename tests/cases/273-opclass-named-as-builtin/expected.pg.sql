BEGIN;
CREATE OPERATOR FAMILY "public"."box_ops" USING gist;
CREATE OPERATOR FAMILY "public"."float_ops" USING btree;
CREATE OPERATOR FAMILY "public"."pt2_ops" USING gist;
ALTER OPERATOR FAMILY "public"."pt2_ops" USING gist ADD OPERATOR 15 <-> (point, point) FOR ORDER BY "float_ops";
CREATE OPERATOR FAMILY "public"."pt_ops" USING gist;
ALTER OPERATOR FAMILY "public"."pt_ops" USING gist ADD OPERATOR 15 <-> (point, point) FOR ORDER BY "public"."float_ops";
CREATE OPERATOR FAMILY "public"."text_pattern_ops" USING btree;
CREATE OPERATOR CLASS "public"."box_ops" FOR TYPE box USING gist FAMILY "public"."box_ops" AS OPERATOR 3 && (box, box), FUNCTION 1 (box, box) "gist_box_consistent"(internal, box, smallint, oid, internal), FUNCTION 2 (box, box) "gist_box_union"(internal, internal), FUNCTION 5 (box, box) "gist_box_penalty"(internal, internal, internal), FUNCTION 6 (box, box) "gist_box_picksplit"(internal, internal), FUNCTION 7 (box, box) "gist_box_same"(box, box, internal);
-- hazard access-exclusive-lock: locks table "b" against reads and writes while it runs
-- hazard builds-index: builds the index of constraint "b_a_excl" on "b"
ALTER TABLE "public"."b" ADD CONSTRAINT "b_a_excl" EXCLUDE USING gist (a public.box_ops WITH &&);
CREATE OPERATOR CLASS "public"."text_pattern_ops" FOR TYPE text USING btree FAMILY "public"."text_pattern_ops" AS OPERATOR 1 < (text, text), OPERATOR 3 = (text, text), FUNCTION 1 (text, text) "bttextcmp"(text, text);
-- hazard builds-index: builds index "b_a" on "b", blocking writes meanwhile
CREATE INDEX b_a ON public.b USING gist (a public.box_ops);
-- hazard builds-index: builds index "b_c" on "b", blocking writes meanwhile
CREATE INDEX b_c ON public.b USING gist (a);
-- hazard builds-index: builds index "b_t" on "b", blocking writes meanwhile
CREATE INDEX b_t ON public.b USING btree (t public.text_pattern_ops);
-- hazard builds-index: builds index "b_u" on "b", blocking writes meanwhile
CREATE INDEX b_u ON public.b USING btree (t text_pattern_ops);
COMMIT;
