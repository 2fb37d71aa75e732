BEGIN;
SET check_function_bodies = false;
CREATE VIEW public.v1 AS SELECT a FROM t;
CREATE VIEW public.v2 AS SELECT a FROM v1;
CREATE FUNCTION reads_v2() RETURNS SETOF int LANGUAGE sql AS $$ SELECT a FROM v2 $$;
CREATE VIEW public.v3 AS SELECT reads_v2() AS a;
COMMIT;
