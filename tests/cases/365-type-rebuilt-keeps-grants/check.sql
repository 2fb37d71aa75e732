SELECT typname, typacl FROM pg_type WHERE typname IN ('pair', 'mood') ORDER BY 1;
