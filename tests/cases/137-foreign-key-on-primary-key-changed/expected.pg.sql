BEGIN;
-- the key it references changes: dropped here, added again after
-- hazard access-exclusive-lock: locks table "c_code" against reads and writes while it runs
ALTER TABLE "public"."c_code" DROP CONSTRAINT "c_code_p_code_fkey";
-- the key it references changes: dropped here, added again after
-- hazard access-exclusive-lock: locks table "c_id" against reads and writes while it runs
ALTER TABLE "public"."c_id" DROP CONSTRAINT "c_id_p_id_fkey";
-- hazard access-exclusive-lock: locks table "p" against reads and writes while it runs
ALTER TABLE "public"."p" DROP CONSTRAINT "p_pkey";
-- hazard access-exclusive-lock: locks table "p" against reads and writes while it runs
ALTER TABLE "public"."p" DROP CONSTRAINT "p_code_key";
-- hazard access-exclusive-lock: locks table "p" against reads and writes while it runs
-- hazard builds-index: builds the index of constraint "p_pkey" on "p"
ALTER TABLE "public"."p" ADD CONSTRAINT "p_pkey" PRIMARY KEY ("code");
-- hazard access-exclusive-lock: locks table "p" against reads and writes while it runs
-- hazard builds-index: builds the index of constraint "p_id_key" on "p"
ALTER TABLE "public"."p" ADD CONSTRAINT "p_id_key" UNIQUE ("id");
-- hazard validates-by-scan: scans table "c_code" to check the foreign key; blocks writes to it and to "p" meanwhile
ALTER TABLE "public"."c_code" ADD CONSTRAINT "c_code_p_code_fkey" FOREIGN KEY ("p_code") REFERENCES "public"."p" ("code") ON DELETE CASCADE;
-- hazard validates-by-scan: scans table "c_id" to check the foreign key; blocks writes to it and to "p" meanwhile
ALTER TABLE "public"."c_id" ADD CONSTRAINT "c_id_p_id_fkey" FOREIGN KEY ("p_id") REFERENCES "public"."p" ("id");
COMMIT;
