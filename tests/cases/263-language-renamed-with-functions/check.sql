SELECT p.proname, l.lanname FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
WHERE p.proname IN ('f', 'p', 's') ORDER BY 1;
