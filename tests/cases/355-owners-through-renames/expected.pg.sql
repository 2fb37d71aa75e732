BEGIN;
ALTER TYPE "public"."mood_old" RENAME TO "mood";
ALTER DOMAIN "public"."pos_old" RENAME TO "pos";
ALTER DOMAIN "public"."pos" RENAME CONSTRAINT "pos_old_check" TO "pos_check";
ALTER TYPE "public"."pair_old" RENAME TO "pair";
ALTER SEQUENCE "public"."s_old" RENAME TO "s";
ALTER FUNCTION "public"."f_old"(integer) RENAME TO "f";
-- hazard access-exclusive-lock: locks table "t_old" against reads and writes while it runs
ALTER TABLE "public"."t_old" RENAME TO "t";
ALTER DOMAIN public.pos OWNER TO pg_monitor;
ALTER FUNCTION public.f(integer) OWNER TO pg_monitor;
ALTER TYPE public.mood OWNER TO pg_monitor;
COMMIT;
