BEGIN;
CREATE SCHEMA "hist";
CREATE FUNCTION hist.label(t text) RETURNS text LANGUAGE sql IMMUTABLE RETURN 'item ' || t;
CREATE TABLE "hist"."items" (
    "id" integer,
    "label" text
);
CREATE VIEW hist.recent AS SELECT id, label FROM hist.items;
-- hazard access-exclusive-lock: locks view "hist.recent" against reads and writes while it runs
CREATE RULE recent_ro AS ON DELETE TO hist.recent DO INSTEAD NOTHING;
-- hazard access-exclusive-lock: locks table "items" against reads and writes while it runs
CREATE RULE items_hist AS ON INSERT TO public.items DO INSERT INTO hist.items VALUES (new.id, hist.label(new.name));
COMMIT;
