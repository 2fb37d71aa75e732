SELECT proname, proacl FROM pg_proc WHERE pronamespace = 'app'::regnamespace ORDER BY 1;
