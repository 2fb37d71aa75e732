SELECT n.nspname, proname, proacl FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE nspname IN ('public', 'api') ORDER BY 1, 2;
