BEGIN;
SET check_function_bodies = false;
CREATE TABLE "public"."t" (
    "a" integer
);
CREATE VIEW public.v AS SELECT a FROM t;
CREATE FUNCTION all_v() RETURNS SETOF v LANGUAGE sql STABLE AS $$ SELECT * FROM v $$;
COMMIT;
