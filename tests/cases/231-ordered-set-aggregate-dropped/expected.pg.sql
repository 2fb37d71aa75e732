BEGIN;
-- hazard access-exclusive-lock: locks view "median" against reads and writes while it runs
DROP VIEW "public"."median";
DROP AGGREGATE "public"."pct"(double precision ORDER BY double precision);
DROP FUNCTION "public"."collect"(double precision[], double precision);
DROP FUNCTION "public"."pick"(double precision[], double precision, double precision);
COMMIT;
