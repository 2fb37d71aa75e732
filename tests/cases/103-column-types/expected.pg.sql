BEGIN;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
-- hazard rewrites-table: changes the type of column "t"."n" from integer to bigint: rewrites every row
ALTER TABLE "public"."t" ALTER COLUMN "n" TYPE bigint USING "n"::bigint;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" ALTER COLUMN "s" TYPE character varying(20) USING "s"::character varying(20);
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" ALTER COLUMN "x" DROP DEFAULT;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
-- hazard rewrites-table: changes the type of column "t"."x" from text to integer: rewrites every row
-- hazard narrows-type: changes the type of column "t"."x" from text to integer: values may not fit or may change
ALTER TABLE "public"."t" ALTER COLUMN "x" TYPE integer USING "x"::integer;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" ALTER COLUMN "x" SET DEFAULT 7;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
-- hazard rewrites-table: changes the type of column "t"."r" from real to double precision: rewrites every row
ALTER TABLE "public"."t" ALTER COLUMN "r" TYPE double precision USING "r"::double precision;
COMMIT;
