CREATE TABLE t (a INTEGER, b TEXT);
-- each view reads one that sorts after it
CREATE VIEW c3 AS SELECT a, b FROM t;
CREATE VIEW b2 AS SELECT a FROM c3 WHERE b IS NOT NULL;
CREATE VIEW a1 AS SELECT count(*) AS n FROM b2;
