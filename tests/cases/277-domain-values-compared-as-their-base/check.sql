SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'items'::regclass ORDER BY 1;
SELECT pg_get_indexdef('items_big'::regclass);
SELECT pg_get_viewdef('big_items'::regclass);
