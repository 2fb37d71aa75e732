BEGIN;
ALTER TABLE ONLY "public"."p" ALTER COLUMN "b" SET STATISTICS 200;
-- hazard access-exclusive-lock: locks table "s" against reads and writes while it runs
-- hazard rewrites-table: changes the type of column "s"."a" from integer to bigint: rewrites every row
ALTER TABLE "public"."s" ALTER COLUMN "a" TYPE bigint USING "a"::bigint;
ALTER TABLE ONLY "public"."s" ALTER COLUMN "a" SET STATISTICS 500;
ALTER TABLE ONLY "public"."s" ALTER COLUMN "c" SET STATISTICS 10000;
ALTER TABLE ONLY "public"."s" ALTER COLUMN "d" SET STATISTICS -1;
-- hazard access-exclusive-lock: locks table "p" against reads and writes while it runs
CREATE TABLE "public"."p1" PARTITION OF "public"."p" FOR VALUES FROM (0) TO (10);
ALTER INDEX "public"."s_i" ALTER COLUMN 1 SET STATISTICS 1000;
ALTER INDEX "public"."s_i" ALTER COLUMN 3 SET STATISTICS -1;
-- hazard builds-index: builds index "s_j" on "s", blocking writes meanwhile
CREATE INDEX s_j ON public.s USING btree ((c * 2));
ALTER INDEX "public"."s_j" ALTER COLUMN 1 SET STATISTICS 0;
COMMIT;
