BEGIN;
-- hazard access-exclusive-lock: locks table "v" against reads and writes while it runs
ALTER TABLE "public"."v" DROP CONSTRAINT "ck2";
-- the constraint was NOT VALID: its rows are checked now
-- hazard validates-by-scan: scans table "v" to validate constraint "ck"
ALTER TABLE "public"."v" VALIDATE CONSTRAINT "ck";
-- hazard access-exclusive-lock: locks table "v" against reads and writes while it runs
ALTER TABLE "public"."v" ADD CONSTRAINT "ck2" CHECK (x > 0) NOT VALID;
-- the constraint was NOT VALID: its rows are checked now
-- hazard validates-by-scan: scans table "v" to validate constraint "f"
ALTER TABLE "public"."v" VALIDATE CONSTRAINT "f";
ALTER TABLE "public"."v" ADD CONSTRAINT "g" FOREIGN KEY ("x") REFERENCES "public"."u" ("id") NOT VALID;
COMMIT;
