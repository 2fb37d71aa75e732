SELECT pg_get_viewdef('item_pairs'::regclass);
SELECT pg_get_viewdef('item_rows'::regclass);
SELECT pg_get_viewdef('w_rows'::regclass);
SELECT pg_get_viewdef('row_fields'::regclass);
