BEGIN;
-- hazard access-exclusive-lock: locks table "items" against reads and writes while it runs
DROP RULE "items_log" ON "public"."items";
-- hazard access-exclusive-lock: locks table "items" against reads and writes while it runs
DROP RULE "items_qty" ON "public"."items";
-- hazard access-exclusive-lock: locks table "items" against reads and writes while it runs
ALTER TABLE "public"."items" ALTER COLUMN "name" TYPE text USING "name"::text;
-- hazard access-exclusive-lock: locks table "log" against reads and writes while it runs
ALTER TABLE "public"."log" ALTER COLUMN "name" TYPE text USING "name"::text;
-- hazard access-exclusive-lock: locks table "items" against reads and writes while it runs
CREATE RULE items_log AS ON INSERT TO public.items DO INSERT INTO log VALUES (new.id, new.name);
-- hazard access-exclusive-lock: locks table "items" against reads and writes while it runs
CREATE RULE items_qty AS ON UPDATE TO public.items WHERE new.qty < 0 DO INSTEAD NOTHING;
COMMIT;
