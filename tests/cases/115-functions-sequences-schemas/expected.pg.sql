BEGIN;
SET check_function_bodies = false;
ALTER SEQUENCE "public"."s" AS bigint NO MINVALUE NO MAXVALUE CACHE 1 NO CYCLE INCREMENT BY 5;
CREATE OR REPLACE FUNCTION f(x int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT x + 2 $$;
CREATE FUNCTION g(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT upper(t) $$;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" ADD COLUMN "m" text DEFAULT g('x');
DROP SCHEMA "gone";
COMMIT;
