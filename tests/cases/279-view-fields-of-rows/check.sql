SELECT pg_get_viewdef('item_fields'::regclass);
