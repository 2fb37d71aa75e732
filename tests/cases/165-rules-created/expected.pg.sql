BEGIN;
-- hazard access-exclusive-lock: locks view "cheap" against reads and writes while it runs
CREATE RULE cheap_ins AS ON INSERT TO public.cheap DO INSTEAD INSERT INTO items VALUES (new.id, new.name, 1) RETURNING id, name;
-- hazard access-exclusive-lock: locks table "items" against reads and writes while it runs
CREATE RULE "Items Delete" AS ON DELETE TO public.items DO INSTEAD UPDATE items SET price = NULL WHERE id = old.id;
-- hazard access-exclusive-lock: locks table "items" against reads and writes while it runs
CREATE RULE items_log AS ON INSERT TO public.items DO INSERT INTO audit.log (id, what) VALUES (new.id, 'insert ' || new.name);
-- hazard access-exclusive-lock: locks table "items" against reads and writes while it runs
CREATE RULE items_no_negative AS ON INSERT TO public.items WHERE new.price < 0 DO INSTEAD NOTHING;
-- hazard access-exclusive-lock: locks table "items" against reads and writes while it runs
CREATE RULE items_upd AS ON UPDATE TO public.items WHERE old.price IS DISTINCT FROM new.price DO (INSERT INTO audit.log VALUES (old.id, 'old price'); INSERT INTO audit.log (what, id) VALUES ('new price', new.id));
COMMENT ON RULE "Items Delete" ON public.items IS 'soft delete';
COMMIT;
