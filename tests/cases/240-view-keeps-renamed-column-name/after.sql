CREATE TABLE t (b int, c text);
CREATE VIEW v AS SELECT b AS a, c FROM t WHERE b > 0;
