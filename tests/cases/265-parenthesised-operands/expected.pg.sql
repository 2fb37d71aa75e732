BEGIN;
-- hazard access-exclusive-lock: locks table "ev" against reads and writes while it runs
ALTER TABLE "public"."ev" ADD COLUMN "a" text DEFAULT ((now() AT TIME ZONE 'utc')::text COLLATE "C");
-- hazard access-exclusive-lock: locks table "ev" against reads and writes while it runs
ALTER TABLE "public"."ev" ADD COLUMN "b" boolean DEFAULT (('x' IS NFC NORMALIZED )::text = 'true');
-- hazard access-exclusive-lock: locks table "ev" against reads and writes while it runs
-- hazard rewrites-table: fills column "ev"."c" with a value per row: rewrites "ev"
ALTER TABLE "public"."ev" ADD COLUMN "c" date GENERATED ALWAYS AS ((ts AT TIME ZONE 'UTC')::date) STORED;
-- hazard access-exclusive-lock: locks table "ev" against reads and writes while it runs
-- hazard validates-by-scan: scans table "ev" to check every row
ALTER TABLE "public"."ev" ADD CONSTRAINT "ck" CHECK ((ts AT TIME ZONE 'UTC')::date > '2000-01-01');
-- hazard builds-index: builds index "ev_day" on "ev", blocking writes meanwhile
CREATE INDEX ev_day ON public.ev USING btree (((ts AT TIME ZONE 'UTC')::date));
CREATE VIEW public.v AS SELECT id, (ts AT TIME ZONE 'UTC')::date AS day, (ts AT TIME ZONE 'UTC')::time::text AS t, (ts + '1 day'::interval) AT TIME ZONE 'UTC' AS next_day, (ARRAY[id, 2])[1] AS first, (string_to_array(a, ','))[1] AS part FROM ev;
COMMIT;
