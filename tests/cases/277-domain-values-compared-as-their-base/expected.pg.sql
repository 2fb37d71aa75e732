BEGIN;
-- hazard access-exclusive-lock: locks table "items" against reads and writes while it runs
-- hazard validates-by-scan: scans table "items" to check every row
ALTER TABLE "public"."items" ADD CONSTRAINT "small" CHECK (qty < 1000 AND qty IN ('1', '10', '100', '500'));
-- hazard access-exclusive-lock: locks table "items" against reads and writes while it runs
-- hazard validates-by-scan: scans table "items" to check every row
ALTER TABLE "public"."items" ADD CONSTRAINT "mailed" CHECK (lower(contact) = contact AND contact <> '');
-- hazard builds-index: builds index "items_big" on "items", blocking writes meanwhile
CREATE INDEX items_big ON public.items USING btree (id) WHERE qty > '10';
CREATE VIEW public.big_items AS SELECT id, qty + 1 AS next FROM items WHERE qty BETWEEN '10' AND 100;
COMMIT;
