BEGIN;
-- hazard access-exclusive-lock: locks table "accounts" against reads and writes while it runs
ALTER TABLE "public"."accounts" RENAME TO "wallets";
-- online: SET NOT NULL through a check added NOT VALID (no scan under the lock)
-- hazard access-exclusive-lock: locks table "wallets" (briefly) against reads and writes while it runs
ALTER TABLE "public"."wallets" ADD CONSTRAINT "wallets_owner_not_null" CHECK ("owner" IS NOT NULL) NOT VALID;
-- online: validate the check; writers keep running
-- hazard validates-by-scan: scans table "wallets" for NULLs in "owner"
-- hazard needs-backfill: sets column "wallets"."owner" NOT NULL: fails if it holds NULLs; fill them first (UPDATE ... WHERE "owner" IS NULL)
ALTER TABLE "public"."wallets" VALIDATE CONSTRAINT "wallets_owner_not_null";
-- online: the validated check proves it, so no scan
-- hazard access-exclusive-lock: locks table "wallets" (briefly) against reads and writes while it runs
ALTER TABLE "public"."wallets" ALTER COLUMN "owner" SET NOT NULL;
-- online: the check has done its work
-- hazard access-exclusive-lock: locks table "wallets" (briefly) against reads and writes while it runs
ALTER TABLE "public"."wallets" DROP CONSTRAINT "wallets_owner_not_null";
CREATE TABLE "public"."notes" (
    "id" integer,
    "user_id" integer,
    CONSTRAINT "notes_id_check" CHECK (id > 0)
);
-- hazard builds-index: builds index "events_user_idx" on "events", blocking writes meanwhile
CREATE INDEX events_user_idx ON public.events USING btree (user_id);
CREATE INDEX notes_user_idx ON public.notes USING btree (user_id);
COMMIT;
-- online: build the index without blocking writes (outside a transaction)
-- hazard builds-index: builds index "wallets_owner_idx" on "wallets"
CREATE INDEX CONCURRENTLY wallets_owner_idx ON public.wallets USING btree (owner);
BEGIN;
-- hazard validates-by-scan: scans table "events" to check the foreign key; blocks writes to it and to "users" meanwhile
ALTER TABLE "public"."events" ADD CONSTRAINT "events_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."users" ("id");
-- online: add the foreign key NOT VALID (no scan under the lock), validate next
ALTER TABLE "public"."wallets" ADD CONSTRAINT "wallets_owner_fkey" FOREIGN KEY ("owner") REFERENCES "public"."users" ("id") NOT VALID;
-- online: validate under SHARE UPDATE EXCLUSIVE; writers keep running
-- hazard validates-by-scan: scans table "wallets" to validate constraint "wallets_owner_fkey"
ALTER TABLE "public"."wallets" VALIDATE CONSTRAINT "wallets_owner_fkey";
ALTER TABLE "public"."notes" ADD CONSTRAINT "notes_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."users" ("id");
COMMIT;
