BEGIN;
SET check_function_bodies = false;
CREATE FUNCTION twice(x int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT x * 2 $$;
CREATE TABLE "public"."t" (
    "a" integer
);
CREATE VIEW public.v AS SELECT a FROM t;
CREATE FUNCTION calc() RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC SELECT sum(twice(a)) FROM v; END;
COMMIT;
