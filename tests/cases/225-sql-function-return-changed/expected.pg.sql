BEGIN;
-- depends on what changes (the row type of a view in its signature, or what its bound body reads or calls): dropped here, created again after
DROP FUNCTION "public"."calc"(integer);
-- reads a table or view that changes: dropped here, created again after
-- hazard access-exclusive-lock: locks view "v" against reads and writes while it runs
DROP VIEW "public"."v";
CREATE OR REPLACE FUNCTION inc(x int) RETURNS int LANGUAGE sql IMMUTABLE RETURN x + 2;
CREATE OR REPLACE FUNCTION dbl(int) RETURNS int LANGUAGE sql IMMUTABLE RETURN inc($1) * 3;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
-- hazard rewrites-table: changes the type of column "t"."a" from integer to bigint: rewrites every row
ALTER TABLE "public"."t" ALTER COLUMN "a" TYPE bigint USING "a"::bigint;
CREATE VIEW public.v AS SELECT a FROM t WHERE a > 0;
CREATE FUNCTION calc(int) RETURNS bigint LANGUAGE sql STABLE RETURN inc($1) + (SELECT count(*) FROM v);
COMMENT ON FUNCTION public.calc(integer) IS 'inc, plus the rows of v';
COMMIT;
