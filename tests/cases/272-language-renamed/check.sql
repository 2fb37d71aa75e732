SELECT lanname, lanacl FROM pg_language WHERE lanname IN ('plx', 'ply');
