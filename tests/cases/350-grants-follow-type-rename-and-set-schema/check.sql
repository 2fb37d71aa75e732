SELECT n.nspname, typname, typacl FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE nspname IN ('public', 'app') AND typname NOT LIKE '\_%' ORDER BY 1, 2;
