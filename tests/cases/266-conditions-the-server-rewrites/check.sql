SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 't'::regclass ORDER BY 1;
SELECT pg_get_indexdef('t_same'::regclass);
