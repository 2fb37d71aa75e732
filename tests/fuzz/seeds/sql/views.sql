CREATE TABLE t (id int PRIMARY KEY, a int, d date, n numeric(10,2), j jsonb);
CREATE TABLE u (id int, b bigint, name text);
CREATE VIEW v1 AS SELECT id, a FROM t WHERE id IN (SELECT max(id) FROM t GROUP BY a);
CREATE VIEW v2 AS SELECT DISTINCT ON (a) a + 1 AS x, 'b'::text FROM t GROUP BY 1, a ORDER BY a, x;
CREATE VIEW v3 AS WITH c(q) AS (SELECT id FROM t) SELECT * FROM c JOIN u ON u.id = c.q;
CREATE VIEW v4 AS SELECT * FROM (SELECT id, a FROM t UNION SELECT id, b FROM u ORDER BY 2) s;
CREATE VIEW v5 (p) AS SELECT * FROM t NATURAL JOIN u FULL JOIN v4 s USING (id, a);
CREATE MATERIALIZED VIEW m AS SELECT date_trunc('month', d), to_timestamp(b), n * a, d - interval '1 WEEK' AS w,
  jsonb_extract_path_text(j, VARIADIC ARRAY['x', 'y']) FROM t RIGHT JOIN u USING (id) GROUP BY 1, 2, 3, 4, 5;
