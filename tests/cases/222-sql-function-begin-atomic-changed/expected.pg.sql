BEGIN;
SET check_function_bodies = false;
-- depends on what changes (the row type of a view in its signature, or what its bound body reads or calls): dropped here, created again after
DROP FUNCTION "public"."calc"();
CREATE FUNCTION twice(x bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT x * 2 $$;
DROP FUNCTION "public"."twice"(integer);
CREATE VIEW public.w AS SELECT a FROM v WHERE a > 0;
CREATE FUNCTION calc() RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC SELECT sum(twice(a::bigint)) FROM w; END;
COMMIT;
