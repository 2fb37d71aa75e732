BEGIN;
-- hazard access-exclusive-lock: locks table "items" against reads and writes while it runs
DROP RULE "items_guard" ON "public"."items";
-- hazard access-exclusive-lock: locks view "priced" against reads and writes while it runs
DROP RULE "priced_ins" ON "public"."priced";
-- hazard access-exclusive-lock: locks view "priced" against reads and writes while it runs
DROP VIEW "public"."priced";
CREATE VIEW public.priced AS SELECT id, price FROM items;
-- hazard access-exclusive-lock: locks table "items" against reads and writes while it runs
CREATE RULE items_guard AS ON DELETE TO public.items WHERE EXISTS (SELECT 1 FROM priced p WHERE p.id = old.id AND p.price > 100) DO INSTEAD NOTHING;
-- hazard access-exclusive-lock: locks view "priced" against reads and writes while it runs
CREATE RULE priced_ins AS ON INSERT TO public.priced DO INSTEAD INSERT INTO items VALUES (new.id, NULL, new.price);
COMMENT ON RULE priced_ins ON public.priced IS 'insert through the view';
COMMIT;
