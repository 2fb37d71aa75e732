BEGIN;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" DROP CONSTRAINT "t_pk";
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
-- hazard builds-index: builds the index of constraint "t_pk" on "t"
ALTER TABLE "public"."t" ADD CONSTRAINT "t_pk" PRIMARY KEY ("a") INCLUDE ("b");
-- hazard access-exclusive-lock: locks table "w" against reads and writes while it runs
ALTER TABLE "public"."w" DROP CONSTRAINT "w_a_b_key";
-- hazard access-exclusive-lock: locks table "w" against reads and writes while it runs
-- hazard builds-index: builds the index of constraint "w_a_b_c_key" on "w"
ALTER TABLE "public"."w" ADD CONSTRAINT "w_a_b_c_key" UNIQUE ("a") INCLUDE ("b", "c");
CREATE TABLE "public"."n" (
    "a" integer,
    "b" text,
    CONSTRAINT "n_u" UNIQUE ("a") INCLUDE ("b")
);
COMMIT;
