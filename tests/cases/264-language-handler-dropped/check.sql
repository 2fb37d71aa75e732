SELECT l.lanname, h.proname, i.proname FROM pg_language l
    JOIN pg_proc h ON h.oid = l.lanplcallfoid JOIN pg_proc i ON i.oid = l.laninline
    WHERE l.lanname = 'plx';
SELECT proname, prosrc FROM pg_proc WHERE proname IN ('f', 'g', 'h') ORDER BY 1;
