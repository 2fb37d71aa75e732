SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'articles'::regclass ORDER BY 1;
SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = 'articles'::regclass ORDER BY indexrelid::regclass::text;
