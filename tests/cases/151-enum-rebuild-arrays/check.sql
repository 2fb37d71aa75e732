SELECT m, ms, odd, odds FROM t;
