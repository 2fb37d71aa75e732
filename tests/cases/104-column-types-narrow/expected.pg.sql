BEGIN;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
-- hazard rewrites-table: changes the type of column "t"."n" from bigint to integer: rewrites every row
-- hazard narrows-type: changes the type of column "t"."n" from bigint to integer: values may not fit or may change
ALTER TABLE "public"."t" ALTER COLUMN "n" TYPE integer USING "n"::integer;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
-- hazard rewrites-table: changes the type of column "t"."s" from character varying(20) to character varying(10): rewrites every row
-- hazard narrows-type: changes the type of column "t"."s" from character varying(20) to character varying(10): values may not fit or may change
ALTER TABLE "public"."t" ALTER COLUMN "s" TYPE character varying(10) USING "s"::character varying(10);
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" ALTER COLUMN "x" DROP DEFAULT;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
-- hazard rewrites-table: changes the type of column "t"."x" from integer to text: rewrites every row
ALTER TABLE "public"."t" ALTER COLUMN "x" TYPE text USING "x"::text;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" ALTER COLUMN "x" SET DEFAULT '7'::text;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
-- hazard rewrites-table: changes the type of column "t"."r" from double precision to real: rewrites every row
-- hazard narrows-type: changes the type of column "t"."r" from double precision to real: values may not fit or may change
ALTER TABLE "public"."t" ALTER COLUMN "r" TYPE real USING "r"::real;
COMMIT;
