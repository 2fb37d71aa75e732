SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'events'::regclass ORDER BY 1;
SELECT indexrelid::regclass, pg_get_expr(indpred, indrelid) FROM pg_index WHERE indrelid = 'events'::regclass ORDER BY 1;
SELECT attname, pg_get_expr(adbin, adrelid) FROM pg_attrdef JOIN pg_attribute ON attrelid = adrelid AND attnum = adnum WHERE adrelid = 'events'::regclass ORDER BY 1;
SELECT contypid::regtype, conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contypid IN ('quantity'::regtype, 'stamp'::regtype) ORDER BY 1, 2;
