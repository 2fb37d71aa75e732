SELECT proname, proacl FROM pg_proc WHERE proname IN ('p', 'q', 'mysum') AND pronamespace = 'public'::regnamespace ORDER BY 1;
