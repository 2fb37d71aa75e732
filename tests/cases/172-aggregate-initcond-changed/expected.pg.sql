BEGIN;
-- reads a table or view that changes: dropped here, created again after
-- hazard access-exclusive-lock: locks view "totals" against reads and writes while it runs
DROP VIEW "public"."totals";
DROP AGGREGATE "public"."my_sum"(integer);
CREATE AGGREGATE "public"."my_sum"(integer) (SFUNC = "add_int", STYPE = integer, INITCOND = '100');
CREATE VIEW public.totals AS SELECT g, my_sum(v) AS s FROM t GROUP BY g;
COMMIT;
