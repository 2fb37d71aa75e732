BEGIN;
SET check_function_bodies = false;
CREATE FUNCTION answer() RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT 42 $$;
CREATE VIEW public.a_view AS SELECT answer() AS x;
COMMIT;
