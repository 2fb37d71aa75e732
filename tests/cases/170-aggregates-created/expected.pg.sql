BEGIN;
SET check_function_bodies = false;
CREATE FUNCTION step_add(s int, v int) RETURNS int LANGUAGE sql IMMUTABLE AS $$SELECT s + v$$;
CREATE AGGREGATE "public"."my_sum"(integer) (SFUNC = "step_add", STYPE = integer, INITCOND = '0');
CREATE FUNCTION to_half(s int) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$SELECT s / 2.0$$;
CREATE AGGREGATE "public"."my_half"("v" integer) (SFUNC = "step_add", STYPE = integer, INITCOND = '0', FINALFUNC = "to_half", COMBINEFUNC = "step_add", PARALLEL = safe);
CREATE VIEW public.totals AS SELECT g, my_sum(v) AS s, my_half(v) AS h FROM t GROUP BY g;
COMMIT;
