INSERT INTO t VALUES (1, 'a1', 'g1', 'b1'), (2, 'a2', 'g2', 'b2');
