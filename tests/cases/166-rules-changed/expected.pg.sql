BEGIN;
-- hazard access-exclusive-lock: locks table "items" against reads and writes while it runs
DROP RULE "Items Delete" ON "public"."items";
-- hazard access-exclusive-lock: locks view "cheap" against reads and writes while it runs
CREATE OR REPLACE RULE cheap_ins AS ON INSERT TO public.cheap DO INSTEAD INSERT INTO items VALUES (new.id, new.name, 2) RETURNING id, name;
-- hazard access-exclusive-lock: locks table "items" against reads and writes while it runs
CREATE RULE items_log_delete AS ON DELETE TO public.items DO DELETE FROM audit.log WHERE id = old.id;
-- hazard access-exclusive-lock: locks table "items" against reads and writes while it runs
CREATE OR REPLACE RULE items_no_negative AS ON INSERT TO public.items WHERE new.price <= 0 DO INSTEAD NOTHING;
-- hazard access-exclusive-lock: locks table "items" against reads and writes while it runs
CREATE OR REPLACE RULE items_upd AS ON UPDATE TO public.items WHERE old.price IS DISTINCT FROM new.price DO INSERT INTO audit.log VALUES (old.id, 'price changed');
COMMIT;
