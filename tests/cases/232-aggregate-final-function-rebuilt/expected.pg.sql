BEGIN;
SET check_function_bodies = false;
-- reads a table or view that changes: dropped here, created again after
-- hazard access-exclusive-lock: locks view "halves" against reads and writes while it runs
DROP VIEW "public"."halves";
-- depends on what changes (the row type of a view in its signature, or what its bound body reads or calls): dropped here, created again after
DROP AGGREGATE "public"."my_half"(integer);
DROP FUNCTION "public"."to_half"(integer);
CREATE FUNCTION to_half(s int) RETURNS double precision LANGUAGE sql IMMUTABLE AS $$SELECT s / 2.0$$;
CREATE AGGREGATE "public"."my_half"(integer) (SFUNC = "step_add", STYPE = integer, INITCOND = '0', FINALFUNC = "to_half");
CREATE VIEW public.halves AS SELECT g, my_half(v) AS h FROM t GROUP BY g;
COMMIT;
