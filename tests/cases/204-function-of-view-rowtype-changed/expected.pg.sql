BEGIN;
SET check_function_bodies = false;
-- depends on what changes (the row type of a view in its signature, or what its bound body reads or calls): dropped here, created again after
DROP FUNCTION "public"."all_v"();
-- reads a table or view that changes: dropped here, created again after
-- hazard access-exclusive-lock: locks view "v" against reads and writes while it runs
DROP VIEW "public"."v";
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
-- hazard rewrites-table: changes the type of column "t"."a" from integer to bigint: rewrites every row
ALTER TABLE "public"."t" ALTER COLUMN "a" TYPE bigint USING "a"::bigint;
CREATE VIEW public.v AS SELECT a FROM t;
CREATE FUNCTION all_v() RETURNS SETOF v LANGUAGE sql STABLE AS $$ SELECT * FROM v $$;
COMMIT;
