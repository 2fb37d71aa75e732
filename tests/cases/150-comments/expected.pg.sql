BEGIN;
-- hazard access-exclusive-lock: locks "t" against reads and writes while it runs
DROP TRIGGER "tg" ON "public"."t";
-- hazard access-exclusive-lock: locks view "v" against reads and writes while it runs
DROP VIEW "public"."v";
-- hazard access-exclusive-lock: locks view "mv" against reads and writes while it runs
DROP MATERIALIZED VIEW "public"."mv";
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
DROP INDEX "public"."t_a";
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
DROP INDEX "public"."t_b";
ALTER DOMAIN "public"."d" DROP CONSTRAINT "d_pos";
-- hazard validates-by-scan: scans every column of domain "d" to check the constraint
ALTER DOMAIN "public"."d" ADD CONSTRAINT "d_pos" CHECK (value > 1);
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" DROP CONSTRAINT "c_gone";
-- hazard builds-index: builds index "t_b" on "t", blocking writes meanwhile
CREATE INDEX t_b ON public.t USING btree (b DESC);
CREATE MATERIALIZED VIEW public.mv AS SELECT id, a FROM t;
CREATE VIEW public.v AS SELECT a FROM t;
CREATE TRIGGER tg BEFORE UPDATE ON public.t FOR EACH ROW EXECUTE FUNCTION trg();
COMMENT ON FUNCTION public.f(integer) IS NULL;
COMMENT ON SCHEMA s IS 'the schema';
COMMENT ON PROCEDURE public.pr() IS 'the procedure';
COMMENT ON COLUMN public.v.a IS 'view column';
COMMENT ON CONSTRAINT d_pos ON DOMAIN public.d IS 'positive';
COMMENT ON INDEX public.t_b IS 'index';
COMMENT ON MATERIALIZED VIEW public.mv IS 'counted';
COMMENT ON TRIGGER tg ON public.t IS 'trigger';
COMMENT ON VIEW public.v IS 'view';
COMMIT;
