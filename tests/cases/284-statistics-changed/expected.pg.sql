BEGIN;
DROP STATISTICS "public"."s_kinds";
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" ALTER COLUMN "c" SET DEFAULT 'x';
CREATE STATISTICS public.s_kinds (ndistinct, mcv) ON a, b FROM public.t;
ALTER STATISTICS "public"."s_reset" SET STATISTICS -1;
ALTER STATISTICS "public"."s_target" SET STATISTICS 1000;
COMMIT;
