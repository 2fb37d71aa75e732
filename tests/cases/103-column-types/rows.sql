INSERT INTO t VALUES (1, 'abc', '42', 1.5);
