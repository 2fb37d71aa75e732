INSERT INTO t (a) VALUES ('x'), ('y'), ('z'); DELETE FROM t WHERE a = 'z';
