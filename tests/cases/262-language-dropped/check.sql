SELECT lanname, lanacl FROM pg_language WHERE lanname = 'plx';
SELECT proname FROM pg_proc WHERE proname IN ('f', 'g', 'h') ORDER BY 1;
