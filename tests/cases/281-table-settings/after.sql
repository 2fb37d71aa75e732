-- storage parameters and replica identity: set on a table, changed, and on a new one
CREATE TABLE t (a int PRIMARY KEY, b int NOT NULL, c text) WITH (fillfactor = 70, toast.autovacuum_enabled = off);
CREATE UNIQUE INDEX t_b ON t (b);
ALTER TABLE t REPLICA IDENTITY USING INDEX t_b;
CREATE TABLE u (a int, b text) WITH (autovacuum_vacuum_scale_factor = 0.05);
ALTER TABLE u REPLICA IDENTITY FULL;
CREATE TABLE w (a int NOT NULL, b jsonb) WITH (autovacuum_enabled = false);
CREATE UNIQUE INDEX w_a ON w (a);
ALTER TABLE w REPLICA IDENTITY USING INDEX w_a;
