BEGIN;
-- hazard access-exclusive-lock: locks table "events" against reads and writes while it runs
ALTER TABLE "public"."events" ADD COLUMN "seq" bigint;
-- hazard access-exclusive-lock: locks table "events" against reads and writes while it runs
ALTER TABLE "public"."events" ADD COLUMN "price" numeric(10,2);
-- hazard access-exclusive-lock: locks table "events" against reads and writes while it runs
ALTER TABLE "public"."events" ADD COLUMN "ratio" double precision DEFAULT '1e3';
-- hazard access-exclusive-lock: locks table "events" against reads and writes while it runs
ALTER TABLE "public"."events" ADD COLUMN "weight" real DEFAULT '1e6';
-- hazard access-exclusive-lock: locks table "events" against reads and writes while it runs
ALTER TABLE "public"."events" ADD COLUMN "starts_at" timestamp(3) with time zone;
-- hazard access-exclusive-lock: locks table "events" against reads and writes while it runs
ALTER TABLE "public"."events" ADD COLUMN "opens" time with time zone DEFAULT '09:00+02';
-- hazard access-exclusive-lock: locks table "events" against reads and writes while it runs
ALTER TABLE "public"."events" ADD COLUMN "payload" jsonb;
-- hazard access-exclusive-lock: locks table "events" against reads and writes while it runs
ALTER TABLE "public"."events" ADD COLUMN "active" boolean DEFAULT 'yes';
-- hazard access-exclusive-lock: locks table "events" against reads and writes while it runs
ALTER TABLE "public"."events" ADD COLUMN "token" uuid DEFAULT 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11';
-- hazard access-exclusive-lock: locks table "events" against reads and writes while it runs
-- hazard validates-by-scan: scans table "events" to check every row
ALTER TABLE "public"."events" ADD CONSTRAINT "recent" CHECK (starts_at >= '2020-01-01 12:30:00.5+02');
-- hazard access-exclusive-lock: locks table "events" against reads and writes while it runs
-- hazard validates-by-scan: scans table "events" to check every row
ALTER TABLE "public"."events" ADD CONSTRAINT "positive" CHECK (id > '0' AND seq >= '1' AND '0.50' <= price);
-- hazard access-exclusive-lock: locks table "events" against reads and writes while it runs
-- hazard validates-by-scan: scans table "events" to check every row
ALTER TABLE "public"."events" ADD CONSTRAINT "bounded" CHECK (ratio < '1e20' AND weight BETWEEN '0' AND '1e6');
-- hazard access-exclusive-lock: locks table "events" against reads and writes while it runs
-- hazard validates-by-scan: scans table "events" to check every row
ALTER TABLE "public"."events" ADD CONSTRAINT "shaped" CHECK (payload @> '{"kind":"event",  "v":1}' OR active <> 'on');
-- hazard access-exclusive-lock: locks table "events" against reads and writes while it runs
-- hazard validates-by-scan: scans table "events" to check every row
ALTER TABLE "public"."events" ADD CONSTRAINT "listed" CHECK (id IN ('1', '2', '3') OR token <> '{A0EEBC99-9C0B4EF8-BB6D6BB9-BD380A11}');
CREATE DOMAIN public.quantity AS int CONSTRAINT quantity_check CHECK (value > '0') CONSTRAINT quantity_check1 CHECK (value IN ('1', '10', '100'));
CREATE DOMAIN public.stamp AS timestamp (0) with time zone CONSTRAINT modern CHECK (value >= '2000-01-01') CONSTRAINT bounded CHECK (value < '3000-01-01 00:00+01');
-- hazard builds-index: builds index "events_future" on "events", blocking writes meanwhile
CREATE INDEX events_future ON public.events USING btree (id) WHERE starts_at > '2024-06-01' AND active = 't';
-- hazard builds-index: builds index "events_kind" on "events", blocking writes meanwhile
CREATE INDEX events_kind ON public.events USING gin (payload) WHERE payload @> '{"kind": "event"}';
COMMIT;
