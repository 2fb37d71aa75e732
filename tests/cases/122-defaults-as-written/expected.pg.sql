BEGIN;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" ADD COLUMN "b" bigint DEFAULT '2'::bigint;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" ADD COLUMN "r" real DEFAULT '3.5'::real;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" ADD COLUMN "n" numeric[] DEFAULT ARRAY['1'::numeric];
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" ADD COLUMN "d" timestamp with time zone DEFAULT '0001-01-01 00:00:00'::timestamp;
CREATE TABLE "public"."u" (
    "id" integer DEFAULT '7'::int,
    "a" numeric,
    CONSTRAINT "u_a_check" CHECK (a = '1'::numeric)
);
COMMIT;
