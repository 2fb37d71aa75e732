BEGIN;
-- hazard access-exclusive-lock: locks view "avg_v" against reads and writes while it runs
DROP VIEW "public"."avg_v";
DROP AGGREGATE "stats"."a_mean"(integer);
DROP FUNCTION "stats"."acc"(stats.running, integer);
DROP FUNCTION "stats"."finish"(stats.running);
DROP TYPE "stats"."running";
DROP SCHEMA "stats";
COMMIT;
