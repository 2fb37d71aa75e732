BEGIN;
-- hazard access-exclusive-lock: locks table "build_events" against reads and writes while it runs
-- hazard rewrites-table: changes the type of column "build_events"."build_id" from integer to bigint: rewrites every row
ALTER TABLE "public"."build_events" ALTER COLUMN "build_id" TYPE bigint USING "build_id"::bigint;
-- hazard access-exclusive-lock: locks table "build_events" against reads and writes while it runs
ALTER TABLE "public"."build_events" ALTER COLUMN "build_id" DROP NOT NULL;
-- hazard access-exclusive-lock: locks table "build_events" against reads and writes while it runs
-- hazard needs-backfill: adds column "build_events"."build_id_old" NOT NULL without a default: fails if "build_events" has rows; give it a DEFAULT, or add it nullable, fill it, then SET NOT NULL
ALTER TABLE "public"."build_events" ADD COLUMN "build_id_old" integer NOT NULL;
-- hazard builds-index: builds index "build_events_build_id_old_event_id" on "build_events", blocking writes meanwhile
CREATE UNIQUE INDEX build_events_build_id_old_event_id ON public.build_events USING btree (build_id_old, event_id);
COMMIT;
