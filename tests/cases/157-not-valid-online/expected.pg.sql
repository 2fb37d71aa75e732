BEGIN;
-- hazard access-exclusive-lock: locks table "v" against reads and writes while it runs
ALTER TABLE "public"."v" ADD CONSTRAINT "c" CHECK (x > 0) NOT VALID;
-- online: add the check NOT VALID (no scan under the lock), validate next
-- hazard access-exclusive-lock: locks table "v" (briefly) against reads and writes while it runs
ALTER TABLE "public"."v" ADD CONSTRAINT "d" CHECK (y > 0) NOT VALID;
-- online: validate under SHARE UPDATE EXCLUSIVE; writers keep running
-- hazard validates-by-scan: scans table "v" to validate constraint "d"
ALTER TABLE "public"."v" VALIDATE CONSTRAINT "d";
ALTER TABLE "public"."v" ADD CONSTRAINT "f" FOREIGN KEY ("x") REFERENCES "public"."u" ("id") NOT VALID;
COMMIT;
