SELECT proname, proacl FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY 1;
