BEGIN;
SET check_function_bodies = false;
DROP FUNCTION "public"."f"();
CREATE FUNCTION f() RETURNS bigint LANGUAGE sql AS $$ SELECT 1::bigint $$;
CREATE OR REPLACE FUNCTION g(a int) RETURNS int LANGUAGE sql AS $$ SELECT a + 1 $$;
GRANT EXECUTE ON FUNCTION public.f() TO pg_monitor;
REVOKE EXECUTE ON FUNCTION public.f() FROM PUBLIC;
COMMIT;
