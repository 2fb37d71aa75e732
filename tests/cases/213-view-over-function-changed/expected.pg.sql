BEGIN;
SET check_function_bodies = false;
-- reads a table or view that changes: dropped here, created again after
-- hazard access-exclusive-lock: locks view "a_view" against reads and writes while it runs
DROP VIEW "public"."a_view";
DROP FUNCTION "public"."answer"();
CREATE FUNCTION answer() RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT 42::bigint $$;
CREATE VIEW public.a_view AS SELECT answer() AS x;
COMMIT;
