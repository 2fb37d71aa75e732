BEGIN;
-- hazard access-exclusive-lock: locks table "posts" against reads and writes while it runs
DROP INDEX "public"."posts_old_idx";
-- hazard access-exclusive-lock: locks table "posts" against reads and writes while it runs
-- hazard validates-by-scan: scans table "posts" for NULLs in "user_id"
-- hazard needs-backfill: sets column "posts"."user_id" NOT NULL: fails if it holds NULLs; fill them first (UPDATE ... WHERE "user_id" IS NULL)
ALTER TABLE "public"."posts" ALTER COLUMN "user_id" SET NOT NULL;
-- hazard access-exclusive-lock: locks table "posts" against reads and writes while it runs
-- hazard validates-by-scan: scans table "posts" to check every row
ALTER TABLE "public"."posts" ADD CONSTRAINT "posts_id_check" CHECK (id > 0);
-- hazard builds-index: builds index "posts_user_idx" on "posts", blocking writes meanwhile
CREATE INDEX posts_user_idx ON public.posts USING btree (user_id);
-- hazard validates-by-scan: scans table "posts" to check the foreign key; blocks writes to it and to "users" meanwhile
ALTER TABLE "public"."posts" ADD CONSTRAINT "posts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."users" ("id");
COMMIT;
