SELECT lanname, lanacl FROM pg_language WHERE lanname = 'plx';
