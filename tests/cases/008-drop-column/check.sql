SELECT id, a, b FROM t ORDER BY id;
