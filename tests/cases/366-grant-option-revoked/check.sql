SELECT proname, proacl FROM pg_proc WHERE proname = 'f' AND pronamespace = 'public'::regnamespace;
SELECT typname, typacl FROM pg_type WHERE typname = 'mood';
