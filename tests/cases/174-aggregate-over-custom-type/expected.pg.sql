BEGIN;
SET check_function_bodies = false;
CREATE SCHEMA "stats";
CREATE TYPE stats.running AS (n int, total bigint);
CREATE FUNCTION stats.acc(r stats.running, v int) RETURNS stats.running LANGUAGE sql IMMUTABLE AS $$SELECT ROW((r).n + 1, (r).total + v)::stats.running$$;
CREATE FUNCTION stats.finish(r stats.running) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$SELECT CASE WHEN (r).n = 0 THEN NULL ELSE (r).total::numeric / (r).n END$$;
CREATE AGGREGATE "stats"."a_mean"(integer) (SFUNC = "stats"."acc", STYPE = stats.running, INITCOND = '(0,0)', FINALFUNC = "stats"."finish");
CREATE VIEW public.avg_v AS SELECT stats.a_mean(v) AS m FROM t;
COMMIT;
