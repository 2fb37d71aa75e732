BEGIN;
SET check_function_bodies = false;
CREATE TABLE "public"."t" (
    "a" integer,
    "b" text
);
CREATE FUNCTION a_of(r t) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT r.a $$;
CREATE FUNCTION all_t() RETURNS SETOF t LANGUAGE sql STABLE AS $$ SELECT * FROM t $$;
COMMIT;
