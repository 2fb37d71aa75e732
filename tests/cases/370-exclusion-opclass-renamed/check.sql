SELECT conrelid::regclass, conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'x' ORDER BY 1::text, 2;
SELECT count(*) FROM t;
