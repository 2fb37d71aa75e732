BEGIN;
CREATE VIEW public.item_pairs AS SELECT id, (p).* FROM items;
CREATE VIEW public.item_rows AS SELECT i AS r, row_to_json(i) AS j FROM items i WHERE i IS NOT NULL;
CREATE VIEW public.w_rows AS SELECT w FROM o.w;
CREATE VIEW public.row_fields AS SELECT (s.r).*, (s.r).p.b FROM (SELECT i AS r FROM items i) s;
COMMIT;
