-- storage parameters reset and replica identity back to its default
CREATE TABLE t (a int PRIMARY KEY, b int NOT NULL, c text);
CREATE UNIQUE INDEX t_b ON t (b);
CREATE TABLE u (a int, b text);
CREATE TABLE w (a int NOT NULL, b jsonb) WITH (autovacuum_enabled = false);
CREATE UNIQUE INDEX w_a ON w (a);
