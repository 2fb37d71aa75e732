-- online: drop the index without blocking reads and writes (outside a transaction)
DROP INDEX CONCURRENTLY "public"."posts_old_idx";
BEGIN;
-- online: SET NOT NULL through a check added NOT VALID (no scan under the lock)
-- hazard access-exclusive-lock: locks table "posts" (briefly) against reads and writes while it runs
ALTER TABLE "public"."posts" ADD CONSTRAINT "posts_user_id_not_null" CHECK ("user_id" IS NOT NULL) NOT VALID;
-- online: validate the check; writers keep running
-- hazard validates-by-scan: scans table "posts" for NULLs in "user_id"
-- hazard needs-backfill: sets column "posts"."user_id" NOT NULL: fails if it holds NULLs; fill them first (UPDATE ... WHERE "user_id" IS NULL)
ALTER TABLE "public"."posts" VALIDATE CONSTRAINT "posts_user_id_not_null";
-- online: the validated check proves it, so no scan
-- hazard access-exclusive-lock: locks table "posts" (briefly) against reads and writes while it runs
ALTER TABLE "public"."posts" ALTER COLUMN "user_id" SET NOT NULL;
-- online: the check has done its work
-- hazard access-exclusive-lock: locks table "posts" (briefly) against reads and writes while it runs
ALTER TABLE "public"."posts" DROP CONSTRAINT "posts_user_id_not_null";
-- online: add the check NOT VALID (no scan under the lock), validate next
-- hazard access-exclusive-lock: locks table "posts" (briefly) against reads and writes while it runs
ALTER TABLE "public"."posts" ADD CONSTRAINT "posts_id_check" CHECK (id > 0) NOT VALID;
-- online: validate under SHARE UPDATE EXCLUSIVE; writers keep running
-- hazard validates-by-scan: scans table "posts" to validate constraint "posts_id_check"
ALTER TABLE "public"."posts" VALIDATE CONSTRAINT "posts_id_check";
COMMIT;
-- online: build the index without blocking writes (outside a transaction)
-- hazard builds-index: builds index "posts_user_idx" on "posts"
CREATE INDEX CONCURRENTLY posts_user_idx ON public.posts USING btree (user_id);
BEGIN;
-- online: add the foreign key NOT VALID (no scan under the lock), validate next
ALTER TABLE "public"."posts" ADD CONSTRAINT "posts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."users" ("id") NOT VALID;
-- online: validate under SHARE UPDATE EXCLUSIVE; writers keep running
-- hazard validates-by-scan: scans table "posts" to validate constraint "posts_user_id_fkey"
ALTER TABLE "public"."posts" VALIDATE CONSTRAINT "posts_user_id_fkey";
COMMIT;
