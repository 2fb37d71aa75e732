BEGIN;
-- hazard access-exclusive-lock: locks view "v" against reads and writes while it runs
DROP VIEW "public"."v";
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
DROP INDEX "public"."t_ab";
DROP OPERATOR "public".!== (integer, integer);
CREATE OPERATOR "public".!== (FUNCTION = "my_ne", LEFTARG = integer, RIGHTARG = integer, NEGATOR = OPERATOR("ext".===));
CREATE AGGREGATE "ext"."my_sum"(integer) (SFUNC = "int4pl", STYPE = integer);
CREATE OPERATOR "ext".=== (FUNCTION = "my_eq", LEFTARG = integer, RIGHTARG = integer, NEGATOR = !==);
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" DROP CONSTRAINT "t_b_check";
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
-- hazard validates-by-scan: scans table "t" to check every row
ALTER TABLE "public"."t" ADD CONSTRAINT "t_b_check" CHECK (b OPERATOR(ext.===) b);
DROP OPERATOR FAMILY "public"."fam" USING hash;
CREATE OPERATOR FAMILY "public"."fam" USING hash;
ALTER OPERATOR FAMILY "public"."fam" USING hash ADD OPERATOR 1 "ext".=== (integer, integer);
-- hazard builds-index: builds index "t_ab" on "t", blocking writes meanwhile
CREATE INDEX t_ab ON public.t USING btree ((a OPERATOR(ext.===) b));
DROP OPERATOR "public".=== (integer, integer);
DROP AGGREGATE "public"."my_sum"(integer);
CREATE VIEW public.v AS SELECT a OPERATOR(ext.===) b AS eq, ext.my_sum(a) AS total FROM t GROUP BY a, b;
COMMENT ON OPERATOR ext.=== (integer, integer) IS 'same';
COMMIT;
