SELECT proname, proacl FROM pg_proc WHERE proname IN ('f', 'g', 'h', 'k') AND pronamespace = 'public'::regnamespace ORDER BY 1;
