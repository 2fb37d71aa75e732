BEGIN;
CREATE VIEW public.item_fields AS SELECT (items).id, (p).a, (items.p).b, tags[1], tags[1:2] AS head FROM items;
COMMIT;
