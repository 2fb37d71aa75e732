SELECT proname, proacl FROM pg_proc WHERE proname IN ('f', 'g') AND pronamespace = 'public'::regnamespace ORDER BY 1;
