SELECT n, s, x, r FROM t;
