BEGIN;
ALTER TABLE "public"."t" ALTER COLUMN "a" RESET (n_distinct_inherited);
ALTER TABLE "public"."t" ALTER COLUMN "a" SET (n_distinct=100);
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" ALTER COLUMN "b" SET STORAGE EXTENDED;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" ALTER COLUMN "c" SET COMPRESSION default;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" ALTER COLUMN "d" SET STORAGE MAIN;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" ALTER COLUMN "e" TYPE character varying(20) USING "e"::character varying(20);
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" ALTER COLUMN "e" SET STORAGE EXTERNAL;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" ALTER COLUMN "f" SET STORAGE MAIN;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" ALTER COLUMN "f" SET COMPRESSION pglz;
ALTER TABLE "public"."t" ALTER COLUMN "f" SET (n_distinct_inherited=3);
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" ADD COLUMN "g" text;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" ALTER COLUMN "g" SET STORAGE EXTERNAL;
ALTER TABLE "public"."t" ALTER COLUMN "g" SET (n_distinct=-0.5);
COMMIT;
