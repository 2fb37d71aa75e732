BEGIN;
SET check_function_bodies = false;
CREATE TABLE "public"."u" (
    "a" integer,
    "c" text
);
DROP FUNCTION "public"."all_t"();
CREATE FUNCTION all_t() RETURNS SETOF u LANGUAGE sql STABLE AS $$ SELECT * FROM u $$;
CREATE FUNCTION a_of(r u) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT r.a $$;
DROP FUNCTION "public"."a_of"(t);
COMMIT;
