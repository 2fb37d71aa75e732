SELECT proname, proacl FROM pg_proc WHERE pronamespace = 'api'::regnamespace ORDER BY 1;
