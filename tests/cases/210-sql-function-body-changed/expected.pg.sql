BEGIN;
SET check_function_bodies = false;
CREATE FUNCTION twice(x bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT x * 2 $$;
DROP FUNCTION "public"."twice"(integer);
CREATE VIEW public.w AS SELECT a FROM v WHERE a > 0;
CREATE OR REPLACE FUNCTION calc() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT sum(twice(a::bigint)) FROM w $$;
COMMIT;
