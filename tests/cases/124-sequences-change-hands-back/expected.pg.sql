BEGIN;
-- hazard access-exclusive-lock: locks table "t1" against reads and writes while it runs
ALTER TABLE "public"."t1" ALTER COLUMN "id" DROP DEFAULT;
-- the sequence of that name becomes the serial column's
ALTER SEQUENCE "public"."t1_id_seq" AS integer INCREMENT BY 1 NO MINVALUE NO MAXVALUE START WITH 1 CACHE 1 NO CYCLE OWNED BY "public"."t1"."id";
-- hazard access-exclusive-lock: locks table "t1" against reads and writes while it runs
ALTER TABLE "public"."t1" ALTER COLUMN "id" SET DEFAULT nextval('"public"."t1_id_seq"'::regclass);
ALTER SEQUENCE "public"."t2_id_seq" AS bigint INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1 NO CYCLE;
-- hazard access-exclusive-lock: locks table "t2" against reads and writes while it runs
ALTER TABLE "public"."t2" ALTER COLUMN "id" DROP DEFAULT;
ALTER SEQUENCE "public"."t2_id_seq" OWNED BY NONE;
-- hazard access-exclusive-lock: locks table "t2" against reads and writes while it runs
ALTER TABLE "public"."t2" ALTER COLUMN "id" SET DEFAULT nextval('t2_id_seq'::regclass);
COMMIT;
