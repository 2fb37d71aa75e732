-- the server keeps the defaults and checks as the file gives them (as after.sql loaded as it is)
SELECT string_agg(attname || ' ' || pg_get_expr(adbin, adrelid), '; ' ORDER BY attrelid::regclass::text, attname)
  FROM pg_attrdef JOIN pg_attribute ON attrelid = adrelid AND attnum = adnum;
SELECT string_agg(pg_get_constraintdef(oid), '; ' ORDER BY conname) FROM pg_constraint WHERE contype = 'c' AND connamespace = 'public'::regnamespace;
