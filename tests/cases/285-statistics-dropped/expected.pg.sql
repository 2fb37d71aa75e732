BEGIN;
DROP STATISTICS "public"."gone_ab";
DROP STATISTICS "public"."kept_ac";
DROP STATISTICS "public"."kept_bc";
-- hazard deletes-data: drops table "gone" and its rows
-- hazard access-exclusive-lock: locks the dropped tables against reads and writes while it runs
DROP TABLE "public"."gone";
-- hazard access-exclusive-lock: locks table "kept" against reads and writes while it runs
-- hazard deletes-data: drops column "kept"."c" and its values
ALTER TABLE "public"."kept" DROP COLUMN "c";
CREATE STATISTICS public.kept_ac ON a, (b + 1) FROM public.kept;
COMMIT;
