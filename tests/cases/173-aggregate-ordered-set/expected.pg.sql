BEGIN;
SET check_function_bodies = false;
CREATE FUNCTION collect(s double precision[], v double precision) RETURNS double precision[] LANGUAGE sql IMMUTABLE AS $$SELECT s || v$$;
CREATE FUNCTION pick(s double precision[], f double precision, v double precision) RETURNS double precision LANGUAGE sql IMMUTABLE AS $$SELECT (SELECT array_agg(x ORDER BY x) FROM unnest(s) x)[greatest(1, ceil(f * array_length(s, 1)))::integer]$$;
CREATE AGGREGATE "public"."pct"("f" double precision ORDER BY "v" double precision) (SFUNC = "collect", STYPE = double precision[], INITCOND = '{}', FINALFUNC = "pick", FINALFUNC_EXTRA);
CREATE VIEW public.median AS SELECT pct(0.5) WITHIN GROUP (ORDER BY v) AS m FROM t;
COMMIT;
