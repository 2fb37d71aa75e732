SELECT relname, relacl FROM pg_class WHERE relname IN ('t', 'u') ORDER BY 1;
