INSERT INTO t VALUES (1, 'x', 'y', 1.5, 'z', 'w');
