BEGIN;
-- hazard access-exclusive-lock: locks view "totals" against reads and writes while it runs
DROP VIEW "public"."totals";
DROP AGGREGATE "public"."my_half"(integer);
DROP AGGREGATE "public"."my_sum"(integer);
DROP FUNCTION "public"."step_add"(integer, integer);
DROP FUNCTION "public"."to_half"(integer);
COMMIT;
