SELECT a.attname, pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d
    JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
    WHERE d.adrelid = 'ev'::regclass ORDER BY 1;
SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'ck';
SELECT pg_get_indexdef('ev_day'::regclass);
SELECT pg_get_viewdef('v'::regclass);
